/**
 * What the worker does for one connected page: its requests in progress and the response bodies it
 * is reading, so that they can be dealt with when the page goes away. A dedicated worker dies with
 * its page, but a SharedWorker outlives it and is told nothing: no cancellation comes on a body's
 * port, and without this a closed tab's stream would wait forever for a reader.
 *
 * What happens then depends on what the page asked for. A write (any request but `GET` and `HEAD`:
 * a message sent, a retry, an upload) was accepted: it goes on to its end, and a reply it streams is
 * read to the end in the worker (its bytes thrown away as they come), so the server stores it in
 * full and other tabs watching the thread see it arrive. A read (`GET`: the changes feed, a
 * download) only served the page, so it is aborted or cancelled. An explicit stop from the page (its
 * `AbortSignal`, which reaches {@link PageSession.abort}, or a cancelled body) always cancels.
 */
export class PageSession {
  private readonly inFlight = new Map<number, { abort: AbortController; outlivesPage: boolean }>();
  private readonly bodies = new Set<(reason: DOMException) => void>();
  private readonly drains = new Set<Promise<void>>();
  private closed = false;
  private watched = false;

  /**
   * Starts tracking response bodies: only worth it where the page can vanish while the worker
   * lives on (a SharedWorker); a dedicated worker's bodies pass through untouched.
   */
  watch(): void {
    this.watched = true;
  }

  /**
   * Registers request `id`; the returned controller aborts its `Request.signal`.
   * @param outlivesPage whether the request goes on when the page goes away (a write) rather than
   *   being aborted (a read).
   */
  begin(id: number, outlivesPage: boolean): AbortController {
    const abort = new AbortController();
    if (this.closed && !outlivesPage) abort.abort(goneError('The page went away.'));
    else if (!this.closed) this.inFlight.set(id, { abort, outlivesPage });
    return abort;
  }

  /** Forgets request `id` once answered: from then on its body carries any abort. */
  end(id: number): void {
    this.inFlight.delete(id);
  }

  /** Aborts request `id` while it waits for its answer (the page's `AbortSignal` fired). */
  abort(id: number, reason?: string): void {
    this.inFlight.get(id)?.abort.abort(goneError(reason ?? 'The request was aborted.'));
  }

  /**
   * `body` as the page will read it: the same chunks, and cancelling it (the page's stop) cancels
   * `body`, which the server treats as the client going away. If the page goes away before reading
   * it to the end, `body` is cancelled too, or, when `outlivesPage`, read to its end in the worker
   * with every chunk dropped as it arrives (one chunk at a time, so a long reply holds no memory).
   * Unchanged until {@link watch} is called.
   * @param body the rest of an event stream.
   * @param outlivesPage whether the stream is a write's reply, to be finished without its page.
   */
  track(body: ReadableStream<Uint8Array>, outlivesPage: boolean): ReadableStream<Uint8Array> {
    if (!this.watched) return body;
    const reader = body.getReader();
    /** Set once the page is gone: the page's stream is over, whatever happens to `body`. */
    let abandoned = false;
    let onPageGone: (reason: DOMException) => void = () => undefined;
    const forget = () => this.bodies.delete(onPageGone);
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          onPageGone = (reason) => {
            forget();
            abandoned = true;
            // The page's end of the stream is released; nobody will read it.
            controller.error(reason);
            if (outlivesPage) this.drain(reader);
            else void reader.cancel(reason).catch(() => undefined);
          };
          if (this.closed) onPageGone(goneError('The page went away.'));
          else this.bodies.add(onPageGone);
        },
        pull: async (controller) => {
          try {
            const step = await reader.read();
            // A chunk read for a page that has gone meanwhile is dropped (the drain reads the rest).
            if (abandoned) return;
            if (step.done) {
              forget();
              controller.close();
            } else {
              controller.enqueue(step.value);
            }
          } catch (error) {
            forget();
            if (!abandoned) controller.error(error);
          }
        },
        cancel: async (reason) => {
          // Only a living page cancels: once it is gone, the body is the drain's.
          if (abandoned) return;
          forget();
          await reader.cancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
  }

  /**
   * The page is gone: aborts the reads it has in progress and cancels the bodies of reads it was
   * reading; its writes go on, and their replies are read to the end in the worker.
   */
  close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    const error = goneError(reason);
    for (const { abort, outlivesPage } of this.inFlight.values()) if (!outlivesPage) abort.abort(error);
    this.inFlight.clear();
    for (const onPageGone of [...this.bodies]) onPageGone(error);
  }

  /** How many requests and bodies are tracked (for leak tests). */
  get size(): number {
    return this.inFlight.size + this.bodies.size;
  }

  /** How many replies of a vanished page are still being read to their end (for tests). */
  get drainCount(): number {
    return this.drains.size;
  }

  /** Resolves once every reply being read to its end has ended (for tests). */
  async drained(): Promise<void> {
    while (this.drains.size > 0) await Promise.all(this.drains);
  }

  /** Reads `reader` to its end, dropping each chunk: the server goes on producing, and storing, the reply. */
  private drain(reader: ReadableStreamDefaultReader<Uint8Array>): void {
    const drain = (async () => {
      try {
        while (!(await reader.read()).done) {
          // Nothing to keep: the reply's worth is what the server stores.
        }
      } catch {
        // The stream failed: the server has reported it and left the store consistent.
      }
    })();
    this.drains.add(drain);
    void drain.finally(() => this.drains.delete(drain));
  }
}

function goneError(message: string): DOMException {
  return new DOMException(message, 'AbortError');
}

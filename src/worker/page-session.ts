/**
 * What the worker does for one connected page: its requests in progress and the response bodies it
 * is reading, so that all of them can be stopped when the page goes away. A dedicated worker dies
 * with its page, but a SharedWorker outlives it and is told nothing: a transferred stream's
 * `cancel()` never runs, so without this a closed tab's stream would run (and hold its thread) on
 * its own.
 */
export class PageSession {
  private readonly inFlight = new Map<number, AbortController>();
  private readonly bodies = new Set<(reason: unknown) => void>();
  private closed = false;
  private watched = false;

  /**
   * Starts tracking response bodies: only worth it where the page can vanish while the worker
   * lives on (a SharedWorker); a dedicated worker's bodies pass through untouched.
   */
  watch(): void {
    this.watched = true;
  }

  /** Registers request `id`; the returned controller aborts its `Request.signal`. */
  begin(id: number): AbortController {
    const abort = new AbortController();
    if (this.closed) abort.abort(goneError('The page went away.'));
    else this.inFlight.set(id, abort);
    return abort;
  }

  /** Forgets request `id` once answered: from then on its body carries any abort. */
  end(id: number): void {
    this.inFlight.delete(id);
  }

  /** Aborts request `id` while it waits for its answer (the page's `AbortSignal` fired). */
  abort(id: number, reason?: string): void {
    this.inFlight.get(id)?.abort(goneError(reason ?? 'The request was aborted.'));
  }

  /**
   * `body` as the page will read it: the same chunks, but cancelled (which the server treats as the
   * client going away) if the page goes away before reading it to the end. Unchanged until
   * {@link watch} is called.
   */
  track(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    if (!this.watched) return body;
    const reader = body.getReader();
    let stop: (reason: unknown) => void = () => undefined;
    const forget = () => this.bodies.delete(stop);
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          stop = (reason) => {
            forget();
            controller.error(reason);
            void reader.cancel(reason).catch(() => undefined);
          };
          if (this.closed) stop(goneError('The page went away.'));
          else this.bodies.add(stop);
        },
        pull: async (controller) => {
          try {
            const step = await reader.read();
            if (step.done) {
              forget();
              controller.close();
            } else {
              controller.enqueue(step.value);
            }
          } catch (error) {
            forget();
            controller.error(error);
          }
        },
        cancel: async (reason) => {
          forget();
          await reader.cancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
  }

  /** The page is gone: aborts every request it has in progress and cancels every body it reads. */
  close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    const error = goneError(reason);
    for (const abort of this.inFlight.values()) abort.abort(error);
    this.inFlight.clear();
    for (const stop of [...this.bodies]) stop(error);
  }

  /** How many requests and bodies are tracked (for leak tests). */
  get size(): number {
    return this.inFlight.size + this.bodies.size;
  }
}

function goneError(message: string): DOMException {
  return new DOMException(message, 'AbortError');
}

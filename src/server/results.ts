/** What `ChatKitServer.process()` returns: a stream of SSE frames, or one JSON document. */
import { encodeFrame } from './sse.ts';
import { eventToJson } from '../protocol/serialize.ts';
import type { ThreadStreamEvent } from '../protocol/events.ts';

/** The answer to a non-streaming request: `json` is the complete response body. */
export class NonStreamingResult {
  /** The response body (`application/json`). */
  readonly json: string;

  constructor(json: string) {
    this.json = json;
  }
}

/**
 * The answer to a streaming request: an async iterable of SSE frames (`data: <json>\n\n`), one frame
 * per chunk. Nothing runs until the first chunk is pulled.
 *
 * Stopping early means the client went away: calling `return()` on the iterator, cancelling the
 * {@link toReadableStream} stream, or aborting the `signal` given to `process()` all stop the
 * responder and run `handleStreamCancelled`; the returned promise settles once that is done.
 */
export class StreamingResult implements AsyncIterable<Uint8Array> {
  private readonly events: AsyncGenerator<ThreadStreamEvent, void, undefined>;
  private readonly cancel: AbortController;
  private inFlight: Promise<unknown> | null = null;
  private iterated = false;
  private finished = false;
  /** Set when the `process()` signal ended the stream early: later reads reject with its reason. */
  private abortedWith: { reason: unknown } | null = null;

  /** @internal Built by the server; `cancel` aborts the response pipeline. */
  constructor(events: AsyncGenerator<ThreadStreamEvent, void, undefined>, cancel: AbortController) {
    this.events = events;
    this.cancel = cancel;
  }

  /** Whether the stream was cancelled (client gone, `close()`, or the `process()` signal aborted). */
  get cancelled(): boolean {
    return this.cancel.signal.aborted;
  }

  /** The next stream event, unserialised (for in-process consumers such as tests and adapters). */
  async nextEvent(): Promise<IteratorResult<ThreadStreamEvent, void>> {
    const step = this.events.next();
    this.inFlight = step;
    try {
      const result = await step;
      if (result.done) {
        if (this.abortedWith) throw this.abortedWith.reason;
        this.finished = true;
      }
      return result;
    } finally {
      this.inFlight = null;
    }
  }

  /**
   * Stops the stream as a client disconnect does: aborts the responder's signal, waits for a pull in
   * progress to settle, then closes the pipeline (which runs `handleStreamCancelled`).
   * @param reason - the abort reason the responder's signal gets (an `AbortError` by default).
   */
  async close(
    reason: unknown = new DOMException('The client stopped reading the stream.', 'AbortError'),
  ): Promise<void> {
    this.cancel.abort(reason);
    if (this.inFlight) await this.inFlight.catch(() => undefined);
    await this.events.return(undefined);
  }

  /**
   * @internal The `process()` signal aborted: ends the stream at once, read or not (as {@link close}
   * does), and makes the next read reject with `reason`, as a read in progress does.
   */
  abort(reason: unknown): Promise<void> {
    if (!this.finished) this.abortedWith = { reason };
    return this.close(reason);
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    if (this.iterated) throw new TypeError('A StreamingResult can be iterated only once.');
    this.iterated = true;
    return {
      next: async () => {
        const step = await this.nextEvent();
        return step.done
          ? { done: true, value: undefined }
          : { done: false, value: encodeFrame(eventToJson(step.value)) };
      },
      return: async () => {
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }

  /** The frames as a byte stream; cancelling it is a client disconnect. */
  toReadableStream(): ReadableStream<Uint8Array> {
    const frames = this[Symbol.asyncIterator]();
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const step = await frames.next();
          if (step.done) controller.close();
          else controller.enqueue(step.value);
        },
        async cancel() {
          await frames.return?.();
        },
      },
      { highWaterMark: 0 },
    );
  }
}

/** What `ChatKitServer.process()` returns: a stream of SSE frames, or one JSON document. */
import { encodeFrame, eventStreamBody } from './sse.ts';
import { ResponseEvents, type EventSink, type ResponsePreamble } from './event-pipeline.ts';
import type { ThreadStreamEvent } from '../protocol/events.ts';

/** The answer to a non-streaming request: `json` is the complete response body. */
export class NonStreamingResult {
  /** The response body (`application/json`). */
  readonly json: string;

  constructor(json: string) {
    this.json = json;
  }
}

const isOver = (over: boolean): boolean => over;

/** How reads end once the stream is stopped. */
const enum AfterStop {
  /** The reader stopped (`close()`, `return()`, cancelling the stream): reads are done. */
  Done,
  /** The `process()` signal aborted: reads reject with its reason, as the read in progress did. */
  Reject,
}

/**
 * The answer to a streaming request: an async iterable of SSE frames (`data: <json>\n\n`), one frame
 * per iteration, as the Python SDK's. Nothing runs until the first frame is read.
 * {@link toReadableStream} gives the same frames as a byte stream whose chunks hold as many frames
 * as were ready together (see `server/sse.ts`), for transports.
 *
 * Stopping early means the client went away: calling `return()` on the iterator, cancelling the
 * {@link toReadableStream} stream, {@link close}, or aborting the `signal` given to `process()`
 * (which is how an aborted HTTP or worker request arrives). Every one of them aborts the same
 * controller, whose signal the responder gets: the responder is closed and, if the response had
 * begun (`stream_options` was read), `handleStreamCancelled` runs with the pending items; a read in
 * progress rejects at once with the abort reason.
 */
export class StreamingResult implements AsyncIterable<Uint8Array> {
  /** The one controller every way of stopping aborts; the responder and the pipeline listen to it. */
  private readonly controller = new AbortController();
  private readonly events: ResponseEvents;
  /** Set once stopped: how later reads end. */
  private afterStop: AfterStop | null = null;
  /** True once every event was read. */
  private over = false;
  /** The read in progress, if any: a stop rejects it at once. */
  private reading: Promise<unknown> | null = null;
  private settleRead: ((over: boolean) => void) | null = null;
  private failRead: ((reason: unknown) => void) | null = null;
  /** What the last one-at-a-time read took (an event or a frame). */
  private taken: unknown = undefined;
  private iterated = false;
  private detachSignal: (() => void) | null = null;
  private readonly takeEvent: EventSink = (event) => {
    if (this.afterStop === null) this.taken = event;
    return false;
  };
  private readonly takeFrame: EventSink = (event) => {
    if (this.afterStop === null) this.taken = encodeFrame(event);
    return false;
  };

  /**
   * @internal Built by `ChatKitServer.process()`.
   * @param start - the request's events, given the signal that stops the stream.
   * @param signal - the `process()` signal: its abort stops the stream (see {@link StreamingResult}).
   */
  constructor(start: (signal: AbortSignal) => ResponsePreamble, signal?: AbortSignal) {
    const own = this.controller.signal;
    own.addEventListener(
      'abort',
      () => {
        // The read in progress ends now, whatever the responder is doing; what it was taking is dropped.
        const fail = this.failRead;
        this.endRead();
        this.taken = undefined;
        fail?.(own.reason);
      },
      { once: true },
    );
    this.events = new ResponseEvents(start(own), own);
    if (signal) {
      const onAbort = () => this.stop(signal.reason, AfterStop.Reject);
      if (signal.aborted) {
        onAbort();
      } else {
        signal.addEventListener('abort', onAbort, { once: true });
        this.detachSignal = () => signal.removeEventListener('abort', onAbort);
      }
    }
  }

  /** Whether the stream was stopped (client gone, `close()`, or the `process()` signal aborted). */
  get cancelled(): boolean {
    return this.controller.signal.aborted;
  }

  /** The next stream event, unserialised (for in-process consumers such as tests and adapters). */
  nextEvent(): Promise<IteratorResult<ThreadStreamEvent, void>> {
    return this.readOne(this.takeEvent);
  }

  /**
   * Stops the stream as a client disconnect does: aborts the responder's signal (a read in progress
   * rejects with `reason`) and resolves once the responder is closed and `handleStreamCancelled` has
   * run. Reads after it are done.
   * @param reason - the abort reason the responder's signal gets (an `AbortError` by default).
   */
  async close(
    reason: unknown = new DOMException('The client stopped reading the stream.', 'AbortError'),
  ): Promise<void> {
    this.stop(reason, AfterStop.Done);
    await this.events.whenStopped();
  }

  /**
   * The frames, one per step. A frame is a view of a buffer that the frames after it share (so a
   * frame costs no allocation of its own): to transfer one to another thread, copy it (`slice()`)
   * first. `return()` stops the stream as {@link close} does.
   */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    if (this.iterated) throw new TypeError('A StreamingResult can be iterated only once.');
    this.iterated = true;
    return {
      next: () => this.readOne<Uint8Array>(this.takeFrame),
      return: async () => {
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }

  /**
   * The frames as a byte stream, several per chunk when they are ready together (nothing waits for
   * more); cancelling it is a client disconnect.
   */
  toReadableStream(): ReadableStream<Uint8Array> {
    return eventStreamBody(this);
  }

  /**
   * @internal Resolves once what a stop started (closing the responder, `handleStreamCancelled`) is
   * done: a transport ends its body after that, so a client that sees the end sees a consistent store.
   */
  whenStopped(): Promise<void> {
    return this.events.whenStopped();
  }

  /**
   * @internal Hands the next events to `sink` until it returns false (resolves false) or the stream
   * is over (resolves true): how transports take many events per turn. Rejects with an error the
   * pipeline did not turn into an `error` event, or with the abort reason if the `process()` signal
   * stopped the stream.
   */
  pull(sink: EventSink): Promise<boolean> {
    return this.read(sink, isOver);
  }

  /** One event or frame, through a sink that takes one. */
  private readOne<T>(take: EventSink): Promise<IteratorResult<T, void>> {
    return this.read(take, this.stepOf as (over: boolean) => IteratorResult<T, void>);
  }

  /** A run of the events into `sink`, its outcome given by `outcome`. */
  private read<T>(sink: EventSink, outcome: (over: boolean) => T): Promise<T> {
    if (this.afterStop !== null) {
      return this.afterStop === AfterStop.Reject
        ? Promise.reject(this.controller.signal.reason)
        : Promise.resolve(outcome(true));
    }
    if (this.over) return Promise.resolve(outcome(true));
    // Reads queue behind one another, as an async generator's do.
    if (this.reading) {
      const again = () => this.read(sink, outcome);
      return this.reading.then(again, again);
    }
    const reading = new Promise<T>((resolve, reject) => {
      this.settleRead = (over) => resolve(outcome(over));
      this.failRead = reject;
    });
    this.reading = reading;
    this.events.pump(sink).then(this.ranOut, this.runFailed);
    return reading;
  }

  private readonly stepOf = (): IteratorResult<unknown, void> => {
    const value = this.taken;
    this.taken = undefined;
    return value === undefined ? { done: true, value: undefined } : { done: false, value };
  };

  private readonly ranOut = (over: boolean): void => {
    const settle = this.settleRead;
    this.endRead();
    if (over) this.finish();
    settle?.(over);
  };

  private readonly runFailed = (error: unknown): void => {
    const fail = this.failRead;
    this.endRead();
    // A stream that failed is over: later reads are done.
    this.finish();
    fail?.(error);
  };

  private endRead(): void {
    this.reading = null;
    this.settleRead = null;
    this.failRead = null;
  }

  private finish(): void {
    this.over = true;
    this.detachSignal?.();
    this.detachSignal = null;
  }

  /** The one way a stream stops: every trigger comes here and aborts the controller. */
  private stop(reason: unknown, afterStop: AfterStop): void {
    if (this.afterStop === null && !this.over) this.afterStop = afterStop;
    this.detachSignal?.();
    this.detachSignal = null;
    this.controller.abort(reason);
  }
}

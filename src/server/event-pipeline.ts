/**
 * The response pipeline every streaming request runs its responder through:
 * `stream_options` first; then each event is validated, persisted (done → add, replaced → save,
 * removed → delete) *before* it is forwarded; hidden items' `done` is stored but not sent; pending
 * items are tracked for cancellation; thread changes become `thread.updated`; exceptions become an
 * `error` event; a client that goes away triggers `handleStreamCancelled`.
 *
 * Events are pushed to a sink in runs ({@link ResponsePipeline.pump}) rather than pulled one by one
 * through nested async generators: a run costs one `await` per responder event and nothing else, so
 * a transport can take hundreds of events per turn of the event loop.
 *
 * Cancellation is the abort of the one signal the stream shares with the responder. The pipeline
 * listens to it: a client that leaves after `stream_options` went out gets `handleStreamCancelled`
 * with the pending items, once, at a point where the store is consistent (after a write in progress,
 * never in the middle of one). Whatever the responder throws after the abort is part of the
 * cancellation, not an error.
 */
import type { ResponseEvent, ErrorEvent, ThreadStreamEvent } from '../protocol/events.ts';
import { isVisibleItem } from '../protocol/items.ts';
import type { StreamOptions } from '../protocol/events.ts';
import type { ThreadItem } from '../protocol/items.ts';
import type { ThreadMetadata } from '../protocol/thread.ts';
import { parseStreamEvent } from '../protocol/parse-event.ts';
import { toThreadResponse } from '../protocol/serialize.ts';
import type { Store } from '../store/types.ts';
import { isStorageFullError, STORAGE_FULL_MESSAGE } from '../store/errors.ts';
import { CustomStreamError, StreamError } from './errors.ts';
import { PendingItems } from './pending-items.ts';
import { ThreadChangeTracker } from './thread-changes.ts';

/** What the pipeline needs from the server for one response. */
export interface PipelineHost<TContext> {
  readonly store: Store<TContext>;
  getStreamOptions(thread: ThreadMetadata, context: TContext): StreamOptions;
  handleStreamCancelled(thread: ThreadMetadata, pendingItems: ThreadItem[], context: TContext): Promise<void>;
  reportError(error: unknown, context: TContext): void;
}

/**
 * Takes the stream's events one at a time. Returns false when it wants no more for now: the run
 * stops after that event (which it has taken).
 */
export type EventSink = (event: ThreadStreamEvent) => boolean;

/** Something that hands a stream's events to a sink in runs. */
export interface EventRuns {
  /**
   * Hands events to `sink` until it returns false (resolves false) or the stream is over (resolves
   * true). One run at a time. Rejects with an error the pipeline does not turn into an `error` event.
   */
  pump(sink: EventSink): Promise<boolean>;
  /** Resolves once what a stop started (closing the responder, `handleStreamCancelled`) is done. */
  whenStopped(): Promise<void>;
}

/**
 * A streaming request's events: the request's own first (`thread.created`, the user message...),
 * from a generator that ends by returning the response pipeline, if there is one.
 */
export type ResponsePreamble = AsyncGenerator<ThreadStreamEvent, EventRuns | void, undefined>;

/**
 * The events of one streaming request: its preamble's, then its pipeline's. A stop during the
 * preamble ends it at its next event, and the pipeline never starts.
 */
export class ResponseEvents implements EventRuns {
  private preamble: ResponsePreamble | null;
  private pipeline: EventRuns | null = null;
  /** True while the preamble runs (a stop then closes it once it yields). */
  private inPreamble = false;

  constructor(
    preamble: ResponsePreamble,
    private readonly signal: AbortSignal,
  ) {
    this.preamble = preamble;
    signal.addEventListener(
      'abort',
      () => {
        // A running preamble is closed when it next yields (see pumpPreamble).
        if (!this.inPreamble) this.closePreamble();
      },
      { once: true },
    );
  }

  pump(sink: EventSink): Promise<boolean> {
    if (this.preamble) return this.pumpPreamble(sink);
    return this.pipeline ? this.pipeline.pump(sink) : Promise.resolve(true);
  }

  whenStopped(): Promise<void> {
    return this.pipeline ? this.pipeline.whenStopped() : Promise.resolve();
  }

  private async pumpPreamble(sink: EventSink): Promise<boolean> {
    for (;;) {
      const preamble = this.preamble;
      if (!preamble) break;
      let step: IteratorResult<ThreadStreamEvent, EventRuns | void>;
      this.inPreamble = true;
      try {
        step = await preamble.next();
      } catch (error) {
        this.preamble = null;
        throw error;
      } finally {
        this.inPreamble = false;
      }
      if (this.signal.aborted) {
        this.closePreamble();
        return true;
      }
      if (step.done) {
        this.preamble = null;
        this.pipeline = step.value ?? null;
        break;
      }
      if (!sink(step.value)) return false;
    }
    return this.pipeline ? this.pipeline.pump(sink) : true;
  }

  /** Ends the preamble where it is: it holds no cleanup of its own, so nothing is left to wait for. */
  private closePreamble(): void {
    const preamble = this.preamble;
    this.preamble = null;
    void preamble?.return(undefined).catch(() => undefined);
  }
}

/** Where a pipeline is: it only ever moves down this list. */
const enum Phase {
  /** `stream_options` not sent yet: a stop now is not a cancellation of the response. */
  Ready,
  /** Streaming the responder (from `stream_options` on): a stop runs `handleStreamCancelled`. */
  Streaming,
  /** The responder is done or failed: what is left is the error event and the thread's last change. */
  Ending,
  /** Everything is sent, or the stream was stopped. */
  Over,
}

/** What the pipeline sends once the responder is done: a failure's `error` event, a thread change. */
type EndingStep = 'failure' | 'thread';

/** One response's pipeline. Built by the server; read through its `StreamingResult`. */
export class ResponsePipeline<TContext> implements EventRuns {
  private readonly changes: ThreadChangeTracker;
  private readonly pending = new PendingItems();
  private phase = Phase.Ready;
  /** True while a store write is in progress: a stop then waits for it. */
  private writing = false;
  private iterator: AsyncIterator<ResponseEvent> | null = null;
  /** Set after each responder event: the thread may have changed while the responder ran. */
  private checkThread = false;
  private failure: ErrorEvent | null = null;
  private ending: EndingStep[] = [];
  /** The cancellation's work, once a stop started it. */
  private stopping: Promise<void> | null = null;
  /** Set when a stop came during a store write: the cancellation runs after it. */
  private stopAfterWrite: (() => void) | null = null;
  private readonly onAbort = () => this.stop();

  constructor(
    private readonly host: PipelineHost<TContext>,
    private readonly thread: ThreadMetadata,
    private readonly context: TContext,
    private readonly signal: AbortSignal,
    private readonly source: () => AsyncIterable<ResponseEvent>,
  ) {
    this.changes = new ThreadChangeTracker(thread);
  }

  whenStopped(): Promise<void> {
    return this.stopping ?? Promise.resolve();
  }

  async pump(sink: EventSink): Promise<boolean> {
    if (this.phase === Phase.Ready) {
      // A client already gone is not worth starting the response for.
      if (this.signal.aborted) {
        this.phase = Phase.Over;
        return true;
      }
      this.signal.addEventListener('abort', this.onAbort, { once: true });
      this.phase = Phase.Streaming;
      let options: StreamOptions | null = null;
      try {
        options = this.host.getStreamOptions(this.thread, this.context);
      } catch (error) {
        this.fail(error);
      }
      if (options && !sink({ type: 'stream_options', stream_options: options })) return false;
    }
    if (this.phase === Phase.Streaming) {
      // The responder's events, validated, persisted and tracked: the hot loop, one `await` per event.
      const { store } = this.host;
      const { thread, context, pending } = this;
      try {
        const iterator = (this.iterator ??= this.source()[Symbol.asyncIterator]());
        for (;;) {
          if (this.checkThread) {
            // The responder may have changed the thread while it ran: save it and say so.
            this.checkThread = false;
            if (this.changes.takeChange()) {
              if (!(await this.write(store.saveThread(thread, context), null))) return true;
              if (!sink(this.threadUpdated())) return false;
            }
          }
          const step = await iterator.next();
          if (this.phase !== Phase.Streaming) return true;
          if (step.done) {
            this.end('thread', 'thread');
            break;
          }
          const event = parseStreamEvent(step.value);
          this.checkThread = true;
          switch (event.type) {
            case 'thread.item.updated':
              pending.update(event.item_id, event.update);
              break;
            case 'thread.item.added':
              pending.add(event.item);
              break;
            case 'thread.item.done':
              if (!(await this.write(store.addThreadItem(thread.id, event.item, context), event.item.id))) return true;
              // A hidden item is stored, never sent.
              if (!isVisibleItem(event.item)) continue;
              break;
            case 'thread.item.replaced':
              if (!(await this.write(store.saveItem(thread.id, event.item, context), event.item.id))) return true;
              break;
            case 'thread.item.removed':
              if (!(await this.write(store.deleteThreadItem(thread.id, event.item_id, context), event.item_id)))
                return true;
              break;
            default:
              break;
          }
          if (!sink(event)) return false;
        }
      } catch (error) {
        // Whatever fails once the client is gone is part of the cancellation.
        if (this.phase !== Phase.Streaming) return true;
        this.fail(error);
      }
    }
    return this.pumpEnding(sink);
  }

  /** After the responder: the error event if it failed, and the thread if it changed. */
  private async pumpEnding(sink: EventSink): Promise<boolean> {
    for (;;) {
      if (this.phase !== Phase.Ending) return true;
      const step = this.ending.shift();
      if (step === undefined) {
        this.phase = Phase.Over;
        return true;
      }
      let event: ThreadStreamEvent | null = null;
      if (step === 'failure') {
        event = this.failure;
      } else if (this.changes.takeChange()) {
        await this.host.store.saveThread(this.thread, this.context);
        if (this.phase !== Phase.Ending) return true;
        event = this.threadUpdated();
      }
      if (event && !sink(event)) {
        if (this.ending.length > 0) return false;
        this.phase = Phase.Over;
        return true;
      }
    }
  }

  /** The responder is done (`steps` say what is left to send): a stop is no longer a cancellation. */
  private end(...steps: EndingStep[]): void {
    this.phase = Phase.Ending;
    this.ending = steps;
    this.signal.removeEventListener('abort', this.onAbort);
  }

  /** The responder failed (or its event was invalid): report it; the client gets an `error` event. */
  private fail(error: unknown): void {
    this.end('failure', 'thread');
    this.closeResponder();
    this.host.reportError(error, this.context);
    this.failure = errorEventFor(error);
  }

  private threadUpdated(): ThreadStreamEvent {
    return { type: 'thread.updated', thread: toThreadResponse(this.thread) };
  }

  /**
   * Waits for a store write, then stops tracking `finishedItemId` (done, replaced or removed). A stop
   * that came meanwhile runs now that the store and the pending items agree: returns false then (and
   * the write's own failure is part of the cancellation).
   */
  private async write(work: Promise<void>, finishedItemId: string | null): Promise<boolean> {
    this.writing = true;
    try {
      await work;
      if (finishedItemId !== null) this.pending.finish(finishedItemId);
    } catch (error) {
      if (!this.stopAfterWrite) throw error;
    } finally {
      this.writing = false;
    }
    if (this.stopAfterWrite) {
      this.cancel();
      return false;
    }
    return true;
  }

  /** The signal aborted while streaming. */
  private stop(): void {
    if (this.phase !== Phase.Streaming) return;
    if (this.writing) {
      // Finish the write first, so the cancellation sees the store and the pending items agree.
      this.stopping = new Promise((resolve) => (this.stopAfterWrite = resolve));
      return;
    }
    this.cancel();
  }

  /** The client went away mid-response: close the responder and run `handleStreamCancelled`, once. */
  private cancel(): void {
    this.phase = Phase.Over;
    this.closeResponder();
    const done = this.runCancelledHook();
    if (this.stopAfterWrite) void done.then(this.stopAfterWrite);
    else this.stopping = done;
  }

  private async runCancelledHook(): Promise<void> {
    try {
      await this.host.handleStreamCancelled(this.thread, this.pending.list(), this.context);
    } catch (error) {
      // Nobody is listening any more: report it, and let the stream end as cancelled.
      this.host.reportError(error, this.context);
    }
  }

  /**
   * Asks the responder's iterator to finish without waiting for it: it may be stuck awaiting work
   * that only the abort signal will end, and its late errors are part of the cancellation.
   */
  private closeResponder(): void {
    const iterator = this.iterator;
    if (!iterator) return;
    try {
      iterator.return?.()?.catch(() => undefined);
    } catch {
      // A synchronous throw from return() is part of the cancellation too.
    }
  }
}

/** The `error` event an exception becomes. */
export function errorEventFor(error: unknown): ErrorEvent {
  if (error instanceof CustomStreamError) {
    return { type: 'error', code: 'custom', message: error.message, allow_retry: error.allowRetry };
  }
  if (error instanceof StreamError) return { type: 'error', code: error.code, allow_retry: error.allowRetry };
  if (isStorageFullError(error))
    return { type: 'error', code: 'custom', message: STORAGE_FULL_MESSAGE, allow_retry: false };
  return { type: 'error', code: 'stream.error', allow_retry: true };
}

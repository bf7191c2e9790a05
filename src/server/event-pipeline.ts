/**
 * The response pipeline every streaming request runs its responder through:
 * `stream_options` first; then each event is validated, persisted (done → add, replaced → save,
 * removed → delete) *before* it is forwarded; hidden items' `done` is stored but not sent; pending
 * items are tracked for cancellation; thread changes become `thread.updated`; exceptions become an
 * `error` event; a client that goes away triggers `handleStreamCancelled`.
 */
import { ThreadStreamEvent, type ResponseEvent, type ErrorEvent } from '../protocol/events.ts';
import { isVisibleItem } from '../protocol/items.ts';
import type { StreamOptions } from '../protocol/events.ts';
import type { ThreadItem } from '../protocol/items.ts';
import type { ThreadMetadata } from '../protocol/thread.ts';
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
 * Runs `source` through the pipeline. `signal` aborts when the client goes away; the responder gets
 * the same signal so it can stop its own work.
 */
export async function* runPipeline<TContext>(
  host: PipelineHost<TContext>,
  thread: ThreadMetadata,
  context: TContext,
  signal: AbortSignal,
  source: () => AsyncIterable<ResponseEvent>,
): AsyncGenerator<ThreadStreamEvent, void, undefined> {
  const changes = new ThreadChangeTracker(thread);
  const pending = new PendingItems();
  // Saves a changed thread and gives its event; null (without awaiting anything) when unchanged,
  // which is after nearly every event.
  const threadUpdated = (): Promise<ThreadStreamEvent> | null =>
    changes.takeChange()
      ? host.store
          .saveThread(thread, context)
          .then(() => ({ type: 'thread.updated', thread: toThreadResponse(thread) }))
      : null;
  // One listener for the whole response: it rejects as soon as the client goes away.
  const aborted = abortedPromise(signal);

  let failure: ErrorEvent | null = null;
  let streaming = true; // until the responder is exhausted, fails, or is cancelled
  let iterator: AsyncIterator<ResponseEvent> | undefined;
  try {
    try {
      // Inside the try: a client that leaves right after this first event is a cancellation too.
      yield { type: 'stream_options', stream_options: host.getStreamOptions(thread, context) };
      // A client already gone is not worth starting the responder for.
      if (signal.aborted) throw abortReason(signal);
      iterator = source()[Symbol.asyncIterator]();
      for (;;) {
        const step = await Promise.race([iterator.next(), aborted.promise]);
        if (step.done) break;
        const event = ThreadStreamEvent.parse(step.value);
        const write = persist(host.store, thread.id, context, pending, event);
        if (write) await write;
        if (!(event.type === 'thread.item.done' && !isVisibleItem(event.item))) yield event;
        const updated = threadUpdated();
        if (updated) yield await updated;
      }
      streaming = false;
      const updated = threadUpdated();
      if (updated) yield await updated;
    } catch (error) {
      // Whatever the responder throws once the client is gone (its own aborted fetch, say) is part
      // of the cancellation, not an error to report.
      if (signal.aborted) throw abortReason(signal);
      streaming = false;
      host.reportError(error, context);
      failure = errorEventFor(error);
    }
  } finally {
    aborted.release();
    if (streaming) {
      // The client went away: while pulling (abort) or between events (return() at a yield).
      if (iterator) closeQuietly(iterator);
      try {
        await host.handleStreamCancelled(thread, pending.list(), context);
      } catch (error) {
        // Nobody is listening any more: report it, and let the stream end as cancelled.
        host.reportError(error, context);
      }
    }
  }
  if (failure) yield failure;
  const updated = threadUpdated();
  if (updated) yield await updated;
}

/**
 * Persists what an event says (done → add, replaced → save, removed → delete) and tracks pending
 * items. Returns a promise only when it writes: most events (text deltas) write nothing, and
 * awaiting nothing for each of them adds up.
 */
function persist<TContext>(
  store: Store<TContext>,
  threadId: string,
  context: TContext,
  pending: PendingItems,
  event: ThreadStreamEvent,
): Promise<void> | null {
  switch (event.type) {
    case 'thread.item.added':
      pending.add(event.item);
      return null;
    case 'thread.item.updated':
      pending.update(event.item_id, event.update);
      return null;
    case 'thread.item.done':
      return store.addThreadItem(threadId, event.item, context).then(() => pending.finish(event.item.id));
    case 'thread.item.replaced':
      return store.saveItem(threadId, event.item, context).then(() => pending.finish(event.item.id));
    case 'thread.item.removed':
      return store.deleteThreadItem(threadId, event.item_id, context).then(() => pending.finish(event.item_id));
    default:
      return null;
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

/** The error a cancelled stream ends with: the signal's reason, or an `AbortError`. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The stream was cancelled.', 'AbortError');
}

/**
 * A promise that rejects with the abort reason once `signal` aborts (at once if it already has), to
 * race each pull against; `release` removes its listener when the response is over.
 */
function abortedPromise(signal: AbortSignal): { promise: Promise<never>; release: () => void } {
  let onAbort: () => void = () => undefined;
  const promise = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(abortReason(signal));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => undefined);
  return { promise, release: () => signal.removeEventListener('abort', onAbort) };
}

/**
 * Asks the responder's iterator to finish without waiting for it: it may be stuck awaiting work that
 * only the abort signal will end, and its late errors are part of the cancellation.
 */
function closeQuietly(iterator: AsyncIterator<unknown>): void {
  try {
    iterator.return?.()?.catch(() => undefined);
  } catch {
    // A synchronous throw from return() is part of the cancellation too.
  }
}

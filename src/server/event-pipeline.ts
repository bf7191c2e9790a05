/**
 * The response pipeline every streaming request runs its responder through:
 * `stream_options` first; then each event is validated, persisted (done → add, replaced → save,
 * removed → delete) *before* it is forwarded; hidden items' `done` is stored but not sent; pending
 * items are tracked for cancellation; thread changes become `thread.updated`; exceptions become an
 * `error` event; a client that goes away triggers `handleStreamCancelled`.
 */
import { ThreadStreamEvent, type ThreadStreamEventInput, type ErrorEvent } from '../protocol/events.ts';
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
  source: () => AsyncIterable<ThreadStreamEventInput>,
): AsyncGenerator<ThreadStreamEvent, void, undefined> {
  const changes = new ThreadChangeTracker(thread);
  const pending = new PendingItems();
  const threadUpdated = async (): Promise<ThreadStreamEvent | null> => {
    if (!changes.takeChange()) return null;
    await host.store.saveThread(thread, context);
    return { type: 'thread.updated', thread: toThreadResponse(thread) };
  };

  let failure: ErrorEvent | null = null;
  let streaming = true; // until the responder is exhausted, fails, or is cancelled
  let iterator: AsyncIterator<ThreadStreamEventInput> | undefined;
  try {
    try {
      // Inside the try: a client that leaves right after this first event is a cancellation too.
      yield { type: 'stream_options', stream_options: host.getStreamOptions(thread, context) };
      // A client already gone is not worth starting the responder for.
      if (signal.aborted) throw abortReason(signal);
      iterator = source()[Symbol.asyncIterator]();
      for (;;) {
        const step = await untilAborted(iterator.next(), signal);
        if (step.done) break;
        const event = ThreadStreamEvent.parse(step.value);
        await persist(host.store, thread.id, context, pending, event);
        if (!(event.type === 'thread.item.done' && !isVisibleItem(event.item))) yield event;
        const updated = await threadUpdated();
        if (updated) yield updated;
      }
      streaming = false;
      const updated = await threadUpdated();
      if (updated) yield updated;
    } catch (error) {
      // Whatever the responder throws once the client is gone (its own aborted fetch, say) is part
      // of the cancellation, not an error to report.
      if (signal.aborted) throw abortReason(signal);
      streaming = false;
      host.reportError(error, context);
      failure = errorEventFor(error);
    }
  } finally {
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
  const updated = await threadUpdated();
  if (updated) yield updated;
}

async function persist<TContext>(
  store: Store<TContext>,
  threadId: string,
  context: TContext,
  pending: PendingItems,
  event: ThreadStreamEvent,
): Promise<void> {
  switch (event.type) {
    case 'thread.item.added':
      pending.add(event.item);
      break;
    case 'thread.item.updated':
      pending.update(event.item_id, event.update);
      break;
    case 'thread.item.done':
      await store.addThreadItem(threadId, event.item, context);
      pending.finish(event.item.id);
      break;
    case 'thread.item.replaced':
      await store.saveItem(threadId, event.item, context);
      pending.finish(event.item.id);
      break;
    case 'thread.item.removed':
      await store.deleteThreadItem(threadId, event.item_id, context);
      pending.finish(event.item_id);
      break;
    default:
      break;
  }
}

/** The `error` event an exception becomes. */
export function errorEventFor(error: unknown): ErrorEvent {
  if (error instanceof CustomStreamError) {
    return { type: 'error', code: 'custom', message: error.message, allow_retry: error.allowRetry };
  }
  if (error instanceof StreamError) return { type: 'error', code: error.code, allow_retry: error.allowRetry };
  if (isStorageFullError(error)) return { type: 'error', code: 'custom', message: STORAGE_FULL_MESSAGE, allow_retry: false };
  return { type: 'error', code: 'stream.error', allow_retry: true };
}

/** The error a cancelled stream ends with: the signal's reason, or an `AbortError`. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The stream was cancelled.', 'AbortError');
}

/** Resolves like `promise`, or rejects with the abort reason as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortReason(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
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

/**
 * `streamText`: the events that stream a plain assistant reply, as the Python SDK's agent bridge
 * streams a model's message: `thread.item.added` (no content yet), the text part added, one text
 * delta per piece, the part done, and `thread.item.done` with the whole text.
 */
import { now } from '../protocol/common.ts';
import type { ThreadItemAddedEvent, ThreadItemDoneEvent, ThreadItemUpdatedEvent } from '../protocol/events.ts';
import type { AssistantMessageContent, AssistantMessageItem } from '../protocol/items.ts';
import type { ThreadMetadata } from '../protocol/thread.ts';
import type { Store } from '../store/types.ts';

/** Options of {@link streamText}. */
export interface StreamTextOptions<TContext> {
  /** The server's store (`this.store`): the message id comes from its `generateItemId('message', ...)`. */
  store: Pick<Store<TContext>, 'generateItemId'>;
  /** The request context handed to `respond`, passed to the id generator. */
  context: TContext;
  /**
   * The response's signal (`respond`'s `options.signal`). When it aborts, `streamText` stops pulling
   * from `text` (closing its iterator, so a model stream behind it stops too) and throws the abort
   * reason; the server then stores the partial reply through `handleStreamCancelled`.
   */
  signal?: AbortSignal | undefined;
  /**
   * When the message was created (an ISO-8601 timestamp); default: now. A test with a clock of its
   * own passes that clock's time, so the stream is the same on every run.
   */
  createdAt?: string | undefined;
}

/** The events {@link streamText} yields. */
export type StreamTextEvent = ThreadItemAddedEvent | ThreadItemUpdatedEvent | ThreadItemDoneEvent;

/**
 * Streams an assistant message into `thread`: from a whole string, or piece by piece from an
 * iterable of strings (a model's text deltas, say). Empty pieces are skipped. Its return value (the
 * result of `yield*`) is the finished message, as stored.
 *
 * @param thread - the thread being answered.
 * @param text - the reply, or its pieces as they arrive.
 * @param options - where the id comes from (`store` and `context`), the response's `signal`, and
 *   optionally the message's `createdAt`.
 * @throws the signal's abort reason when it aborts before the message is done.
 * @example
 * ```ts
 * import { ChatKitServer, streamText, type ResponseOptions, type ResponseStream, type ThreadMetadata, type UserMessageItem } from 'chatkit-local';
 *
 * class Greeter extends ChatKitServer<{ userId: string }> {
 *   async *respond(thread: ThreadMetadata, _input: UserMessageItem | null, context: { userId: string }, { signal }: ResponseOptions): ResponseStream {
 *     yield* streamText(thread, `Hello, ${context.userId}!`, { store: this.store, context, signal });
 *   }
 * }
 * ```
 */
export async function* streamText<TContext>(
  thread: ThreadMetadata,
  text: string | Iterable<string> | AsyncIterable<string>,
  options: StreamTextOptions<TContext>,
): AsyncGenerator<StreamTextEvent, AssistantMessageItem, undefined> {
  const { signal } = options;
  signal?.throwIfAborted();
  const id = options.store.generateItemId('message', thread, options.context);
  const createdAt = options.createdAt ?? now();
  const part = (value: string): AssistantMessageContent => ({ annotations: [], text: value, type: 'output_text' });
  const updated = (update: ThreadItemUpdatedEvent['update']): ThreadItemUpdatedEvent => ({
    type: 'thread.item.updated',
    item_id: id,
    update,
  });

  yield {
    type: 'thread.item.added',
    item: { id, thread_id: thread.id, created_at: createdAt, type: 'assistant_message', content: [] },
  };
  yield updated({ type: 'assistant_message.content_part.added', content_index: 0, content: part('') });
  let whole = '';
  for await (const piece of pieces(text, signal)) {
    if (piece === '') continue;
    whole += piece;
    yield updated({ type: 'assistant_message.content_part.text_delta', content_index: 0, delta: piece });
  }
  yield updated({ type: 'assistant_message.content_part.done', content_index: 0, content: part(whole) });
  const message: AssistantMessageItem = {
    id,
    thread_id: thread.id,
    created_at: createdAt,
    type: 'assistant_message',
    content: [part(whole)],
  };
  yield { type: 'thread.item.done', item: structuredClone(message) };
  return message;
}

/**
 * The pieces of `text`, stopping with the abort reason as soon as `signal` aborts, even while the
 * source is still waiting for its next piece (whose iterator is then closed without waiting for it).
 */
async function* pieces(
  text: string | Iterable<string> | AsyncIterable<string>,
  signal: AbortSignal | undefined,
): AsyncGenerator<string, void, undefined> {
  if (typeof text === 'string') {
    yield text;
    return;
  }
  const iterator =
    Symbol.asyncIterator in text ? text[Symbol.asyncIterator]() : toAsyncIterator(text[Symbol.iterator]());
  let finished = false;
  try {
    for (;;) {
      signal?.throwIfAborted();
      const step = await nextOrAbort(iterator, signal);
      if (step.done) {
        finished = true;
        return;
      }
      yield step.value;
    }
  } finally {
    if (!finished) {
      // The source may be stuck waiting (on a model, say): ask it to stop, without waiting for it.
      try {
        void iterator.return?.()?.catch(() => undefined);
      } catch {
        // A synchronous throw from return() changes nothing: we are leaving anyway.
      }
    }
  }
}

/**
 * The iterator's next step, or a rejection with the abort reason as soon as `signal` aborts. The
 * listener lives only as long as the step: nothing accumulates over a long stream.
 */
function nextOrAbort<T>(iterator: AsyncIterator<T>, signal: AbortSignal | undefined): Promise<IteratorResult<T>> {
  if (!signal) return iterator.next();
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    iterator.next().then(
      (step) => {
        signal.removeEventListener('abort', onAbort);
        resolve(step);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function toAsyncIterator<T>(iterator: Iterator<T>): AsyncIterator<T> {
  return {
    next: async () => iterator.next(),
    return: async () => iterator.return?.() ?? { done: true, value: undefined },
  };
}

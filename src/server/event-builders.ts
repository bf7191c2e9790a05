/**
 * Constructors for the stream events a responder yields, named after the Python SDK's event classes
 * (`ThreadItemDoneEvent(item=...)` is `threadItemDone(item)`). Each returns the plain wire object;
 * the server validates every yielded event against the protocol, so these only save typing and
 * make the intent plain.
 */
import type { ResponseEvent } from '../protocol/events.ts';
import type { IconName } from '../protocol/common.ts';

/** The yieldable form of the event whose `type` is `TType`. */
export type ResponseEventOf<TType extends ResponseEvent['type']> = Extract<ResponseEvent, { readonly type: TType }>;

/** An item as a responder writes it (fields with defaults may be left out; `as const` objects fit). */
export type ItemInput = ResponseEventOf<'thread.item.done'>['item'];

/** An item update as a responder writes it. */
export type ItemUpdateInput = ResponseEventOf<'thread.item.updated'>['update'];

/**
 * `thread.item.added`: an item starts streaming; updates and a `thread.item.done` follow. Nothing
 * is stored yet (a cancelled stream hands it to `handleStreamCancelled`). Python: `ThreadItemAddedEvent`.
 * @param item - the item as first shown (an assistant message usually starts with `content: []`).
 * @example
 * ```ts
 * import { assistantMessage, threadItemAdded } from 'chatkit-local';
 * const event = threadItemAdded(assistantMessage({ thread: { id: 'thr_1' }, id: 'msg_1', content: [] }));
 * ```
 */
export function threadItemAdded(item: ItemInput): ResponseEventOf<'thread.item.added'> {
  return { type: 'thread.item.added', item };
}

/**
 * `thread.item.updated`: a change to an item in flight (a text delta, a widget update, a workflow
 * task). Python: `ThreadItemUpdatedEvent`.
 * @param itemId - the id of the item being streamed.
 * @param update - what changed, e.g. `{ type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'Hi' }`.
 * @example
 * ```ts
 * import { threadItemUpdated } from 'chatkit-local';
 * const event = threadItemUpdated('msg_1', {
 *   type: 'assistant_message.content_part.text_delta',
 *   content_index: 0,
 *   delta: 'Hello',
 * });
 * ```
 */
export function threadItemUpdated(itemId: string, update: ItemUpdateInput): ResponseEventOf<'thread.item.updated'> {
  return { type: 'thread.item.updated', item_id: itemId, update };
}

/**
 * `thread.item.done`: an item is complete; the server stores it before sending it on. Python:
 * `ThreadItemDoneEvent`.
 * @param item - the finished item.
 * @example
 * ```ts
 * import { assistantMessage, threadItemDone } from 'chatkit-local';
 * const event = threadItemDone(assistantMessage({ thread: { id: 'thr_1' }, id: 'msg_1', text: 'Hello!' }));
 * ```
 */
export function threadItemDone(item: ItemInput): ResponseEventOf<'thread.item.done'> {
  return { type: 'thread.item.done', item };
}

/**
 * `thread.item.replaced`: a stored item replaced in place; the server saves it. Python:
 * `ThreadItemReplacedEvent`.
 * @param item - the new version of the item (same `id`).
 * @example
 * ```ts
 * import { assistantMessage, threadItemReplaced } from 'chatkit-local';
 * const event = threadItemReplaced(assistantMessage({ thread: { id: 'thr_1' }, id: 'msg_1', text: 'Edited.' }));
 * ```
 */
export function threadItemReplaced(item: ItemInput): ResponseEventOf<'thread.item.replaced'> {
  return { type: 'thread.item.replaced', item };
}

/**
 * `thread.item.removed`: an item deleted from the thread; the server deletes it from the store.
 * Python: `ThreadItemRemovedEvent`.
 * @param itemId - the id of the item to remove.
 * @example
 * ```ts
 * import { threadItemRemoved } from 'chatkit-local';
 * const event = threadItemRemoved('msg_1');
 * ```
 */
export function threadItemRemoved(itemId: string): ResponseEventOf<'thread.item.removed'> {
  return { type: 'thread.item.removed', item_id: itemId };
}

/**
 * `progress_update`: a transient status line ("Searching…") shown until the next item. Python:
 * `ProgressUpdateEvent`.
 * @param text - what is going on.
 * @param icon - an optional icon name (`'search'`, `'sparkle'`...).
 * @example
 * ```ts
 * import { progressUpdate } from 'chatkit-local';
 * const event = progressUpdate('Searching the docs…', 'search');
 * ```
 */
export function progressUpdate(text: string, icon?: IconName): ResponseEventOf<'progress_update'> {
  return icon === undefined ? { type: 'progress_update', text } : { type: 'progress_update', text, icon };
}

/** Options of {@link notice}. */
export interface NoticeOptions {
  /** How it is shown: `'info'` (the default), `'warning'` or `'danger'`. */
  level?: 'info' | 'warning' | 'danger' | undefined;
  /** A title above the message. */
  title?: string | undefined;
}

/**
 * `notice`: a message shown to the user (Markdown allowed), not stored in the thread. Python:
 * `NoticeEvent`.
 * @param message - the text to show.
 * @param options - its level (default `'info'`) and an optional title.
 * @example
 * ```ts
 * import { notice } from 'chatkit-local';
 * const event = notice('You are close to your daily limit.', { level: 'warning', title: 'Heads up' });
 * ```
 */
export function notice(message: string, options: NoticeOptions = {}): ResponseEventOf<'notice'> {
  const level = options.level ?? 'info';
  return options.title === undefined
    ? { type: 'notice', level, message }
    : { type: 'notice', level, message, title: options.title };
}

/**
 * `client_effect`: a fire-and-forget call of the page's `onEffect` handler (confetti, a toast, a
 * navigation). Python: `ClientEffectEvent`.
 * @param name - the effect's name, as the page's handler knows it.
 * @param data - its JSON arguments (default `{}`).
 * @example
 * ```ts
 * import { clientEffect } from 'chatkit-local';
 * const event = clientEffect('highlight', { selector: '#total' });
 * ```
 */
export function clientEffect(
  name: string,
  data: Readonly<Record<string, unknown>> = {},
): ResponseEventOf<'client_effect'> {
  return { type: 'client_effect', name, data };
}

/** Options of {@link errorEvent}. */
export interface ErrorEventOptions {
  /** Whether the UI offers a retry button (default false). */
  allowRetry?: boolean | undefined;
}

/**
 * `error`: an error shown in the UI with your own message (`code: "custom"`). Yielding it does not
 * end the stream; throwing `CustomStreamError` does both. Python: `ErrorEvent(code="custom", ...)`.
 * @param message - what to show.
 * @param options - whether to offer a retry.
 * @example
 * ```ts
 * import { errorEvent } from 'chatkit-local';
 * const event = errorEvent('The weather service is down.', { allowRetry: true });
 * ```
 */
export function errorEvent(message: string, options: ErrorEventOptions = {}): ResponseEventOf<'error'> {
  return { type: 'error', code: 'custom', message, allow_retry: options.allowRetry ?? false };
}

/** Stream events: the frames of a streaming response, one `data: <json>` frame each. */
import { z } from 'zod';
import { IconName, JsonObject } from './common.ts';
import { ThreadItem } from './items.ts';
import { Thread } from './thread.ts';
import { ThreadItemUpdate } from './updates.ts';
import type { DeepReadonly } from './readonly.ts';

/** Stream options; `allow_cancel` shows the UI's stop button. */
export const StreamOptions = z.object({ allow_cancel: z.boolean() });
export type StreamOptions = z.infer<typeof StreamOptions>;

/** A thread was created (the first event of `threads.create`). */
export const ThreadCreatedEvent = z.object({ type: z.literal('thread.created'), thread: Thread });
/** The thread's title, status or other metadata changed. */
export const ThreadUpdatedEvent = z.object({ type: z.literal('thread.updated'), thread: Thread });
/** An item started streaming; updates and a `done` follow. Not stored. */
export const ThreadItemAddedEvent = z.object({ type: z.literal('thread.item.added'), item: ThreadItem });
/** An update to an item in flight. Not stored. */
export const ThreadItemUpdatedEvent = z.object({
  type: z.literal('thread.item.updated'),
  item_id: z.string(),
  update: ThreadItemUpdate,
});
/** An item is complete; the server stores it. */
export const ThreadItemDoneEvent = z.object({ type: z.literal('thread.item.done'), item: ThreadItem });
/** An item was deleted; the server deletes it from the store. */
export const ThreadItemRemovedEvent = z.object({ type: z.literal('thread.item.removed'), item_id: z.string() });
/** An item was replaced in place; the server saves it. */
export const ThreadItemReplacedEvent = z.object({ type: z.literal('thread.item.replaced'), item: ThreadItem });
/** Options for this stream, sent first by every response pipeline. */
export const StreamOptionsEvent = z.object({ type: z.literal('stream_options'), stream_options: StreamOptions });
/** A transient status line. */
export const ProgressUpdateEvent = z.object({
  type: z.literal('progress_update'),
  icon: IconName.nullish(),
  text: z.string(),
});
/** A fire-and-forget call of the page's `onEffect` handler. */
export const ClientEffectEvent = z.object({
  type: z.literal('client_effect'),
  name: z.string(),
  data: JsonObject.default({}),
});
/**
 * An error shown in the UI. `code: "custom"` shows `message` as is; any other code is translated by
 * the client. `allow_retry` offers a retry button.
 */
export const ErrorEvent = z.object({
  type: z.literal('error'),
  code: z.string().default('custom'),
  message: z.string().nullish(),
  allow_retry: z.boolean().default(false),
});
/** A notice shown to the user (Markdown allowed). */
export const NoticeEvent = z.object({
  type: z.literal('notice'),
  level: z.enum(['info', 'warning', 'danger']),
  message: z.string(),
  title: z.string().nullish(),
});

/** Any stream event, told apart by `type`. */
export const ThreadStreamEvent = z.discriminatedUnion('type', [
  ThreadCreatedEvent,
  ThreadUpdatedEvent,
  ThreadItemAddedEvent,
  ThreadItemUpdatedEvent,
  ThreadItemDoneEvent,
  ThreadItemRemovedEvent,
  ThreadItemReplacedEvent,
  StreamOptionsEvent,
  ProgressUpdateEvent,
  ClientEffectEvent,
  ErrorEvent,
  NoticeEvent,
]);
export type ThreadStreamEvent = z.infer<typeof ThreadStreamEvent>;
/** A stream event as a responder may write it: fields with defaults may be left out. */
export type ThreadStreamEventInput = z.input<typeof ThreadStreamEvent>;
/**
 * What `respond` and `action` may yield: a {@link ThreadStreamEventInput}, read-only all the way
 * down, so that an event written `as const` (whose arrays are `readonly`) fits as well as a plain
 * one. The server validates each event against the schema and works on its own copy.
 */
export type ResponseEvent = DeepReadonly<ThreadStreamEventInput>;

export type ThreadCreatedEvent = z.infer<typeof ThreadCreatedEvent>;
export type ThreadUpdatedEvent = z.infer<typeof ThreadUpdatedEvent>;
export type ThreadItemAddedEvent = z.infer<typeof ThreadItemAddedEvent>;
export type ThreadItemUpdatedEvent = z.infer<typeof ThreadItemUpdatedEvent>;
export type ThreadItemDoneEvent = z.infer<typeof ThreadItemDoneEvent>;
export type ThreadItemRemovedEvent = z.infer<typeof ThreadItemRemovedEvent>;
export type ThreadItemReplacedEvent = z.infer<typeof ThreadItemReplacedEvent>;
export type StreamOptionsEvent = z.infer<typeof StreamOptionsEvent>;
export type ProgressUpdateEvent = z.infer<typeof ProgressUpdateEvent>;
export type ClientEffectEvent = z.infer<typeof ClientEffectEvent>;
export type ErrorEvent = z.infer<typeof ErrorEvent>;
export type NoticeEvent = z.infer<typeof NoticeEvent>;

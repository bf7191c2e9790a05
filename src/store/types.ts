/** The storage contracts: {@link Store} for threads, items and attachment records, {@link AttachmentStore} for bytes. */
import type { AttachmentCreateParams } from '../protocol/requests.ts';
import type { Attachment } from '../protocol/attachments.ts';
import type { Page } from '../protocol/common.ts';
import type { ThreadItem } from '../protocol/items.ts';
import type { ThreadMetadata } from '../protocol/thread.ts';

export type { Page };

/** Which kind of id {@link Store.generateItemId} makes; each has its own prefix. */
export type StoreItemType =
  'thread' | 'message' | 'tool_call' | 'task' | 'workflow' | 'attachment' | 'sdk_hidden_context';

/**
 * A page request. `after` is the id of the last entry of the previous page (or null for the first
 * page); the page holds up to `limit` entries that come strictly after it in `order` of `created_at`.
 */
export interface PageQuery {
  after?: string | null | undefined;
  limit: number;
  order: 'asc' | 'desc';
}

/**
 * Where threads, their items and attachment records live. Every method receives the request context
 * last: a store that hosts several users decides from it what the caller may see.
 *
 * Contract (shared by every implementation, and checked by the store contract tests):
 * - `load*` of a missing id, or of one the context may not see, throws {@link NotFoundError};
 * - `save*` and `addThreadItem` are upserts by id;
 * - listings order by `created_at`, break ties deterministically (first written first), and an
 *   unknown thread gives an empty page, while a cursor (`after`) naming no entry throws `NotFoundError`;
 * - `deleteThread` removes the thread, all its items, and the attachment records whose `thread_id` is
 *   that thread (a store that also holds the bytes, like `IndexedDBStore`, removes those too);
 * - with a scope function, a context never sees, changes or deletes another scope's data.
 */
export interface Store<TContext = unknown> {
  /** A new thread id: `thr_` and at least 64 random bits by default. */
  generateThreadId(context: TContext): string;
  /** A new item id with the prefix of `itemType` (`msg_`, `tc_`, `wf_`, `tsk_`, `atc_`, `shcx_`). */
  generateItemId(itemType: StoreItemType, thread: ThreadMetadata, context: TContext): string;
  /** @throws {NotFoundError} when the thread does not exist or the context may not see it. */
  loadThread(threadId: string, context: TContext): Promise<ThreadMetadata>;
  /** Inserts or replaces the thread's metadata (any `items` on the object are not stored here). */
  saveThread(thread: ThreadMetadata, context: TContext): Promise<void>;
  /**
   * Optional. Saves a new thread and its first item atomically: afterwards both are stored, or (when it
   * throws) neither is, and no reader ever sees the thread without the item. `ChatKitServer` uses it
   * for `threads.create` when the store has it (otherwise `saveThread`, then `addThreadItem`, deleting
   * the thread again if the item fails). Same upsert semantics as those two methods.
   * @param thread the new thread's metadata (any `items` on the object are not stored).
   * @param item its first item (the user's message), belonging to `thread`.
   * @param context the request context, scoping both writes.
   */
  saveThreadWithItem?(thread: ThreadMetadata, item: ThreadItem, context: TContext): Promise<void>;
  /** One page of the context's threads by `created_at`. */
  loadThreads(query: PageQuery, context: TContext): Promise<Page<ThreadMetadata>>;
  /** Deletes the thread, its items and its attachment records; silent when it does not exist. */
  deleteThread(threadId: string, context: TContext): Promise<void>;
  /** One page of a thread's items by `created_at`; an unknown thread gives an empty page. */
  loadThreadItems(threadId: string, query: PageQuery, context: TContext): Promise<Page<ThreadItem>>;
  /** Adds an item to a thread (an upsert: re-adding an id replaces the item and keeps its place). */
  addThreadItem(threadId: string, item: ThreadItem, context: TContext): Promise<void>;
  /** Inserts or replaces an item by id. */
  saveItem(threadId: string, item: ThreadItem, context: TContext): Promise<void>;
  /** @throws {NotFoundError} when the item is not in that thread or the context may not see it. */
  loadItem(threadId: string, itemId: string, context: TContext): Promise<ThreadItem>;
  /** Deletes one item; silent when it does not exist. */
  deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void>;
  /** Inserts or replaces an attachment record, `metadata` included. */
  saveAttachment(attachment: Attachment, context: TContext): Promise<void>;
  /** @throws {NotFoundError} when the attachment does not exist or the context may not see it. */
  loadAttachment(attachmentId: string, context: TContext): Promise<Attachment>;
  /** Deletes an attachment record; silent when it does not exist. */
  deleteAttachment(attachmentId: string, context: TContext): Promise<void>;
  /**
   * Optional: marks a thread as in use while a response streams into it. The server calls it before a
   * response in an existing thread starts and calls the function it resolves to when the response ends
   * (finished, failed or cancelled). A store that deletes threads on its own (retention) leaves a held
   * thread alone. May wait while the store is deleting that very thread.
   */
  holdThread?(threadId: string, context: TContext): Promise<() => void>;
}

/**
 * Where attachment bytes live. Needed for `attachments.create` and `attachments.delete`.
 */
export interface AttachmentStore<TContext = unknown> {
  /**
   * Builds the attachment for a two-phase upload: an id, an `upload_descriptor` telling the client
   * where to send the bytes and, for images, a `preview_url`. The server saves the record itself.
   */
  createAttachment(params: AttachmentCreateParams, context: TContext): Promise<Attachment>;
  /** Deletes the bytes (the server then deletes the record from the {@link Store}). */
  deleteAttachment(attachmentId: string, context: TContext): Promise<void>;
  /** A new attachment id: `atc_` and at least 64 random bits by default. */
  generateAttachmentId(mimeType: string, context: TContext): string;
}

/**
 * An {@link AttachmentStore} that also keeps the bytes where the handler's upload and download routes
 * can reach them (`MemoryAttachmentStore`, `IndexedDBAttachmentStore`).
 */
export interface AttachmentBytesStore<TContext = unknown> extends AttachmentStore<TContext> {
  /** Stores (or replaces) the bytes of an attachment; the Blob's `type` is its MIME type. */
  putBytes(attachmentId: string, bytes: Blob, context: TContext): Promise<void>;
  /** The bytes of an attachment, or `null` when none were uploaded (or the context may not see them). */
  getBytes(attachmentId: string, context: TContext): Promise<Blob | null>;
}

/** Whether an attachment store also keeps bytes for the upload and download routes. */
export function hasAttachmentBytes<TContext>(
  store: AttachmentStore<TContext> | null | undefined,
): store is AttachmentBytesStore<TContext> {
  return (
    !!store &&
    typeof (store as Partial<AttachmentBytesStore<TContext>>).putBytes === 'function' &&
    typeof (store as Partial<AttachmentBytesStore<TContext>>).getBytes === 'function'
  );
}

/**
 * `BaseStore` and `BaseAttachmentStore`: abstract bases with the default id generators, as the
 * Python SDK's `Store` and `AttachmentStore` base classes provide them. A custom store extends one
 * and implements only the storage methods.
 */
import type { AttachmentCreateParams } from '../protocol/requests.ts';
import type { Attachment } from '../protocol/attachments.ts';
import type { ThreadItem } from '../protocol/items.ts';
import type { ThreadMetadata } from '../protocol/thread.ts';
import { defaultGenerateId } from './ids.ts';
import type { AttachmentStore, Page, PageQuery, Store, StoreItemType } from './types.ts';

/**
 * A {@link Store} with the default id generators (`thr_`, `msg_`, `tc_`... and 64 random bits);
 * extend it and implement the storage methods, each as the {@link Store} contract describes. The
 * generators are ordinary methods: override them in the subclass, or assign them on an instance,
 * to choose your own ids.
 *
 * @example
 * ```ts
 * import { BaseStore, NotFoundError, type Attachment, type Page, type PageQuery, type ThreadItem, type ThreadMetadata } from 'chatkit-local';
 *
 * // One user's data in arrays, in the order written (the README's MapStore keeps a space per user).
 * class ArrayStore extends BaseStore {
 *   threads: ThreadMetadata[] = [];
 *   items: ThreadItem[] = [];
 *   attachments: Attachment[] = [];
 *   async loadThread(id: string) { return find(this.threads, id); }
 *   async saveThread(thread: ThreadMetadata) { upsert(this.threads, thread); }
 *   async loadThreads(query: PageQuery) { return page(this.threads, query); }
 *   async deleteThread(id: string) {
 *     this.threads = this.threads.filter((thread) => thread.id !== id);
 *     this.items = this.items.filter((item) => item.thread_id !== id);
 *   }
 *   async loadThreadItems(threadId: string, query: PageQuery) {
 *     return page(this.items.filter((item) => item.thread_id === threadId), query);
 *   }
 *   async addThreadItem(_threadId: string, item: ThreadItem) { upsert(this.items, item); }
 *   async saveItem(_threadId: string, item: ThreadItem) { upsert(this.items, item); }
 *   async loadItem(_threadId: string, id: string) { return find(this.items, id); }
 *   async deleteThreadItem(_threadId: string, id: string) { this.items = this.items.filter((item) => item.id !== id); }
 *   async saveAttachment(attachment: Attachment) { upsert(this.attachments, attachment); }
 *   async loadAttachment(id: string) { return find(this.attachments, id); }
 *   async deleteAttachment(id: string) { this.attachments = this.attachments.filter((entry) => entry.id !== id); }
 * }
 *
 * function find<T extends { id: string }>(list: T[], id: string): T {
 *   const value = list.find((entry) => entry.id === id);
 *   if (!value) throw new NotFoundError(`${id} not found`);
 *   return structuredClone(value);
 * }
 * function upsert<T extends { id: string }>(list: T[], value: T): void {
 *   const at = list.findIndex((entry) => entry.id === value.id);
 *   if (at >= 0) list[at] = structuredClone(value);
 *   else list.push(structuredClone(value));
 * }
 * function page<T extends { id: string }>(list: T[], { after, limit, order }: PageQuery): Page<T> {
 *   const sorted = order === 'asc' ? [...list] : [...list].reverse();
 *   const start = after ? sorted.findIndex((entry) => entry.id === after) + 1 : 0;
 *   const data = structuredClone(sorted.slice(start, start + limit));
 *   return { data, has_more: start + limit < sorted.length, after: data.at(-1)?.id ?? null };
 * }
 *
 * const store = new ArrayStore();
 * console.log(store.generateThreadId(undefined)); // thr_ and 16 hex digits
 * ```
 */
export abstract class BaseStore<TContext = unknown> implements Store<TContext> {
  /** A new thread id: `thr_` and 64 random bits in hex. Override to choose your own. */
  generateThreadId(_context: TContext): string {
    return defaultGenerateId('thread');
  }

  /** A new item id: the prefix of `itemType` (`msg_`, `tc_`, `wf_`...) and 64 random bits. Override to choose your own. */
  generateItemId(itemType: StoreItemType, _thread: ThreadMetadata, _context: TContext): string {
    return defaultGenerateId(itemType);
  }

  abstract loadThread(threadId: string, context: TContext): Promise<ThreadMetadata>;
  abstract saveThread(thread: ThreadMetadata, context: TContext): Promise<void>;
  abstract loadThreads(query: PageQuery, context: TContext): Promise<Page<ThreadMetadata>>;
  abstract deleteThread(threadId: string, context: TContext): Promise<void>;
  abstract loadThreadItems(threadId: string, query: PageQuery, context: TContext): Promise<Page<ThreadItem>>;
  abstract addThreadItem(threadId: string, item: ThreadItem, context: TContext): Promise<void>;
  abstract saveItem(threadId: string, item: ThreadItem, context: TContext): Promise<void>;
  abstract loadItem(threadId: string, itemId: string, context: TContext): Promise<ThreadItem>;
  abstract deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void>;
  abstract saveAttachment(attachment: Attachment, context: TContext): Promise<void>;
  abstract loadAttachment(attachmentId: string, context: TContext): Promise<Attachment>;
  abstract deleteAttachment(attachmentId: string, context: TContext): Promise<void>;
}

/**
 * An {@link AttachmentStore} with the default attachment id generator (`atc_` and 64 random bits);
 * extend it and implement `createAttachment` and `deleteAttachment`.
 *
 * @example
 * ```ts
 * import { BaseAttachmentStore, type Attachment, type AttachmentCreateParams } from 'chatkit-local';
 *
 * // Records only: files are uploaded elsewhere, so no upload descriptor is given.
 * class RecordOnlyFiles extends BaseAttachmentStore {
 *   async createAttachment(params: AttachmentCreateParams, context: unknown): Promise<Attachment> {
 *     const id = this.generateAttachmentId(params.mime_type, context);
 *     return { id, type: 'file', name: params.name, mime_type: params.mime_type };
 *   }
 *   async deleteAttachment(_attachmentId: string): Promise<void> {}
 * }
 * ```
 */
export abstract class BaseAttachmentStore<TContext = unknown> implements AttachmentStore<TContext> {
  /** A new attachment id: `atc_` and 64 random bits in hex. Override to choose your own. */
  generateAttachmentId(_mimeType: string, _context: TContext): string {
    return defaultGenerateId('attachment');
  }

  abstract createAttachment(params: AttachmentCreateParams, context: TContext): Promise<Attachment>;
  abstract deleteAttachment(attachmentId: string, context: TContext): Promise<void>;
}

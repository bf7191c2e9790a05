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
 * class MapStore extends BaseStore {
 *   private threads = new Map<string, ThreadMetadata>();
 *   async loadThread(threadId: string) {
 *     const thread = this.threads.get(threadId);
 *     if (!thread) throw new NotFoundError(`Thread ${threadId} not found`);
 *     return structuredClone(thread);
 *   }
 *   async saveThread(thread: ThreadMetadata) { this.threads.set(thread.id, structuredClone(thread)); }
 *   // ...and loadThreads, deleteThread, loadThreadItems, addThreadItem, saveItem, loadItem,
 *   // deleteThreadItem, saveAttachment, loadAttachment, deleteAttachment.
 * }
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
 */
export abstract class BaseAttachmentStore<TContext = unknown> implements AttachmentStore<TContext> {
  /** A new attachment id: `atc_` and 64 random bits in hex. Override to choose your own. */
  generateAttachmentId(_mimeType: string, _context: TContext): string {
    return defaultGenerateId('attachment');
  }

  abstract createAttachment(params: AttachmentCreateParams, context: TContext): Promise<Attachment>;
  abstract deleteAttachment(attachmentId: string, context: TContext): Promise<void>;
}

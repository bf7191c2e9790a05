/**
 * In-memory stores: for Node servers, tests and prototypes. Everything is lost when the process ends.
 * Values are copied on the way in and out, so callers never share objects with the store.
 */
import type { Attachment } from '../protocol/attachments.ts';
import type { ThreadItem } from '../protocol/items.ts';
import type { ThreadMetadata } from '../protocol/thread.ts';
import type { AttachmentCreateParams } from '../protocol/requests.ts';
import { NotFoundError } from './errors.ts';
import { defaultGenerateId } from './ids.ts';
import { OrderedEntries } from './ordered-entries.ts';
import { threadMetadataOf } from './thread-metadata.ts';
import { twoPhaseAttachment, type AttachmentUrlOptions } from './two-phase.ts';
import type { AttachmentBytesStore, Page, PageQuery, Store, StoreItemType } from './types.ts';

/** Options shared by the stores that can host several users. */
export interface ScopeOptions<TContext> {
  /**
   * Partitions the data by user (or tenant): every call sees only the data written under the scope
   * its context maps to. Without it, every context shares one space.
   */
  scope?: (context: TContext) => string;
}

interface ThreadRecord {
  thread: ThreadMetadata;
  items: OrderedEntries<ThreadItem>;
}

class Space {
  readonly threads = new OrderedEntries<ThreadRecord>();
  readonly attachments = new Map<string, Attachment>();
}

const copy = <T>(value: T): T => structuredClone(value);

/** What a scope that never wrote lists: shared, never written to. */
const EMPTY_THREADS = new OrderedEntries<ThreadRecord>();

/**
 * A {@link Store} in memory. Listing costs O(log n + limit). Override `generateThreadId` or
 * `generateItemId` (in a subclass or on the instance) to choose your own ids.
 */
export class MemoryStore<TContext = unknown> implements Store<TContext> {
  private readonly spaces = new Map<string, Space>();
  private readonly scope: (context: TContext) => string;

  constructor(options: ScopeOptions<TContext> = {}) {
    this.scope = options.scope ?? (() => '');
  }

  generateThreadId(_context: TContext): string {
    return defaultGenerateId('thread');
  }

  generateItemId(itemType: StoreItemType, _thread: ThreadMetadata, _context: TContext): string {
    return defaultGenerateId(itemType);
  }

  async loadThread(threadId: string, context: TContext): Promise<ThreadMetadata> {
    return copy(this.record(threadId, context).thread);
  }

  async saveThread(thread: ThreadMetadata, context: TContext): Promise<void> {
    const threads = this.space(context).threads;
    const existing = threads.get(thread.id);
    threads.put(thread.id, thread.created_at, {
      thread: copy(threadMetadataOf(thread)),
      items: existing?.items ?? new OrderedEntries<ThreadItem>(),
    });
  }

  async loadThreads(query: PageQuery, context: TContext): Promise<Page<ThreadMetadata>> {
    const page = (this.existingSpace(context)?.threads ?? EMPTY_THREADS).page(query, (id) => `Thread ${id}`);
    return { ...page, data: page.data.map((record) => copy(record.thread)) };
  }

  /** Deletes the thread, its items, and the attachment records whose `thread_id` is this thread. */
  async deleteThread(threadId: string, context: TContext): Promise<void> {
    const space = this.existingSpace(context);
    if (!space) return;
    space.threads.delete(threadId);
    for (const [id, attachment] of space.attachments) {
      if (attachment.thread_id === threadId) space.attachments.delete(id);
    }
  }

  async loadThreadItems(threadId: string, query: PageQuery, context: TContext): Promise<Page<ThreadItem>> {
    const record = this.existingSpace(context)?.threads.get(threadId);
    if (!record) return { data: [], has_more: false, after: null };
    const page = record.items.page(query, (id) => `Item ${id}`);
    return { ...page, data: page.data.map(copy) };
  }

  async addThreadItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    this.record(threadId, context).items.put(item.id, item.created_at, copy(item));
  }

  async saveItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    this.record(threadId, context).items.put(item.id, item.created_at, copy(item));
  }

  async loadItem(threadId: string, itemId: string, context: TContext): Promise<ThreadItem> {
    const item = this.existingSpace(context)?.threads.get(threadId)?.items.get(itemId);
    if (!item) throw new NotFoundError(`Item ${itemId} not found in thread ${threadId}`);
    return copy(item);
  }

  async deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void> {
    this.existingSpace(context)?.threads.get(threadId)?.items.delete(itemId);
  }

  async saveAttachment(attachment: Attachment, context: TContext): Promise<void> {
    this.space(context).attachments.set(attachment.id, copy(attachment));
  }

  async loadAttachment(attachmentId: string, context: TContext): Promise<Attachment> {
    const attachment = this.existingSpace(context)?.attachments.get(attachmentId);
    if (!attachment) throw new NotFoundError(`File ${attachmentId} not found`);
    return copy(attachment);
  }

  async deleteAttachment(attachmentId: string, context: TContext): Promise<void> {
    this.existingSpace(context)?.attachments.delete(attachmentId);
  }

  /** The scope's data, if it ever wrote any: reads must not create an entry per scope they see. */
  private existingSpace(context: TContext): Space | undefined {
    return this.spaces.get(this.scope(context));
  }

  /** The scope's data, created on its first write. */
  private space(context: TContext): Space {
    const key = this.scope(context);
    let space = this.spaces.get(key);
    if (!space) {
      space = new Space();
      this.spaces.set(key, space);
    }
    return space;
  }

  private record(threadId: string, context: TContext): ThreadRecord {
    const record = this.existingSpace(context)?.threads.get(threadId);
    if (!record) throw new NotFoundError(`Thread ${threadId} not found`);
    return record;
  }
}

/** Options of {@link MemoryAttachmentStore}: its URLs, and how it partitions bytes by user. */
export interface MemoryAttachmentStoreOptions<TContext = unknown>
  extends AttachmentUrlOptions, ScopeOptions<TContext> {}

/**
 * An {@link AttachmentStore} keeping bytes in memory. `createAttachment` answers a two-phase upload
 * descriptor (`PUT` to {@link AttachmentUrlOptions.uploadUrl}); `putBytes`/`getBytes` give the
 * handler's upload and download routes the bytes (Blobs are immutable, so they are shared, not copied).
 * Its bytes live apart from any {@link MemoryStore}, so `MemoryStore.deleteThread` cannot remove them.
 */
export class MemoryAttachmentStore<TContext = unknown> implements AttachmentBytesStore<TContext> {
  private readonly files = new Map<string, Map<string, Blob>>();
  private readonly urls: AttachmentUrlOptions;
  private readonly scope: (context: TContext) => string;

  constructor(options: MemoryAttachmentStoreOptions<TContext> = {}) {
    this.urls = { uploadUrl: options.uploadUrl, previewUrl: options.previewUrl };
    this.scope = options.scope ?? (() => '');
  }

  generateAttachmentId(_mimeType: string, _context: TContext): string {
    return defaultGenerateId('attachment');
  }

  async createAttachment(params: AttachmentCreateParams, context: TContext): Promise<Attachment> {
    return twoPhaseAttachment(this.generateAttachmentId(params.mime_type, context), params, this.urls);
  }

  async deleteAttachment(attachmentId: string, context: TContext): Promise<void> {
    this.files.get(this.scope(context))?.delete(attachmentId);
  }

  async putBytes(attachmentId: string, bytes: Blob, context: TContext): Promise<void> {
    const key = this.scope(context);
    let files = this.files.get(key);
    if (!files) {
      files = new Map();
      this.files.set(key, files);
    }
    files.set(attachmentId, bytes);
  }

  async getBytes(attachmentId: string, context: TContext): Promise<Blob | null> {
    return this.files.get(this.scope(context))?.get(attachmentId) ?? null;
  }
}

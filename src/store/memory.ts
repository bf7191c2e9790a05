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

/** Only the metadata fields of a thread (a full `Thread` also carries `items`). */
function metadataOf(thread: ThreadMetadata): ThreadMetadata {
  const { items: _items, ...metadata } = thread as ThreadMetadata & { items?: unknown };
  return copy(metadata);
}

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
      thread: metadataOf(thread),
      items: existing?.items ?? new OrderedEntries<ThreadItem>(),
    });
  }

  async loadThreads(query: PageQuery, context: TContext): Promise<Page<ThreadMetadata>> {
    const page = this.space(context).threads.page(query, (id) => `Thread ${id}`);
    return { ...page, data: page.data.map((record) => copy(record.thread)) };
  }

  async deleteThread(threadId: string, context: TContext): Promise<void> {
    this.space(context).threads.delete(threadId);
  }

  async loadThreadItems(threadId: string, query: PageQuery, context: TContext): Promise<Page<ThreadItem>> {
    const record = this.space(context).threads.get(threadId);
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
    const item = this.space(context).threads.get(threadId)?.items.get(itemId);
    if (!item) throw new NotFoundError(`Item ${itemId} not found in thread ${threadId}`);
    return copy(item);
  }

  async deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void> {
    this.space(context).threads.get(threadId)?.items.delete(itemId);
  }

  async saveAttachment(attachment: Attachment, context: TContext): Promise<void> {
    this.space(context).attachments.set(attachment.id, copy(attachment));
  }

  async loadAttachment(attachmentId: string, context: TContext): Promise<Attachment> {
    const attachment = this.space(context).attachments.get(attachmentId);
    if (!attachment) throw new NotFoundError(`File ${attachmentId} not found`);
    return copy(attachment);
  }

  async deleteAttachment(attachmentId: string, context: TContext): Promise<void> {
    this.space(context).attachments.delete(attachmentId);
  }

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
    const record = this.space(context).threads.get(threadId);
    if (!record) throw new NotFoundError(`Thread ${threadId} not found`);
    return record;
  }
}

/** Options of {@link MemoryAttachmentStore}. */
export interface MemoryAttachmentStoreOptions {
  /**
   * The URL clients upload bytes to, for an attachment id (default `/chatkit/attachments/{id}/upload`,
   * which `createChatKitHandler` serves when mounted on `/chatkit`).
   */
  uploadUrl?: (attachmentId: string) => string;
  /** The preview URL of an image attachment (default `/chatkit/attachments/{id}/content`). */
  previewUrl?: (attachmentId: string) => string;
}

/**
 * An {@link AttachmentStore} keeping bytes in memory. `createAttachment` answers a two-phase upload
 * descriptor (`PUT` to {@link MemoryAttachmentStoreOptions.uploadUrl}); `putBytes`/`getBytes` give the
 * handler's upload and download routes the bytes (Blobs are immutable, so they are shared, not copied).
 */
export class MemoryAttachmentStore<TContext = unknown> implements AttachmentBytesStore<TContext> {
  private readonly files = new Map<string, Blob>();
  private readonly uploadUrl: (attachmentId: string) => string;
  private readonly previewUrl: (attachmentId: string) => string;

  constructor(options: MemoryAttachmentStoreOptions = {}) {
    this.uploadUrl = options.uploadUrl ?? ((id) => `/chatkit/attachments/${encodeURIComponent(id)}/upload`);
    this.previewUrl = options.previewUrl ?? ((id) => `/chatkit/attachments/${encodeURIComponent(id)}/content`);
  }

  generateAttachmentId(_mimeType: string, _context: TContext): string {
    return defaultGenerateId('attachment');
  }

  async createAttachment(params: AttachmentCreateParams, context: TContext): Promise<Attachment> {
    const id = this.generateAttachmentId(params.mime_type, context);
    const upload_descriptor = { url: this.uploadUrl(id), method: 'PUT' as const, headers: {} };
    const base = { id, name: params.name, mime_type: params.mime_type, upload_descriptor };
    return params.mime_type.startsWith('image/')
      ? { ...base, type: 'image', preview_url: this.previewUrl(id) }
      : { ...base, type: 'file' };
  }

  async deleteAttachment(attachmentId: string, _context: TContext): Promise<void> {
    this.files.delete(attachmentId);
  }

  async putBytes(attachmentId: string, bytes: Blob, _context: TContext): Promise<void> {
    this.files.set(attachmentId, bytes);
  }

  async getBytes(attachmentId: string, _context: TContext): Promise<Blob | null> {
    return this.files.get(attachmentId) ?? null;
  }
}

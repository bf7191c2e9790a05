/**
 * In-memory stores: for Node servers, tests and prototypes. Everything is lost when the process ends.
 * Values are copied on the way in and out, so callers never share objects with the store.
 */
import type { Attachment } from '../protocol/attachments.ts';
import type { ThreadItem } from '../protocol/items.ts';
import type { ThreadMetadata } from '../protocol/thread.ts';
import type { AttachmentCreateParams } from '../protocol/requests.ts';
import { NotFoundError } from './errors.ts';
import { BaseAttachmentStore, BaseStore } from './base.ts';
import { OrderedEntries } from './ordered-entries.ts';
import { threadMetadataOf } from './thread-metadata.ts';
import { twoPhaseAttachment, type AttachmentUrlOptions } from './two-phase.ts';
import type { AttachmentBytesStore, Page, PageQuery, Store } from './types.ts';
import type { ChatKitExport } from './data-control/format.ts';
import { exportMemoryScope, importIntoMemoryScope } from './data-control/memory.ts';
import type {
  DataControl,
  DeleteAllOptions,
  ExportOptions,
  ImportOptions,
  ImportSummary,
} from './data-control/types.ts';

/** Options shared by the stores that can host several users. */
export interface ScopeOptions<TContext> {
  /**
   * Partitions the data by user (or tenant): every call sees only the data written under the scope
   * its context maps to. Without it, every context shares one space.
   */
  scope?: ((context: TContext) => string) | undefined;
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
export class MemoryStore<TContext = unknown>
  extends BaseStore<TContext>
  implements Store<TContext>, DataControl<TContext>
{
  private readonly spaces = new Map<string, Space>();
  private readonly scope: (context: TContext) => string;

  constructor(options: ScopeOptions<TContext> = {}) {
    super();
    this.scope = options.scope ?? (() => '');
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

  /**
   * Saves a new thread and its first item together: both values are copied before either is stored,
   * so a value that cannot be copied leaves nothing behind, and no other call runs in between.
   */
  async saveThreadWithItem(thread: ThreadMetadata, item: ThreadItem, context: TContext): Promise<void> {
    const threads = this.space(context).threads;
    const threadCopy = copy(threadMetadataOf(thread));
    const itemCopy = copy(item);
    const existing = threads.get(thread.id);
    const items = existing?.items ?? new OrderedEntries<ThreadItem>();
    threads.put(thread.id, thread.created_at, { thread: threadCopy, items });
    items.put(item.id, item.created_at, itemCopy);
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

  /**
   * The context's scope as an export: its threads (or those of `options.threadIds`) with their items,
   * its attachment records, and their bytes from `options.attachments` (the bytes live there, not here).
   * @throws {NotFoundError} `Thread {id} not found` for a thread id the scope does not have.
   */
  async exportData(context: TContext, options: ExportOptions<TContext> = {}): Promise<ChatKitExport> {
    return exportMemoryScope(this.spaces.get(this.scope(context)), context, options);
  }

  /**
   * Adds an export to the context's scope. The whole file is validated before anything is written, then
   * all records are added at once; taken ids get new ones. Bytes go to `options.attachments`.
   * @throws {ExportFormatError} when `data` is not a valid export (nothing is written).
   * @throws {TypeError} when the export holds bytes and `options.attachments` keeps none (nothing is written).
   */
  async importData(data: unknown, context: TContext, options: ImportOptions<TContext> = {}): Promise<ImportSummary> {
    return importIntoMemoryScope(
      () => this.space(context),
      data,
      context,
      options,
      () => this.generateThreadId(context),
    );
  }

  /**
   * Deletes every thread, item and attachment record of the context's scope and, given
   * `options.attachments`, their bytes (first, so that no record is lost while its bytes remain).
   */
  async deleteAll(context: TContext, options: DeleteAllOptions<TContext> = {}): Promise<void> {
    const key = this.scope(context);
    const { attachments } = options;
    if (attachments instanceof MemoryAttachmentStore) {
      await attachments.deleteAll(context);
    } else if (attachments) {
      for (const id of this.spaces.get(key)?.attachments.keys() ?? []) await attachments.deleteAttachment(id, context);
    }
    this.spaces.delete(key);
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
export class MemoryAttachmentStore<TContext = unknown>
  extends BaseAttachmentStore<TContext>
  implements AttachmentBytesStore<TContext>
{
  private readonly files = new Map<string, Map<string, Blob>>();
  private readonly urls: AttachmentUrlOptions;
  private readonly scope: (context: TContext) => string;

  constructor(options: MemoryAttachmentStoreOptions<TContext> = {}) {
    super();
    this.urls = { uploadUrl: options.uploadUrl, previewUrl: options.previewUrl };
    this.scope = options.scope ?? (() => '');
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

  /** Deletes the bytes of every attachment in the context's scope. */
  async deleteAll(context: TContext): Promise<void> {
    this.files.delete(this.scope(context));
  }
}

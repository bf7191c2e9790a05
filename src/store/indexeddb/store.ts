/**
 * {@link IndexedDBStore}: the {@link Store} contract over IndexedDB, behaving exactly like `MemoryStore`
 * (same errors and messages, upserts, tie-breaks) but persistent, shared by the tabs of an origin, and
 * partitioned by scope.
 */
import type { Attachment } from '../../protocol/attachments.ts';
import type { ThreadItem } from '../../protocol/items.ts';
import type { ThreadMetadata } from '../../protocol/thread.ts';
import { NotFoundError } from '../errors.ts';
import { defaultGenerateId } from '../ids.ts';
import type { ScopeOptions } from '../memory.ts';
import { timeOf } from '../ordered-entries.ts';
import { threadMetadataOf } from '../thread-metadata.ts';
import type { Page, PageQuery, Store, StoreItemType } from '../types.ts';
import { setBackend } from './backend.ts';
import { Connection } from './connection.ts';
import { readPage } from './paging.ts';
import { DEFAULT_SCOPE, partition, type AttachmentRecord, type ItemRecord, type Transaction } from './schema.ts';
import { nextSeq } from './sequence.ts';

/** The database name {@link IndexedDBStore.open} uses when none is given. */
export const DEFAULT_DATABASE_NAME = 'chatkit-local';

/** Options of {@link IndexedDBStore.open}. */
export interface IndexedDBStoreOptions<TContext = unknown> extends ScopeOptions<TContext> {
  /**
   * The IndexedDB database name (default {@link DEFAULT_DATABASE_NAME}). Stores opened on the same name
   * share their data, across tabs and workers of the origin.
   */
  name?: string;
  /**
   * Called when opening has to wait because a connection elsewhere (typically a tab still running older
   * code) keeps the database at an older version. Opening goes on once that tab closes or reloads; use
   * this to ask the user to close it.
   */
  onBlocked?: () => void;
}

/**
 * A {@link Store} in IndexedDB, for servers running in a page or a Web Worker.
 *
 * Listing threads or items costs O(log n + limit) at any size: records are indexed by
 * `[scope, (thread,) created_at instant, write sequence]`, so a page is one seek and a short cursor walk.
 * Equal `created_at` values keep their first-write order, as in `MemoryStore`.
 *
 * With `scope`, every record is keyed by its scope first: a context can neither see nor change nor
 * delete another scope's threads, items or attachments, even by guessing their ids.
 *
 * The id generators are ordinary methods: assign `store.generateThreadId = ...` or subclass (a subclass's
 * `open()` returns an instance of that subclass).
 */
export class IndexedDBStore<TContext = unknown> implements Store<TContext> {
  private readonly connection: Connection;
  private readonly scope: (context: TContext) => string;

  /** Use {@link IndexedDBStore.open}, which opens (and if need be upgrades) the database first. */
  protected constructor(connection: Connection, scope: (context: TContext) => string) {
    this.connection = connection;
    this.scope = scope;
    setBackend(this, { connection, scope });
  }

  /**
   * Opens the store, creating or upgrading its database first, so a database that cannot be opened
   * fails here rather than on the first request.
   * @throws {DatabaseVersionError} when newer code has already upgraded the database.
   * @throws {StorageQuotaError} when creating the database exceeds the storage quota.
   */
  static async open<TContext = unknown>(
    options: IndexedDBStoreOptions<TContext> = {},
  ): Promise<IndexedDBStore<TContext>> {
    const connection = new Connection(options.name ?? DEFAULT_DATABASE_NAME, { onBlocked: options.onBlocked });
    await connection.database();
    return new this<TContext>(connection, options.scope ?? (() => DEFAULT_SCOPE));
  }

  /** The IndexedDB database name. */
  get name(): string {
    return this.connection.name;
  }

  /**
   * Closes the database connection. Calls made afterwards reject; open the store again to go on.
   * (Connections the browser asks to close, when another tab upgrades the database, reopen by themselves.)
   */
  close(): void {
    this.connection.close();
  }

  /** A new thread id: `thr_` and 64 random bits in hex. Override to choose your own. */
  generateThreadId(_context: TContext): string {
    return defaultGenerateId('thread');
  }

  /** A new item id with the prefix of `itemType` (`msg_`, `tc_`, `wf_`...) and 64 random bits. Override to choose your own. */
  generateItemId(itemType: StoreItemType, _thread: ThreadMetadata, _context: TContext): string {
    return defaultGenerateId(itemType);
  }

  /** @throws {NotFoundError} `Thread {id} not found` when it does not exist in the context's scope. */
  async loadThread(threadId: string, context: TContext): Promise<ThreadMetadata> {
    const scope = this.scope(context);
    const record = await this.connection.run(['threads'], 'readonly', (tx) =>
      tx.objectStore('threads').get([scope, threadId]),
    );
    if (!record) throw new NotFoundError(`Thread ${threadId} not found`);
    return record.thread;
  }

  /** Inserts or replaces the thread's metadata (an `items` page on the object is not stored); a replaced thread keeps its place among ties. */
  async saveThread(thread: ThreadMetadata, context: TContext): Promise<void> {
    const scope = this.scope(context);
    await this.connection.run(['threads', 'meta'], 'readwrite', async (tx) => {
      const threads = tx.objectStore('threads');
      const existing = await threads.get([scope, thread.id]);
      const seq = existing?.seq ?? (await nextSeq(tx));
      await threads.put({
        scope,
        id: thread.id,
        createdMs: timeOf(thread.created_at),
        seq,
        thread: threadMetadataOf(thread),
      });
    });
  }

  /**
   * Saves a new thread and its first item in one transaction: both are stored, or neither is (a closed
   * tab or a failing write aborts the whole transaction). Upserts, like `saveThread` and `addThreadItem`.
   */
  async saveThreadWithItem(thread: ThreadMetadata, item: ThreadItem, context: TContext): Promise<void> {
    const scope = this.scope(context);
    await this.connection.run(['threads', 'items', 'meta'], 'readwrite', async (tx) => {
      const threads = tx.objectStore('threads');
      const items = tx.objectStore('items');
      const [existingThread, existingItem] = await Promise.all([
        threads.get([scope, thread.id]),
        items.get([scope, thread.id, item.id]),
      ]);
      const threadSeq = existingThread?.seq ?? (await nextSeq(tx));
      const itemSeq = existingItem?.seq ?? (await nextSeq(tx));
      await threads.put({
        scope,
        id: thread.id,
        createdMs: timeOf(thread.created_at),
        seq: threadSeq,
        thread: threadMetadataOf(thread),
      });
      await items.put({
        scope,
        threadId: thread.id,
        id: item.id,
        createdMs: timeOf(item.created_at),
        seq: itemSeq,
        item,
      });
    });
  }

  /**
   * One page of the scope's threads by `created_at`.
   * @throws {NotFoundError} `Thread {after} not found` when the cursor names no thread of the scope.
   */
  async loadThreads(query: PageQuery, context: TContext): Promise<Page<ThreadMetadata>> {
    const scope = this.scope(context);
    return this.connection.run(['threads'], 'readonly', async (tx) => {
      const threads = tx.objectStore('threads');
      const position = query.after ? await threads.get([scope, query.after]) : null;
      if (query.after && !position) throw new NotFoundError(`Thread ${query.after} not found`);
      return readPage(threads.index('byCreated'), [scope], position ?? null, query, (record) => record.thread);
    });
  }

  /**
   * Deletes the thread, its items, and the attachments (records and bytes) whose `thread_id` is this
   * thread, in one transaction: a crash or a closed tab never leaves half a thread behind.
   */
  async deleteThread(threadId: string, context: TContext): Promise<void> {
    const scope = this.scope(context);
    await this.connection.run(['threads', 'items', 'attachments', 'bytes'], 'readwrite', async (tx) => {
      const attachments = tx.objectStore('attachments');
      const bytes = tx.objectStore('bytes');
      const [, , attachmentKeys] = await Promise.all([
        tx.objectStore('threads').delete([scope, threadId]),
        tx.objectStore('items').delete(partition([scope, threadId])),
        attachments.index('byThread').getAllKeys([scope, threadId]),
      ]);
      await Promise.all(attachmentKeys.flatMap((key) => [attachments.delete(key), bytes.delete(key)]));
    });
  }

  /**
   * One page of a thread's items by `created_at`; an unknown thread (or another scope's) gives an empty page.
   * @throws {NotFoundError} `Item {after} not found` when the cursor names no item of the thread.
   */
  async loadThreadItems(threadId: string, query: PageQuery, context: TContext): Promise<Page<ThreadItem>> {
    const scope = this.scope(context);
    return this.connection.run(['threads', 'items'], 'readonly', async (tx) => {
      const items = tx.objectStore('items');
      const [thread, position] = await Promise.all([
        tx.objectStore('threads').getKey([scope, threadId]),
        query.after ? items.get([scope, threadId, query.after]) : null,
      ]);
      // An unknown thread (or another scope's) reads as empty, whatever the cursor: it has no items.
      if (!thread) return { data: [], has_more: false, after: null };
      if (query.after && !position) throw new NotFoundError(`Item ${query.after} not found`);
      return readPage(items.index('byCreated'), [scope, threadId], position ?? null, query, (record) => record.item);
    });
  }

  /**
   * Adds an item (an upsert: re-adding an id replaces the item and keeps its place among ties, since the
   * same workflow can be reported done twice).
   * @throws {NotFoundError} `Thread {id} not found` when the thread does not exist in the context's scope.
   */
  async addThreadItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    await this.upsertItem(threadId, item, context);
  }

  /**
   * Inserts or replaces an item by id; a replaced item keeps its place among ties.
   * @throws {NotFoundError} `Thread {id} not found` when the thread does not exist in the context's scope.
   */
  async saveItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    await this.upsertItem(threadId, item, context);
  }

  /** @throws {NotFoundError} `Item {id} not found in thread {threadId}` when the item is not in that thread of the scope. */
  async loadItem(threadId: string, itemId: string, context: TContext): Promise<ThreadItem> {
    const scope = this.scope(context);
    const record = await this.connection.run(['items'], 'readonly', (tx) =>
      tx.objectStore('items').get([scope, threadId, itemId]),
    );
    if (!record) throw new NotFoundError(`Item ${itemId} not found in thread ${threadId}`);
    return record.item;
  }

  /** Deletes one item; silent when it does not exist. */
  async deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void> {
    const scope = this.scope(context);
    await this.connection.run(['items'], 'readwrite', (tx) =>
      tx.objectStore('items').delete([scope, threadId, itemId]),
    );
  }

  /** Inserts or replaces an attachment record, `metadata` included. */
  async saveAttachment(attachment: Attachment, context: TContext): Promise<void> {
    const record: AttachmentRecord = { scope: this.scope(context), id: attachment.id, attachment };
    // Only a string joins the `byThread` index; a missing or null thread_id leaves the record out of it.
    if (typeof attachment.thread_id === 'string') record.threadId = attachment.thread_id;
    await this.connection.run(['attachments'], 'readwrite', (tx) => tx.objectStore('attachments').put(record));
  }

  /** @throws {NotFoundError} `File {id} not found` when it does not exist in the context's scope. */
  async loadAttachment(attachmentId: string, context: TContext): Promise<Attachment> {
    const scope = this.scope(context);
    const record = await this.connection.run(['attachments'], 'readonly', (tx) =>
      tx.objectStore('attachments').get([scope, attachmentId]),
    );
    if (!record) throw new NotFoundError(`File ${attachmentId} not found`);
    return record.attachment;
  }

  /** Deletes the attachment record (the bytes belong to the attachment store's `deleteAttachment`). */
  async deleteAttachment(attachmentId: string, context: TContext): Promise<void> {
    const scope = this.scope(context);
    await this.connection.run(['attachments'], 'readwrite', (tx) =>
      tx.objectStore('attachments').delete([scope, attachmentId]),
    );
  }

  /** Inserts or replaces an item of an existing thread; a replaced item keeps its sequence number. */
  private async upsertItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    const scope = this.scope(context);
    await this.connection.run(['threads', 'items', 'meta'], 'readwrite', async (tx: Transaction<'readwrite'>) => {
      const items = tx.objectStore('items');
      const [thread, existing] = await Promise.all([
        tx.objectStore('threads').getKey([scope, threadId]),
        items.get([scope, threadId, item.id]),
      ]);
      if (!thread) throw new NotFoundError(`Thread ${threadId} not found`);
      const record: ItemRecord = {
        scope,
        threadId,
        id: item.id,
        createdMs: timeOf(item.created_at),
        seq: existing?.seq ?? (await nextSeq(tx)),
        item,
      };
      await items.put(record);
    });
  }
}

/**
 * {@link IndexedDBStore}: the {@link Store} contract over IndexedDB, behaving exactly like `MemoryStore`
 * (same errors and messages, upserts, tie-breaks) but persistent, shared by the tabs of an origin, and
 * partitioned by scope; with data control (export, import, delete-everything), retention, and optional
 * encryption at rest. Values go through the store's record codec (in clear, or sealed) and every
 * transaction runs its check (see `codec.ts`).
 */
import type { Attachment } from '../../protocol/attachments.ts';
import type { ThreadItem } from '../../protocol/items.ts';
import type { ThreadMetadata } from '../../protocol/thread.ts';
import type { ChatKitExport } from '../data-control/format.ts';
import { newAttachmentId } from '../data-control/generic.ts';
import { checkRetentionOptions, RetentionSchedule, type RetentionOptions } from '../data-control/retention.ts';
import type { DataControl, ExportOptions, ImportOptions, ImportSummary } from '../data-control/types.ts';
import { NotFoundError } from '../errors.ts';
import { BaseStore } from '../base.ts';
import type { ScopeOptions } from '../memory.ts';
import { timeOf } from '../ordered-entries.ts';
import { threadMetadataOf } from '../thread-metadata.ts';
import type { Page, PageQuery, Store } from '../types.ts';
import { runChecked, setBackend } from './backend.ts';
import { PlainCodec, SealedCodec, type RecordCodec } from './codec.ts';
import { Connection } from './connection.ts';
import { deleteScope, exportScope, importIntoScope } from './data-control.ts';
import { changeKey, openCodec, type EncryptionOptions } from './encryption.ts';
import { EncryptionSetupError } from './errors.ts';
import { readPage } from './paging.ts';
import { deleteInactive } from './retention.ts';
import { reportDeletedThreads } from '../changes/own-deletions.ts';
import {
  DEFAULT_SCOPE,
  type AttachmentRecord,
  type ItemRecord,
  type StoreName,
  type ThreadRecord,
  type Transaction,
} from './schema.ts';
import { allRequests } from './all-requests.ts';
import { putKeepingSeq, SeqAllocator } from './sequence.ts';
import { insertNewThread } from './insert-new.ts';
import { deleteThreadIn } from './thread-deletion.ts';
import { threadHolderFor, type ThreadHolder } from './thread-holds.ts';

/** The database name {@link IndexedDBStore.open} uses when none is given. */
export const DEFAULT_DATABASE_NAME = 'chatkit-local';

/** Options of {@link IndexedDBStore.open}. */
export interface IndexedDBStoreOptions<TContext = unknown> extends ScopeOptions<TContext> {
  /**
   * The IndexedDB database name (default {@link DEFAULT_DATABASE_NAME}). Stores opened on the same name
   * share their data, across tabs and workers of the origin.
   */
  name?: string | undefined;
  /**
   * Called when opening has to wait because a connection elsewhere (typically a tab still running older
   * code) keeps the database at an older version. Opening goes on once that tab closes or reloads; use
   * this to ask the user to close it.
   */
  onBlocked?: (() => void) | undefined;
  /**
   * Encrypts every stored title, item, attachment record (names included) and attachment byte with
   * AES-GCM under a data key wrapped by this passphrase (or `CryptoKey`). A new database is set up for
   * it on first open; an encrypted one must always be opened with it. Keys, timestamps, and the fields
   * paging and retention need stay in clear (see the README).
   */
  encryption?: EncryptionOptions | undefined;
  /**
   * Deletes threads (with their items and files) whose last activity is older than `maxAgeMs`: when the
   * store opens, then every `intervalMs` (default one hour) until `close()`. A thread a response is
   * streaming into is never deleted (the server holds it; see `Store.holdThread`).
   */
  retention?: RetentionOptions | undefined;
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
export class IndexedDBStore<TContext = unknown>
  extends BaseStore<TContext>
  implements Store<TContext>, DataControl<TContext>
{
  private readonly connection: Connection;
  private readonly scope: (context: TContext) => string;
  private readonly codec: RecordCodec;
  private readonly holder: ThreadHolder;
  /** This store's sequence numbers (see sequence.ts). */
  private readonly seqs = new SeqAllocator();
  private retention: RetentionSchedule | null = null;

  /** Use {@link IndexedDBStore.open}, which opens (and if need be upgrades) the database first. */
  protected constructor(
    connection: Connection,
    scope: (context: TContext) => string,
    codec: RecordCodec = new PlainCodec(connection.name),
  ) {
    super();
    this.connection = connection;
    this.scope = scope;
    this.codec = codec;
    this.holder = threadHolderFor(connection.name);
    setBackend(this, { connection, scope, codec });
  }

  /**
   * Opens the store, creating or upgrading its database first, so a database that cannot be opened
   * fails here rather than on the first request.
   * With `encryption`, the key is checked here; with `retention`, the first check runs here.
   * @throws {DatabaseVersionError} when newer code has already upgraded the database.
   * @throws {StorageQuotaError} when creating the database exceeds the storage quota.
   * @throws {EncryptionKeyError} when the passphrase (or key) does not open the database.
   * @throws {EncryptionSetupError} when the database is encrypted and `encryption` is not given, or it
   *   holds unencrypted data and `encryption` is given.
   */
  static async open<TContext = unknown>(
    options: IndexedDBStoreOptions<TContext> = {},
  ): Promise<IndexedDBStore<TContext>> {
    if (options.retention) checkRetentionOptions(options.retention);
    const connection = new Connection(options.name ?? DEFAULT_DATABASE_NAME, { onBlocked: options.onBlocked });
    let store: IndexedDBStore<TContext> | null = null;
    try {
      await connection.database();
      const codec = await openCodec(connection, options.encryption);
      store = new this<TContext>(connection, options.scope ?? (() => DEFAULT_SCOPE), codec);
      if (options.retention) await store.startRetention(options.retention);
      return store;
    } catch (error) {
      if (store) store.close();
      else connection.close();
      throw error;
    }
  }

  /**
   * The scope key of `context`: what the `scope` option maps it to ('' without one). Contexts with
   * the same key share one space; `withChanges` uses it to decide who may see a change.
   */
  scopeKey(context: TContext): string {
    return this.scope(context);
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
    this.retention?.stop();
    this.retention = null;
    this.connection.close();
  }

  /** Whether the store encrypts what it stores (it was opened with `encryption`). */
  get encrypted(): boolean {
    return this.codec.encrypted;
  }

  /** @throws {NotFoundError} `Thread {id} not found` when it does not exist in the context's scope. */
  async loadThread(threadId: string, context: TContext): Promise<ThreadMetadata> {
    const scope = this.scope(context);
    const record = await this.run(['threads'], 'readonly', (tx) => tx.objectStore('threads').get([scope, threadId]));
    if (!record) throw new NotFoundError(`Thread ${threadId} not found`);
    return this.codec.decodeThread(record);
  }

  /** Inserts or replaces the thread's metadata (an `items` page on the object is not stored); a replaced thread keeps its place among ties. */
  async saveThread(thread: ThreadMetadata, context: TContext): Promise<void> {
    const scope = this.scope(context);
    const stored = await this.codec.encodeThread(scope, threadMetadataOf(thread));
    await this.run(['threads', 'meta'], 'readwrite', async (tx) => {
      const seq = await this.seqs.take(tx, 1);
      const record = { scope, id: thread.id, createdMs: timeOf(thread.created_at), seq, ...stored };
      await putKeepingSeq(tx.objectStore('threads'), [scope, thread.id], record);
    });
  }

  /**
   * Saves a new thread and its first item in one transaction: both are stored, or neither is (a closed
   * tab or a failing write aborts the whole transaction). Upserts, like `saveThread` and `addThreadItem`.
   */
  async saveThreadWithItem(thread: ThreadMetadata, item: ThreadItem, context: TContext): Promise<void> {
    const scope = this.scope(context);
    // Sealed (or not) before the transaction: it cannot wait for Web Crypto (see codec.ts).
    const [storedThread, storedItem] = await Promise.all([
      this.codec.encodeThread(scope, threadMetadataOf(thread)),
      this.codec.encodeItem(scope, thread.id, item),
    ]);
    const threadRecord = (seq: number): ThreadRecord => ({
      scope,
      id: thread.id,
      createdMs: timeOf(thread.created_at),
      seq,
      ...storedThread,
    });
    const itemRecord = (seq: number): ItemRecord => ({
      scope,
      threadId: thread.id,
      id: item.id,
      createdMs: timeOf(item.created_at),
      seq,
      ...storedItem,
    });
    // A new thread (what the server saves) is written in one round trip; anything else (an existing
    // thread or item, an encrypted store, a block of numbers to reserve) the usual way.
    const first = this.codec.encrypted ? null : this.seqs.takeReserved(2);
    if (first !== null && (await insertNewThread(this.connection, threadRecord(first), itemRecord(first + 1)))) return;
    await this.run(['threads', 'items', 'meta'], 'readwrite', async (tx) => {
      const seq = await this.seqs.take(tx, 2);
      await allRequests([
        () => putKeepingSeq(tx.objectStore('threads'), [scope, thread.id], threadRecord(seq)),
        () => putKeepingSeq(tx.objectStore('items'), [scope, thread.id, item.id], itemRecord(seq + 1)),
      ]);
    });
  }

  /**
   * One page of the scope's threads by `created_at`.
   * @throws {NotFoundError} `Thread {after} not found` when the cursor names no thread of the scope.
   */
  async loadThreads(query: PageQuery, context: TContext): Promise<Page<ThreadMetadata>> {
    const scope = this.scope(context);
    const page = await this.run(['threads'], 'readonly', async (tx) => {
      const threads = tx.objectStore('threads');
      const position = query.after ? await threads.get([scope, query.after]) : null;
      if (query.after && !position) throw new NotFoundError(`Thread ${query.after} not found`);
      return readPage(threads.index('byCreated'), [scope], position ?? null, query, (record) => record);
    });
    return { ...page, data: await Promise.all(page.data.map((record) => this.codec.decodeThread(record))) };
  }

  /**
   * Deletes the thread, its items, and the attachments (records and bytes) whose `thread_id` is this
   * thread, in one transaction: a crash or a closed tab never leaves half a thread behind.
   */
  async deleteThread(threadId: string, context: TContext): Promise<void> {
    const scope = this.scope(context);
    await this.run(['threads', 'items', 'attachments', 'bytes'], 'readwrite', (tx) =>
      deleteThreadIn(tx, scope, threadId),
    );
  }

  /**
   * One page of a thread's items by `created_at`; an unknown thread (or another scope's) gives an empty page.
   * @throws {NotFoundError} `Item {after} not found` when the cursor names no item of the thread.
   */
  async loadThreadItems(threadId: string, query: PageQuery, context: TContext): Promise<Page<ThreadItem>> {
    const scope = this.scope(context);
    const page = await this.run(['threads', 'items'], 'readonly', async (tx) => {
      const items = tx.objectStore('items');
      const [thread, position] = await Promise.all([
        tx.objectStore('threads').getKey([scope, threadId]),
        query.after ? items.get([scope, threadId, query.after]) : null,
      ]);
      // An unknown thread (or another scope's) reads as empty, whatever the cursor: it has no items.
      if (!thread) return { data: [], has_more: false, after: null };
      if (query.after && !position) throw new NotFoundError(`Item ${query.after} not found`);
      return readPage(items.index('byCreated'), [scope, threadId], position ?? null, query, (record) => record);
    });
    return { ...page, data: await Promise.all(page.data.map((record) => this.codec.decodeItem(record))) };
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
    const record = await this.run(['items'], 'readonly', (tx) =>
      tx.objectStore('items').get([scope, threadId, itemId]),
    );
    if (!record) throw new NotFoundError(`Item ${itemId} not found in thread ${threadId}`);
    return this.codec.decodeItem(record);
  }

  /** Deletes one item; silent when it does not exist. */
  async deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void> {
    const scope = this.scope(context);
    await this.run(['items'], 'readwrite', (tx) => tx.objectStore('items').delete([scope, threadId, itemId]));
  }

  /** Inserts or replaces an attachment record, `metadata` included. */
  async saveAttachment(attachment: Attachment, context: TContext): Promise<void> {
    const scope = this.scope(context);
    const record: AttachmentRecord = {
      scope,
      id: attachment.id,
      ...(await this.codec.encodeAttachment(scope, attachment)),
    };
    // Only a string joins the `byThread` index; a missing or null thread_id leaves the record out of it.
    if (typeof attachment.thread_id === 'string') record.threadId = attachment.thread_id;
    await this.run(['attachments'], 'readwrite', (tx) => tx.objectStore('attachments').put(record));
  }

  /** @throws {NotFoundError} `File {id} not found` when it does not exist in the context's scope. */
  async loadAttachment(attachmentId: string, context: TContext): Promise<Attachment> {
    const scope = this.scope(context);
    const record = await this.run(['attachments'], 'readonly', (tx) =>
      tx.objectStore('attachments').get([scope, attachmentId]),
    );
    if (!record) throw new NotFoundError(`File ${attachmentId} not found`);
    return this.codec.decodeAttachment(record);
  }

  /** Deletes the attachment record (the bytes belong to the attachment store's `deleteAttachment`). */
  async deleteAttachment(attachmentId: string, context: TContext): Promise<void> {
    const scope = this.scope(context);
    await this.run(['attachments'], 'readwrite', (tx) => tx.objectStore('attachments').delete([scope, attachmentId]));
  }

  /**
   * The context's scope (or the threads named) as one JSON-serialisable export, attachment bytes
   * included (this store holds them), read in one transaction. Plain JSON, even when the store encrypts.
   * @throws {NotFoundError} `Thread {id} not found` for a thread id the scope does not have.
   */
  async exportData(context: TContext, options: ExportOptions<TContext> = {}): Promise<ChatKitExport> {
    return exportScope(this.parts, this.scope(context), options);
  }

  /**
   * Adds an export to the context's scope in one transaction, bytes included: validated whole first,
   * and then written together or not at all. Taken ids get new ones (`options.attachments`, when given,
   * generates attachment ids); existing data is never changed.
   * @param data an export: the object, its JSON text, or a Blob/File of that text.
   * @throws {ExportFormatError} when `data` is not a valid export (nothing is written).
   */
  async importData(data: unknown, context: TContext, options: ImportOptions<TContext> = {}): Promise<ImportSummary> {
    return importIntoScope(this.parts, this.scope(context), data, {
      newThreadId: () => this.generateThreadId(context),
      newAttachmentId: (mimeType) => newAttachmentId(options.attachments, mimeType, context),
    });
  }

  /**
   * Deletes every thread, item, attachment record and attachment byte of the context's scope, in one
   * transaction. Other scopes are untouched. A response still streaming may write its thread again:
   * stop streams first.
   */
  async deleteAll(context: TContext): Promise<void> {
    await deleteScope(this.parts, this.scope(context));
  }

  /**
   * Deletes, in every scope, the threads whose last activity (newest item, else the thread's creation)
   * is older than `maxAgeMs`, with their items and files, skipping any thread a response is streaming
   * into. This is the check the `retention` option runs; call it yourself to run it now. A store
   * wrapped with `withChanges` announces each deleted thread (`thread.deleted`) in its scope.
   * @returns how many threads were deleted.
   */
  async deleteInactiveThreads(maxAgeMs: number): Promise<number> {
    checkRetentionOptions({ maxAgeMs });
    const deleted = await deleteInactive(this.parts, this.holder, Date.now() - maxAgeMs);
    reportDeletedThreads(
      this,
      deleted.map(({ scope, id }) => ({ scope, threadId: id })),
    );
    return deleted.length;
  }

  /**
   * Holds a thread while a response streams into it (the server calls this); retention skips held
   * threads, in this tab and others (a Web Lock per thread).
   */
  async holdThread(threadId: string, context: TContext): Promise<() => void> {
    return this.holder.hold(this.scope(context), threadId);
  }

  /**
   * Re-wraps the data key under a new passphrase: one small atomic write, so an interruption leaves the
   * old passphrase or the new one working; nothing is re-encrypted. Other stores still holding the old
   * key (other tabs or workers) get a `StaleEncryptionKeyError` on their next call.
   * @param newPassphrase the passphrase from now on.
   * @param options.iterations PBKDF2 iterations for it (default 600,000).
   * @throws {EncryptionSetupError} when the store was not opened with encryption.
   * @throws {StaleEncryptionKeyError} when the passphrase was already changed elsewhere.
   */
  async changePassphrase(newPassphrase: string, options: { iterations?: number | undefined } = {}): Promise<void> {
    await changeKey(this.connection, this.sealedCodec(), { passphrase: newPassphrase, ...options });
  }

  /**
   * Like {@link IndexedDBStore.changePassphrase}, for a key the app manages: from now on `newKey` (an
   * AES-GCM `CryptoKey` with the `wrapKey` and `unwrapKey` usages) wraps the data key.
   */
  async changeEncryptionKey(newKey: CryptoKey): Promise<void> {
    await changeKey(this.connection, this.sealedCodec(), { key: newKey });
  }

  /**
   * Encrypts an app value (its JSON) with this store's data key, for the app to keep wherever it likes:
   * settings holding an API key, say, kept as safe as the chats and under the same passphrase. `label`
   * binds the result: only {@link IndexedDBStore.decryptValue} with the same label opens it.
   * @throws {EncryptionSetupError} when the store was not opened with encryption.
   * @throws {StaleEncryptionKeyError} when the passphrase was changed elsewhere since this store opened.
   */
  async encryptValue(label: string, value: unknown): Promise<ArrayBuffer> {
    const codec = this.sealedCodec();
    await this.run([], 'readonly', async () => undefined);
    return codec.sealJson(value, ['app', label]);
  }

  /**
   * The value {@link IndexedDBStore.encryptValue} encrypted under `label`.
   * @throws {EncryptionKeyError} when it does not decrypt (another label, another database, or altered).
   * @throws {EncryptionSetupError} when the store was not opened with encryption.
   * @throws {StaleEncryptionKeyError} when the passphrase was changed elsewhere since this store opened.
   */
  async decryptValue<T = unknown>(label: string, encrypted: ArrayBuffer): Promise<T> {
    const codec = this.sealedCodec();
    await this.run([], 'readonly', async () => undefined);
    return codec.openJson<T>(encrypted, ['app', label], `the value "${label}"`);
  }

  /** Runs the first retention check, then schedules the others until {@link IndexedDBStore.close}. */
  private async startRetention(options: RetentionOptions): Promise<void> {
    await this.deleteInactiveThreads(options.maxAgeMs);
    this.retention = new RetentionSchedule(() => this.deleteInactiveThreads(options.maxAgeMs), options);
    this.retention.start();
  }

  private sealedCodec(): SealedCodec {
    if (this.codec instanceof SealedCodec) return this.codec;
    throw new EncryptionSetupError(
      this.name,
      `IndexedDB database "${this.name}" is not encrypted, so it has no passphrase to change. To encrypt its data, ` +
        'export it, open a new database with encryption, and import it there.',
    );
  }

  /** What the data-control and retention modules need of this store. */
  private get parts() {
    return { connection: this.connection, codec: this.codec };
  }

  /** Inserts or replaces an item of an existing thread; a replaced item keeps its sequence number. */
  private async upsertItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    const scope = this.scope(context);
    const stored = await this.codec.encodeItem(scope, threadId, item);
    await this.run(['threads', 'items', 'meta'], 'readwrite', async (tx: Transaction<'readwrite'>) => {
      const seq = await this.seqs.take(tx, 1);
      // Checked with the write, not before it: a missing thread aborts the transaction, put and all.
      const thread = tx.objectStore('threads').getKey([scope, threadId]);
      const record: ItemRecord = { scope, threadId, id: item.id, createdMs: timeOf(item.created_at), seq, ...stored };
      const written = putKeepingSeq(tx.objectStore('items'), [scope, threadId, item.id], record);
      written.catch(() => undefined);
      if (!(await thread)) throw new NotFoundError(`Thread ${threadId} not found`);
      await written;
    });
  }

  /** {@link Connection.run} with the codec's check in the same transaction (see `backend.ts`). */
  private run<Mode extends IDBTransactionMode, T>(
    stores: StoreName[],
    mode: Mode,
    work: (tx: Transaction<Mode>) => Promise<T>,
  ): Promise<T> {
    return runChecked(this.parts, stores, mode, work);
  }
}

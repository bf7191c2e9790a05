/**
 * {@link PostgresStore}: the {@link Store} contract over PostgreSQL, for Node servers that outgrow one
 * process. It behaves exactly like `MemoryStore` and `IndexedDBStore` (same errors and messages,
 * upserts, tie-breaks, scopes), and several processes can share one database.
 */
import { Pool } from 'pg';
import type { Attachment } from '../../protocol/attachments.ts';
import type { ThreadItem } from '../../protocol/items.ts';
import type { ThreadMetadata } from '../../protocol/thread.ts';
import { NotFoundError } from '../errors.ts';
import { defaultGenerateId } from '../ids.ts';
import type { ScopeOptions } from '../memory.ts';
import { timeOf } from '../ordered-entries.ts';
import { threadMetadataOf } from '../thread-metadata.ts';
import type { ChatKitExport } from '../data-control/format.ts';
import { newAttachmentId } from '../data-control/generic.ts';
import type {
  DataControl,
  DeleteAllOptions,
  ExportOptions,
  ImportOptions,
  ImportSummary,
} from '../data-control/types.ts';
import type { Page, PageQuery, Store, StoreItemType } from '../types.ts';
import { deleteExternalBytes, setBackend, type PostgresBackend } from './backend.ts';
import { deleteScope, exportScope, importIntoScope } from './data-control.ts';
import { Database } from './database.ts';
import { PostgresStoreError } from './errors.ts';
import { checkSchemaName, DEFAULT_SCHEMA } from './identifiers.ts';
import { expectVersion, migrate } from './migrations.ts';
import { Statements } from './statements.ts';
import { jsonOf, storable } from './values.ts';
import { nextWriteSeq } from './write-order.ts';

/** Where the store's database is: a connection string or a pool (neither: `pg`'s `PG*` environment variables). */
export interface PostgresConnectionOptions {
  /**
   * A PostgreSQL URL (`postgresql://user:password@host:5432/database`); the store makes a pool of it
   * and ends the pool on {@link PostgresStore.close}. Server settings go in its `options` parameter,
   * e.g. `?options=-c%20statement_timeout%3D5000`.
   */
  connectionString?: string | undefined;
  /**
   * A `pg` pool of your own (its size, TLS, timeouts are yours to set). The store never ends it; give it
   * an `'error'` listener, as `pg` asks, so a connection the server drops does not crash the process.
   */
  pool?: Pool | undefined;
  /**
   * The PostgreSQL schema holding the store's tables (default `chatkit`; created if missing). Letters,
   * digits and `_`. Stores on different schemas of one database share nothing.
   */
  schema?: string | undefined;
}

/** Options of {@link PostgresStore.connect}. */
export interface PostgresStoreOptions<TContext = unknown> extends PostgresConnectionOptions, ScopeOptions<TContext> {
  /**
   * Whether `connect` brings the schema up to date (default true). With false it only checks the
   * version, and fails saying so when the schema is behind: for deployments whose runtime database
   * user may not create tables and run {@link PostgresStore.migrate} as a separate step.
   */
  migrate?: boolean | undefined;
}

/** The pool an options object names; `owned` when the store made it. */
function databaseFor(options: PostgresConnectionOptions): Database {
  if (options.pool && options.connectionString !== undefined) {
    throw new TypeError('PostgresStore: pass either connectionString or pool, not both.');
  }
  if (options.pool) return new Database(options.pool, false);
  return new Database(
    new Pool(options.connectionString === undefined ? {} : { connectionString: options.connectionString }),
    true,
  );
}

/** The number of rows a page asks for, normalised as `MemoryStore` reads `limit`; null means no limit. */
function rowsWanted(limit: number): number | null {
  if (limit === Infinity) return null;
  return Number.isFinite(limit) ? Math.max(0, Math.ceil(limit)) : 0;
}

/**
 * A {@link Store} in PostgreSQL, for Node servers: durable, and shared by every process that connects
 * to the same database and schema.
 *
 * - **Paging** costs O(log n + limit) at any size: threads and items are indexed by
 *   `(scope, [thread,] created_at instant, write order)`, and a page after a cursor is one index
 *   range scan. Equal `created_at` values keep their first-write order, as in `MemoryStore`.
 * - **Atomicity**: `deleteThread` removes the thread, its items, its attachment records and their
 *   bytes in one statement; `saveThreadWithItem` writes a new thread and its first message in one.
 * - **Scopes**: with `scope`, every row is keyed by its scope first: a context can neither see nor
 *   change nor delete another scope's data, even by guessing ids.
 * - **Data control** ({@link DataControl}): `exportData` reads a scope in one transaction, `importData`
 *   writes one in one transaction, `deleteAll` empties one in one statement, attachment bytes included.
 * - **Errors**: `NotFoundError` as the contract says; database failures (a lost connection, a statement
 *   timeout, a constraint) as a {@link PostgresStoreError} naming what was being done. A failed
 *   call changes nothing.
 *
 * The id generators are ordinary methods: assign `store.generateThreadId = ...` or subclass (a
 * subclass's `connect()` returns an instance of that subclass).
 */
export class PostgresStore<TContext = unknown> implements Store<TContext>, DataControl<TContext> {
  /** The PostgreSQL schema holding the store's tables. */
  readonly schema: string;
  private readonly db: Database;
  private readonly sql: Statements;
  private readonly scope: (context: TContext) => string;
  private readonly backend: PostgresBackend<TContext>;

  /** Use {@link PostgresStore.connect}, which checks (and by default migrates) the schema first. */
  protected constructor(db: Database, schema: string, scope: (context: TContext) => string) {
    this.db = db;
    this.schema = schema;
    this.sql = new Statements(schema);
    this.scope = scope;
    this.backend = { db, sql: this.sql, scope, externalBytes: null };
    setBackend<TContext>(this, this.backend);
  }

  /**
   * Connects to the database and, unless `migrate: false`, brings the schema up to date (creating it
   * on first use), so a database the store cannot use fails here rather than on the first request.
   * Safe when several processes start at once: migrations run under an advisory lock.
   * @throws {TypeError} for an invalid `schema` name, or both `connectionString` and `pool`.
   * @throws {PostgresStoreError} when the database cannot be reached or its schema cannot be used.
   */
  static async connect<TContext = unknown>(
    options: PostgresStoreOptions<TContext> = {},
  ): Promise<PostgresStore<TContext>> {
    const schema = checkSchemaName(options.schema ?? DEFAULT_SCHEMA);
    const db = databaseFor(options);
    try {
      if (options.migrate === false) await expectVersion(db, schema);
      else await migrate(db, schema);
    } catch (error) {
      await db.close().catch(() => undefined);
      throw error;
    }
    return new this<TContext>(db, schema, options.scope ?? (() => ''));
  }

  /**
   * Brings a schema up to date without opening a store: for a deployment step run before the
   * servers start. Safe to run while servers are connecting. Returns the schema version before and after.
   * @throws {PostgresStoreError} when the database cannot be reached, or the schema is newer than this code.
   */
  static async migrate(options: PostgresConnectionOptions = {}): Promise<{ from: number; to: number }> {
    const schema = checkSchemaName(options.schema ?? DEFAULT_SCHEMA);
    const db = databaseFor(options);
    try {
      return await migrate(db, schema);
    } finally {
      await db.close();
    }
  }

  /**
   * Closes the store: further calls reject. Ends the pool the store made from a connection string;
   * a pool you passed stays open (it is yours to end).
   */
  async close(): Promise<void> {
    await this.db.close();
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
    const rows = storable(threadId)
      ? (
          await this.db.query<{ data: ThreadMetadata }>(`loading thread ${threadId}`, {
            text: this.sql.loadThread,
            values: [scope, threadId],
          })
        ).rows
      : [];
    if (!rows[0]) throw new NotFoundError(`Thread ${threadId} not found`);
    return rows[0].data;
  }

  /** Inserts or replaces the thread's metadata (an `items` page on the object is not stored); a replaced thread keeps its place among ties. */
  async saveThread(thread: ThreadMetadata, context: TContext): Promise<void> {
    const scope = this.scope(context);
    const data = jsonOf(threadMetadataOf(thread), `Thread ${thread.id}`);
    await this.db.query(`saving thread ${thread.id}`, {
      text: this.sql.upsertThread,
      values: [scope, thread.id, timeOf(thread.created_at), nextWriteSeq(), data],
    });
  }

  /**
   * Saves a new thread and its first item in one statement: both are stored, or neither is. Upserts,
   * like `saveThread` and `addThreadItem`.
   */
  async saveThreadWithItem(thread: ThreadMetadata, item: ThreadItem, context: TContext): Promise<void> {
    const scope = this.scope(context);
    const threadData = jsonOf(threadMetadataOf(thread), `Thread ${thread.id}`);
    const itemData = jsonOf(item, `Item ${item.id}`);
    const threadSeq = nextWriteSeq();
    await this.db.query(`saving thread ${thread.id} with its item ${item.id}`, {
      text: this.sql.upsertThreadWithItem,
      values: [
        scope,
        thread.id,
        timeOf(thread.created_at),
        threadSeq,
        threadData,
        item.id,
        timeOf(item.created_at),
        nextWriteSeq(),
        itemData,
      ],
    });
  }

  /**
   * One page of the scope's threads by `created_at`.
   * @throws {NotFoundError} `Thread {after} not found` when the cursor names no thread of the scope.
   */
  async loadThreads(query: PageQuery, context: TContext): Promise<Page<ThreadMetadata>> {
    const scope = this.scope(context);
    const { after } = query;
    const limit = rowsWanted(query.limit);
    const statements = this.sql.threadPage[query.order === 'asc' ? 'asc' : 'desc'];
    const operation = 'loading a page of threads';
    if (after && !storable(after)) throw new NotFoundError(`Thread ${after} not found`);
    const { rows } = await this.db.query<{ id: string; data: ThreadMetadata }>(operation, {
      text: after ? statements.after : statements.first,
      values: after ? [scope, limit === null ? null : limit + 1, after] : [scope, limit === null ? null : limit + 1],
    });
    if (after && rows.length === 0) {
      // No rows after a cursor: either the cursor is the last thread, or it names none.
      const found = await this.db.query(operation, { text: this.sql.threadExists, values: [scope, after] });
      if (found.rowCount === 0) throw new NotFoundError(`Thread ${after} not found`);
    }
    return pageOf(rows, limit);
  }

  /**
   * Deletes the thread, its items, and the attachments (records and bytes) whose `thread_id` is this
   * thread, in one statement: a crash or a lost connection never leaves half a thread behind. Bytes kept
   * outside PostgreSQL (a custom bytes backend) are deleted after the statement commits.
   */
  async deleteThread(threadId: string, context: TContext): Promise<void> {
    if (!storable(threadId)) return;
    const scope = this.scope(context);
    const operation = `deleting thread ${threadId}`;
    const { rows } = await this.db.query<{ id: string }>(operation, {
      text: this.sql.deleteThread,
      values: [scope, threadId],
    });
    const ids = rows.map((row) => row.id);
    await deleteExternalBytes(this.backend, scope, ids, operation, `Thread ${threadId} was deleted`);
  }

  /**
   * One page of a thread's items by `created_at`; an unknown thread (or another scope's) gives an empty page.
   * @throws {NotFoundError} `Item {after} not found` when the cursor names no item of the thread.
   */
  async loadThreadItems(threadId: string, query: PageQuery, context: TContext): Promise<Page<ThreadItem>> {
    const scope = this.scope(context);
    const { after } = query;
    const limit = rowsWanted(query.limit);
    const statements = this.sql.itemPage[query.order === 'asc' ? 'asc' : 'desc'];
    const operation = `loading a page of the items of thread ${threadId}`;
    if (!storable(threadId)) return { data: [], has_more: false, after: null };
    if (after && !storable(after)) return this.emptyAfterUnknownCursor(scope, threadId, after, operation);
    const fetch = limit === null ? null : limit + 1;
    const { rows } = await this.db.query<{ id: string; data: ThreadItem }>(operation, {
      text: after ? statements.after : statements.first,
      values: after ? [scope, threadId, fetch, after] : [scope, threadId, fetch],
    });
    if (after && rows.length === 0) {
      const found = await this.db.query<{ thread: boolean; item: boolean }>(operation, {
        text: this.sql.itemCursorExists,
        values: [scope, threadId, after],
      });
      const { thread, item } = found.rows[0] ?? { thread: false, item: false };
      if (thread && !item) throw new NotFoundError(`Item ${after} not found`);
    }
    return pageOf(rows, limit);
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
    const rows =
      storable(threadId) && storable(itemId)
        ? (
            await this.db.query<{ data: ThreadItem }>(`loading item ${itemId} of thread ${threadId}`, {
              text: this.sql.loadItem,
              values: [scope, threadId, itemId],
            })
          ).rows
        : [];
    if (!rows[0]) throw new NotFoundError(`Item ${itemId} not found in thread ${threadId}`);
    return rows[0].data;
  }

  /** Deletes one item; silent when it does not exist. */
  async deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void> {
    if (!storable(threadId) || !storable(itemId)) return;
    await this.db.query(`deleting item ${itemId} of thread ${threadId}`, {
      text: this.sql.deleteItem,
      values: [this.scope(context), threadId, itemId],
    });
  }

  /** Inserts or replaces an attachment record, `metadata` included. */
  async saveAttachment(attachment: Attachment, context: TContext): Promise<void> {
    const threadId = typeof attachment.thread_id === 'string' ? attachment.thread_id : null;
    await this.db.query(`saving attachment ${attachment.id}`, {
      text: this.sql.upsertAttachment,
      values: [this.scope(context), attachment.id, threadId, jsonOf(attachment, `Attachment ${attachment.id}`)],
    });
  }

  /** @throws {NotFoundError} `File {id} not found` when it does not exist in the context's scope. */
  async loadAttachment(attachmentId: string, context: TContext): Promise<Attachment> {
    const rows = storable(attachmentId)
      ? (
          await this.db.query<{ data: Attachment }>(`loading attachment ${attachmentId}`, {
            text: this.sql.loadAttachment,
            values: [this.scope(context), attachmentId],
          })
        ).rows
      : [];
    if (!rows[0]) throw new NotFoundError(`File ${attachmentId} not found`);
    return rows[0].data;
  }

  /** Deletes the attachment record (the bytes belong to the attachment store's `deleteAttachment`). */
  async deleteAttachment(attachmentId: string, context: TContext): Promise<void> {
    if (!storable(attachmentId)) return;
    await this.db.query(`deleting attachment ${attachmentId}`, {
      text: this.sql.deleteAttachment,
      values: [this.scope(context), attachmentId],
    });
  }

  /** Inserts or replaces an item of an existing thread; a replaced item keeps its write order. */
  private async upsertItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    if (!storable(threadId)) throw new NotFoundError(`Thread ${threadId} not found`);
    const data = jsonOf(item, `Item ${item.id}`);
    let written: number | null;
    try {
      ({ rowCount: written } = await this.db.query(`saving item ${item.id} of thread ${threadId}`, {
        text: this.sql.upsertItem,
        values: [this.scope(context), threadId, item.id, timeOf(item.created_at), nextWriteSeq(), data],
      }));
    } catch (error) {
      // The foreign key to the thread: a thread deleted by another transaction meanwhile.
      if (error instanceof PostgresStoreError && error.code === '23503') {
        throw new NotFoundError(`Thread ${threadId} not found`);
      }
      throw error;
    }
    // Nothing written: the scope has no such thread.
    if (!written) throw new NotFoundError(`Thread ${threadId} not found`);
  }

  /**
   * Everything of the context's scope (or the threads named, in that order) as one export, read in one
   * transaction, so it is one consistent moment even while other processes write. Attachment bytes come
   * from the store's bytes backend (the `bytea` table, or the backend its `PostgresAttachmentStore`
   * was given); `options.attachments` is not needed and is ignored.
   * @throws {NotFoundError} `Thread {id} not found` for a thread id the scope does not have.
   */
  async exportData(context: TContext, options: ExportOptions<TContext> = {}): Promise<ChatKitExport> {
    return exportScope(this.backend, this.scope(context), {
      threadIds: options.threadIds,
      includeFiles: options.includeFiles,
    });
  }

  /**
   * Adds an export (the object, its JSON text, or a Blob of it) to the context's scope in one
   * transaction: validated whole first, then every thread, item, attachment record and byte is written
   * together or not at all. Existing data is never changed: a taken thread or attachment id gets a new
   * one (see {@link ImportSummary.renamed}). Bytes go to the store's bytes backend; an external one
   * gets them before the transaction commits, and loses them again if it does not.
   * @param options - `attachments`: whose `generateAttachmentId` names renamed attachments (default ids otherwise).
   * @throws {ExportFormatError} naming what is wrong, when `data` is not a valid export (nothing written).
   * @throws {PostgresStoreError} when the database fails (nothing written).
   */
  async importData(data: unknown, context: TContext, options: ImportOptions<TContext> = {}): Promise<ImportSummary> {
    return importIntoScope(this.backend, this.scope(context), data, {
      newThreadId: () => this.generateThreadId(context),
      newAttachmentId: (mimeType) => newAttachmentId(options.attachments, mimeType, context),
    });
  }

  /**
   * Deletes every thread, item, attachment record and attachment byte of the context's scope in one
   * statement, and nothing of another scope. Bytes in an external backend go right after it commits.
   * Stop streaming responses first: a reply still streaming may write its thread again.
   */
  async deleteAll(context: TContext, _options?: DeleteAllOptions<TContext>): Promise<void> {
    await deleteScope(this.backend, this.scope(context));
  }

  /** The answer for a cursor that cannot name an item: empty for an unknown thread, else NotFoundError. */
  private async emptyAfterUnknownCursor(
    scope: string,
    threadId: string,
    after: string,
    operation: string,
  ): Promise<Page<ThreadItem>> {
    const found = await this.db.query(operation, { text: this.sql.threadExists, values: [scope, threadId] });
    if (found.rowCount) throw new NotFoundError(`Item ${after} not found`);
    return { data: [], has_more: false, after: null };
  }
}

/** A page from up to `limit + 1` rows: the extra row only says there is more. */
function pageOf<T>(rows: { id: string; data: T }[], limit: number | null): Page<T> {
  const hasMore = limit !== null && rows.length > limit;
  const kept = hasMore ? rows.slice(0, limit) : rows;
  return {
    data: kept.map((row) => row.data),
    has_more: hasMore,
    after: hasMore ? (kept[kept.length - 1]?.id ?? null) : null,
  };
}

/**
 * Schema migrations: `migrations[v]` takes a database from version `v` to `v + 1`. A new database runs
 * every step from 0, so the upgrade path from old layouts is exercised on every first open, not only on
 * the rare machine that still holds old data.
 *
 * Version 1 was a single-user layout: records were the wire objects themselves, keyed by `id`, ordered
 * by the `created_at` string with the id as tie-break, and attachment bytes were bare Blobs. Version 2
 * adds the scope to every key and orders by instant plus a write sequence number (see `schema.ts`).
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { Attachment } from '../../protocol/attachments.ts';
import type { ThreadItem } from '../../protocol/items.ts';
import type { ThreadMetadata } from '../../protocol/thread.ts';
import { timeOf } from '../ordered-entries.ts';
import {
  DEFAULT_SCOPE,
  SEQ_KEY,
  type AttachmentRecord,
  type BytesRecord,
  type ItemRecord,
  type ThreadRecord,
} from './schema.ts';

/** A database during an upgrade, untyped: each step sees the layout of its own version. */
export type UpgradeDatabase = IDBPDatabase<unknown>;
/** The `versionchange` transaction of an upgrade. */
export type UpgradeTransaction = IDBPTransaction<unknown, ArrayLike<string>, 'versionchange'>;

/**
 * One schema step. It may be async, but must only await requests of `transaction`: awaiting anything
 * else lets the transaction commit half-way.
 */
export type Migration = (db: UpgradeDatabase, transaction: UpgradeTransaction) => void | Promise<void>;

/** A cursor as far as {@link copyAll} needs it. */
interface CopyCursor {
  readonly key: IDBValidKey;
  readonly value: unknown;
  continue(): Promise<CopyCursor | null>;
}

/**
 * Walks a cursor and issues one write per record without waiting for each (the requests queue in the
 * transaction in order), then waits for all: half the round trips of awaiting every write.
 */
async function copyAll(
  open: Promise<CopyCursor | null>,
  write: (value: unknown, key: IDBValidKey) => Promise<unknown>,
): Promise<void> {
  const writes: Promise<unknown>[] = [];
  let cursor = await open;
  while (cursor) {
    writes.push(write(cursor.value, cursor.key));
    cursor = await cursor.continue();
  }
  await Promise.all(writes);
}

/** Version 0 → 1: the original single-user layout. */
function createVersion1(db: UpgradeDatabase): void {
  db.createObjectStore('threads', { keyPath: 'id' }).createIndex('by_created_at', 'created_at');
  db.createObjectStore('items', { keyPath: 'id' }).createIndex('by_thread', ['thread_id', 'created_at']);
  db.createObjectStore('attachments', { keyPath: 'id' });
  db.createObjectStore('files');
}

/** Creates the version 2 stores and indexes (empty). */
function createVersion2Stores(db: UpgradeDatabase): void {
  db.createObjectStore('threads', { keyPath: ['scope', 'id'] }).createIndex('byCreated', ['scope', 'createdMs', 'seq']);
  db.createObjectStore('items', { keyPath: ['scope', 'threadId', 'id'] }).createIndex('byCreated', [
    'scope',
    'threadId',
    'createdMs',
    'seq',
  ]);
  db.createObjectStore('attachments', { keyPath: ['scope', 'id'] }).createIndex('byThread', ['scope', 'threadId']);
  db.createObjectStore('bytes', { keyPath: ['scope', 'id'] });
  db.createObjectStore('meta');
}

/**
 * Version 1 → 2: moves every record into the default scope and numbers threads and items in their
 * version 1 order (by `created_at`, then id), so equal timestamps keep the order users saw. The old
 * stores are renamed first (their names are reused), copied with cursors (no whole-store reads), then
 * dropped.
 */
async function scopeAndSequence(db: UpgradeDatabase, tx: UpgradeTransaction): Promise<void> {
  for (const name of ['threads', 'items', 'attachments']) tx.objectStore(name).name = `v1_${name}`;
  createVersion2Stores(db);
  let seq = 0;
  const newThreads = tx.objectStore('threads');
  const newItems = tx.objectStore('items');
  const newAttachments = tx.objectStore('attachments');
  const newBytes = tx.objectStore('bytes');

  await copyAll(tx.objectStore('v1_threads').index('by_created_at').openCursor(), (value) => {
    const thread = value as ThreadMetadata;
    const record: ThreadRecord = {
      scope: DEFAULT_SCOPE,
      id: thread.id,
      createdMs: timeOf(thread.created_at),
      seq: seq++,
      thread,
    };
    return newThreads.put(record);
  });
  await copyAll(tx.objectStore('v1_items').index('by_thread').openCursor(), (value) => {
    const item = value as ThreadItem;
    const record: ItemRecord = {
      scope: DEFAULT_SCOPE,
      threadId: item.thread_id,
      id: item.id,
      createdMs: timeOf(item.created_at),
      seq: seq++,
      item,
    };
    return newItems.put(record);
  });
  await copyAll(tx.objectStore('v1_attachments').openCursor(), (value) => {
    const attachment = value as Attachment;
    const record: AttachmentRecord = { scope: DEFAULT_SCOPE, id: attachment.id, attachment };
    if (attachment.thread_id) record.threadId = attachment.thread_id;
    return newAttachments.put(record);
  });
  await copyAll(tx.objectStore('files').openCursor(), (value, key) => {
    const record: BytesRecord = { scope: DEFAULT_SCOPE, id: key as string, blob: value as Blob };
    return newBytes.put(record);
  });

  await tx.objectStore('meta').put(seq, SEQ_KEY);
  for (const name of ['v1_threads', 'v1_items', 'v1_attachments', 'files']) db.deleteObjectStore(name);
}

/** Every schema step in order; its length is the schema version. */
export const migrations: readonly Migration[] = [createVersion1, scopeAndSequence];

/** The schema version this code reads and writes: the version the last migration reaches. */
export const SCHEMA_VERSION = migrations.length;

/**
 * Runs the steps from `oldVersion` to `newVersion` inside the upgrade transaction. A failing step rejects;
 * the caller aborts the transaction, so the database stays at `oldVersion` with its data intact.
 */
export async function migrate(
  db: UpgradeDatabase,
  tx: UpgradeTransaction,
  oldVersion: number,
  newVersion: number,
): Promise<void> {
  for (let version = oldVersion; version < newVersion; version++) {
    const step = migrations[version];
    if (!step) throw new Error(`no migration from schema version ${version}`);
    await step(db, tx);
  }
}

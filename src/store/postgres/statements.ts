/**
 * Every statement the stores run, written once per schema. Values are always parameters (`$1`...);
 * the only text spliced in is the schema name, checked and quoted by identifiers.ts.
 */
import { quoteIdentifier } from './identifiers.ts';

/** The order of a listing, oldest first; `desc` reverses each key. */
const ASC = 'created_ms, write_seq, rid';
const DESC = 'created_ms DESC, write_seq DESC, rid DESC';

/** The SQL of the stores for one schema. */
export class Statements {
  readonly upsertThread: string;
  readonly loadThread: string;
  readonly threadExists: string;
  /** Pages of threads: `[order][withCursor]`. $1 scope, $2 limit, $3 cursor id. */
  readonly threadPage: Record<'asc' | 'desc', { first: string; after: string }>;
  /** Deletes a thread, its items (by the foreign key's cascade), attachment records and bytes; returns the attachment ids. */
  readonly deleteThread: string;

  /** Upserts an item of the thread ($1 scope, $2 id); 0 rows when there is no such thread. */
  readonly upsertItem: string;
  /** A new thread and its first item in one statement. */
  readonly upsertThreadWithItem: string;
  readonly loadItem: string;
  readonly deleteItem: string;
  /** Pages of items: $1 scope, $2 thread id, $3 limit, $4 cursor id. */
  readonly itemPage: Record<'asc' | 'desc', { first: string; after: string }>;
  /** Whether the thread ($1 scope, $2 id) and the item ($3 id) of an empty page's cursor exist. */
  readonly itemCursorExists: string;

  readonly upsertAttachment: string;
  readonly loadAttachment: string;
  readonly deleteAttachment: string;

  readonly putBytes: string;
  readonly getBytes: string;
  readonly deleteBytes: string;

  /** Data control: every thread of scope $1, oldest first; the threads among the ids $2. */
  readonly exportThreads: { all: string; chosen: string };
  /** The items of the threads $2 of scope $1, each thread's oldest first, with their thread's id. */
  readonly exportItems: string;
  /** Every attachment record of scope $1. */
  readonly exportAttachments: string;
  /** The ids among $2 already taken by a thread, or an attachment, of scope $1. */
  readonly takenIds: { threads: string; attachments: string };
  /** Inserts (never replaces) many rows at once: one array parameter per column, after $1 the scope. */
  readonly importRows: { threads: string; items: string; attachments: string };
  /** Deletes everything of scope $1 (items by the cascade); returns the deleted attachments' ids. */
  readonly deleteScope: string;

  constructor(schema: string) {
    const s = quoteIdentifier(schema);
    const threadInsert = `INSERT INTO ${s}.threads AS t (scope, id, created_ms, write_seq, data) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (scope, id) DO UPDATE SET created_ms = excluded.created_ms, data = excluded.data`;
    this.upsertThread = threadInsert;
    this.loadThread = `SELECT data FROM ${s}.threads WHERE scope = $1 AND id = $2`;
    this.threadExists = `SELECT 1 FROM ${s}.threads WHERE scope = $1 AND id = $2`;
    const threadCursor = `(SELECT created_ms, write_seq, rid FROM ${s}.threads WHERE scope = $1 AND id = $3)`;
    const threadPage = (order: string, compare: string) => ({
      first: `SELECT id, data FROM ${s}.threads WHERE scope = $1 ORDER BY ${order} LIMIT $2`,
      after: `SELECT id, data FROM ${s}.threads WHERE scope = $1 AND (created_ms, write_seq, rid) ${compare} ${threadCursor}
        ORDER BY ${order} LIMIT $2`,
    });
    this.threadPage = { asc: threadPage(ASC, '>'), desc: threadPage(DESC, '<') };
    // One statement, so one transaction: the thread, its items (cascade), and its attachments' records
    // and bytes go together or not at all.
    this.deleteThread = `WITH
      gone_thread AS (DELETE FROM ${s}.threads WHERE scope = $1 AND id = $2),
      gone_attachments AS (DELETE FROM ${s}.attachments WHERE scope = $1 AND thread_id = $2 RETURNING id),
      gone_bytes AS (DELETE FROM ${s}.attachment_bytes b USING gone_attachments a WHERE b.scope = $1 AND b.id = a.id)
      SELECT id FROM gone_attachments`;

    // Items name their thread by its rid: every item statement finds it by (scope, id) first, so an
    // item of another scope, or of a thread that is not there, is never reached.
    const threadRid = `(SELECT rid FROM ${s}.threads WHERE scope = $1 AND id = $2)`;
    const itemUpsert = `ON CONFLICT (thread_rid, id) DO UPDATE SET created_ms = excluded.created_ms, data = excluded.data`;
    // No row is inserted when the thread is missing (the statement reports 0 rows); a thread deleted
    // meanwhile fails the foreign key instead.
    this.upsertItem = `INSERT INTO ${s}.items (thread_rid, id, created_ms, write_seq, data)
      SELECT rid, $3::text, $4::bigint, $5::bigint, $6::json FROM ${s}.threads WHERE scope = $1 AND id = $2 ${itemUpsert}`;
    this.upsertThreadWithItem = `WITH thread AS (${threadInsert} RETURNING rid)
      INSERT INTO ${s}.items (thread_rid, id, created_ms, write_seq, data)
      SELECT rid, $6::text, $7::bigint, $8::bigint, $9::json FROM thread ${itemUpsert}`;
    this.loadItem = `SELECT data FROM ${s}.items WHERE thread_rid = ${threadRid} AND id = $3`;
    this.deleteItem = `DELETE FROM ${s}.items WHERE thread_rid = ${threadRid} AND id = $3`;
    const itemCursor = `(SELECT created_ms, write_seq, rid FROM ${s}.items WHERE thread_rid = ${threadRid} AND id = $4)`;
    const itemPage = (order: string, compare: string) => ({
      first: `SELECT id, data FROM ${s}.items WHERE thread_rid = ${threadRid} ORDER BY ${order} LIMIT $3`,
      after: `SELECT id, data FROM ${s}.items WHERE thread_rid = ${threadRid}
        AND (created_ms, write_seq, rid) ${compare} ${itemCursor} ORDER BY ${order} LIMIT $3`,
    });
    this.itemPage = { asc: itemPage(ASC, '>'), desc: itemPage(DESC, '<') };
    this.itemCursorExists = `SELECT
      EXISTS (SELECT 1 FROM ${s}.threads WHERE scope = $1 AND id = $2) AS thread,
      EXISTS (SELECT 1 FROM ${s}.items WHERE thread_rid = ${threadRid} AND id = $3) AS item`;

    this.upsertAttachment = `INSERT INTO ${s}.attachments (scope, id, thread_id, data) VALUES ($1, $2, $3, $4)
      ON CONFLICT (scope, id) DO UPDATE SET thread_id = excluded.thread_id, data = excluded.data`;
    this.loadAttachment = `SELECT data FROM ${s}.attachments WHERE scope = $1 AND id = $2`;
    this.deleteAttachment = `DELETE FROM ${s}.attachments WHERE scope = $1 AND id = $2`;

    this.putBytes = `INSERT INTO ${s}.attachment_bytes (scope, id, mime_type, bytes) VALUES ($1, $2, $3, $4)
      ON CONFLICT (scope, id) DO UPDATE SET mime_type = excluded.mime_type, bytes = excluded.bytes`;
    this.getBytes = `SELECT mime_type, bytes FROM ${s}.attachment_bytes WHERE scope = $1 AND id = $2`;
    this.deleteBytes = `DELETE FROM ${s}.attachment_bytes WHERE scope = $1 AND id = ANY($2::text[])`;

    this.exportThreads = {
      all: `SELECT id, data FROM ${s}.threads WHERE scope = $1 ORDER BY ${ASC}`,
      chosen: `SELECT id, data FROM ${s}.threads WHERE scope = $1 AND id = ANY($2::text[])`,
    };
    this.exportItems = `SELECT t.id AS thread_id, i.data FROM ${s}.items i JOIN ${s}.threads t ON t.rid = i.thread_rid
      WHERE t.scope = $1 AND t.id = ANY($2::text[]) ORDER BY i.thread_rid, i.created_ms, i.write_seq, i.rid`;
    this.exportAttachments = `SELECT data FROM ${s}.attachments WHERE scope = $1 ORDER BY id`;
    this.takenIds = {
      threads: `SELECT id FROM ${s}.threads WHERE scope = $1 AND id = ANY($2::text[])`,
      attachments: `SELECT id FROM ${s}.attachments WHERE scope = $1 AND id = ANY($2::text[])`,
    };
    // Plain inserts: an id taken meanwhile by another writer fails the key (23505) rather than
    // overwriting what is there, and the import plans again.
    this.importRows = {
      threads: `INSERT INTO ${s}.threads (scope, id, created_ms, write_seq, data)
        SELECT $1::text, u.* FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::json[]) AS u`,
      items: `INSERT INTO ${s}.items (thread_rid, id, created_ms, write_seq, data)
        SELECT t.rid, u.id, u.created_ms, u.write_seq, u.data
        FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::json[]) AS u (thread_id, id, created_ms, write_seq, data)
        JOIN ${s}.threads t ON t.scope = $1 AND t.id = u.thread_id`,
      attachments: `INSERT INTO ${s}.attachments (scope, id, thread_id, data)
        SELECT $1::text, u.* FROM unnest($2::text[], $3::text[], $4::json[]) AS u`,
    };
    // One statement, so one transaction: nothing of the scope is left if it succeeds, all of it if not.
    this.deleteScope = `WITH
      gone_threads AS (DELETE FROM ${s}.threads WHERE scope = $1),
      gone_attachments AS (DELETE FROM ${s}.attachments WHERE scope = $1 RETURNING id),
      gone_bytes AS (DELETE FROM ${s}.attachment_bytes WHERE scope = $1)
      SELECT id FROM gone_attachments`;
  }
}

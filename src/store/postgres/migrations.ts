/**
 * The store's tables, as numbered migrations recorded in `<schema>.schema_migrations`.
 *
 * {@link migrate} runs the missing ones in one transaction under a transaction-level advisory lock
 * keyed by the schema name: when several processes start at once, one migrates and the others wait
 * for it, then find nothing left to do. DDL is transactional in PostgreSQL, so a failed migration
 * leaves the schema as it was. A schema already up to date is recognised by one read, with no lock
 * and no DDL, so a process whose database user may not create tables still starts.
 *
 * Migrations are append-only: never edit a released one; add the next number.
 */
import type { QueryResult } from 'pg';
import type { Database } from './database.ts';
import { quoteIdentifier } from './identifiers.ts';
import { PostgresStoreError } from './errors.ts';

interface Migration {
  version: number;
  description: string;
  /** The DDL, for the quoted schema name `s`. */
  sql(s: string): string;
}

/**
 * Ordering: `created_ms` (the instant of `created_at`), then `write_seq` (when the row was first
 * written; see write-order.ts), then `rid` (an identity, unique even when two processes' clocks tie).
 * Upserts keep `write_seq` and `rid`, so a rewritten entry keeps its place.
 *
 * Threads are keyed by `(scope, id)` and listed through `(scope, created_ms, write_seq, rid)`. Items
 * belong to a thread row by its `rid` (`thread_rid`): keyed by `(thread_rid, id)`, listed through
 * `(thread_rid, created_ms, write_seq, rid)`, and deleted with their thread by the foreign key. A key
 * and the listing index of a table share a single leading column on purpose: looking up a page's
 * cursor by its key then always picks the key's index, even before the table has statistics (with two
 * shared equality columns, PostgreSQL's default estimates tie, and it may scan the whole thread's
 * listing for the cursor instead).
 *
 * Documents are `json`, not `jsonb`: they are stored and returned as the text they were, and can hold
 * any JSON string (jsonb refuses `\u0000`); the store never queries inside them.
 */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'threads, items, attachment records and attachment bytes',
    sql: (s) => `
      CREATE TABLE ${s}.threads (
        scope text NOT NULL,
        id text NOT NULL,
        created_ms bigint NOT NULL,
        write_seq bigint NOT NULL,
        rid bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        data json NOT NULL,
        PRIMARY KEY (scope, id)
      );
      CREATE INDEX threads_by_created ON ${s}.threads (scope, created_ms, write_seq, rid);

      CREATE TABLE ${s}.items (
        thread_rid bigint NOT NULL REFERENCES ${s}.threads (rid) ON DELETE CASCADE,
        id text NOT NULL,
        created_ms bigint NOT NULL,
        write_seq bigint NOT NULL,
        rid bigint GENERATED ALWAYS AS IDENTITY,
        data json NOT NULL,
        PRIMARY KEY (thread_rid, id)
      );
      CREATE INDEX items_by_created ON ${s}.items (thread_rid, created_ms, write_seq, rid);

      -- No foreign key to threads: an attachment exists before the message that ties it to a thread.
      CREATE TABLE ${s}.attachments (
        scope text NOT NULL,
        id text NOT NULL,
        thread_id text,
        data json NOT NULL,
        PRIMARY KEY (scope, id)
      );
      CREATE INDEX attachments_by_thread ON ${s}.attachments (scope, thread_id) WHERE thread_id IS NOT NULL;

      CREATE TABLE ${s}.attachment_bytes (
        scope text NOT NULL,
        id text NOT NULL,
        mime_type text NOT NULL,
        bytes bytea NOT NULL,
        PRIMARY KEY (scope, id)
      );
      -- Uploads are mostly compressed already (images, PDFs): do not spend time compressing them again.
      ALTER TABLE ${s}.attachment_bytes ALTER COLUMN bytes SET STORAGE EXTERNAL;
    `,
  },
];

/** The schema version this code creates and expects. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** SQLSTATEs meaning the schema or its migrations table is not there yet. */
const MISSING = new Set(['3F000', '42P01']);

/** The version the schema is at: 0 when the store's tables were never created there. */
async function versionOf(
  query: (text: string) => Promise<QueryResult<{ version: number | null }>>,
  s: string,
): Promise<number> {
  try {
    const result = await query(`SELECT max(version) AS version FROM ${s}.schema_migrations`);
    return result.rows[0]?.version ?? 0;
  } catch (error) {
    if (MISSING.has((error as { code?: string }).code ?? '')) return 0;
    throw error;
  }
}

function tooNew(schema: string, version: number): PostgresStoreError {
  return new PostgresStoreError(
    `The PostgreSQL schema "${schema}" is at version ${version}, newer than this chatkit-local knows (${SCHEMA_VERSION}): a newer release migrated it. Upgrade chatkit-local here too.`,
    { operation: 'checking the schema version' },
  );
}

/**
 * Brings `schema` up to {@link SCHEMA_VERSION}, creating it if need be. Safe to call from many
 * processes at once. Returns the versions before and after.
 * @throws {PostgresStoreError} when the schema is newer than this code, or a migration fails (then nothing changed).
 */
export async function migrate(db: Database, schema: string): Promise<{ from: number; to: number }> {
  const s = quoteIdentifier(schema);
  const operation = `migrating the schema "${schema}"`;
  const current = await versionOf((text) => db.query(operation, { text }), s);
  if (current === SCHEMA_VERSION) return { from: current, to: current };
  if (current > SCHEMA_VERSION) throw tooNew(schema, current);

  return db.transaction(operation, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`chatkit-local migrate ${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
         version integer PRIMARY KEY,
         description text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    // Read again under the lock: another process may have migrated while this one waited.
    const from = await versionOf((text) => client.query(text), s);
    if (from > SCHEMA_VERSION) throw tooNew(schema, from);
    for (const migration of MIGRATIONS) {
      if (migration.version <= from) continue;
      await client.query(migration.sql(s));
      await client.query(`INSERT INTO ${s}.schema_migrations (version, description) VALUES ($1, $2)`, [
        migration.version,
        migration.description,
      ]);
    }
    return { from, to: SCHEMA_VERSION };
  });
}

/**
 * Checks that `schema` is at {@link SCHEMA_VERSION}, for a store told not to migrate.
 * @throws {PostgresStoreError} saying how to migrate, when it is not.
 */
export async function expectVersion(db: Database, schema: string): Promise<void> {
  const operation = `checking the version of the schema "${schema}"`;
  const version = await versionOf((text) => db.query(operation, { text }), quoteIdentifier(schema));
  if (version === SCHEMA_VERSION) return;
  if (version > SCHEMA_VERSION) throw tooNew(schema, version);
  throw new PostgresStoreError(
    `The PostgreSQL schema "${schema}" is at version ${version}; this chatkit-local needs ${SCHEMA_VERSION}. Run PostgresStore.migrate() (or connect with migrate: true) first.`,
    { operation },
  );
}

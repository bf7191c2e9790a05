/**
 * PostgresStore's data control against a real PostgreSQL server: the shared contract (bytes in the
 * store's own table, and in an external bytes backend), then what is PostgreSQL's own: an import is one
 * transaction (a failure late in it leaves nothing, external bytes included), an id another writer takes
 * while an import runs makes it plan again, and deleteAll is one statement.
 */
import { afterAll, describe, expect, test } from 'vitest';
import type { Pool } from 'pg';
import {
  PostgresAttachmentStore,
  PostgresStore,
  PostgresStoreError,
  type AttachmentBytesBackend,
} from '../../src/postgres.ts';
import { MemoryAttachmentStore, MemoryStore } from '../../src/index.ts';
import { describeDataControlContract } from '../shared/data-control-contract.ts';
import { ATTACHMENTS, fillScope, readScope } from '../shared/data-control-fixtures.ts';
import { alice, bob, byUser, makeThread, type TestContext } from '../shared/store-fixtures.ts';
import { dropSchemas, mapBytesBackend, testPool, uniqueSchema } from '../support/postgres.ts';

const pool = testPool();
const fileSchema = uniqueSchema('datacontrol');
const schemas: string[] = [fileSchema];
afterAll(async () => {
  await dropSchemas(pool, schemas);
  await pool.end();
});

let made = 0;
/** A fresh store on the file's schema, scoped by user under a prefix no other store uses. */
async function freshStore(options: { schema?: string; pool?: Pool } = {}): Promise<PostgresStore<TestContext>> {
  const prefix = `store${++made}/`;
  const schema = options.schema ?? fileSchema;
  if (!schemas.includes(schema)) schemas.push(schema);
  return PostgresStore.connect<TestContext>({
    pool: options.pool ?? pool,
    schema,
    scope: (context) => prefix + byUser(context),
  });
}

describeDataControlContract('PostgresStore', async () => {
  const store = await freshStore();
  // The store reaches its bytes itself: no attachment store passed in the options.
  return { store, attachments: new PostgresAttachmentStore(store), options: {}, dispose: () => store.close() };
});

describeDataControlContract('PostgresStore (bytes in an external backend)', async () => {
  const store = await freshStore();
  const attachments = new PostgresAttachmentStore(store, { bytes: mapBytesBackend().backend });
  return { store, attachments, options: {}, dispose: () => store.close() };
});

/** How many rows each table holds for scopes starting with `prefix`. */
async function rowCounts(schema: string, prefix: string) {
  const count = async (sql: string) => (await pool.query<{ n: number }>(sql, [`${prefix}%`])).rows[0]!.n;
  return {
    threads: await count(`SELECT count(*)::int AS n FROM "${schema}".threads WHERE scope LIKE $1`),
    items: await count(
      `SELECT count(*)::int AS n FROM "${schema}".items i JOIN "${schema}".threads t ON t.rid = i.thread_rid WHERE t.scope LIKE $1`,
    ),
    attachments: await count(`SELECT count(*)::int AS n FROM "${schema}".attachments WHERE scope LIKE $1`),
    bytes: await count(`SELECT count(*)::int AS n FROM "${schema}".attachment_bytes WHERE scope LIKE $1`),
  };
}

/** A scope of alice's filled in a MemoryStore, exported: what an import into Postgres takes. */
async function memoryExport() {
  const attachments = new MemoryAttachmentStore<TestContext>({ scope: byUser });
  const store = new MemoryStore<TestContext>({ scope: byUser });
  await fillScope(store, attachments, alice);
  return { data: await store.exportData(alice, { attachments }), store, attachments };
}

describe('PostgresStore import is one transaction', () => {
  test('a row that fails at the end (the last attachment record) leaves no thread, item, record or byte', async () => {
    const schema = uniqueSchema('poison');
    const store = await freshStore({ schema });
    new PostgresAttachmentStore(store);
    await pool.query(
      `ALTER TABLE "${schema}".attachments ADD CONSTRAINT no_pending CHECK (id <> '${ATTACHMENTS.pending}')`,
    );
    const { data } = await memoryExport();

    const error = await store.importData(data, alice).then(
      () => null,
      (caught: unknown) => caught as Error,
    );
    expect(error).toBeInstanceOf(PostgresStoreError);
    expect(error!.message).toMatch(/^Importing data broke the constraint no_pending/);
    expect(await rowCounts(schema, '')).toEqual({ threads: 0, items: 0, attachments: 0, bytes: 0 });
  });

  test('with an external backend, bytes it took are deleted again when the transaction fails', async () => {
    const schema = uniqueSchema('poison_external');
    const store = await freshStore({ schema });
    const { objects, backend } = mapBytesBackend();
    const calls: string[] = [];
    const failing: AttachmentBytesBackend = {
      ...backend,
      async put(key, bytes) {
        calls.push(key.attachmentId);
        // The third file fails, after two were stored.
        if (calls.length === 3) throw new Error('bucket full');
        await backend.put(key, bytes);
      },
    };
    new PostgresAttachmentStore(store, { bytes: failing });
    const { data } = await memoryExport();

    await expect(store.importData(data, alice)).rejects.toThrow('bucket full');
    expect(calls).toHaveLength(3);
    expect(objects.size).toBe(0);
    expect(await rowCounts(schema, '')).toEqual({ threads: 0, items: 0, attachments: 0, bytes: 0 });
  });

  test('an id another writer takes while the import runs makes it plan again, and nothing is overwritten', async () => {
    const store = await freshStore();
    await store.saveThread(makeThread('thr_a', 0, { title: 'already here' }), alice);
    const { data } = await memoryExport();
    const scope = (
      await pool.query<{ scope: string }>(
        `SELECT scope FROM "${fileSchema}".threads WHERE id = 'thr_a' AND data->>'title' = 'already here'`,
      )
    ).rows.at(-1)!.scope;

    // Another writer has inserted thr_race but not committed: the import's check cannot see it.
    const other = await pool.connect();
    await other.query('BEGIN');
    await other.query(
      `INSERT INTO "${fileSchema}".threads (scope, id, created_ms, write_seq, data) VALUES ($1, 'thr_race', 0, 0, $2)`,
      [scope, JSON.stringify(makeThread('thr_race', 0, { title: 'the other writer' }))],
    );
    const offered: string[] = [];
    const commit: { done: Promise<unknown> | null } = { done: null };
    // thr_a is taken, so the import asks for a new id: the first is thr_race, which the other
    // writer commits right then, before the import's insert can take it.
    store.generateThreadId = () => {
      const id = offered.length === 0 ? 'thr_race' : `thr_fresh${offered.length}`;
      offered.push(id);
      commit.done ??= other.query('COMMIT');
      return id;
    };
    try {
      const summary = await store.importData(data, alice);
      expect(offered).toEqual(['thr_race', 'thr_fresh1']);
      expect(summary.renamed.threads).toEqual({ thr_a: 'thr_fresh1' });
      expect(summary.threadIds).toEqual(['thr_fresh1', 'thr_b']);
    } finally {
      await commit.done;
      other.release();
    }
    expect((await store.loadThread('thr_race', alice)).title).toBe('the other writer');
    expect((await store.loadThread('thr_a', alice)).title).toBe('already here');
    expect((await store.loadThread('thr_fresh1', alice)).title).toBe('A of alice');
  });
});

describe('PostgresStore deleteAll', () => {
  test('one statement removes the scope from every table, and the external bytes right after', async () => {
    const schema = uniqueSchema('delete_all');
    // A pool of its own, so the statements deleteAll sends can be counted.
    const own = testPool({ max: 2 });
    const statements: string[] = [];
    const query = own.query.bind(own) as (...args: unknown[]) => unknown;
    (own as { query: unknown }).query = (...args: unknown[]) => {
      const config = args[0] as { text?: string } | string;
      statements.push(typeof config === 'string' ? config : (config.text ?? ''));
      return query(...args);
    };
    const store = await freshStore({ schema, pool: own });
    const { objects, backend } = mapBytesBackend();
    const attachments = new PostgresAttachmentStore(store, { bytes: backend });
    await fillScope(store, attachments, alice);
    await fillScope(store, attachments, bob);
    expect(objects.size).toBe(6);

    statements.length = 0;
    await store.deleteAll(alice);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^WITH\s+gone_threads AS \(DELETE/);
    // Object keys are `scope/id`, and the scope ends with the user id.
    expect([...objects.keys()].map((key) => key.split('/')[1])).toEqual(['bob', 'bob', 'bob']);
    expect(await rowCounts(schema, '')).toEqual({ threads: 2, items: 13, attachments: 4, bytes: 0 });
    expect((await readScope(store, attachments, alice)).threads).toEqual([]);
    expect((await readScope(store, attachments, bob)).threads).toHaveLength(2);
    await store.close();
    await own.end();
  });

  test('when the external backend cannot delete, deleteAll says the records are gone but the bytes are not', async () => {
    const store = await freshStore();
    const { backend } = mapBytesBackend();
    const attachments = new PostgresAttachmentStore(store, {
      bytes: {
        ...backend,
        delete: async () => {
          throw new Error('bucket unreachable');
        },
      },
    });
    await fillScope(store, attachments, alice);
    const error = await store.deleteAll(alice).then(
      () => null,
      (caught: unknown) => caught as Error,
    );
    expect(error).toBeInstanceOf(PostgresStoreError);
    expect(error!.message).toMatch(
      /^Every thread and attachment record was deleted, but the bytes of its attachments \(.*file_1.*\) could not be deleted: bucket unreachable$/,
    );
    expect((await readScope(store, attachments, alice)).threads).toEqual([]);
  });

  test('a store has one bytes backend: a second PostgresAttachmentStore with another is refused', async () => {
    const store = await freshStore();
    const first = mapBytesBackend().backend;
    new PostgresAttachmentStore(store, { bytes: first });
    expect(() => new PostgresAttachmentStore(store, { bytes: first })).not.toThrow();
    expect(() => new PostgresAttachmentStore(store, { bytes: mapBytesBackend().backend })).toThrow(
      'PostgresAttachmentStore: this PostgresStore already keeps its bytes in another bytes backend; a store has one.',
    );
  });
});

/**
 * PostgresStore and PostgresAttachmentStore against a real PostgreSQL server (the run's throwaway
 * cluster): the shared store contracts unchanged, then what is PostgreSQL's own: connecting, schemas,
 * migrations, index use, bytes and their limit, a custom bytes backend, values text cannot hold.
 */
import { afterAll, describe, expect, test } from 'vitest';
import type { Pool } from 'pg';
import { PostgresAttachmentStore, PostgresStore, PostgresStoreError, SCHEMA_VERSION } from '../../src/postgres.ts';
import { ChatKitRequestError, NotFoundError } from '../../src/index.ts';
import { Statements } from '../../src/store/postgres/statements.ts';
import { describeAttachmentStoreContract } from '../shared/attachment-store-contract.ts';
import { describeStoreContract } from '../shared/store-contract.ts';
import { describeSaveThreadWithItemContract } from '../shared/save-thread-with-item-contract.ts';
import {
  alice,
  assistantMessage,
  bob,
  byUser,
  fileAttachment,
  makeThread,
  type TestContext,
} from '../shared/store-fixtures.ts';
import { dropSchemas, mapBytesBackend, postgresInfo, testPool, uniqueSchema } from '../support/postgres.ts';

const pool = testPool();
/** The file's schema, shared by the stores of the contract tests. */
const fileSchema = uniqueSchema('store');
const schemas: string[] = [fileSchema];
afterAll(async () => {
  await dropSchemas(pool, schemas);
  await pool.end();
});

/** A store on the file's pool: on the file's schema unless another is named. */
async function connect(
  options: { scope?: (context: TestContext) => string; schema?: string; migrate?: boolean; pool?: Pool } = {},
): Promise<PostgresStore<TestContext>> {
  const schema = options.schema ?? fileSchema;
  if (!schemas.includes(schema)) schemas.push(schema);
  return PostgresStore.connect<TestContext>({ pool, ...options, schema });
}

let made = 0;
/**
 * A fresh, empty store on the file's schema. Creating a schema per test costs a migration (over 100 ms
 * of DDL); a scope prefix no other store uses isolates as well, since scopes partition every table.
 */
async function freshStore(scope?: (context: TestContext) => string): Promise<PostgresStore<TestContext>> {
  const prefix = `store${++made}/`;
  return connect({ scope: (context) => prefix + (scope ? scope(context) : '') });
}

const storeFactory = async (options: { scope?: (context: TestContext) => string }) => {
  const store = await freshStore(options.scope);
  return { store, dispose: () => store.close() };
};

describeStoreContract('PostgresStore', storeFactory);

describeAttachmentStoreContract(
  'PostgresAttachmentStore',
  async ({ scope, ...urls }) => {
    const store = await freshStore(scope);
    return { store, attachments: new PostgresAttachmentStore(store, urls), dispose: () => store.close() };
  },
  // The bytes live in the store's own schema, and deleteThread removes them in its statement.
  { deleteThreadRemovesBytes: true },
);

let poisoned: Promise<unknown> | null = null;
describeSaveThreadWithItemContract('PostgresStore', storeFactory, async (_store, threadId) => {
  // A constraint fails the item's insert inside PostgreSQL, after the thread's row is written.
  poisoned ??= pool.query(`ALTER TABLE "${fileSchema}".items ADD CONSTRAINT no_poison CHECK (id <> 'msg_poisoned')`);
  await poisoned;
  return assistantMessage(threadId, 'msg_poisoned');
});

/** The rejection of `promise`, which must reject. */
async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error as Error,
  );
  if (!outcome) throw new Error('expected a rejection');
  return outcome;
}

const tablesOf = async (schema: string): Promise<string[]> =>
  (
    await pool.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    )
  ).rows.map((row) => row.table_name);

describe('connecting', () => {
  test('from a connection string: the store owns its pool, and refuses calls once closed', async () => {
    const schema = uniqueSchema('url');
    schemas.push(schema);
    const store = await PostgresStore.connect<TestContext>({
      connectionString: postgresInfo().connectionString,
      schema,
    });
    await store.saveThread(makeThread('thr_a'), alice);
    await store.close();
    const error = await rejectionOf(store.loadThread('thr_a', alice));
    expect(error).toBeInstanceOf(PostgresStoreError);
    expect(error.message).toBe('The PostgresStore is closed (while loading thread thr_a); connect a new one to go on.');
    const again = await PostgresStore.connect<TestContext>({
      connectionString: postgresInfo().connectionString,
      schema,
    });
    expect(await again.loadThread('thr_a', alice)).toStrictEqual(makeThread('thr_a'));
    await again.close();
  });

  test('with a pool of your own: close() leaves the pool open', async () => {
    const own = testPool({ max: 2 });
    const store = await connect({ pool: own, scope: () => 'own pool' });
    await store.close();
    expect((await own.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await own.end();
  });

  test('data outlives the store: another store on the same schema reads it', async () => {
    const schema = uniqueSchema('durable');
    const first = await connect({ schema, scope: byUser });
    await first.saveThreadWithItem(makeThread('thr_a'), assistantMessage('thr_a', 'msg_1'), alice);
    await first.close();
    const second = await connect({ schema, scope: byUser });
    expect(await second.loadItem('thr_a', 'msg_1', alice)).toStrictEqual(assistantMessage('thr_a', 'msg_1'));
    await expect(second.loadThread('thr_a', bob)).rejects.toBeInstanceOf(NotFoundError);
  });

  test('two stores on different schemas of one database share nothing', async () => {
    const one = await connect({ schema: uniqueSchema('one') });
    const two = await connect({ schema: uniqueSchema('two') });
    await one.saveThread(makeThread('thr_a'), alice);
    await expect(two.loadThread('thr_a', alice)).rejects.toBeInstanceOf(NotFoundError);
  });

  test('without a schema option the tables go in the "chatkit" schema', async () => {
    schemas.push('chatkit');
    const store = await PostgresStore.connect<TestContext>({ pool });
    expect(store.schema).toBe('chatkit');
    expect(await tablesOf('chatkit')).toEqual([
      'attachment_bytes',
      'attachments',
      'items',
      'schema_migrations',
      'threads',
    ]);
  });

  test('an invalid schema name is refused before anything is sent to the server', async () => {
    const before = (await pool.query('SELECT count(*)::int AS n FROM pg_namespace')).rows[0].n;
    for (const [schema, reason] of [
      ['bad-name', 'is not a valid schema name'],
      ['x"; DROP TABLE users; --', 'is not a valid schema name'],
      ['1abc', 'is not a valid schema name'],
      ['', 'is not a valid schema name'],
      ['pg_mine', 'starts with "pg_", which PostgreSQL reserves'],
      ['s'.repeat(64), 'PostgreSQL names are at most 63'],
    ] as const) {
      const error = await rejectionOf(PostgresStore.connect({ pool, schema }));
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toMatch(/^schema: /);
      expect(error.message).toContain(reason);
    }
    expect((await pool.query('SELECT count(*)::int AS n FROM pg_namespace')).rows[0].n).toBe(before);
  });

  test('a connection string and a pool together are refused', async () => {
    const error = await rejectionOf(PostgresStore.connect({ pool, connectionString: postgresInfo().connectionString }));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('PostgresStore: pass either connectionString or pool, not both.');
  });

  test('a server that is not there: a PostgresStoreError saying it could not connect', async () => {
    const error = await rejectionOf(
      PostgresStore.connect({ connectionString: 'postgresql://nobody@127.0.0.1:1/none', schema: uniqueSchema() }),
    );
    expect(error).toBeInstanceOf(PostgresStoreError);
    expect(error.message).toMatch(/^Could not connect to PostgreSQL while migrating the schema "t_[0-9a-f]+"/);
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('migrations', () => {
  test('a new schema is created at the current version, recorded once', async () => {
    const schema = uniqueSchema('mig');
    await connect({ schema });
    const rows = (await pool.query(`SELECT version, description FROM "${schema}".schema_migrations`)).rows;
    expect(rows.map((row) => row.version)).toEqual([SCHEMA_VERSION]);
    expect(SCHEMA_VERSION).toBe(1);
  });

  test('many processes connecting at once to a new schema: one migrates, every store works', async () => {
    const schema = uniqueSchema('race');
    schemas.push(schema);
    // Separate pools, as separate processes would have.
    const stores = await Promise.all(
      Array.from({ length: 8 }, () =>
        PostgresStore.connect<TestContext>({ connectionString: postgresInfo().connectionString, schema }),
      ),
    );
    await Promise.all(stores.map((store, i) => store.saveThread(makeThread(`thr_${i}`), alice)));
    expect((await stores[0]!.loadThreads({ limit: 20, order: 'asc' }, alice)).data).toHaveLength(8);
    expect((await pool.query(`SELECT count(*)::int AS n FROM "${schema}".schema_migrations`)).rows[0].n).toBe(1);
    await Promise.all(stores.map((store) => store.close()));
  });

  test('migrate: false checks the version and says how to migrate; PostgresStore.migrate does it', async () => {
    const schema = uniqueSchema('explicit');
    schemas.push(schema);
    const error = await rejectionOf(connect({ schema, migrate: false }));
    expect(error).toBeInstanceOf(PostgresStoreError);
    expect(error.message).toBe(
      `The PostgreSQL schema "${schema}" is at version 0; this chatkit-local needs ${SCHEMA_VERSION}. Run PostgresStore.migrate() (or connect with migrate: true) first.`,
    );
    expect(await tablesOf(schema)).toEqual([]);
    expect(await PostgresStore.migrate({ pool, schema })).toEqual({ from: 0, to: SCHEMA_VERSION });
    expect(await PostgresStore.migrate({ pool, schema })).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    const store = await connect({ schema, migrate: false });
    await store.saveThread(makeThread('thr_a'), alice);
    expect((await store.loadThread('thr_a', alice)).id).toBe('thr_a');
  });

  test('a schema migrated by a newer release is refused, not used', async () => {
    const schema = uniqueSchema('newer');
    await connect({ schema });
    await pool.query(
      `INSERT INTO "${schema}".schema_migrations (version, description) VALUES (999, 'from the future')`,
    );
    for (const migrate of [true, false]) {
      const error = await rejectionOf(connect({ schema, migrate }));
      expect(error).toBeInstanceOf(PostgresStoreError);
      expect(error.message).toContain(`is at version 999, newer than this chatkit-local knows (${SCHEMA_VERSION})`);
    }
  });

  test('a migration that fails changes nothing: the transaction rolls back', async () => {
    const schema = uniqueSchema('clash');
    schemas.push(schema);
    // Someone else's table where the store would create its own.
    await pool.query(`CREATE SCHEMA "${schema}"; CREATE TABLE "${schema}".items (mine text)`);
    const error = await rejectionOf(connect({ schema }));
    expect(error).toBeInstanceOf(PostgresStoreError);
    expect((error as PostgresStoreError).code).toBe('42P07');
    expect(error.message).toMatch(/^Migrating the schema "clash_[0-9a-f]+" failed: relation "items" already exists/);
    expect(await tablesOf(schema)).toEqual(['items']);
  });
});

describe('paging uses the indexes', () => {
  /** The plan of a statement, as JSON: node types and index names. */
  async function planOf(text: string, values: unknown[]): Promise<string> {
    const { rows } = await pool.query(`EXPLAIN (FORMAT JSON) ${text}`, values);
    return JSON.stringify(rows[0]['QUERY PLAN']);
  }

  test('pages are index range scans, and cursors are found by key even before ANALYZE', async () => {
    const store = await connect({ schema: uniqueSchema('plans') });
    const s = `"${store.schema}"`;
    // No statistics until the explicit ANALYZE below: the plans must not depend on them.
    await pool.query(`ALTER TABLE ${s}.threads SET (autovacuum_enabled = false)`);
    await pool.query(`ALTER TABLE ${s}.items SET (autovacuum_enabled = false)`);
    // Written straight in SQL: 5,000 threads in each of two scopes, and 5,000 items in one thread.
    await pool.query(
      `INSERT INTO ${s}.threads (scope, id, created_ms, write_seq, data)
       SELECT scope, 'thr_' || i, i, i, '{}' FROM generate_series(1, 5000) i, (VALUES ('alice'), ('bob')) v(scope)`,
    );
    await pool.query(
      `INSERT INTO ${s}.items (thread_rid, id, created_ms, write_seq, data)
       SELECT (SELECT rid FROM ${s}.threads WHERE scope = 'alice' AND id = 'thr_1'), 'msg_' || i, i, i, '{}'
       FROM generate_series(1, 5000) i`,
    );
    const sql = new Statements(store.schema);
    const plans = async (order: 'asc' | 'desc') => ({
      itemsFirst: await planOf(sql.itemPage[order].first, ['alice', 'thr_1', 21]),
      itemsAfter: await planOf(sql.itemPage[order].after, ['alice', 'thr_1', 21, 'msg_2500']),
      threadsFirst: await planOf(sql.threadPage[order].first, ['alice', 21]),
      threadsAfter: await planOf(sql.threadPage[order].after, ['alice', 21, 'thr_2500']),
    });
    // Before any statistics: a page's cursor is found through the table's key, never by filtering the
    // whole thread's listing (see the migration's note on index design).
    for (const order of ['asc', 'desc'] as const) {
      const { itemsAfter, threadsAfter } = await plans(order);
      expect(itemsAfter).toContain('"Index Name":"items_pkey"');
      expect(threadsAfter).toContain('"Index Name":"threads_pkey"');
      for (const plan of [itemsAfter, threadsAfter]) expect(plan).not.toContain('"Filter"');
    }
    // With statistics, as autovacuum keeps them: every page is a range scan of the listing index,
    // stopping at the limit, with no sort and no scan of the table.
    await pool.query(`ANALYZE ${s}.threads; ANALYZE ${s}.items`);
    for (const order of ['asc', 'desc'] as const) {
      const { itemsFirst, itemsAfter, threadsFirst, threadsAfter } = await plans(order);
      for (const [plan, index] of [
        [itemsFirst, 'items_by_created'],
        [itemsAfter, 'items_by_created'],
        [threadsFirst, 'threads_by_created'],
        [threadsAfter, 'threads_by_created'],
      ] as const) {
        expect(plan).toContain(`"Index Name":"${index}"`);
        expect(plan).not.toContain('"Filter"');
        expect(plan).not.toContain('"Node Type":"Sort"');
        expect(plan).not.toContain('"Node Type":"Seq Scan"');
        expect(plan).not.toContain('"Node Type":"Bitmap Heap Scan"');
      }
    }
  });
});

describe('attachment bytes', () => {
  test('a 2 MiB file round-trips byte for byte', async () => {
    const store = await freshStore();
    const attachments = new PostgresAttachmentStore(store);
    const bytes = new Uint8Array(2 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 251;
    await attachments.putBytes('atc_big', new Blob([bytes], { type: 'application/pdf' }), alice);
    const back = await attachments.getBytes('atc_big', alice);
    expect(back?.type).toBe('application/pdf');
    const read = Buffer.from(await back!.arrayBuffer());
    expect(read.length).toBe(bytes.length);
    // Buffer.equals rather than toEqual: a diff of two million numbers would take minutes to print.
    expect(read.equals(bytes)).toBe(true);
  });

  test('a file over maxBytes is refused with 413 naming the file field, and nothing is stored', async () => {
    const store = await connect({ schema: uniqueSchema('limit') });
    const attachments = new PostgresAttachmentStore(store, { maxBytes: 10 });
    await attachments.putBytes('atc_ok', new Blob(['0123456789']), alice);
    const error = await rejectionOf(attachments.putBytes('atc_big', new Blob(['0123456789A']), alice));
    expect(error).toBeInstanceOf(ChatKitRequestError);
    expect((error as ChatKitRequestError).status).toBe(413);
    expect((error as ChatKitRequestError).field).toBe('file');
    expect(error.message).toBe('file: the file is 11 bytes; this server keeps attachments of at most 10 bytes.');
    expect(await attachments.getBytes('atc_big', alice)).toBeNull();
    expect((await pool.query(`SELECT id FROM "${store.schema}".attachment_bytes`)).rows).toEqual([{ id: 'atc_ok' }]);
  });

  test('a PostgresAttachmentStore needs a PostgresStore made by connect()', () => {
    expect(() => new PostgresAttachmentStore({} as PostgresStore)).toThrow(
      'PostgresAttachmentStore needs a PostgresStore made by PostgresStore.connect().',
    );
  });

  test('a custom bytes backend gets the bytes, and hears of the files of a deleted thread after it commits', async () => {
    const { objects, deleted, backend } = mapBytesBackend();
    const store = await connect({ schema: uniqueSchema('backend'), scope: byUser });
    const attachments = new PostgresAttachmentStore(store, { bytes: backend });
    await store.saveThread(makeThread('thr_a'), alice);
    for (const id of ['atc_1', 'atc_2']) {
      await store.saveAttachment(fileAttachment(id, { thread_id: 'thr_a' }), alice);
      await attachments.putBytes(id, new Blob([id], { type: 'text/plain' }), alice);
    }
    await store.saveAttachment(fileAttachment('atc_free'), alice);
    await attachments.putBytes('atc_free', new Blob(['free']), alice);
    expect([...objects.keys()].sort()).toEqual(['alice/atc_1', 'alice/atc_2', 'alice/atc_free']);
    expect(await (await attachments.getBytes('atc_1', alice))?.text()).toBe('atc_1');
    expect((await pool.query(`SELECT count(*)::int AS n FROM "${store.schema}".attachment_bytes`)).rows[0].n).toBe(0);

    await store.deleteThread('thr_a', alice);
    expect(deleted).toEqual([
      [
        { scope: 'alice', attachmentId: expect.stringMatching(/^atc_[12]$/) },
        { scope: 'alice', attachmentId: expect.stringMatching(/^atc_[12]$/) },
      ],
    ]);
    expect([...objects.keys()]).toEqual(['alice/atc_free']);
    await attachments.deleteAttachment('atc_free', alice);
    expect(objects.size).toBe(0);
  });

  test('when the custom backend fails to delete, deleteThread says the thread is gone but the files are not', async () => {
    const store = await freshStore();
    new PostgresAttachmentStore(store, {
      bytes: {
        put: async () => undefined,
        get: async () => null,
        delete: async () => {
          throw new Error('bucket unreachable');
        },
      },
    });
    await store.saveThread(makeThread('thr_a'), alice);
    await store.saveAttachment(fileAttachment('atc_1', { thread_id: 'thr_a' }), alice);
    const error = await rejectionOf(store.deleteThread('thr_a', alice));
    expect(error).toBeInstanceOf(PostgresStoreError);
    expect(error.message).toBe(
      'Thread thr_a was deleted, but the bytes of its attachments (atc_1) could not be deleted: bucket unreachable',
    );
    await expect(store.loadThread('thr_a', alice)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('values PostgreSQL text cannot hold, and values JSON cannot carry', () => {
  test('a U+0000 inside a document round-trips (documents are json, which escapes it)', async () => {
    const store = await freshStore();
    const thread = makeThread('thr_a', 0, { title: 'nul \u0000 here', metadata: { emoji: '😀', nul: 'a\u0000b' } });
    await store.saveThread(thread, alice);
    expect(await store.loadThread('thr_a', alice)).toStrictEqual(thread);
  });

  test('an id with U+0000 names nothing: loads are not found, deletes are silent, writes fail clearly', async () => {
    const store = await freshStore();
    await store.saveThread(makeThread('thr_a'), alice);
    await store.addThreadItem('thr_a', assistantMessage('thr_a', 'msg_1'), alice);
    const bad = 'thr_\u0000';
    await expect(store.loadThread(bad, alice)).rejects.toThrow(new NotFoundError(`Thread ${bad} not found`));
    await expect(store.loadItem('thr_a', bad, alice)).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.loadAttachment(bad, alice)).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.loadThreads({ after: bad, limit: 5, order: 'asc' }, alice)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(store.loadThreadItems('thr_a', { after: bad, limit: 5, order: 'asc' }, alice)).rejects.toThrow(
      `Item ${bad} not found`,
    );
    expect((await store.loadThreadItems(bad, { limit: 5, order: 'asc' }, alice)).data).toEqual([]);
    await expect(store.addThreadItem(bad, assistantMessage(bad, 'msg_2'), alice)).rejects.toBeInstanceOf(NotFoundError);
    await store.deleteThread(bad, alice);
    await store.deleteThreadItem('thr_a', bad, alice);
    await store.deleteAttachment(bad, alice);
    const error = await rejectionOf(store.saveThread(makeThread(bad), alice));
    expect(error).toBeInstanceOf(PostgresStoreError);
    expect(error.message).toMatch(/^Saving thread thr_\u0000 failed: PostgreSQL cannot store a character of it/);
    expect((await store.loadThreads({ limit: 10, order: 'asc' }, alice)).data.map((thread) => thread.id)).toEqual([
      'thr_a',
    ]);
  });

  test('a value JSON cannot carry is refused before anything is written', async () => {
    const store = await freshStore();
    const thread = makeThread('thr_a', 0, { metadata: { big: 10n } as unknown as Record<string, unknown> });
    const error = await rejectionOf(store.saveThread(thread, alice));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe(
      'Thread thr_a cannot be stored: it is not JSON (Do not know how to serialize a BigInt).',
    );
    await expect(store.loadThread('thr_a', alice)).rejects.toBeInstanceOf(NotFoundError);
  });
});

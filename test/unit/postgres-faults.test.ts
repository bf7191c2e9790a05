/**
 * Database faults and bad input through the handler, against a real PostgreSQL server: a connection
 * terminated in the middle of a streamed reply, idle connections dropped by the server, statement
 * timeouts, unique violations, and malformed requests. Each gives the client a clear answer (a JSON
 * error before a stream starts, an `error` event after), and the store is left consistent.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Pool } from 'pg';
import {
  ChatKitServer,
  createChatKitHandler,
  INTERNAL_ERROR_MESSAGE,
  now,
  type ChatKitHandler,
  type ThreadMetadata,
  type ThreadStreamEventInput,
  type UserMessageItem,
} from '../../src/index.ts';
import { PostgresAttachmentStore, PostgresStore, PostgresStoreError } from '../../src/postgres.ts';
import { deferred, type Deferred } from '../support/deferred.ts';
import { snapshotStore } from '../support/store-snapshot.ts';
import { dropSchemas, postgresInfo, testPool, uniqueSchema } from '../support/postgres.ts';

interface Context {
  userId: string;
}
const context: Context = { userId: 'u' };

/**
 * Replies with one assistant message echoing the user's text. With `gate` set, it waits on it before the
 * message is done, so a test can act while the stream is open and the reply not yet saved.
 */
class GatedServer extends ChatKitServer<Context> {
  gate: { reached: Deferred<void>; open: Deferred<void> } | null = null;
  readonly reported: unknown[] = [];

  override reportError(error: unknown): void {
    this.reported.push(error);
  }

  async *respond(thread: ThreadMetadata, input: UserMessageItem | null): AsyncIterable<ThreadStreamEventInput> {
    const id = this.store.generateItemId('message', thread, context);
    const text = `reply to ${input?.content.map((part) => part.text).join('') ?? ''}`;
    const created_at = now();
    yield {
      type: 'thread.item.added',
      item: { id, thread_id: thread.id, created_at, type: 'assistant_message', content: [] },
    };
    if (this.gate) {
      this.gate.reached.resolve();
      await this.gate.open.promise;
    }
    yield {
      type: 'thread.item.done',
      item: { id, thread_id: thread.id, created_at, type: 'assistant_message', content: [{ text }] },
    };
  }
}

const admin = testPool();
const schemas: string[] = [];
afterAll(async () => {
  await dropSchemas(admin, schemas);
  await admin.end();
});

/** A server on its own schema; its pool's connections carry `application_name`, so tests can find them. */
async function serve(options: { connectionOptions?: string; schema?: string } = {}) {
  const schema = options.schema ?? uniqueSchema('faults');
  if (!schemas.includes(schema)) schemas.push(schema);
  const application = `chatkit_test_${schema}`;
  const query = `application_name=${application}${options.connectionOptions ? `&${options.connectionOptions}` : ''}`;
  const store = await PostgresStore.connect<Context>({
    connectionString: `${postgresInfo().connectionString}?${query}`,
    schema,
  });
  const attachments = new PostgresAttachmentStore(store, { maxBytes: 16 });
  const server = new GatedServer(store, attachments);
  const handler = createChatKitHandler(server, { getContext: () => context });
  return { store, attachments, server, handler, schema, application };
}

function post(handler: ChatKitHandler, body: unknown): Promise<Response> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return handler(new Request('http://localhost/chatkit', { method: 'POST', body: text }));
}

const input = (text: string) => ({ content: [{ type: 'input_text', text }], attachments: [], inference_options: {} });

async function events(response: Response): Promise<any[]> {
  return (await response.text())
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => JSON.parse(frame.slice(6)));
}

async function createThread(handler: ChatKitHandler, text: string): Promise<string> {
  const stream = await events(await post(handler, { type: 'threads.create', params: { input: input(text) } }));
  return stream[0].thread.id;
}

const texts = async (store: PostgresStore<Context>, threadId: string): Promise<string[]> =>
  (await store.loadThreadItems(threadId, { limit: 50, order: 'asc' }, context)).data.map((item) =>
    item.type === 'user_message' || item.type === 'assistant_message'
      ? item.content.map((part) => part.text).join('')
      : item.type,
  );

/** Every row of the schema's tables, to prove a request wrote nothing, whatever the public API shows. */
async function rowsOf(schema: string): Promise<unknown> {
  const tables = ['threads', 'items', 'attachments', 'attachment_bytes'];
  const result: Record<string, unknown[]> = {};
  for (const table of tables) {
    result[table] = (await admin.query(`SELECT * FROM "${schema}".${table} ORDER BY 1, 2`)).rows;
  }
  return result;
}

/** The pid of the server's backend waiting on a lock, once there is one. */
function waitingBackend(application: string): Promise<number> {
  return vi.waitFor(
    async () => {
      const { rows } = await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
        [application],
      );
      if (!rows[0]) throw new Error(`no backend of ${application} is waiting on a lock yet`);
      return rows[0].pid;
    },
    // The backend blocks within milliseconds; waitFor's default 1 s ceiling is too tight only when
    // several suites share the machine, and a backend that never blocks still fails the test.
    { timeout: 10_000, interval: 20 },
  );
}

/** Holds `lock` (SQL run in a transaction) on a connection of its own until `release` is called. */
async function holdLock(lock: string): Promise<{ release: () => Promise<void> }> {
  const client = await admin.connect();
  await client.query('BEGIN');
  await client.query(lock);
  return {
    async release() {
      await client.query('ROLLBACK');
      client.release();
    },
  };
}

describe('the connection lost', () => {
  test('in the middle of a stream: an error event, the reply unsaved, the rest intact, the next request fine', async () => {
    const { store, server, handler, schema, application } = await serve();
    const threadId = await createThread(handler, 'one');
    expect(await texts(store, threadId)).toEqual(['one', 'reply to one']);

    server.gate = { reached: deferred(), open: deferred() };
    const responding = post(handler, {
      type: 'threads.add_user_message',
      params: { thread_id: threadId, input: input('two') },
    });
    const streamed = responding.then(events);
    await server.gate.reached.promise;
    // Saving the reply needs a key-share lock on the thread's row (its foreign key): make it wait, then cut it off.
    const lock = await holdLock(`SELECT 1 FROM "${schema}".threads WHERE id = '${threadId}' FOR UPDATE`);
    server.gate.open.resolve();
    const pid = await waitingBackend(application);
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    const stream = await streamed;
    await lock.release();

    expect(stream.map((event) => event.type)).toEqual([
      'thread.item.done',
      'stream_options',
      'thread.item.added',
      'error',
    ]);
    expect(stream.at(-1)).toEqual({ type: 'error', code: 'stream.error', allow_retry: true });
    const [error] = server.reported as PostgresStoreError[];
    expect(error).toBeInstanceOf(PostgresStoreError);
    expect(error!.code).toBe('57P01');
    expect(error!.message).toMatch(
      /^The connection to PostgreSQL was lost while saving item msg_[0-9a-f]+ of thread thr_[0-9a-f]+ \(terminating connection due to administrator command\)\. Check that the database is reachable, then retry: the store's writes are upserts, so repeating one is safe\.$/,
    );
    expect(await texts(store, threadId)).toEqual(['one', 'reply to one', 'two']);

    server.gate = null;
    const next = await events(
      await post(handler, { type: 'threads.add_user_message', params: { thread_id: threadId, input: input('three') } }),
    );
    expect(next.at(-1)).toMatchObject({ type: 'thread.item.done', item: { content: [{ text: 'reply to three' }] } });
    expect(await texts(store, threadId)).toEqual(['one', 'reply to one', 'two', 'three', 'reply to three']);
    await store.close();
  });

  test('idle connections the server drops are replaced; the process does not crash', async () => {
    const { store, handler, application } = await serve();
    const threadId = await createThread(handler, 'one');
    const pool = (store as unknown as { db: { pool: Pool } }).db.pool;
    const idle = pool.idleCount;
    expect(idle).toBeGreaterThan(0);
    // Counted with a listener: events.once would reject on the 'error' the pool emits for each dropped client.
    const removed = new Promise<void>((resolve) => {
      let left = idle;
      pool.on('remove', () => {
        if (--left === 0) resolve();
      });
    });
    const { rows } = await admin.query<{ terminated: boolean }>(
      'SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE application_name = $1',
      [application],
    );
    expect(rows.length).toBe(idle);
    await removed;
    const stream = await events(
      await post(handler, { type: 'threads.add_user_message', params: { thread_id: threadId, input: input('two') } }),
    );
    expect(stream.at(-1)).toMatchObject({ type: 'thread.item.done', item: { content: [{ text: 'reply to two' }] } });
    await store.close();
  });
});

describe('a statement timeout', () => {
  let served: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    // Set through the connection string's options, as the store's documentation says.
    served = await serve({ connectionOptions: 'options=-c%20statement_timeout%3D300' });
  });
  afterAll(() => served.store.close());

  test('threads.delete that times out: 500, reported, and the thread with its items and files all kept', async () => {
    const { store, attachments, server, handler, schema } = served;
    const threadId = await createThread(handler, 'keep me');
    await store.saveAttachment(
      { id: 'atc_kept', type: 'file', name: 'a.txt', mime_type: 'text/plain', thread_id: threadId },
      context,
    );
    await attachments.putBytes('atc_kept', new Blob(['kept']), context);
    const before = await rowsOf(schema);
    const lock = await holdLock(`SELECT 1 FROM "${schema}".threads WHERE id = '${threadId}' FOR UPDATE`);
    const response = await post(handler, { type: 'threads.delete', params: { thread_id: threadId } });
    await lock.release();
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'internal_error', message: INTERNAL_ERROR_MESSAGE });
    const error = server.reported.at(-1) as PostgresStoreError;
    expect(error).toBeInstanceOf(PostgresStoreError);
    expect(error.code).toBe('57014');
    expect(error.message).toBe(
      `PostgreSQL cancelled deleting thread ${threadId} (canceling statement due to statement timeout); the statement was rolled back, so nothing of it was saved.`,
    );
    expect(await rowsOf(schema)).toEqual(before);
    expect(await (await attachments.getBytes('atc_kept', context))?.text()).toBe('kept');
  });

  test('threads.create that times out on the message: 500 before any event, and no thread without it', async () => {
    const { server, handler, schema } = served;
    const before = await rowsOf(schema);
    // The thread's row goes in; the message's then waits on the table lock until the timeout.
    const lock = await holdLock(`LOCK TABLE "${schema}".items IN SHARE MODE`);
    const response = await post(handler, { type: 'threads.create', params: { input: input('never') } });
    await lock.release();
    expect(response.status).toBe(500);
    expect((server.reported.at(-1) as PostgresStoreError).code).toBe('57014');
    expect(await rowsOf(schema)).toEqual(before);
  });
});

describe('a unique violation', () => {
  test('of the first message: 500, reported with the constraint, and no thread; of a later one: the thread as it was', async () => {
    const { store, server, handler, schema } = await serve();
    // A rule of the application's own: no two items with the same text, in any thread.
    await admin.query(`CREATE UNIQUE INDEX one_text_per_thread ON "${schema}".items ((data->'content'->0->>'text'))`);
    const threadId = await createThread(handler, 'same words');
    const before = await rowsOf(schema);

    const response = await post(handler, { type: 'threads.create', params: { input: input('same words') } });
    expect(response.status).toBe(500);
    const error = server.reported.at(-1) as PostgresStoreError;
    expect(error.code).toBe('23505');
    expect(error.message).toMatch(
      /^Saving thread thr_[0-9a-f]+ with its item msg_[0-9a-f]+ broke the constraint one_text_per_thread \(Key .*=\(same words\) already exists\.\); nothing of it was saved\.$/,
    );
    expect(await rowsOf(schema)).toEqual(before);

    const again = await post(handler, {
      type: 'threads.add_user_message',
      params: { thread_id: threadId, input: input('same words') },
    });
    expect(again.status).toBe(500);
    expect((server.reported.at(-1) as PostgresStoreError).code).toBe('23505');
    expect(await rowsOf(schema)).toEqual(before);
    expect(await texts(store, threadId)).toEqual(['same words', 'reply to same words']);
    await store.close();
  });
});

describe('bad input changes nothing', () => {
  test('malformed, unknown, unstorable and oversized requests get their 4xx, and every row stays as it was', async () => {
    const { store, handler, schema } = await serve();
    const threadId = await createThread(handler, 'keep');
    const fileResponse = await post(handler, {
      type: 'attachments.create',
      params: { name: 'a.txt', size: 4, mime_type: 'text/plain' },
    });
    const fileId = ((await fileResponse.json()) as { id: string }).id;
    const before = await rowsOf(schema);
    const snapshot = await snapshotStore(store, context, [fileId]);

    const cases: Array<[unknown, number, RegExp]> = [
      ['{"type":"threads.create",', 400, /JSON/],
      [{ type: 'threads.get_by_id', params: { thread_id: 'thr_missing' } }, 404, /^Thread thr_missing not found$/],
      [{ type: 'threads.get_by_id', params: { thread_id: 'thr_\u0000' } }, 404, /^Thread thr_\u0000 not found$/],
      [{ type: 'threads.delete', params: {} }, 400, /thread_id/],
      [
        { type: 'items.list', params: { thread_id: threadId, after: 'msg_\u0000' } },
        404,
        /^Item msg_\u0000 not found$/,
      ],
      [
        { type: 'items.list', params: { thread_id: threadId, after: 'msg_missing' } },
        404,
        /^Item msg_missing not found$/,
      ],
      [{ type: 'threads.update', params: { thread_id: 'thr_\u0000', title: 'x' } }, 404, /not found/],
      [{ type: 'attachments.delete', params: { attachment_id: 'atc_\u0000' } }, 404, /^File atc_\u0000 not found$/],
      [
        {
          type: 'threads.add_user_message',
          params: { thread_id: threadId, input: { ...input('x'), attachments: ['atc_none'] } },
        },
        404,
        /^File atc_none not found$/,
      ],
    ];
    for (const [body, status, message] of cases) {
      const response = await post(handler, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(((await response.json()) as { message: string }).message).toMatch(message);
    }
    const upload = await handler(
      new Request(`http://localhost/chatkit/attachments/${fileId}/upload`, {
        method: 'PUT',
        body: 'seventeen bytes!!',
      }),
    );
    expect(upload.status).toBe(413);
    expect(await upload.json()).toEqual({
      error: 'payload_too_large',
      message: 'file: the file is 17 bytes; this server keeps attachments of at most 16 bytes.',
    });

    expect(await rowsOf(schema)).toEqual(before);
    expect(await snapshotStore(store, context, [fileId])).toEqual(snapshot);
    await store.close();
  });
});

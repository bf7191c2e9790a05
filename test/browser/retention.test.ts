/**
 * Retention in real Chromium: exactly the threads whose last activity is older than `maxAgeMs` go,
 * with their items, attachment records and bytes, in every scope, when the store opens and on its
 * schedule (which `close()` stops); a thread a response is streaming into stays, whichever store
 * instance runs the check, until the response ends.
 */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  ChatKitServer,
  StreamingResult,
  type Action,
  type ResponseOptions,
  type ThreadMetadata,
  type ThreadStreamEventInput,
  type WidgetItem,
} from '../../src/index.ts';
import { IndexedDBAttachmentStore, IndexedDBStore, type IndexedDBStoreOptions } from '../../src/indexeddb.ts';
import { ThreadItem } from '../../src/protocol/items.ts';
import { ThreadMetadata as ThreadMetadataSchema } from '../../src/protocol/thread.ts';
import { fileAttachment, type TestContext, alice, bob, byUser } from '../shared/store-fixtures.ts';
import { deferred } from '../support/deferred.ts';
import { dumpDatabase } from './support/raw-database.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_AGE = 7 * DAY;
const ago = (ms: number): string => new Date(Date.now() - ms).toISOString();

const created: string[] = [];
const openStores: Array<IndexedDBStore<TestContext>> = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const store of openStores.splice(0)) store.close();
  for (const name of created.splice(0)) await deleteDB(name);
});

async function open(
  name: string,
  options: Pick<IndexedDBStoreOptions<TestContext>, 'retention' | 'encryption'> = {},
): Promise<IndexedDBStore<TestContext>> {
  if (!created.includes(name)) created.push(name);
  const store = await IndexedDBStore.open<TestContext>({ name, scope: byUser, ...options });
  openStores.push(store);
  return store;
}

const thread = (id: string, createdAgo: number): ThreadMetadata =>
  ThreadMetadataSchema.parse({ id, created_at: ago(createdAgo), title: `title of ${id}` });

const message = (threadId: string, id: string, createdAgo: number) =>
  ThreadItem.parse({
    id,
    thread_id: threadId,
    created_at: ago(createdAgo),
    type: 'assistant_message',
    content: [{ text: `text of ${id}` }],
  });

/**
 * Four threads per scope: `idle` (created 10 days ago, no items), `stale` (10 days old, last item 8
 * days ago, with a file), `revived` (10 days old, last item an hour ago) and `fresh` (an hour old); and
 * a file tied to no thread. Only `idle` and `stale` have expired.
 */
async function seed(store: IndexedDBStore<TestContext>, context: TestContext): Promise<void> {
  const attachments = new IndexedDBAttachmentStore(store);
  await store.saveThread(thread('idle', 10 * DAY), context);
  await store.saveThread(thread('stale', 10 * DAY), context);
  await store.addThreadItem('stale', message('stale', 'msg_1', 9 * DAY), context);
  await store.addThreadItem('stale', message('stale', 'msg_2', 8 * DAY), context);
  await store.saveAttachment(fileAttachment('file_stale', { thread_id: 'stale' }), context);
  await attachments.putBytes('file_stale', new Blob(['stale bytes']), context);
  await store.saveThread(thread('revived', 10 * DAY), context);
  await store.addThreadItem('revived', message('revived', 'msg_1', 9 * DAY), context);
  await store.addThreadItem('revived', message('revived', 'msg_2', HOUR), context);
  await store.saveThread(thread('fresh', HOUR), context);
  await store.saveAttachment(fileAttachment('file_loose'), context);
  await attachments.putBytes('file_loose', new Blob(['loose bytes']), context);
}

const threadIds = async (store: IndexedDBStore<TestContext>, context: TestContext): Promise<string[]> =>
  (await store.loadThreads({ limit: 20, order: 'asc' }, context)).data.map((t) => t.id);

describe('IndexedDBStore retention', () => {
  for (const encryption of [undefined, { passphrase: 'retained', iterations: 1_000 }]) {
    test(`on open${encryption ? ' (encrypted)' : ''}: exactly the expired threads go, with their items and files, in every scope`, async () => {
      const name = `chatkit-test-${crypto.randomUUID()}`;
      const seeding = await open(name, { encryption });
      await seed(seeding, alice);
      await seed(seeding, bob);
      seeding.close();

      const store = await open(name, { encryption, retention: { maxAgeMs: MAX_AGE } });
      for (const context of [alice, bob]) {
        expect(await threadIds(store, context)).toEqual(['revived', 'fresh']);
        await expect(store.loadAttachment('file_stale', context)).rejects.toThrow('not found');
        expect((await store.loadAttachment('file_loose', context)).id).toBe('file_loose');
        expect((await store.loadThreadItems('revived', { limit: 5, order: 'asc' }, context)).data).toHaveLength(2);
      }
      // Nothing of the expired threads is left in any object store.
      const dump = await dumpDatabase(name);
      const keys = Object.values(dump).flatMap((records) => records.map(({ key }) => JSON.stringify(key)));
      expect(keys.filter((key) => /"(idle|stale|file_stale)"/.test(key))).toEqual([]);
      expect(dump.items!.map(({ key }) => key)).toEqual([
        ['alice', 'revived', 'msg_1'],
        ['alice', 'revived', 'msg_2'],
        ['bob', 'revived', 'msg_1'],
        ['bob', 'revived', 'msg_2'],
      ]);
      expect(await store.deleteInactiveThreads(MAX_AGE)).toBe(0);
    });
  }

  test('deleteInactiveThreads counts what it deleted; a shorter age reaches further', async () => {
    const store = await open(`chatkit-test-${crypto.randomUUID()}`);
    await seed(store, alice);
    expect(await store.deleteInactiveThreads(MAX_AGE)).toBe(2);
    expect(await store.deleteInactiveThreads(30 * 60_000)).toBe(2);
    expect(await threadIds(store, alice)).toEqual([]);
  });

  test('many expired threads go, in batches, except one held in the middle of them', async () => {
    const store = await open(`chatkit-test-${crypto.randomUUID()}`);
    const count = 60;
    await Promise.all(
      Array.from({ length: count }, (_, i) => store.saveThread(thread(`old_${i}`, 10 * DAY + i), alice)),
    );
    await store.saveThread(thread('new', HOUR), alice);
    const release = await store.holdThread('old_37', alice);
    expect(await store.deleteInactiveThreads(MAX_AGE)).toBe(count - 1);
    expect(await threadIds(store, alice)).toEqual(['old_37', 'new']);
    release();
    expect(await store.deleteInactiveThreads(MAX_AGE)).toBe(1);
  });

  test('bad options are refused with a RangeError naming them', async () => {
    await expect(open(`chatkit-test-${crypto.randomUUID()}`, { retention: { maxAgeMs: 0 } })).rejects.toThrow(
      /retention\.maxAgeMs: expected a positive number/,
    );
    await expect(
      open(`chatkit-test-${crypto.randomUUID()}`, { retention: { maxAgeMs: DAY, intervalMs: Number.NaN } }),
    ).rejects.toThrow(/retention\.intervalMs/);
    const store = await open(`chatkit-test-${crypto.randomUUID()}`);
    await expect(store.deleteInactiveThreads(-1)).rejects.toThrow(RangeError);
  });

  test('checks again every intervalMs, reports each run, and close() stops the schedule', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const runs: number[] = [];
    let ran = deferred();
    const store = await open(`chatkit-test-${crypto.randomUUID()}`, {
      retention: {
        maxAgeMs: MAX_AGE,
        intervalMs: 60_000,
        onRun: (deleted) => {
          runs.push(deleted);
          ran.resolve();
        },
      },
    });
    await seed(store, alice);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(60_000);
    await ran.promise;
    expect(runs).toEqual([2]);
    expect(await threadIds(store, alice)).toEqual(['revived', 'fresh']);

    ran = deferred();
    vi.advanceTimersByTime(60_000);
    await ran.promise;
    expect(runs).toEqual([2, 0]);

    store.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});

/** A server whose action streams one event and then waits for the test to let it finish. */
class GatedServer extends ChatKitServer<TestContext> {
  readonly started = deferred();
  readonly gate = deferred();

  async *respond(): AsyncIterable<ThreadStreamEventInput> {}

  override async *action(
    _thread: ThreadMetadata,
    _action: Action,
    _sender: WidgetItem | null,
    _context: TestContext,
    _options: ResponseOptions,
  ): AsyncIterable<ThreadStreamEventInput> {
    yield { type: 'progress_update', text: 'working' };
    this.started.resolve();
    await this.gate.promise;
  }
}

/** The names of the thread holds (Web Locks) held in this origin now. */
async function heldThreadLocks(): Promise<string[]> {
  const { held = [] } = await navigator.locks.query();
  return held.map((lock) => lock.name ?? '').filter((name) => name.startsWith('chatkit-local/thread-in-use/'));
}

describe('IndexedDBStore retention — never while a response streams', () => {
  test('a thread a response streams into stays, for this store and another one on the database, until the response ends', async () => {
    const name = `chatkit-test-${crypto.randomUUID()}`;
    const serving = await open(name);
    await seed(serving, alice);
    const elsewhere = await open(name);
    const server = new GatedServer(serving);

    const result = await server.process(
      JSON.stringify({ type: 'threads.custom_action', params: { thread_id: 'idle', action: { type: 'think' } } }),
      alice,
    );
    expect(result).toBeInstanceOf(StreamingResult);
    const events: string[] = [];
    const draining = (async () => {
      for await (const chunk of result as StreamingResult) events.push(new TextDecoder().decode(chunk));
    })();
    await server.started.promise;

    // Both instances skip the streaming thread and delete the other expired one.
    expect(await elsewhere.deleteInactiveThreads(MAX_AGE)).toBe(1);
    expect(await serving.deleteInactiveThreads(MAX_AGE)).toBe(0);
    expect(await threadIds(serving, alice)).toEqual(['idle', 'revived', 'fresh']);

    expect(await heldThreadLocks()).toHaveLength(1);
    server.gate.resolve();
    await draining;
    expect(await heldThreadLocks()).toEqual([]);
    expect(events.join('')).toContain('"progress_update"');
    expect(await elsewhere.deleteInactiveThreads(MAX_AGE)).toBe(1);
    expect(await threadIds(serving, alice)).toEqual(['revived', 'fresh']);
  });

  test('the hold ends however the response ends: a client that goes away releases it too', async () => {
    const name = `chatkit-test-${crypto.randomUUID()}`;
    const store = await open(name);
    await seed(store, alice);
    const server = new GatedServer(store);
    const result = (await server.process(
      JSON.stringify({ type: 'threads.custom_action', params: { thread_id: 'stale', action: { type: 'think' } } }),
      alice,
    )) as StreamingResult;
    const iterator = result[Symbol.asyncIterator]();
    await iterator.next(); // stream_options
    await iterator.next(); // the progress update
    // Resumes the action, which then waits at its gate: this read settles only when the stream ends.
    iterator.next().catch(() => undefined);
    await server.started.promise;
    expect(await store.deleteInactiveThreads(MAX_AGE)).toBe(1);
    expect(await heldThreadLocks()).toEqual([expect.stringContaining('"alice","stale"')]);

    await iterator.return!();
    expect(await heldThreadLocks()).toEqual([]);
    // The cancellation note the server stored is new activity: the thread has not expired any more.
    expect(await threadIds(store, alice)).toEqual(['stale', 'revived', 'fresh']);
  });
});

/**
 * Live changes across server processes on one PostgreSQL database (the run's throwaway cluster),
 * through LISTEN/NOTIFY. Each "process" here is a store, a change feed and a handler with pools of
 * their own, so every change travels through the PostgreSQL server from one session to another, as
 * between processes. A watcher sees the other process's changes in order, in its own scope only.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { PostgresAttachmentStore, PostgresChangeFeed, PostgresStore } from '../../src/postgres.ts';
import {
  createChatKitHandler,
  withChanges,
  type ChatKitChange,
  type ChatKitHandler,
  type ThreadStreamEvent,
} from '../../src/index.ts';
import { ChatKitClient } from '../../src/client.ts';
import { ScriptedServer, type TestContext } from '../support/scripted-server.ts';
import { dropSchemas, postgresInfo, testPool, uniqueSchema } from '../support/postgres.ts';

const admin = testPool();
const schema = uniqueSchema('changes');
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await dropSchemas(admin, [schema]);
  await admin.end();
});

/** One server process: its own store, feed and handler on the shared schema. */
async function startProcess(): Promise<{ handler: ChatKitHandler; feed: PostgresChangeFeed }> {
  const { connectionString } = postgresInfo();
  const feed = await PostgresChangeFeed.listen({ connectionString, schema });
  const database = await PostgresStore.connect<TestContext>({
    connectionString,
    schema,
    scope: (context) => context.userId,
  });
  closers.push(
    () => feed.close(),
    () => database.close(),
  );
  const store = withChanges(database, { feed });
  const server = new ScriptedServer(store, new PostgresAttachmentStore(store));
  const handler = createChatKitHandler(server, {
    getContext: (request) => ({ userId: request.headers.get('x-user') ?? 'nobody' }),
  });
  return { handler, feed };
}

function clientOf(handler: ChatKitHandler, user: string): ChatKitClient {
  const fetch = (input: RequestInfo | URL, init?: RequestInit) =>
    handler(new Request(new URL(input instanceof Request ? input.url : String(input), 'http://localhost'), init));
  return new ChatKitClient({ fetch: fetch, headers: { 'x-user': user } });
}

async function threadIdFrom(events: AsyncIterable<ThreadStreamEvent>): Promise<string> {
  let id = '';
  for await (const event of events) if (event.type === 'thread.created') id = event.thread.id;
  return id;
}

async function take(iterator: AsyncIterator<ChatKitChange>, count: number): Promise<ChatKitChange[]> {
  const out: ChatKitChange[] = [];
  while (out.length < count) {
    const step = await iterator.next();
    if (step.done) throw new Error(`the watch ended after ${out.length} changes`);
    out.push(step.value);
  }
  return out;
}

describe('PostgresChangeFeed', () => {
  test("a watcher on one process sees another process's changes, in order, in its own scope only", async () => {
    const one = await startProcess();
    const two = await startProcess();
    const stop = new AbortController();
    const adaWatch = clientOf(two.handler, 'ada').watch({ signal: stop.signal });
    const bobWatch = clientOf(two.handler, 'bob').watch({ signal: stop.signal });
    await Promise.all([adaWatch.ready, bobWatch.ready]);
    const adaSeen = adaWatch[Symbol.asyncIterator]();
    const bobSeen = bobWatch[Symbol.asyncIterator]();

    const ada = clientOf(one.handler, 'ada');
    const threadId = await threadIdFrom(ada.createThread('echo: through postgres'));
    await ada.updateThread(threadId, 'Renamed');
    await ada.deleteThread(threadId);
    expect(await take(adaSeen, 4)).toEqual([
      { type: 'thread.created', thread_id: threadId },
      { type: 'thread.items.changed', thread_id: threadId },
      { type: 'thread.updated', thread_id: threadId },
      { type: 'thread.deleted', thread_id: threadId },
    ]);

    // Bob heard none of it: the first change he sees is his own, made after all of Ada's.
    const bobThread = await threadIdFrom(clientOf(one.handler, 'bob').createThread('echo: mine'));
    expect(await take(bobSeen, 1)).toEqual([{ type: 'thread.created', thread_id: bobThread }]);
    stop.abort();
  });

  test('a process hears its own changes once, and stores on other schemas hear nothing', async () => {
    const serverProcess = await startProcess();
    const { connectionString } = postgresInfo();
    const otherSchema = uniqueSchema('changes_other');
    const otherFeed = await PostgresChangeFeed.listen({ connectionString, schema: otherSchema });
    closers.push(() => otherFeed.close());
    const heardElsewhere: ChatKitChange[] = [];
    otherFeed.subscribe('ada', (change) => heardElsewhere.push(change));

    const stop = new AbortController();
    const watch = clientOf(serverProcess.handler, 'ada').watch({ signal: stop.signal });
    await watch.ready;
    const seen = watch[Symbol.asyncIterator]();
    const ada = clientOf(serverProcess.handler, 'ada');
    const first = await threadIdFrom(ada.createThread('echo: one'));
    const second = await threadIdFrom(ada.createThread('echo: two'));
    expect(await take(seen, 4)).toEqual([
      { type: 'thread.created', thread_id: first },
      { type: 'thread.items.changed', thread_id: first },
      { type: 'thread.created', thread_id: second },
      { type: 'thread.items.changed', thread_id: second },
    ]);
    // A notification on the other channel would have been delivered before this one, sent after.
    const marker = new Promise<ChatKitChange>((resolve) => otherFeed.subscribe('marker', resolve));
    otherFeed.publish('marker', { type: 'thread.deleted', thread_id: 'thr_marker' });
    expect(await marker).toEqual({ type: 'thread.deleted', thread_id: 'thr_marker' });
    expect(heardElsewhere).toEqual([]);
    stop.abort();
  });

  test('refuses an invalid schema and conflicting connection options', async () => {
    await expect(PostgresChangeFeed.listen({ schema: 'bad-name' })).rejects.toThrow(/schema/);
    await expect(PostgresChangeFeed.listen({ connectionString: 'x', pool: admin })).rejects.toThrow(
      /either connectionString or pool/,
    );
  });
});

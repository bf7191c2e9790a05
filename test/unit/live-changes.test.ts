/**
 * Live changes in the Node handler (one process, any store): `withChanges` announces each write in
 * the scope it was made in, `GET {basePath}/changes` streams the caller's scope, and
 * `ChatKitClient#watch` reads it. Another scope's changes must never arrive.
 */
import { describe, expect, test } from 'vitest';
import {
  createChatKitHandler,
  LocalChangeFeed,
  MemoryStore,
  withChanges,
  type ChatKitChange,
  type ChatKitHandler,
  type Store,
  type ThreadStreamEvent,
} from '../../src/index.ts';
import { ChatKitClient } from '../../src/client.ts';
import { ScriptedServer, type TestContext } from '../support/scripted-server.ts';

const ORIGIN = 'http://localhost';

/** A client of `handler` acting as `user` (the test context comes from the `x-user` header). */
function clientOf(handler: ChatKitHandler, user: string): ChatKitClient {
  const fetch = (input: RequestInfo | URL, init?: RequestInit) =>
    handler(new Request(new URL(input instanceof Request ? input.url : String(input), ORIGIN), init));
  return new ChatKitClient({ fetch: fetch, headers: { 'x-user': user } });
}

function serve(store: Store<TestContext>): ChatKitHandler {
  return createChatKitHandler(new ScriptedServer(store), {
    getContext: (request) => ({ userId: request.headers.get('x-user') ?? 'nobody' }),
  });
}

async function drain(events: AsyncIterable<unknown>): Promise<void> {
  for await (const _event of events);
}

/** Reads changes from `iterator` until `count` have arrived. */
async function take(iterator: AsyncIterator<ChatKitChange>, count: number): Promise<ChatKitChange[]> {
  const out: ChatKitChange[] = [];
  while (out.length < count) {
    const step = await iterator.next();
    if (step.done) throw new Error(`the watch ended after ${out.length} changes`);
    out.push(step.value);
  }
  return out;
}

async function threadIdFrom(events: AsyncIterable<ThreadStreamEvent>): Promise<string> {
  let id = '';
  for await (const event of events) if (event.type === 'thread.created') id = event.thread.id;
  return id;
}

const scoped = () => new MemoryStore<TestContext>({ scope: (context) => context.userId });

describe('live changes in the Node handler', () => {
  test('watch() sees a thread created, its items changing, a rename and a deletion, in order', async () => {
    const handler = serve(withChanges(scoped()));
    const ada = clientOf(handler, 'ada');
    const stop = new AbortController();
    const changes = ada.watch({ signal: stop.signal });
    await changes.ready;
    const iterator = changes[Symbol.asyncIterator]();

    const threadId = await threadIdFrom(ada.createThread('echo: hello'));
    await drain(ada.addUserMessage(threadId, 'echo: again'));
    await ada.updateThread(threadId, 'Renamed');
    await ada.deleteThread(threadId);

    const seen = await take(iterator, 5);
    expect(seen).toEqual([
      { type: 'thread.created', thread_id: threadId },
      // The first reply, then the second message and its reply.
      { type: 'thread.items.changed', thread_id: threadId },
      { type: 'thread.items.changed', thread_id: threadId },
      { type: 'thread.items.changed', thread_id: threadId },
      { type: 'thread.updated', thread_id: threadId },
    ]);
    expect(await take(iterator, 1)).toEqual([{ type: 'thread.deleted', thread_id: threadId }]);
    stop.abort();
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  test("another scope's changes are never delivered", async () => {
    const handler = serve(withChanges(scoped()));
    const ada = clientOf(handler, 'ada');
    const bob = clientOf(handler, 'bob');
    const stop = new AbortController();
    const bobs = bob.watch({ signal: stop.signal });
    await bobs.ready;
    const iterator = bobs[Symbol.asyncIterator]();

    // Everything Ada does, including on ids Bob could guess, stays with Ada.
    const adaThread = await threadIdFrom(ada.createThread('echo: private'));
    await drain(ada.addUserMessage(adaThread, 'echo: more'));
    await ada.updateThread(adaThread, 'Secret');
    await ada.deleteThread(adaThread);
    // Then Bob writes: changes arrive in order, so his own must be the first he sees.
    const bobThread = await threadIdFrom(bob.createThread('echo: mine'));
    const [first] = await take(iterator, 1);
    expect(first).toEqual({ type: 'thread.created', thread_id: bobThread });
    stop.abort();
  });

  test('works for any store given its scope function, and across servers sharing the store and feed', async () => {
    const inner = scoped();
    // A store that does not expose its scope key: withChanges must be told, and refuses to guess.
    const plain: Store<TestContext> = {
      generateThreadId: (context) => inner.generateThreadId(context),
      generateItemId: (type, thread, context) => inner.generateItemId(type, thread, context),
      loadThread: (id, context) => inner.loadThread(id, context),
      saveThread: (thread, context) => inner.saveThread(thread, context),
      loadThreads: (query, context) => inner.loadThreads(query, context),
      deleteThread: (id, context) => inner.deleteThread(id, context),
      loadThreadItems: (id, query, context) => inner.loadThreadItems(id, query, context),
      addThreadItem: (id, item, context) => inner.addThreadItem(id, item, context),
      saveItem: (id, item, context) => inner.saveItem(id, item, context),
      loadItem: (id, itemId, context) => inner.loadItem(id, itemId, context),
      deleteThreadItem: (id, itemId, context) => inner.deleteThreadItem(id, itemId, context),
      saveAttachment: (attachment, context) => inner.saveAttachment(attachment, context),
      loadAttachment: (id, context) => inner.loadAttachment(id, context),
      deleteAttachment: (id, context) => inner.deleteAttachment(id, context),
    };
    expect(() => withChanges(plain)).toThrow(/pass `scope`/);

    const feed = new LocalChangeFeed();
    const writer = serve(withChanges(plain, { feed, scope: (context) => context.userId }));
    const watcher = serve(withChanges(plain, { feed, scope: (context) => context.userId }));
    const stop = new AbortController();
    const changes = clientOf(watcher, 'ada').watch({ signal: stop.signal });
    await changes.ready;
    const threadId = await threadIdFrom(clientOf(writer, 'ada').createThread('echo: through the other server'));
    // saveThread then addThreadItem (this store has no saveThreadWithItem), then the reply.
    expect(await take(changes[Symbol.asyncIterator](), 3)).toEqual([
      { type: 'thread.created', thread_id: threadId },
      { type: 'thread.items.changed', thread_id: threadId },
      { type: 'thread.items.changed', thread_id: threadId },
    ]);
    stop.abort();
  });

  test('a watcher that leaves is forgotten; the route is GET only, and 501 without a change source', async () => {
    const feed = new LocalChangeFeed();
    const handler = serve(withChanges(scoped(), { feed }));
    const stop = new AbortController();
    const changes = clientOf(handler, 'ada').watch({ signal: stop.signal });
    await changes.ready;
    expect(feed.watchedScopeCount).toBe(1);
    stop.abort();
    expect(feed.watchedScopeCount).toBe(0);

    // Leaving the loop ends the watch too.
    const second = clientOf(handler, 'ada').watch();
    await second.ready;
    expect(feed.watchedScopeCount).toBe(1);
    const iterator = second[Symbol.asyncIterator]();
    await iterator.return!();
    expect(feed.watchedScopeCount).toBe(0);

    const posted = await handler(new Request(`${ORIGIN}/chatkit/changes`, { method: 'POST' }));
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET');

    const without = serve(scoped());
    const refused = clientOf(without, 'ada').watch();
    await expect(refused.ready).rejects.toMatchObject({ status: 501, code: 'not_supported' });
    await expect(drain(refused)).rejects.toMatchObject({ status: 501 });
  });
});

describe('data control on the changes feed', () => {
  /** Every change `store` announces to `context`'s scope, as it comes. */
  function heard(store: ReturnType<typeof withChanges<TestContext, MemoryStore<TestContext>>>, context: TestContext) {
    const changes: ChatKitChange[] = [];
    store.watchChanges(context, (change) => changes.push(change));
    return changes;
  }

  test('deleteAll announces each thread it deletes, importData each thread it adds, in their scope only', async () => {
    const store = withChanges(scoped());
    const handler = serve(store);
    const ada = { userId: 'ada' };
    const first = await threadIdFrom(clientOf(handler, 'ada').createThread('echo: one'));
    const second = await threadIdFrom(clientOf(handler, 'ada').createThread('echo: two'));
    await threadIdFrom(clientOf(handler, 'bob').createThread('echo: not ada'));
    const backup = await store.exportData(ada);
    const adas = heard(store, ada);
    const bobs = heard(store, { userId: 'bob' });

    await store.deleteAll(ada);
    expect(adas).toEqual([
      { type: 'thread.deleted', thread_id: first },
      { type: 'thread.deleted', thread_id: second },
    ]);
    expect((await store.loadThreads({ limit: 10, order: 'asc' }, ada)).data).toEqual([]);

    const summary = await store.importData(backup, ada);
    expect(summary.threadIds).toEqual([first, second]);
    expect(adas.slice(2)).toEqual([
      { type: 'thread.created', thread_id: first },
      { type: 'thread.created', thread_id: second },
    ]);
    // Nothing of Ada's reached Bob's scope.
    expect(bobs).toEqual([]);
  });

  test('deleteAll also announces a thread written while it ran, and not one written after it', async () => {
    /** A store whose deleteAll waits, once listed, until the test lets it go on. */
    class GatedStore extends MemoryStore<TestContext> {
      open: () => void = () => undefined;
      private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
      reached: () => void = () => undefined;
      readonly waiting = new Promise<void>((resolve) => (this.reached = resolve));
      override async deleteAll(context: TestContext): Promise<void> {
        this.reached();
        await this.gate;
        return super.deleteAll(context);
      }
    }
    const original = new GatedStore({ scope: (context) => context.userId });
    const store = withChanges(original);
    const handler = serve(store);
    const ada = { userId: 'ada' };
    const before = await threadIdFrom(clientOf(handler, 'ada').createThread('echo: before'));
    const adas = heard(store, ada);

    const deleting = store.deleteAll(ada);
    await original.waiting;
    // Listed already; this one is written in the middle, and the deletion takes it too.
    const during = await threadIdFrom(clientOf(handler, 'ada').createThread('echo: during'));
    original.open();
    await deleting;
    const after = await threadIdFrom(clientOf(handler, 'ada').createThread('echo: after'));

    expect(adas.filter((change) => change.type === 'thread.deleted')).toEqual([
      { type: 'thread.deleted', thread_id: before },
      { type: 'thread.deleted', thread_id: during },
    ]);
    expect((await store.loadThreads({ limit: 10, order: 'asc' }, ada)).data.map((thread) => thread.id)).toEqual([
      after,
    ]);
  });

  test('a failed import announces nothing; an empty scope deleted announces nothing', async () => {
    const store = withChanges(scoped());
    const ada = { userId: 'ada' };
    const adas = heard(store, ada);
    await expect(store.importData({ format: 'not an export' }, ada)).rejects.toMatchObject({
      name: 'ExportFormatError',
    });
    await store.deleteAll(ada);
    expect(adas).toEqual([]);
  });
});

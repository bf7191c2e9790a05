/**
 * Live changes between tabs in real Chromium: page B's `watch()` sees what page A does, whether both
 * pages share one SharedWorker or each runs a dedicated worker on the same IndexedDB database
 * (changes cross over a BroadcastChannel named after the database).
 */
import { describe, expect, test } from 'vitest';
import { ChatKitClient, createChatKitFetch, type ChatKitChange } from '../../src/client.ts';
import { collect, threadIdOf, useSharedTestWorker, useTestWorkers } from './support/test-workers.ts';

const shared = useSharedTestWorker('chatkit-live');
const startWorker = useTestWorkers('chatkit-live');

/** Reads changes until `count` have arrived. */
async function take(iterator: AsyncIterator<ChatKitChange>, count: number): Promise<ChatKitChange[]> {
  const out: ChatKitChange[] = [];
  while (out.length < count) {
    const step = await iterator.next();
    if (step.done) throw new Error(`the watch ended after ${out.length} changes`);
    out.push(step.value);
  }
  return out;
}

/** Page A writes a thread and a second message; page B, watching, must see each step. */
async function pageBSeesPageA(workerA: () => Worker | SharedWorker, workerB: () => Worker | SharedWorker) {
  const pageA = new ChatKitClient({ fetch: createChatKitFetch({ worker: workerA }) });
  const pageB = new ChatKitClient({ fetch: createChatKitFetch({ worker: workerB }) });
  const stop = new AbortController();
  const changes = pageB.watch({ signal: stop.signal });
  await changes.ready;
  const seen = changes[Symbol.asyncIterator]();

  const threadId = threadIdOf(await collect(pageA.createThread('echo: from A')));
  expect(await take(seen, 2)).toEqual([
    { type: 'thread.created', thread_id: threadId },
    { type: 'thread.items.changed', thread_id: threadId },
  ]);
  await collect(pageA.addUserMessage(threadId, 'echo: and more'));
  expect(await take(seen, 2)).toEqual([
    { type: 'thread.items.changed', thread_id: threadId },
    { type: 'thread.items.changed', thread_id: threadId },
  ]);
  // What B reloads on the news is what A wrote.
  const items = await pageB.listItems(threadId, { order: 'asc' });
  expect(items.data.map((item) => (item.type === 'assistant_message' ? item.content[0]?.text : item.type))).toEqual([
    'user_message',
    'from A',
    'user_message',
    'and more',
  ]);
  await pageA.deleteThread(threadId);
  expect(await take(seen, 1)).toEqual([{ type: 'thread.deleted', thread_id: threadId }]);
  stop.abort();
  expect(await seen.next()).toEqual({ done: true, value: undefined });
}

describe('watch() across tabs', () => {
  test('two pages on one SharedWorker', async () => {
    await pageBSeesPageA(shared.connect, shared.connect);
  });

  test('two dedicated workers on one database', async () => {
    await pageBSeesPageA(startWorker, startWorker);
  });

  test('a watch ends with an error when its worker dies, so the page can watch again', async () => {
    const worker = startWorker();
    const client = new ChatKitClient({ fetch: createChatKitFetch({ worker }) });
    const changes = client.watch();
    await changes.ready;
    const seen = changes[Symbol.asyncIterator]();
    const next = seen.next();
    worker.terminate();
    await expect(next).rejects.toMatchObject({ name: 'WorkerDiedError' });
  });
});

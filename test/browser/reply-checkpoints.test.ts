/**
 * Nothing lost when a worker dies mid-reply (real Chromium, real workers on one IndexedDB): the
 * reply's checkpoint is invisible while it streams, and after the worker is terminated the next
 * load holds the partial reply and the note for the model, exactly once.
 */
import { expect, test } from 'vitest';
import { ChatKitClient, createChatKitFetch, type ChatKitChange } from '../../src/client.ts';
import { CANCELLED_STREAM_NOTE, type ThreadStreamEvent } from '../../src/index.ts';
import { IndexedDBStore } from '../../src/indexeddb.ts';
import { useTestWorkers } from './support/test-workers.ts';

const startWorker = useTestWorkers('chatkit-checkpoint');

async function take(iterator: AsyncIterator<ChatKitChange>, count: number): Promise<ChatKitChange[]> {
  const out: ChatKitChange[] = [];
  while (out.length < count) {
    const step = await iterator.next();
    if (step.done) throw new Error(`the watch ended after ${out.length} changes`);
    out.push(step.value);
  }
  return out;
}

test('a worker terminated mid-reply leaves the partial reply and the note after the next load', async () => {
  const dying = startWorker();
  const tab = new ChatKitClient({ fetch: createChatKitFetch({ worker: dying }) });
  const other = new ChatKitClient({ fetch: createChatKitFetch({ worker: startWorker() }) });
  const stop = new AbortController();
  const changes = other.watch({ signal: stop.signal });
  await changes.ready;
  const seen = changes[Symbol.asyncIterator]();

  // `hang` streams "partial", then waits for a stop that will never come.
  const events = tab.createThread('hang')[Symbol.asyncIterator]();
  let threadId = '';
  for (;;) {
    const step = await events.next();
    if (step.done) throw new Error('the reply ended early');
    const event: ThreadStreamEvent = step.value;
    if (event.type === 'thread.created') threadId = event.thread.id;
    if (event.type === 'thread.item.updated') break;
  }
  // The thread, then the checkpoint of the streaming reply.
  expect(await take(seen, 2)).toEqual([
    { type: 'thread.created', thread_id: threadId },
    { type: 'thread.items.changed', thread_id: threadId },
  ]);

  // While the reply is alive (another worker streams it), loading the thread shows no trace of it.
  expect((await other.getThread(threadId)).items.data.map((item) => item.type)).toEqual(['user_message']);

  dying.terminate();
  await expect(events.next()).rejects.toMatchObject({ name: 'WorkerDiedError' });

  const loaded = await other.getThread(threadId);
  expect(loaded.items.data.map((item) => item.type)).toEqual(['user_message', 'assistant_message']);
  const reply = loaded.items.data[1];
  expect(reply?.type === 'assistant_message' && reply.content[0]?.text).toBe('partial');
  // Exactly once: loading again (both ways) finds nothing more to recover.
  expect((await other.listItems(threadId, { order: 'asc' })).data.map((item) => item.id)).toEqual(
    loaded.items.data.map((item) => item.id),
  );
  expect((await other.getThread(threadId)).items.data).toHaveLength(2);
  stop.abort();

  // As a stop would leave it: the partial reply, then the note; the checkpoint is gone.
  const store = await IndexedDBStore.open({ name: startWorker.databaseName() });
  try {
    const stored = await store.loadThreadItems(threadId, { limit: 50, order: 'asc' }, undefined);
    expect(stored.data.map((item) => (item.type === 'sdk_hidden_context' ? item.content : item.type))).toEqual([
      'user_message',
      'assistant_message',
      CANCELLED_STREAM_NOTE,
    ]);
  } finally {
    store.close();
  }
});

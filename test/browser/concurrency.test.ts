/**
 * Concurrency: two servers (two workers, as two tabs would have) on one IndexedDB database write to
 * the same thread at the same time. No item may be lost or duplicated, both must see one stable
 * order, and a sync action arriving during a stream must corrupt neither.
 */
import { describe, expect, test } from 'vitest';
import { ChatKitClient, createChatKitFetch } from '../../src/client.ts';
import type { ThreadItem, ThreadStreamEvent } from '../../src/protocol/index.ts';
import { cancellationOf, collect, useTestWorkers } from './support/test-workers.ts';

const startWorker = useTestWorkers('chatkit-concurrency');

/** A client whose server runs in a worker of its own, on the shared database. */
function tab(): ChatKitClient {
  return new ChatKitClient({ fetch: createChatKitFetch({ worker: startWorker() }) });
}

async function allItems(client: ChatKitClient, threadId: string): Promise<ThreadItem[]> {
  const items: ThreadItem[] = [];
  let after: string | null | undefined = null;
  for (;;) {
    const page = await client.listItems(threadId, { order: 'asc', limit: 7, after });
    items.push(...page.data);
    if (!page.has_more) return items;
    after = page.after;
  }
}

const textOf = (item: ThreadItem) =>
  item.type === 'user_message' || item.type === 'assistant_message'
    ? item.content.map((part) => part.text).join('')
    : item.type;

describe('two workers on one database', () => {
  test('simultaneous messages to one thread: none lost or duplicated, one stable order for both', async () => {
    const [first, second] = [tab(), tab()];
    const created = await collect(first.createThread('echo: start'));
    const threadId = created[0]!.type === 'thread.created' ? created[0].thread.id : '';
    const rounds = 8;
    const sends: Promise<ThreadStreamEvent[]>[] = [];
    for (let i = 0; i < rounds; i++) {
      sends.push(collect(first.addUserMessage(threadId, `echo: one-${i}`)));
      sends.push(collect(second.addUserMessage(threadId, `echo: two-${i}`)));
    }
    const streams = await Promise.all(sends);
    for (const stream of streams) expect(stream.at(-1)?.type).toBe('thread.item.done');

    const seenByFirst = await allItems(first, threadId);
    const seenBySecond = await allItems(second, threadId);
    expect(seenBySecond.map((item) => item.id)).toEqual(seenByFirst.map((item) => item.id));
    expect(new Set(seenByFirst.map((item) => item.id)).size).toBe(seenByFirst.length);
    const texts = seenByFirst.map(textOf);
    expect(texts).toHaveLength(2 + rounds * 2 * 2);
    for (let i = 0; i < rounds; i++) {
      for (const name of [`one-${i}`, `two-${i}`]) {
        expect(texts.filter((text) => text === `echo: ${name}`)).toHaveLength(1);
        expect(texts.filter((text) => text === name)).toHaveLength(1);
      }
    }
    // Ordered by created_at: listing newest first gives exactly the reverse.
    const newestFirst = (await first.listItems(threadId, { order: 'desc', limit: 100 })).data.map((item) => item.id);
    expect(newestFirst).toEqual(seenByFirst.map((item) => item.id).reverse());

    // A third tab opened later (as after a reload) sees everything, in the same order.
    const later = tab();
    expect((await allItems(later, threadId)).map((item) => item.id)).toEqual(seenByFirst.map((item) => item.id));
  });

  test('a sync action from one tab while the other streams corrupts neither', async () => {
    const [streaming, acting] = [tab(), tab()];
    const created = await collect(streaming.createThread('widget'));
    const threadId = created[0]!.type === 'thread.created' ? created[0].thread.id : '';
    const widget = created.at(-1);
    if (widget?.type !== 'thread.item.done') throw new Error('expected the widget');

    const stop = new AbortController();
    const stream = streaming.addUserMessage(threadId, 'hang', { signal: stop.signal });
    // Read until the reply is in flight, then leave the stream open while the other tab acts.
    for (let step = await stream.next(); step.value?.type !== 'thread.item.updated'; step = await stream.next()) {
      if (step.done) throw new Error('the stream ended early');
    }
    const synced = await acting.syncCustomAction(threadId, { type: 'choose', payload: 7 }, widget.item.id);
    expect(synced.updated_item?.widget.children).toEqual([
      { type: 'Text', value: 'Synced 7' },
      expect.objectContaining({ type: 'Button' }),
    ]);
    const cancelled = cancellationOf(threadId);
    stop.abort();
    await expect(stream.next()).rejects.toMatchObject({ name: 'AbortError' });
    await cancelled;

    const items = await allItems(acting, threadId);
    expect(items.map((item) => item.type)).toEqual(['user_message', 'widget', 'user_message', 'assistant_message']);
    expect(items[1]).toMatchObject({
      id: widget.item.id,
      widget: { children: [{ type: 'Text', value: 'Synced 7' }, { type: 'Button' }] },
    });
    expect(textOf(items[3]!)).toBe('partial');
  });
});

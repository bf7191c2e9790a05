/**
 * The testing kit's determinism: seeded ids, the test clock, and a whole conversation (uploads,
 * tool calls, a stop) giving the same store and the same wire events on every run.
 */
import { describe, expect, test } from 'vitest';
import { ID_PREFIXES } from '../../src/index.ts';
import {
  clientToolCall,
  delay,
  on,
  reply,
  SeededIds,
  TestClock,
  userMessage,
  workflow,
} from '../../src/testing/script.ts';
import { checkpointItem } from '../../src/server/checkpoint.ts';
import { SeededMemoryStore } from '../../src/testing/determinism/seeded-store.ts';
import { collect, createdThreadId, scriptedMock } from './testing-harness.ts';

describe('SeededIds', () => {
  test('the same seed gives the same ids in the same order; another seed gives others', () => {
    const draw = (seed: number | string) => {
      const ids = new SeededIds(seed);
      return [ids.next('thread'), ids.next('message'), ids.next('attachment'), ids.nextCallId()];
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw('run-a')).toEqual(draw('run-a'));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw('run-a')).not.toEqual(draw('run-b'));
    const [thread, message, attachment, call] = draw(7);
    expect(thread).toMatch(new RegExp(`^${ID_PREFIXES.thread}_[0-9a-f]{16}$`));
    expect(message).toMatch(/^msg_[0-9a-f]{16}$/);
    expect(attachment).toMatch(/^atc_[0-9a-f]{16}$/);
    expect(call).toMatch(/^call_[0-9a-f]{16}$/);
  });

  test('ids do not repeat over a long run', () => {
    const ids = new SeededIds(1);
    const seen = new Set(Array.from({ length: 20_000 }, () => ids.next('message')));
    expect(seen.size).toBe(20_000);
  });
});

describe('TestClock', () => {
  test('each reading is one step after the last, from the start; it knows its own stamps', () => {
    const clock = new TestClock({ start: '2030-05-06T07:08:09.000Z', stepMs: 250 });
    expect([clock.now(), clock.now(), clock.now()]).toEqual([
      '2030-05-06T07:08:09.000Z',
      '2030-05-06T07:08:09.250Z',
      '2030-05-06T07:08:09.500Z',
    ]);
    expect(clock.gave('2030-05-06T07:08:09.250Z')).toBe(true);
    expect(clock.gave(new Date().toISOString())).toBe(false);
    clock.adopt('1999-12-31T23:59:59.000Z');
    expect(clock.gave('1999-12-31T23:59:59.000Z')).toBe(true);
  });

  test('a start that is not a timestamp is refused, naming the option', () => {
    expect(() => new TestClock({ start: 'yesterday' })).toThrow(/start: yesterday/);
  });
});

/** One conversation touching everything that makes ids and times: returns the store and the wire. */
async function conversation(seed: number) {
  const { client, core } = scriptedMock({
    seed,
    script: [
      on('tool', clientToolCall('get_time'), reply('Thanks')),
      on('work', workflow(['One', 'Two'])),
      on('long', reply(['partial ', delay(Infinity), 'never'])),
    ],
  });
  await core.seedThread({ title: 'Seeded', items: [userMessage('earlier')] });
  const file = await client.uploadAttachment(new File(['bytes'], 'a.txt', { type: 'text/plain' }));
  const wire = await collect(
    client.createThread({ content: [{ type: 'input_text', text: 'hello' }], attachments: [file.id] }),
  );
  const threadId = createdThreadId(wire);
  wire.push(...(await collect(client.addUserMessage(threadId, 'tool'))));
  wire.push(...(await collect(client.addClientToolOutput(threadId, { time: 'noon' }))));
  wire.push(...(await collect(client.addUserMessage(threadId, 'work'))));
  const stop = new AbortController();
  await (async () => {
    for await (const event of client.addUserMessage(threadId, 'long', { signal: stop.signal })) {
      wire.push(event);
      if (event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.text_delta')
        stop.abort();
    }
  })().catch(() => undefined);
  while ((await core.nextResponse()).outcome !== 'cancelled');
  return { snapshot: await core.snapshot(), wire };
}

describe('a scripted conversation', () => {
  test('gives the same store and the same events on every run with the same seed', async () => {
    const first = await conversation(42);
    const second = await conversation(42);
    expect(second.snapshot).toEqual(first.snapshot);
    expect(second.wire).toEqual(first.wire);
    const other = await conversation(43);
    expect(other.snapshot.map((thread) => thread.id)).not.toEqual(first.snapshot.map((thread) => thread.id));
  });

  test('stores the times the page was sent, all from the test clock, strictly increasing', async () => {
    const { snapshot, wire } = await conversation(1);
    const thread = snapshot[1]!;
    const created = wire.find((event) => event.type === 'thread.created');
    expect(created?.type === 'thread.created' && created.thread.created_at).toBe(thread.created_at);
    const sentItems = new Map(
      wire.flatMap((event) => (event.type === 'thread.item.done' ? [[event.item.id, event.item.created_at]] : [])),
    );
    for (const item of thread.items) {
      if (sentItems.has(item.id)) expect(item.created_at).toBe(sentItems.get(item.id));
    }
    const times = snapshot.flatMap((entry) => [entry.created_at, ...entry.items.map((item) => item.created_at)]);
    expect(times.every((time) => time.startsWith('2025-01-01T00:'))).toBe(true);
    expect(new Set(times).size).toBe(times.length);
    expect(thread.items.map((item) => item.type)).toEqual([
      'user_message',
      'assistant_message',
      'user_message',
      'client_tool_call',
      'assistant_message',
      'user_message',
      'workflow',
      'user_message',
      'assistant_message',
      'sdk_hidden_context',
    ]);
  });
});

describe('reply checkpoints in a seeded store', () => {
  // Whether a reply is checkpointed depends on how long it streams: a checkpoint must take nothing
  // from the seeded ids or the clock, or a slow run would number and stamp all that follows apart.
  test('a checkpoint saved, or not, changes no id or time handed out after it', async () => {
    const runs = [true, false].map(async (withCheckpoint) => {
      const determinism = { ids: new SeededIds('checkpoint'), clock: new TestClock() };
      const store = new SeededMemoryStore<null>(determinism);
      const thread = {
        id: 'thr_a',
        created_at: determinism.clock.now(),
        status: { type: 'active' as const },
        metadata: {},
      };
      await store.saveThread(thread, null);
      if (withCheckpoint) await store.saveItem('thr_a', checkpointItem('shcx_any', 'thr_a', [], Date.now()), null);
      const id = store.generateItemId('sdk_hidden_context', thread, null);
      const note = {
        id,
        thread_id: 'thr_a',
        created_at: new Date().toISOString(),
        type: 'sdk_hidden_context' as const,
        content: 'note',
      };
      await store.addThreadItem('thr_a', note, null);
      return (await store.loadThreadItems('thr_a', { after: null, limit: 10, order: 'asc' }, null)).data.find(
        (item) => item.id === id,
      );
    });
    const [checkpointed, plain] = await Promise.all(runs);
    expect(checkpointed).toEqual(plain);
  });
});

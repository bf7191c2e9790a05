// streamWidget: protocol.md §7.3 (static root, generator of roots), with the SDK's captured examples.
import { describe, expect, test } from 'vitest';
import { ThreadStreamEvent, WidgetRoot, eventToJson } from '../../src/protocol/index.ts';
import { Card, Text, streamWidget, type WidgetRootJson, type WidgetStreamEvent } from '../../src/widgets/index.ts';

const thread = { id: 'thr_1' };
const fixedId = () => 'message_1';

async function collect(events: AsyncIterable<WidgetStreamEvent>): Promise<WidgetStreamEvent[]> {
  const out: WidgetStreamEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

async function* renderings(...roots: WidgetRootJson[]): AsyncGenerator<WidgetRootJson> {
  yield* roots;
}

/** The text card of the SDK's examples, one rendering per value. */
const textCard = (values: string[], streaming?: boolean) =>
  renderings(
    ...values.map((value) =>
      Card({ children: [Text({ id: 'x', value, ...(streaming !== undefined && { streaming }) })] }),
    ),
  );

/** A compact view of an event sequence: the event type, plus the delta for text updates. */
function summary(events: WidgetStreamEvent[]) {
  return events.map((event) => {
    if (event.type !== 'thread.item.updated') return event.type;
    return event.update.type === 'widget.streaming_text.value_delta'
      ? `delta ${JSON.stringify(event.update.delta)} done:${event.update.done}`
      : event.update.type;
  });
}

function firstText(event: WidgetStreamEvent): unknown {
  if (event.type === 'thread.item.updated' || event.item.type !== 'widget') throw new Error('not a widget item event');
  return (event.item.widget.children as unknown as { value: unknown }[])[0]!.value;
}

describe('a static root', () => {
  test('is one thread.item.done with a new widget item', async () => {
    const widget = Card({ children: [Text({ value: 'Hi' })] });
    const events = await collect(streamWidget(thread, widget, { generateId: fixedId, copyText: 'Hi' }));
    expect(events).toHaveLength(1);
    const [done] = events;
    expect(done).toMatchObject({
      type: 'thread.item.done',
      item: { id: 'message_1', thread_id: 'thr_1', type: 'widget', widget, copy_text: 'Hi' },
    });
    if (done?.type !== 'thread.item.done') throw new Error('unreachable');
    expect(Date.parse(done.item.created_at)).not.toBeNaN();
  });

  test('takes createdAt when given (a test clock), for a root and for a generator of roots', async () => {
    const createdAt = '2025-01-01T00:00:03.000Z';
    const events = [
      ...(await collect(streamWidget(thread, Card({ children: [] }), { generateId: fixedId, createdAt }))),
      ...(await collect(streamWidget(thread, textCard(['a', 'ab']), { generateId: fixedId, createdAt }))),
    ];
    const times = events.flatMap((event) => (event.type === 'thread.item.updated' ? [] : [event.item.created_at]));
    expect(times).toEqual([createdAt, createdAt, createdAt]);
  });

  test('has no copy_text key when none is given', async () => {
    const [done] = await collect(streamWidget(thread, Card({ children: [] }), { generateId: fixedId }));
    expect(done?.type === 'thread.item.done' && 'copy_text' in done.item).toBe(false);
  });

  test('asks the id generator once, for a "message" id', async () => {
    const asked: string[] = [];
    await collect(
      streamWidget(thread, Card({ children: [] }), { generateId: (type) => (asked.push(type), `id${asked.length}`) }),
    );
    expect(asked).toEqual(['message']);
  });

  test('gets a msg_ id by default', async () => {
    const [done] = await collect(streamWidget(thread, Card({ children: [] })));
    expect(done?.type === 'thread.item.done' && done.item.id).toMatch(/^msg_[0-9a-f]{16}$/);
  });

  test('is rejected when it is not a root', async () => {
    const notRoot = { type: 'Text', value: 'x' } as unknown as WidgetRootJson;
    await expect(collect(streamWidget(thread, notRoot))).rejects.toThrow(/not a widget root \(type:/);
  });
});

describe('a generator of roots', () => {
  test('"" -> "He" -> "Hello" while streaming: added, two deltas with done false, done with the last root', async () => {
    const events = await collect(streamWidget(thread, textCard(['', 'He', 'Hello'], true), { generateId: fixedId }));
    expect(summary(events)).toEqual([
      'thread.item.added',
      'delta "He" done:false',
      'delta "llo" done:false',
      'thread.item.done',
    ]);
    expect(firstText(events[0]!)).toBe('');
    expect(firstText(events[3]!)).toBe('Hello');
    expect(events[3]).toMatchObject({ item: { widget: { children: [{ streaming: true }] } } });
  });

  test('the same without streaming: the deltas carry done true', async () => {
    const events = await collect(streamWidget(thread, textCard(['', 'He', 'Hello']), { generateId: fixedId }));
    expect(summary(events)).toEqual([
      'thread.item.added',
      'delta "He" done:true',
      'delta "llo" done:true',
      'thread.item.done',
    ]);
  });

  test("a delta event is the SDK's wire JSON", async () => {
    const events = await collect(streamWidget(thread, textCard(['', 'He'], true), { generateId: fixedId }));
    expect(eventToJson(ThreadStreamEvent.parse(events[1]))).toBe(
      '{"type":"thread.item.updated","item_id":"message_1","update":{"type":"widget.streaming_text.value_delta","component_id":"x","delta":"He","done":false}}',
    );
  });

  test('"" -> "Hel" -> "Hello," -> "Hello, world" gives 5 events (test_returns_widget_item_generator)', async () => {
    const events = await collect(
      streamWidget(thread, textCard(['', 'Hel', 'Hello,', 'Hello, world']), { generateId: fixedId }),
    );
    expect(events).toHaveLength(5);
    expect(summary(events)).toEqual([
      'thread.item.added',
      'delta "Hel" done:true',
      'delta "lo," done:true',
      'delta " world" done:true',
      'thread.item.done',
    ]);
    expect(firstText(events[0]!)).toBe('');
    expect(firstText(events[4]!)).toBe('Hello, world');
  });

  test('Hello -> World (not an extension) gives added, root.updated, done', async () => {
    const events = await collect(streamWidget(thread, textCard(['Hello', 'World']), { generateId: fixedId }));
    expect(summary(events)).toEqual(['thread.item.added', 'widget.root.updated', 'thread.item.done']);
    expect(events[1]).toMatchObject({ item_id: 'message_1', update: { widget: { children: [{ value: 'World' }] } } });
  });

  test('streaming true -> false at the end is a full replace', async () => {
    const roots = renderings(
      Card({ children: [Text({ id: 'x', value: 'Hi', streaming: true })] }),
      Card({ children: [Text({ id: 'x', value: 'Hi', streaming: false })] }),
    );
    const events = await collect(streamWidget(thread, roots, { generateId: fixedId }));
    expect(summary(events)).toEqual(['thread.item.added', 'widget.root.updated', 'thread.item.done']);
  });

  test('identical renderings send no updates', async () => {
    const events = await collect(streamWidget(thread, textCard(['same', 'same', 'same']), { generateId: fixedId }));
    expect(summary(events)).toEqual(['thread.item.added', 'thread.item.done']);
  });

  test('added and done share the item id, thread id, created_at and copy_text', async () => {
    const events = await collect(streamWidget(thread, textCard(['a', 'ab']), { copyText: 'copy me' }));
    const added = events[0]!;
    const done = events.at(-1)!;
    if (added.type !== 'thread.item.added' || done.type !== 'thread.item.done') throw new Error('bad sequence');
    const { widget: _first, ...addedRest } = added.item as { widget: unknown };
    const { widget: _last, ...doneRest } = done.item as { widget: unknown };
    expect(doneRest).toEqual(addedRest);
    expect(added.item).toMatchObject({ thread_id: 'thr_1', copy_text: 'copy me' });
    expect(events[1]).toMatchObject({ item_id: added.item.id });
  });

  test('a generator that mutates and re-yields one object still streams (each rendering is copied)', async () => {
    async function* mutating(): AsyncGenerator<WidgetRootJson> {
      const text = { type: 'Text', id: 'x', value: '', streaming: true };
      const root = { type: 'Card' as const, children: [text] };
      for (const value of ['', 'ab', 'abcd']) {
        text.value = value;
        yield root;
      }
    }
    const events = await collect(streamWidget(thread, mutating(), { generateId: fixedId }));
    expect(summary(events)).toEqual([
      'thread.item.added',
      'delta "ab" done:false',
      'delta "cd" done:false',
      'thread.item.done',
    ]);
    expect(firstText(events[0]!)).toBe('');
  });

  test('every event is a valid wire event', async () => {
    const events = await collect(streamWidget(thread, textCard(['', 'a', 'b']), { generateId: fixedId }));
    for (const event of events) expect(ThreadStreamEvent.safeParse(event).success).toBe(true);
    expect(WidgetRoot.safeParse((events.at(-1) as { item: { widget: unknown } }).item.widget).success).toBe(true);
  });

  test('an iterable that yields nothing is an error', async () => {
    await expect(collect(streamWidget(thread, renderings()))).rejects.toThrow(/ended without yielding a root/);
  });

  test('a rendering that is not a root is an error', async () => {
    const bad = renderings(Card({ children: [] }), { type: 'Row' } as unknown as WidgetRootJson);
    await expect(collect(streamWidget(thread, bad))).rejects.toThrow(/not a widget root/);
  });

  test('stopping the stream early closes the source generator', async () => {
    let closed = false;
    async function* source(): AsyncGenerator<WidgetRootJson> {
      try {
        for (let i = 0; ; i++) yield Card({ children: [Text({ id: 'x', value: 'a'.repeat(i) })] });
      } finally {
        closed = true;
      }
    }
    for await (const event of streamWidget(thread, source())) {
      if (event.type === 'thread.item.updated') break;
    }
    expect(closed).toBe(true);
  });
});

/**
 * Streaming requests through `ChatKitServer.process()`: the event pipeline of protocol.md §5.2 (what
 * is stored, what is sent, in which order), thread-change detection, error events, and the exact wire
 * JSON of every stream event, item update and thread item.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { vi } from 'vitest';
import {
  CustomStreamError,
  MemoryStore,
  StreamError,
  type ThreadItem,
  type ThreadStreamEventInput,
} from '../../src/index.ts';
import { createTestServer, TestServer, testContext, type TestContext } from '../support/test-server.ts';
import {
  assistantMessage,
  clientToolCall,
  hiddenContext,
  req,
  userInput,
  userMessageItem,
  widgetItem,
} from '../support/fixtures.ts';
import { requestJson, requestText, streamEvents, streamFrames, typesOf, type Wire } from '../support/run.ts';
import { allItems } from '../support/store-snapshot.ts';
import { useFixedClock } from '../support/clock.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** Creates a thread whose responder yields nothing; returns its id. */
async function newThread(server: TestServer, context: TestContext, text = 'Hello, world!'): Promise<string> {
  const saved = server.respondWith;
  server.respondWith = async function* () {};
  const events = await streamEvents(server, req.create(userInput(text)), context);
  server.respondWith = saved;
  return events[0].thread.id as string;
}

describe('the captured threads.create stream (§3.1)', () => {
  test('is reproduced frame by frame, our ISO timestamps aside', async () => {
    // Deliberate difference: our timestamps are Date#toISOString() (…Z), not the SDK's naive local
    // times, so the capture's two server-made timestamps are substituted before comparing.
    useFixedClock('2026-11-26T15:53:04.504Z');
    const { server, store, context } = createTestServer();
    store.generateThreadId = () => 'thr_deb2b399';
    store.generateItemId = (type) => (type === 'message' ? 'msg_63ee2bc5' : 'unexpected');
    server.respondWith = async function* (thread) {
      yield {
        type: 'thread.item.added',
        item: {
          id: 'a1',
          thread_id: thread.id,
          created_at: '2025-01-01T00:00:00',
          type: 'assistant_message',
          content: [],
        },
      };
      yield {
        type: 'thread.item.updated',
        item_id: 'a1',
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'Hi' },
      };
      yield { type: 'thread.item.done', item: assistantMessage('a1', thread.id, 'Hi', '2025-01-01T00:00:00') };
      yield { type: 'thread.item.done', item: hiddenContext('h1', thread.id, { note: 'hidden' }) };
      yield { type: 'progress_update', text: 'working' };
      yield { type: 'notice', level: 'info', message: 'note' };
      yield { type: 'client_effect', name: 'fx' };
      thread.title = 'T';
    };
    const capture = `data: {"type":"thread.created","thread":{"id":"thr_deb2b399","created_at":"2026-11-26T15:53:04.504768","status":{"type":"active"},"metadata":{},"items":{"data":[],"has_more":false}}}

data: {"type":"thread.item.done","item":{"id":"msg_63ee2bc5","thread_id":"thr_deb2b399","created_at":"2026-11-26T15:53:04.512743","type":"user_message","content":[{"type":"input_text","text":"hello"}],"attachments":[],"inference_options":{}}}

data: {"type":"stream_options","stream_options":{"allow_cancel":true}}

data: {"type":"thread.item.added","item":{"id":"a1","thread_id":"thr_deb2b399","created_at":"2025-01-01T00:00:00","type":"assistant_message","content":[]}}

data: {"type":"thread.item.updated","item_id":"a1","update":{"type":"assistant_message.content_part.text_delta","content_index":0,"delta":"Hi"}}

data: {"type":"thread.item.done","item":{"id":"a1","thread_id":"thr_deb2b399","created_at":"2025-01-01T00:00:00","type":"assistant_message","content":[{"annotations":[],"text":"Hi","type":"output_text"}]}}

data: {"type":"progress_update","text":"working"}

data: {"type":"notice","level":"info","message":"note"}

data: {"type":"client_effect","name":"fx","data":{}}

data: {"type":"thread.updated","thread":{"title":"T","id":"thr_deb2b399","created_at":"2026-11-26T15:53:04.504768","status":{"type":"active"},"metadata":{},"items":{"data":[],"has_more":false}}}

`;
    const expected = capture
      .replaceAll('2026-11-26T15:53:04.504768', '2026-11-26T15:53:04.504Z')
      .replaceAll('2026-11-26T15:53:04.512743', '2026-11-26T15:53:04.504Z')
      .split('\n\n')
      .filter((frame) => frame !== '')
      .map((frame) => frame.slice('data: '.length));

    const frames = await streamFrames(server, req.create(userInput('hello')), context);

    expect(frames).toEqual(expected);
    // The hidden item was stored though not sent; the title was saved.
    expect(await store.loadItem('thr_deb2b399', 'h1', context)).toMatchObject({
      type: 'hidden_context_item',
      content: { note: 'hidden' },
    });
    expect((await store.loadThread('thr_deb2b399', context)).title).toBe('T');
  });
});

describe('threads.create basics', () => {
  test('§9.1 #5: thread.created without a title, then the user message with its quoted text', async () => {
    const { server, context } = createTestServer();
    const events = await streamEvents(
      server,
      req.create(userInput('Hello, world!', { quoted_text: 'Quoted text' })),
      context,
    );
    expect(typesOf(events)).toEqual(['thread.created', 'thread.item.done', 'stream_options']);
    expect(events[0].thread).not.toHaveProperty('title');
    expect(events[1].item).toMatchObject({
      type: 'user_message',
      content: [{ type: 'input_text', text: 'Hello, world!' }],
      quoted_text: 'Quoted text',
    });
  });

  test('the user message is stored before it is announced, and respond gets that message', async () => {
    const { server, store, context } = createTestServer();
    server.respondWith = async function* (thread, input) {
      // By the time respond runs the message is in the store.
      expect((await store.loadItem(thread.id, input!.id, context)).type).toBe('user_message');
    };
    const events = await streamEvents(server, req.create(), context);
    expect(server.respondCalls).toHaveLength(1);
    expect(server.respondCalls[0]!.input).toEqual(JSON.parse(JSON.stringify(events[1].item)));
    expect(server.reportedErrors).toEqual([]);
  });
});

describe('thread changes become thread.updated (§5.2 step 5.4, 6 and 8)', () => {
  test('§9.1 #6: a title set by respond is saved, and thread.updated with it is the last event', async () => {
    const { server, store, context } = createTestServer();
    server.respondWith = async function* (thread) {
      thread.title = 'Updated title';
    };
    const events = await streamEvents(server, req.create(), context);
    const threadId = events[0].thread.id;
    expect((await store.loadThread(threadId, context)).title).toBe('Updated title');
    expect(events.at(-1)).toMatchObject({ type: 'thread.updated', thread: { id: threadId, title: 'Updated title' } });
    expect(typesOf(events)).toEqual(['thread.created', 'thread.item.done', 'stream_options', 'thread.updated']);
  });

  test('§9.1 #7: metadata set by respond is saved; thread.updated is last and still carries metadata {}', async () => {
    const { server, store, context } = createTestServer();
    server.respondWith = async function* (thread) {
      thread.metadata.test_key = 'test_value';
    };
    const events = await streamEvents(server, req.create(), context);
    expect((await store.loadThread(events[0].thread.id, context)).metadata).toEqual({ test_key: 'test_value' });
    expect(events.at(-1).type).toBe('thread.updated');
    expect(events.at(-1).thread.metadata).toEqual({});
  });

  test('§9.1 #8: a status set by respond is saved and sent', async () => {
    const { server, store, context } = createTestServer();
    server.respondWith = async function* (thread) {
      thread.status = { type: 'locked', reason: 'Because' };
    };
    const events = await streamEvents(server, req.create(), context);
    expect((await store.loadThread(events[0].thread.id, context)).status).toEqual({
      type: 'locked',
      reason: 'Because',
    });
    expect(events.at(-1)).toMatchObject({
      type: 'thread.updated',
      thread: { status: { type: 'locked', reason: 'Because' } },
    });
  });

  test('§9.1 #9: allowed_image_domains set by respond are saved and sent', async () => {
    const { server, store, context } = createTestServer();
    const domains = ['example.com', 'images.example.com'];
    server.respondWith = async function* (thread) {
      thread.allowed_image_domains = [...domains];
    };
    const events = await streamEvents(server, req.create(), context);
    expect((await store.loadThread(events[0].thread.id, context)).allowed_image_domains).toEqual(domains);
    expect(events.at(-1)).toMatchObject({ type: 'thread.updated', thread: { allowed_image_domains: domains } });
  });

  test('§9.1 #10: unset allowed_image_domains is absent from the raw thread.created and thread.updated JSON', async () => {
    const { server, context } = createTestServer();
    server.respondWith = async function* (thread) {
      thread.title = 'Updated title';
    };
    const frames = await streamFrames(server, req.create(), context);
    const created = frames.find((frame) => frame.startsWith('{"type":"thread.created"'))!;
    const updated = frames.find((frame) => frame.startsWith('{"type":"thread.updated"'))!;
    expect(created).not.toContain('allowed_image_domains');
    expect(updated).not.toContain('allowed_image_domains');
    expect(JSON.parse(updated).thread.title).toBe('Updated title');
  });

  test('§9.1 #11: a title set between two events gives thread.updated right after the next event', async () => {
    const { server, store, context } = createTestServer();
    server.respondWith = async function* (thread) {
      yield { type: 'thread.item.done', item: assistantMessage('A', thread.id, 'A') };
      thread.title = 'Mid-stream title';
      yield { type: 'thread.item.done', item: assistantMessage('B', thread.id, 'B') };
      yield { type: 'thread.item.done', item: assistantMessage('C', thread.id, 'C') };
    };
    const events = await streamEvents(server, req.create(), context);
    const afterB = events.findIndex((event) => event.type === 'thread.item.done' && event.item.id === 'B');
    expect(events[afterB + 1]).toMatchObject({ type: 'thread.updated', thread: { title: 'Mid-stream title' } });
    expect(events[afterB + 2]).toMatchObject({ type: 'thread.item.done', item: { id: 'C' } });
    expect(events.filter((event) => event.type === 'thread.updated')).toHaveLength(1);
    expect((await store.loadThread(events[0].thread.id, context)).title).toBe('Mid-stream title');
  });

  test('a responder that saves the thread itself still gets thread.updated', async () => {
    const { server, store, context } = createTestServer();
    server.respondWith = async function* (thread, _input, ctx) {
      thread.title = 'Saved by respond';
      await store.saveThread(thread, ctx);
    };
    const events = await streamEvents(server, req.create(), context);
    expect(events.at(-1)).toMatchObject({ type: 'thread.updated', thread: { title: 'Saved by respond' } });
  });

  test('a thread.updated yielded by the integrator is forwarded, not saved', async () => {
    const { server, store, context } = createTestServer();
    server.respondWith = async function* (thread) {
      yield {
        type: 'thread.updated',
        thread: { id: thread.id, created_at: thread.created_at, title: 'Only on the wire', items: { data: [] } },
      };
    };
    const events = await streamEvents(server, req.create(), context);
    expect(typesOf(events)).toEqual(['thread.created', 'thread.item.done', 'stream_options', 'thread.updated']);
    expect(events[3].thread.title).toBe('Only on the wire');
    expect((await store.loadThread(events[0].thread.id, context)).title ?? null).toBeNull();
  });

  test('no thread.updated when nothing changed, even if a field is re-assigned the same value', async () => {
    const { server, context } = createTestServer();
    server.respondWith = async function* (thread) {
      thread.status = { type: 'active' };
      thread.metadata = {};
      yield { type: 'progress_update', text: 'x' };
    };
    expect(typesOf(await streamEvents(server, req.create(), context))).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'progress_update',
    ]);
    // The same metadata with its keys in another order is no change either.
    const { store } = createTestServer();
    const other = new TestServer(store);
    const created = await streamEvents(other, req.create(), context);
    await store.saveThread(
      { ...(await store.loadThread(created[0].thread.id, context)), metadata: { a: 1, b: { c: 2, d: 3 } } },
      context,
    );
    other.respondWith = async function* (thread) {
      thread.metadata = { b: { d: 3, c: 2 }, a: 1 };
    };
    expect(typesOf(await streamEvents(other, req.addUserMessage(created[0].thread.id), context))).toEqual([
      'thread.item.done',
      'stream_options',
    ]);
  });
});

describe('event sequences', () => {
  test('§9.1 #12: a client tool call turn is 4 events; its output turn is 2 events with respond input null', async () => {
    const { server, store, context } = createTestServer();
    server.respondWith = async function* (thread, input) {
      if (input) {
        yield {
          type: 'thread.item.done',
          item: clientToolCall('msg_1', thread.id, 'tool_call_1', 'tool_call_1', { arg1: 'val1', arg2: false }),
        };
      } else {
        yield { type: 'thread.item.done', item: assistantMessage('msg_2', thread.id, 'Done') };
      }
    };
    const first = await streamEvents(server, req.create(), context);
    expect(typesOf(first)).toEqual(['thread.created', 'thread.item.done', 'stream_options', 'thread.item.done']);
    expect(first[3].item).toMatchObject({
      type: 'client_tool_call',
      id: 'msg_1',
      name: 'tool_call_1',
      call_id: 'tool_call_1',
      status: 'pending',
      arguments: { arg1: 'val1', arg2: false },
    });
    const threadId = first[0].thread.id;

    const second = await streamEvents(server, req.addClientToolOutput(threadId, { text: 'Wow!' }), context);
    expect(typesOf(second)).toEqual(['stream_options', 'thread.item.done']);
    expect(second[1].item).toMatchObject({ type: 'assistant_message', id: 'msg_2' });
    expect(server.respondCalls).toHaveLength(2);
    expect(server.respondCalls[1]!.input).toBeNull();
    expect(await store.loadItem(threadId, 'msg_1', context)).toMatchObject({
      status: 'completed',
      output: { text: 'Wow!' },
    });
  });

  test('§9.1 #13: progress_update then an assistant message: exactly 5 events', async () => {
    const { server, context } = createTestServer();
    server.respondWith = async function* (thread) {
      yield { type: 'progress_update', text: 'Tool status' };
      yield { type: 'thread.item.done', item: assistantMessage('a', thread.id, 'Hi') };
    };
    const events = await streamEvents(server, req.create(), context);
    expect(typesOf(events)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'progress_update',
      'thread.item.done',
    ]);
    expect(events[3]).toEqual({ type: 'progress_update', text: 'Tool status' });
  });

  test('non-ASCII text is written raw (UTF-8), one frame per chunk', async () => {
    const { server, context } = createTestServer();
    server.respondWith = async function* (thread) {
      yield { type: 'thread.item.done', item: assistantMessage('a', thread.id, 'héllo ✓ 日本 🙂') };
    };
    const frames = await streamFrames(server, req.create(userInput('ça va?')), context);
    expect(frames[1]).toContain('"text":"ça va?"');
    expect(frames[3]).toContain('"text":"héllo ✓ 日本 🙂"');
    expect(frames.join('')).not.toMatch(/\\u[0-9a-f]{4}/);
  });

  test('a streaming result can be read only once', async () => {
    const { server, context } = createTestServer();
    const result = await server.process(JSON.stringify(req.create()), context);
    const iterable = result as AsyncIterable<Uint8Array>;
    iterable[Symbol.asyncIterator]();
    expect(() => iterable[Symbol.asyncIterator]()).toThrow(TypeError);
  });

  test('getStreamOptions decides the stream_options event', async () => {
    const { server, context } = createTestServer();
    server.getStreamOptions = () => ({ allow_cancel: false });
    const frames = await streamFrames(server, req.create(), context);
    expect(frames[2]).toBe('{"type":"stream_options","stream_options":{"allow_cancel":false}}');
  });
});

describe('pending-item isolation (§5.2 step 5.1)', () => {
  test('§9.1 #3: a workflow task added by update and by the responder itself is not duplicated', async () => {
    const { server, store, context } = createTestServer();
    const task = { type: 'custom' as const, title: 'foo', content: 'bar' };
    server.respondWith = async function* (thread) {
      const workflow = {
        id: 'wf',
        thread_id: thread.id,
        created_at: new Date().toISOString(),
        type: 'workflow' as const,
        workflow: { type: 'custom' as const, tasks: [] as (typeof task)[] },
      };
      yield { type: 'thread.item.added', item: workflow };
      yield {
        type: 'thread.item.updated',
        item_id: 'wf',
        update: { type: 'workflow.task.added', task_index: 0, task },
      };
      workflow.workflow.tasks.push(task);
      yield { type: 'thread.item.done', item: workflow };
    };
    const events = await streamEvents(server, req.create(), context);
    const done = events.at(-1);
    expect(done.type).toBe('thread.item.done');
    expect(done.item.workflow.tasks).toHaveLength(1);
    expect(done.item.workflow.tasks[0].title).toBe('foo');
    const stored = await store.loadItem(events[0].thread.id, 'wf', context);
    expect(stored.type === 'workflow' && stored.workflow.tasks).toHaveLength(1);
  });
});

describe('widget streams (§7.3 sequences as stream_widget produces them)', () => {
  // The diffing itself belongs to the widgets module; here the server must forward such a sequence
  // unchanged and store the final item.
  test('§9.1 #35: added, three value deltas, done: 5 events, the final text stored', async () => {
    const { server, store, context } = createTestServer();
    const card = (value: string) => ({ type: 'Card' as const, children: [{ type: 'Text', id: 'text', value }] });
    server.respondWith = async function* (thread) {
      const item = { id: 'w', thread_id: thread.id, created_at: new Date().toISOString(), type: 'widget' as const };
      yield { type: 'thread.item.added', item: { ...item, widget: card('') } };
      for (const delta of ['Hel', 'lo,', ' world']) {
        yield {
          type: 'thread.item.updated',
          item_id: 'w',
          update: { type: 'widget.streaming_text.value_delta', component_id: 'text', delta, done: true },
        };
      }
      yield { type: 'thread.item.done', item: { ...item, widget: card('Hello, world') } };
    };
    const events = (await streamEvents(server, req.create(), context)).slice(3);
    expect(typesOf(events)).toEqual([
      'thread.item.added',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.done',
    ]);
    expect(events[0].item.widget.children[0].value).toBe('');
    expect(
      events.slice(1, 4).map((event) => [event.update.type, event.update.component_id, event.update.delta]),
    ).toEqual([
      ['widget.streaming_text.value_delta', 'text', 'Hel'],
      ['widget.streaming_text.value_delta', 'text', 'lo,'],
      ['widget.streaming_text.value_delta', 'text', ' world'],
    ]);
    expect(events[4].item.widget.children[0].value).toBe('Hello, world');
    const stored = await store.loadItem(events[4].item.thread_id, 'w', context);
    expect(stored.type === 'widget' && stored.widget.children).toEqual([
      { type: 'Text', id: 'text', value: 'Hello, world' },
    ]);
  });

  test('§9.1 #36: added, widget.root.updated, done: 3 events', async () => {
    const { server, context } = createTestServer();
    const card = (value: string) => ({ type: 'Card' as const, children: [{ type: 'Text', id: 'text', value }] });
    server.respondWith = async function* (thread) {
      const item = { id: 'w', thread_id: thread.id, created_at: new Date().toISOString(), type: 'widget' as const };
      yield { type: 'thread.item.added', item: { ...item, widget: card('Hello') } };
      yield {
        type: 'thread.item.updated',
        item_id: 'w',
        update: { type: 'widget.root.updated', widget: card('World') },
      };
      yield { type: 'thread.item.done', item: { ...item, widget: card('World') } };
    };
    const events = (await streamEvents(server, req.create(), context)).slice(3);
    expect(typesOf(events)).toEqual(['thread.item.added', 'thread.item.updated', 'thread.item.done']);
    expect(events[1].update).toEqual({ type: 'widget.root.updated', widget: card('World') });
    expect(events[2].item.widget).toEqual(card('World'));
  });
});

describe('removed and replaced items (§5.2 step 5.2)', () => {
  test('§9.1 #37: thread.item.removed is sent and deletes the stored item', async () => {
    const { server, context } = createTestServer();
    server.respondWith = async function* (thread) {
      yield { type: 'thread.item.done', item: userMessageItem('msg_to_remove', thread.id, 'bye') };
      yield { type: 'thread.item.removed', item_id: 'msg_to_remove' };
    };
    const events = await streamEvents(server, req.create(), context);
    expect(events.at(-1)).toEqual({ type: 'thread.item.removed', item_id: 'msg_to_remove' });
    const page = await requestJson(server, req.itemsList(events[0].thread.id), context);
    expect(page.data.map((item: Wire) => item.id)).not.toContain('msg_to_remove');
    expect(page.data).toHaveLength(1);
  });

  test('§9.1 #38: thread.item.replaced stores the new item in place, even of another type', async () => {
    const { server, context } = createTestServer();
    server.respondWith = async function* (thread) {
      yield { type: 'thread.item.done', item: userMessageItem('msg_to_replace', thread.id, 'original') };
      yield {
        type: 'thread.item.replaced',
        item: assistantMessage('msg_to_replace', thread.id, 'This is the replacement content'),
      };
    };
    const events = await streamEvents(server, req.create(), context);
    expect(events.at(-1)).toMatchObject({
      type: 'thread.item.replaced',
      item: { id: 'msg_to_replace', type: 'assistant_message' },
    });
    const page = await requestJson(server, req.itemsList(events[0].thread.id), context);
    const replaced = page.data.find((item: Wire) => item.id === 'msg_to_replace');
    expect(replaced).toMatchObject({
      type: 'assistant_message',
      content: [{ text: 'This is the replacement content' }],
    });
  });

  test('§9.1 #39: a replaced widget is stored with its new content', async () => {
    const { server, store, context } = createTestServer();
    server.respondWith = async function* (thread) {
      yield { type: 'thread.item.done', item: widgetItem('widget_1', thread.id, 'Original widget content') };
      yield { type: 'thread.item.replaced', item: widgetItem('widget_1', thread.id, 'Replaced widget content') };
    };
    const events = await streamEvents(server, req.create(), context);
    expect(events.at(-1).item.widget.children[0].value).toBe('Replaced widget content');
    const stored = await store.loadItem(events[0].thread.id, 'widget_1', context);
    expect(stored.type).toBe('widget');
    expect(stored.type === 'widget' && (stored.widget.children as Wire)[0].value).toBe('Replaced widget content');
  });
});

describe('errors inside the pipeline become error events (§5.7)', () => {
  test('§9.1 #40: respond throwing before its first event gives one stream.error event and a normal end', async () => {
    const { server, context } = createTestServer();
    server.respondWith = async function* () {
      throw new Error('boom');
    };
    const result = await server.process(JSON.stringify(req.create()), context);
    if (!('nextEvent' in result)) throw new Error('expected a stream');
    const seen: Wire[] = [];
    for (;;) {
      const step = await result.nextEvent();
      if (step.done) break;
      seen.push(step.value);
    }
    expect(typesOf(seen)).toEqual(['thread.created', 'thread.item.done', 'stream_options', 'error']);
    expect(seen[3]).toEqual({ type: 'error', code: 'stream.error', allow_retry: true });
    // The stream ended normally: a further read is end-of-stream, not an exception.
    await expect(result.nextEvent()).resolves.toEqual({ done: true, value: undefined });
    expect(server.reportedErrors).toHaveLength(1);
  });

  test('§9.4 #78: StreamError, CustomStreamError and any other exception give the documented error events', async () => {
    const { server, context } = createTestServer();
    const threadId = await newThread(server, context);
    const cases: [unknown, string][] = [
      [new StreamError('stream.error'), '{"type":"error","code":"stream.error","allow_retry":true}'],
      [
        new CustomStreamError('nope', { allowRetry: true }),
        '{"type":"error","code":"custom","message":"nope","allow_retry":true}',
      ],
      [new CustomStreamError('plain'), '{"type":"error","code":"custom","message":"plain","allow_retry":false}'],
      [new StreamError('rate_limited'), '{"type":"error","code":"rate_limited","allow_retry":false}'],
      [
        new StreamError('stream.error', { allowRetry: false }),
        '{"type":"error","code":"stream.error","allow_retry":false}',
      ],
      [new TypeError('anything else'), '{"type":"error","code":"stream.error","allow_retry":true}'],
    ];
    for (const [error, expected] of cases) {
      server.respondWith = async function* () {
        yield { type: 'progress_update', text: 'before' };
        throw error;
      };
      const frames = await streamFrames(server, req.addUserMessage(threadId), context);
      expect(frames.slice(2)).toEqual(['{"type":"progress_update","text":"before"}', expected]);
    }
  });

  test('§9.4 #71: an error after a thread change is followed by thread.updated', async () => {
    const { server, store, context } = createTestServer();
    server.respondWith = async function* (thread) {
      thread.title = 'Changed then failed';
      throw new CustomStreamError('failed');
    };
    const events = await streamEvents(server, req.create(), context);
    expect(typesOf(events)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'error',
      'thread.updated',
    ]);
    expect(events[4].thread.title).toBe('Changed then failed');
    expect((await store.loadThread(events[0].thread.id, context)).title).toBe('Changed then failed');
  });

  test('items done before the error stay stored and sent', async () => {
    const { server, store, context } = createTestServer();
    server.respondWith = async function* (thread) {
      yield { type: 'thread.item.done', item: assistantMessage('kept', thread.id, 'kept') };
      throw new Error('late');
    };
    const events = await streamEvents(server, req.create(), context);
    expect(typesOf(events).slice(3)).toEqual(['thread.item.done', 'error']);
    expect((await store.loadItem(events[0].thread.id, 'kept', context)).id).toBe('kept');
  });

  test('an error event yielded by the integrator is forwarded and the stream goes on', async () => {
    const { server, context } = createTestServer();
    server.respondWith = async function* () {
      yield { type: 'error', message: 'We blocked that message for safety.' };
      yield { type: 'notice', level: 'danger', message: 'still here' };
    };
    const frames = (await streamFrames(server, req.create(), context)).slice(3);
    expect(frames).toEqual([
      '{"type":"error","code":"custom","message":"We blocked that message for safety.","allow_retry":false}',
      '{"type":"notice","level":"danger","message":"still here"}',
    ]);
    expect(server.reportedErrors).toEqual([]);
  });

  test('persistence happens before forwarding: an event whose store write fails is not sent, an error is', async () => {
    class FailingStore extends MemoryStore<TestContext> {
      override async addThreadItem(threadId: string, item: ThreadItem, context: TestContext): Promise<void> {
        if (item.id === 'unsavable') throw new Error('disk full');
        return super.addThreadItem(threadId, item, context);
      }
    }
    const store = new FailingStore();
    const server = new TestServer(store);
    const context = testContext();
    server.respondWith = async function* (thread) {
      yield { type: 'thread.item.done', item: assistantMessage('unsavable', thread.id, 'lost') };
      yield { type: 'thread.item.done', item: assistantMessage('never', thread.id, 'never reached') };
    };
    const events = await streamEvents(server, req.create(), context);
    expect(typesOf(events)).toEqual(['thread.created', 'thread.item.done', 'stream_options', 'error']);
    expect(events[3]).toEqual({ type: 'error', code: 'stream.error', allow_retry: true });
    const items = await allItems(store, events[0].thread.id, context);
    expect(items.map((item) => item.type)).toEqual(['user_message']);
  });

  test('an event the responder gets wrong becomes an error event', async () => {
    const { server, context } = createTestServer();
    server.respondWith = async function* () {
      yield {
        type: 'thread.item.done',
        item: { id: 'x', type: 'assistant_message' },
      } as unknown as ThreadStreamEventInput;
    };
    const events = await streamEvents(server, req.create(), context);
    expect(events.at(-1)).toEqual({ type: 'error', code: 'stream.error', allow_retry: true });
    expect(server.reportedErrors).toHaveLength(1);
  });

  test('the default action() is not supported: the client gets a retryable stream.error after stream_options', async () => {
    // Deliberate difference: the default throws NotSupportedError (Python: NotImplementedError);
    // inside the pipeline both become the same error event.
    const { server, context } = createTestServer();
    const threadId = await newThread(server, context);
    const frames = await streamFrames(server, req.customAction(threadId, null, { type: 'go' }), context);
    expect(frames).toEqual([
      '{"type":"stream_options","stream_options":{"allow_cancel":true}}',
      '{"type":"error","code":"stream.error","allow_retry":true}',
    ]);
    expect((server.reportedErrors[0] as Error).name).toBe('NotSupportedError');
  });
});

describe('hidden items (§2.1 rule 6)', () => {
  test('§9.4 #79: a hidden item done is stored but never sent, listed or returned by get_by_id', async () => {
    const { server, store, context } = createTestServer();
    server.respondWith = async function* (thread) {
      yield { type: 'thread.item.done', item: hiddenContext('hidden', thread.id, 'for the model') };
      yield {
        type: 'thread.item.done',
        item: {
          id: 'sdk',
          thread_id: thread.id,
          created_at: new Date().toISOString(),
          type: 'sdk_hidden_context',
          content: 'note',
        },
      };
      yield { type: 'thread.item.done', item: assistantMessage('visible', thread.id, 'Hi') };
    };
    const events = await streamEvents(server, req.create(), context);
    const threadId = events[0].thread.id;
    expect(events.filter((event) => event.type === 'thread.item.done').map((event) => event.item.type)).toEqual([
      'user_message',
      'assistant_message',
    ]);
    expect((await store.loadItem(threadId, 'hidden', context)).type).toBe('hidden_context_item');
    expect((await store.loadItem(threadId, 'sdk', context)).type).toBe('sdk_hidden_context');
    const listed = await requestJson(server, req.itemsList(threadId, { order: 'asc' }), context);
    expect(listed.data.map((item: Wire) => item.id)).toEqual([events[1].item.id, 'visible']);
    const thread = await requestJson(server, req.getById(threadId), context);
    expect(thread.items.data.map((item: Wire) => item.id)).toEqual([events[1].item.id, 'visible']);
  });

  test('added and replaced events of hidden items are forwarded (only done is swallowed)', async () => {
    const { server, context } = createTestServer();
    server.respondWith = async function* (thread) {
      yield { type: 'thread.item.added', item: hiddenContext('h', thread.id, 'x') };
      yield { type: 'thread.item.replaced', item: hiddenContext('h', thread.id, 'y') };
    };
    expect(typesOf(await streamEvents(server, req.create(), context)).slice(3)).toEqual([
      'thread.item.added',
      'thread.item.replaced',
    ]);
  });
});

describe('every stream event type on the wire (§3.2)', () => {
  test('removed, replaced, error, and integrator-yielded stream_options are written exactly', async () => {
    useFixedClock('2025-01-02T03:04:05.000Z');
    const { server, context } = createTestServer();
    const threadId = await newThread(server, context);
    server.respondWith = async function* (thread) {
      yield { type: 'thread.item.done', item: assistantMessage('x', thread.id, 'one') };
      yield { type: 'thread.item.replaced', item: assistantMessage('x', thread.id, 'two') };
      yield { type: 'thread.item.removed', item_id: 'x' };
      yield { type: 'stream_options', stream_options: { allow_cancel: false } };
      yield { type: 'error', code: 'custom', message: 'nope', allow_retry: true };
      yield { type: 'progress_update', icon: 'search', text: 'x' };
      yield { type: 'notice', level: 'warning', message: 'm', title: 't' };
      yield { type: 'client_effect', name: 'confetti', data: { n: 3 } };
    };
    const frames = await streamFrames(server, req.addUserMessage(threadId), context);
    const item = (text: string) =>
      `{"id":"x","thread_id":"${threadId}","created_at":"2025-01-02T03:04:05.000Z","type":"assistant_message","content":[{"annotations":[],"text":"${text}","type":"output_text"}]}`;
    expect(frames.slice(2)).toEqual([
      `{"type":"thread.item.done","item":${item('one')}}`,
      `{"type":"thread.item.replaced","item":${item('two')}}`,
      '{"type":"thread.item.removed","item_id":"x"}',
      '{"type":"stream_options","stream_options":{"allow_cancel":false}}',
      '{"type":"error","code":"custom","message":"nope","allow_retry":true}',
      '{"type":"progress_update","icon":"search","text":"x"}',
      '{"type":"notice","level":"warning","message":"m","title":"t"}',
      '{"type":"client_effect","name":"confetti","data":{"n":3}}',
    ]);
  });
});

describe('every item update type on the wire (§3.3)', () => {
  test('the ten update types are forwarded exactly, in order', async () => {
    useFixedClock('2025-01-02T03:04:05.000Z');
    const { server, store, context } = createTestServer();
    const threadId = await newThread(server, context);
    const at = '2025-01-02T03:04:05.000Z';
    const annotation = { type: 'annotation' as const, source: { type: 'file' as const, title: 'f', filename: 'f' } };
    server.respondWith = async function* (thread) {
      const base = { thread_id: thread.id, created_at: at };
      yield { type: 'thread.item.added', item: { ...base, id: 'a', type: 'assistant_message', content: [] } };
      yield {
        type: 'thread.item.updated',
        item_id: 'a',
        update: { type: 'assistant_message.content_part.added', content_index: 0, content: { text: '' } },
      };
      yield {
        type: 'thread.item.updated',
        item_id: 'a',
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'full' },
      };
      yield {
        type: 'thread.item.updated',
        item_id: 'a',
        update: {
          type: 'assistant_message.content_part.annotation_added',
          content_index: 0,
          annotation_index: 0,
          annotation,
        },
      };
      yield {
        type: 'thread.item.updated',
        item_id: 'a',
        update: { type: 'assistant_message.content_part.done', content_index: 0, content: { text: 'full' } },
      };
      yield {
        type: 'thread.item.added',
        item: {
          ...base,
          id: 'message_1',
          type: 'widget',
          widget: { type: 'Card', children: [{ type: 'Text', id: 'x', value: '', streaming: true }] },
        },
      };
      yield {
        type: 'thread.item.updated',
        item_id: 'message_1',
        update: { type: 'widget.streaming_text.value_delta', component_id: 'x', delta: 'He', done: false },
      };
      yield {
        type: 'thread.item.updated',
        item_id: 'message_1',
        update: {
          type: 'widget.component.updated',
          component_id: 'x',
          component: { type: 'Text', id: 'x', value: 'Hey' },
        },
      };
      yield {
        type: 'thread.item.updated',
        item_id: 'message_1',
        update: {
          type: 'widget.root.updated',
          widget: { type: 'Card', children: [{ type: 'Text', id: 'x', value: 'Hey you' }] },
        },
      };
      yield {
        type: 'thread.item.added',
        item: { ...base, id: 'w', type: 'workflow', workflow: { type: 'reasoning', tasks: [] } },
      };
      yield {
        type: 'thread.item.updated',
        item_id: 'w',
        update: { type: 'workflow.task.added', task_index: 0, task: { type: 'thought', content: 't' } },
      };
      yield {
        type: 'thread.item.updated',
        item_id: 'w',
        update: {
          type: 'workflow.task.updated',
          task_index: 0,
          task: { type: 'thought', content: 'thought through', status_indicator: 'complete' },
        },
      };
      yield { type: 'thread.item.added', item: { ...base, id: 'g', type: 'generated_image' } };
      yield {
        type: 'thread.item.updated',
        item_id: 'g',
        update: { type: 'generated_image.updated', image: { id: 'ig', url: 'data:...' }, progress: 0.5 },
      };
    };
    const frames = await streamFrames(server, req.addUserMessage(threadId), context);
    const updates = frames.filter((frame) => frame.startsWith('{"type":"thread.item.updated"'));
    expect(updates).toEqual([
      '{"type":"thread.item.updated","item_id":"a","update":{"type":"assistant_message.content_part.added","content_index":0,"content":{"annotations":[],"text":"","type":"output_text"}}}',
      '{"type":"thread.item.updated","item_id":"a","update":{"type":"assistant_message.content_part.text_delta","content_index":0,"delta":"full"}}',
      '{"type":"thread.item.updated","item_id":"a","update":{"type":"assistant_message.content_part.annotation_added","content_index":0,"annotation_index":0,"annotation":{"type":"annotation","source":{"title":"f","type":"file","filename":"f"}}}}',
      '{"type":"thread.item.updated","item_id":"a","update":{"type":"assistant_message.content_part.done","content_index":0,"content":{"annotations":[],"text":"full","type":"output_text"}}}',
      '{"type":"thread.item.updated","item_id":"message_1","update":{"type":"widget.streaming_text.value_delta","component_id":"x","delta":"He","done":false}}',
      '{"type":"thread.item.updated","item_id":"message_1","update":{"type":"widget.component.updated","component_id":"x","component":{"type":"Text","id":"x","value":"Hey"}}}',
      '{"type":"thread.item.updated","item_id":"message_1","update":{"type":"widget.root.updated","widget":{"type":"Card","children":[{"type":"Text","id":"x","value":"Hey you"}]}}}',
      '{"type":"thread.item.updated","item_id":"w","update":{"type":"workflow.task.added","task_index":0,"task":{"status_indicator":"none","type":"thought","content":"t"}}}',
      '{"type":"thread.item.updated","item_id":"w","update":{"type":"workflow.task.updated","task_index":0,"task":{"status_indicator":"complete","type":"thought","content":"thought through"}}}',
      '{"type":"thread.item.updated","item_id":"g","update":{"type":"generated_image.updated","image":{"id":"ig","url":"data:..."},"progress":0.5}}',
    ]);
    // Added and updated items are never stored (§5.2): only the user message is.
    expect((await allItems(store, threadId, context)).map((item) => item.type)).toEqual([
      'user_message',
      'user_message',
    ]);
  });
});

describe('every thread item type round-trips: thread.item.done → store → items.list (§4.1)', () => {
  test('the nine visible types come back exactly as sent; the two hidden ones are stored only', async () => {
    useFixedClock('2025-01-02T03:04:05.000Z');
    const { server, store, context } = createTestServer({ attachments: true });
    const threadId = await newThread(server, context);
    const base = (id: string) => ({ id, thread_id: threadId, created_at: '2025-01-02T03:04:05.000Z' });
    const items: ThreadStreamEventInput[] = [
      {
        type: 'thread.item.done',
        item: {
          ...base('i01'),
          type: 'user_message',
          content: [
            { type: 'input_text', text: 'u' },
            { type: 'input_tag', id: 'e', text: 'E', data: { k: null } },
          ],
          quoted_text: 'q',
          inference_options: { model: 'm' },
        },
      },
      {
        type: 'thread.item.done',
        item: {
          ...base('i02'),
          type: 'assistant_message',
          content: [
            {
              text: 'a',
              annotations: [{ type: 'annotation', index: 1, source: { type: 'url', title: 'U', url: 'https://u/x' } }],
            },
          ],
        },
      },
      {
        type: 'thread.item.done',
        item: { ...base('i03'), type: 'client_tool_call', call_id: 'c', name: 'n', arguments: { x: null } },
      },
      {
        type: 'thread.item.done',
        item: {
          ...base('i04'),
          type: 'widget',
          widget: {
            type: 'ListView',
            children: [{ type: 'ListViewItem', children: [{ type: 'Text', value: 'w' }] }],
            limit: 'auto',
          },
          copy_text: 'copy',
        },
      },
      {
        type: 'thread.item.done',
        item: { ...base('i05'), type: 'generated_image', image: { id: 'img', url: 'https://img/1' } },
      },
      {
        type: 'thread.item.done',
        item: { ...base('i06'), type: 'structured_input', inputs: [{ id: 'q', question: 'Q?', type: 'freeform' }] },
      },
      { type: 'thread.item.done', item: { ...base('i07'), type: 'task', task: { type: 'image', title: 'drawing' } } },
      {
        type: 'thread.item.done',
        item: {
          ...base('i08'),
          type: 'workflow',
          workflow: { type: 'custom', tasks: [{ type: 'custom', title: 'step' }], summary: { title: 'Done' } },
        },
      },
      { type: 'thread.item.done', item: { ...base('i09'), type: 'end_of_turn' } },
      { type: 'thread.item.done', item: { ...base('i10'), type: 'hidden_context_item', content: ['any', null] } },
      { type: 'thread.item.done', item: { ...base('i11'), type: 'sdk_hidden_context', content: 'note' } },
    ];
    server.respondWith = async function* () {
      yield* items;
    };
    const frames = await streamFrames(server, req.addUserMessage(threadId), context);
    const doneItems = frames.slice(2).map((frame) => JSON.parse(frame).item);
    expect(doneItems.map((item: Wire) => item.id)).toEqual([
      'i01',
      'i02',
      'i03',
      'i04',
      'i05',
      'i06',
      'i07',
      'i08',
      'i09',
    ]);

    const listed = await requestText(server, req.itemsList(threadId, { order: 'asc', limit: 50 }), context);
    const listedItems = JSON.parse(listed).data.filter((item: Wire) => item.id.startsWith('i'));
    expect(listedItems).toEqual(doneItems);
    // Byte for byte too: the listing writes each item as the stream did.
    for (const frame of frames.slice(2))
      expect(listed).toContain(frame.slice('{"type":"thread.item.done","item":'.length, -1));
    expect(doneItems.map((item: Wire) => item.type)).toEqual([
      'user_message',
      'assistant_message',
      'client_tool_call',
      'widget',
      'generated_image',
      'structured_input',
      'task',
      'workflow',
      'end_of_turn',
    ]);
    expect(doneItems[2]).toMatchObject({ status: 'pending', arguments: { x: null } });
    expect(doneItems[5].status).toBe('pending');
    expect(await store.loadItem(threadId, 'i10', context)).toMatchObject({
      type: 'hidden_context_item',
      content: ['any', null],
    });
    expect(await store.loadItem(threadId, 'i11', context)).toMatchObject({
      type: 'sdk_hidden_context',
      content: 'note',
    });
  });
});

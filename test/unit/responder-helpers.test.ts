/**
 * The responder helpers: event and item constructors (exact wire objects the protocol accepts),
 * `streamText` (its events, its ids from the store, what the store holds afterwards, and how it
 * stops on abort), and the store bases' default ids.
 */
import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  assistantMessage,
  BaseAttachmentStore,
  BaseStore,
  clientEffect,
  clientToolCall,
  endOfTurn,
  errorEvent,
  hiddenContext,
  MemoryStore,
  notice,
  progressUpdate,
  streamText,
  threadItemAdded,
  threadItemDone,
  threadItemRemoved,
  threadItemReplaced,
  threadItemUpdated,
  ThreadItem,
  ThreadStreamEvent,
  type AssistantMessageItem,
  type Attachment,
  type AttachmentCreateParams,
  type Page,
  type PageQuery,
  type StoreItemType,
  type ThreadMetadata,
} from '../../src/index.ts';
import { deferred } from '../support/deferred.ts';
import { TestServer, testContext, type TestContext } from '../support/test-server.ts';
import { req, userInput } from '../support/fixtures.ts';
import { processRequest, streamEvents, typesOf } from '../support/run.ts';

const thread: ThreadMetadata = {
  id: 'thr_1',
  created_at: '2026-01-01T00:00:00.000Z',
  status: { type: 'active' },
  metadata: {},
};
const createdAt = '2026-01-02T03:04:05.000Z';

describe('item constructors', () => {
  test('each builds the wire item, valid for the protocol', () => {
    const items = [
      assistantMessage({ thread, id: 'msg_1', text: 'Hello!', createdAt }),
      assistantMessage({ thread, id: 'msg_2', content: [], createdAt }),
      hiddenContext({ thread, id: 'msg_3', content: { plan: 'pro' }, createdAt }),
      clientToolCall({
        thread,
        id: 'tc_1',
        callId: 'call_1',
        name: 'get_selection',
        arguments: { all: true },
        createdAt,
      }),
      endOfTurn({ thread, id: 'msg_4', createdAt }),
    ];
    const common = { thread_id: 'thr_1', created_at: createdAt };
    expect(items).toEqual([
      {
        ...common,
        id: 'msg_1',
        type: 'assistant_message',
        content: [{ type: 'output_text', text: 'Hello!', annotations: [] }],
      },
      { ...common, id: 'msg_2', type: 'assistant_message', content: [] },
      { ...common, id: 'msg_3', type: 'hidden_context_item', content: { plan: 'pro' } },
      {
        ...common,
        id: 'tc_1',
        type: 'client_tool_call',
        status: 'pending',
        call_id: 'call_1',
        name: 'get_selection',
        arguments: { all: true },
      },
      { ...common, id: 'msg_4', type: 'end_of_turn' },
    ]);
    for (const item of items) expect(ThreadItem.parse(item)).toEqual(item);
  });

  test('created_at defaults to now; a client tool call defaults to no arguments', () => {
    const before = Date.now();
    const call = clientToolCall({ thread, id: 'tc_2', callId: 'c', name: 'ping' });
    expect(Date.parse(call.created_at)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(call.created_at)).toBeLessThanOrEqual(Date.now());
    expect(call.arguments).toEqual({});
  });
});

describe('event constructors', () => {
  test('each builds the wire event, valid for the protocol', () => {
    const item = assistantMessage({ thread, id: 'msg_1', text: 'Hi', createdAt });
    const update = { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'Hi' } as const;
    const events = [
      threadItemAdded(item),
      threadItemUpdated('msg_1', update),
      threadItemDone(item),
      threadItemReplaced(item),
      threadItemRemoved('msg_1'),
      progressUpdate('Searching…'),
      progressUpdate('Searching…', 'search'),
      notice('Saved.'),
      notice('Careful.', { level: 'warning', title: 'Heads up' }),
      clientEffect('confetti'),
      clientEffect('highlight', { selector: '#total' }),
      errorEvent('The service is down.'),
      errorEvent('Try again.', { allowRetry: true }),
    ];
    expect(events).toEqual([
      { type: 'thread.item.added', item },
      { type: 'thread.item.updated', item_id: 'msg_1', update },
      { type: 'thread.item.done', item },
      { type: 'thread.item.replaced', item },
      { type: 'thread.item.removed', item_id: 'msg_1' },
      { type: 'progress_update', text: 'Searching…' },
      { type: 'progress_update', text: 'Searching…', icon: 'search' },
      { type: 'notice', level: 'info', message: 'Saved.' },
      { type: 'notice', level: 'warning', message: 'Careful.', title: 'Heads up' },
      { type: 'client_effect', name: 'confetti', data: {} },
      { type: 'client_effect', name: 'highlight', data: { selector: '#total' } },
      { type: 'error', code: 'custom', message: 'The service is down.', allow_retry: false },
      { type: 'error', code: 'custom', message: 'Try again.', allow_retry: true },
    ]);
    for (const event of events) expect(ThreadStreamEvent.safeParse(event).success).toBe(true);
  });

  test('a responder built from them stores what it says', async () => {
    const server = new TestServer();
    const context = testContext();
    server.respondWith = async function* (current, _input, ctx) {
      const id = server.store.generateItemId('message', current, ctx);
      yield progressUpdate('Working');
      yield threadItemAdded(assistantMessage({ thread: current, id, content: [] }));
      yield threadItemDone(assistantMessage({ thread: current, id, text: 'Done.' }));
      yield threadItemDone(hiddenContext({ thread: current, id: 'msg_hidden', content: 'for the model' }));
      yield threadItemDone(endOfTurn({ thread: current, id: 'msg_end' }));
    };
    const events = await streamEvents(server, req.create(), context);
    expect(typesOf(events).slice(2)).toEqual([
      'stream_options',
      'progress_update',
      'thread.item.added',
      'thread.item.done',
      'thread.item.done',
    ]);
    const stored = await server.store.loadThreadItems(events[0].thread.id, { limit: 10, order: 'asc' }, context);
    expect(stored.data.map((item) => item.type)).toEqual([
      'user_message',
      'assistant_message',
      'hidden_context_item',
      'end_of_turn',
    ]);
  });
});

describe('streamText', () => {
  /** A store whose ids are predictable, to show streamText takes its id from the store. */
  class CountingStore extends MemoryStore<TestContext> {
    calls: { itemType: StoreItemType; threadId: string; context: TestContext }[] = [];
    override generateItemId(itemType: StoreItemType, current: ThreadMetadata, context: TestContext): string {
      this.calls.push({ itemType, threadId: current.id, context });
      return `msg_${this.calls.length}`;
    }
  }

  async function collect<T, R>(generator: AsyncGenerator<T, R>): Promise<{ events: T[]; result: R }> {
    const events: T[] = [];
    for (;;) {
      const step = await generator.next();
      if (step.done) return { events, result: step.value };
      events.push(step.value);
    }
  }

  test('a string: the message added, its part added, one delta, the part done, the message done', async () => {
    const store = new CountingStore();
    const context = testContext();
    const { events, result } = await collect(streamText(thread, 'Hello there', { store, context }));
    expect(store.calls).toEqual([{ itemType: 'message', threadId: 'thr_1', context }]);
    const createdAt = events[0]?.type === 'thread.item.added' ? events[0].item.created_at : '';
    const part = (text: string) => ({ type: 'output_text', text, annotations: [] });
    expect(events).toEqual([
      {
        type: 'thread.item.added',
        item: { id: 'msg_1', thread_id: 'thr_1', created_at: createdAt, type: 'assistant_message', content: [] },
      },
      {
        type: 'thread.item.updated',
        item_id: 'msg_1',
        update: { type: 'assistant_message.content_part.added', content_index: 0, content: part('') },
      },
      {
        type: 'thread.item.updated',
        item_id: 'msg_1',
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'Hello there' },
      },
      {
        type: 'thread.item.updated',
        item_id: 'msg_1',
        update: { type: 'assistant_message.content_part.done', content_index: 0, content: part('Hello there') },
      },
      { type: 'thread.item.done', item: result },
    ]);
    expect(result).toEqual({
      id: 'msg_1',
      thread_id: 'thr_1',
      created_at: createdAt,
      type: 'assistant_message',
      content: [part('Hello there')],
    });
    expectTypeOf(result).toEqualTypeOf<AssistantMessageItem>();
    for (const event of events) expect(ThreadStreamEvent.parse(event)).toEqual(event);
  });

  test('createdAt, when given, is the time of the added and the done message (a test clock)', async () => {
    const createdAt = '2025-01-01T00:00:07.000Z';
    const { events, result } = await collect(
      streamText(thread, 'Hi', { store: new CountingStore(), context: testContext(), createdAt }),
    );
    const times = events.flatMap((event) => (event.type === 'thread.item.updated' ? [] : [event.item.created_at]));
    expect(times).toEqual([createdAt, createdAt]);
    expect(result.created_at).toBe(createdAt);
  });

  test('pieces from an async iterable (or an array) become one delta each; empty ones are skipped', async () => {
    async function* model() {
      yield 'Once ';
      yield '';
      yield 'upon ';
      yield 'a time';
    }
    const options = { store: new CountingStore(), context: testContext() };
    for (const source of [model(), ['Once ', '', 'upon ', 'a time']]) {
      const { events, result } = await collect(streamText(thread, source, options));
      const deltas = events.flatMap((event) =>
        event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.text_delta'
          ? [event.update.delta]
          : [],
      );
      expect(deltas).toEqual(['Once ', 'upon ', 'a time']);
      expect(result.content[0]?.text).toBe('Once upon a time');
    }
  });

  test('through the server: the reply is stored with the store id, as streamed', async () => {
    const store = new CountingStore();
    const server = new TestServer(store);
    const context = testContext();
    server.respondWith = (current, _input, ctx, { signal }) =>
      streamText(current, ['Stored ', 'reply'], { store: server.store, context: ctx, signal });
    const events = await streamEvents(server, req.create(userInput('hi')), context);
    const done = events.at(-1);
    expect(done).toMatchObject({ type: 'thread.item.done', item: { type: 'assistant_message' } });
    const stored = await store.loadItem(events[0].thread.id, done.item.id, context);
    expect(stored).toEqual(done.item);
    expect(stored).toMatchObject({ content: [{ text: 'Stored reply' }] });
    // The user message took the first id, the reply the second.
    expect(store.calls.map((call) => call.itemType)).toEqual(['message', 'message']);
  });

  test('aborting ends a pull the source is stuck in, closes the source, and throws the reason', async () => {
    const closed = deferred();
    const secondPull = deferred();
    const source: AsyncIterable<string> = {
      [Symbol.asyncIterator]: () => {
        let pulls = 0;
        return {
          next: () => {
            if (++pulls === 1) return Promise.resolve({ done: false, value: 'partial' });
            secondPull.resolve();
            return new Promise<IteratorResult<string>>(() => undefined); // a model that never answers
          },
          return: () => {
            closed.resolve();
            return Promise.resolve({ done: true, value: undefined });
          },
        };
      },
    };
    const abort = new AbortController();
    const stream = streamText(thread, source, {
      store: new CountingStore(),
      context: testContext(),
      signal: abort.signal,
    });
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const step = await stream.next();
      if (step.done) throw new Error('ended early');
      seen.push(step.value.type === 'thread.item.updated' ? step.value.update.type : step.value.type);
    }
    expect(seen).toEqual([
      'thread.item.added',
      'assistant_message.content_part.added',
      'assistant_message.content_part.text_delta',
    ]);
    const pending = stream.next();
    await secondPull.promise;
    const reason = new DOMException('The client went away.', 'AbortError');
    abort.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await closed.promise;
  });

  test('an already aborted signal stops it before anything is yielded or any id is taken', async () => {
    const store = new CountingStore();
    const abort = new AbortController();
    abort.abort(new Error('gone'));
    await expect(
      streamText(thread, 'x', { store, context: testContext(), signal: abort.signal }).next(),
    ).rejects.toThrow('gone');
    expect(store.calls).toEqual([]);
  });

  test('through the server: a client going away stores the partial reply', async () => {
    const server = new TestServer();
    const context = testContext();
    const firstDelta = deferred();
    async function* model(signal: AbortSignal) {
      yield 'Half a ';
      firstDelta.resolve();
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      yield 'never sent';
    }
    server.respondWith = (current, _input, ctx, { signal }) =>
      streamText(current, model(signal), { store: server.store, context: ctx, signal });
    const abort = new AbortController();
    const result = await processRequest(server, req.create(), context, { signal: abort.signal });
    const reading = (async () => {
      for await (const _chunk of result as AsyncIterable<Uint8Array>) {
        // read until the stream ends
      }
    })();
    await firstDelta.promise;
    abort.abort();
    await reading.catch(() => undefined);
    const cancelled = await server.whenCancelled();
    expect(cancelled.pendingItems).toMatchObject([{ type: 'assistant_message', content: [{ text: 'Half a ' }] }]);
    const threadId = cancelled.thread.id;
    const items = await server.store.loadThreadItems(threadId, { limit: 10, order: 'asc' }, context);
    expect(items.data.map((item) => item.type)).toEqual(['user_message', 'assistant_message', 'sdk_hidden_context']);
    expect(server.reportedErrors).toEqual([]);
  });
});

describe('BaseStore and BaseAttachmentStore', () => {
  /** A custom store that implements only storage, by delegating to a MemoryStore. */
  class DelegatingStore extends BaseStore<TestContext> {
    private readonly inner = new MemoryStore<TestContext>();
    loadThread = (id: string, c: TestContext) => this.inner.loadThread(id, c);
    saveThread = (t: ThreadMetadata, c: TestContext) => this.inner.saveThread(t, c);
    loadThreads = (q: PageQuery, c: TestContext): Promise<Page<ThreadMetadata>> => this.inner.loadThreads(q, c);
    deleteThread = (id: string, c: TestContext) => this.inner.deleteThread(id, c);
    loadThreadItems = (id: string, q: PageQuery, c: TestContext) => this.inner.loadThreadItems(id, q, c);
    addThreadItem = (id: string, item: ThreadItem, c: TestContext) => this.inner.addThreadItem(id, item, c);
    saveItem = (id: string, item: ThreadItem, c: TestContext) => this.inner.saveItem(id, item, c);
    loadItem = (id: string, itemId: string, c: TestContext) => this.inner.loadItem(id, itemId, c);
    deleteThreadItem = (id: string, itemId: string, c: TestContext) => this.inner.deleteThreadItem(id, itemId, c);
    saveAttachment = (a: Attachment, c: TestContext) => this.inner.saveAttachment(a, c);
    loadAttachment = (id: string, c: TestContext) => this.inner.loadAttachment(id, c);
    deleteAttachment = (id: string, c: TestContext) => this.inner.deleteAttachment(id, c);
  }

  test('a custom store gets the default ids, and the server uses them', async () => {
    const store = new DelegatingStore();
    expect(store.generateThreadId(testContext())).toMatch(/^thr_[0-9a-f]{16}$/);
    const prefixes: Record<StoreItemType, string> = {
      thread: 'thr',
      message: 'msg',
      tool_call: 'tc',
      task: 'tsk',
      workflow: 'wf',
      attachment: 'atc',
      sdk_hidden_context: 'shcx',
    };
    for (const [itemType, prefix] of Object.entries(prefixes)) {
      expect(store.generateItemId(itemType as StoreItemType, thread, testContext())).toMatch(
        new RegExp(`^${prefix}_[0-9a-f]{16}$`),
      );
    }
    const events = await streamEvents(new TestServer(store), req.create(), testContext());
    expect(events[0].thread.id).toMatch(/^thr_[0-9a-f]{16}$/);
    expect(events[1].item.id).toMatch(/^msg_[0-9a-f]{16}$/);
  });

  test('the generators are ordinary methods: a subclass or an instance assignment overrides them', () => {
    class Numbered extends DelegatingStore {
      override generateThreadId(): string {
        return 'thr_custom';
      }
    }
    const store = new Numbered();
    expect(store.generateThreadId()).toBe('thr_custom');
    store.generateItemId = () => 'msg_assigned';
    expect(store.generateItemId('message', thread, testContext())).toBe('msg_assigned');
  });

  test('a custom attachment store gets the default attachment ids', async () => {
    class Files extends BaseAttachmentStore<TestContext> {
      async createAttachment(params: AttachmentCreateParams, context: TestContext): Promise<Attachment> {
        return {
          id: this.generateAttachmentId(params.mime_type, context),
          type: 'file',
          name: params.name,
          mime_type: params.mime_type,
        };
      }
      async deleteAttachment(): Promise<void> {}
    }
    const created = await new Files().createAttachment(
      { name: 'a.txt', size: 1, mime_type: 'text/plain' },
      testContext(),
    );
    expect(created.id).toMatch(/^atc_[0-9a-f]{16}$/);
  });
});

/**
 * Every request type through `ChatKitServer.process()`: routing, store effects and responses
 * (protocol.md §5.3, §5.4), the SDK's server test scenarios (§9.1) and the probed behaviours of §9.4.
 *
 * Where this server deliberately differs from the Python SDK, the test asserts our behaviour and says
 * why. In short: errors raised before a stream's first event are ChatKitRequestError (400/409) or
 * NotFoundError rather than ValueError, so the HTTP handler can answer them with a 4xx; hooks the
 * integration did not provide throw NotSupportedError (HTTP 501) rather than NotImplementedError or
 * RuntimeError; threads.create checks attachment ids before it saves anything.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  ChatKitRequestError,
  MemoryStore,
  NotFoundError,
  NotSupportedError,
  StreamingResult,
  type Attachment,
  type StoreItemType,
  type ThreadMetadata,
} from '../../src/index.ts';
import { createTestServer, TestServer, testContext, type TestContext } from '../support/test-server.ts';
import { assistantMessage, clientToolCall, req, userInput, userMessageItem, widgetItem } from '../support/fixtures.ts';
import {
  processRequest,
  requestJson,
  requestText,
  streamEvents,
  streamFrames,
  typesOf,
  type Wire,
} from '../support/run.ts';
import { allItems, snapshotStore } from '../support/store-snapshot.ts';
import { InMemoryFileStore } from '../support/file-store.ts';
import { advanceClock, useFixedClock } from '../support/clock.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** Creates a thread (the responder yields nothing); returns its id and its user message. */
async function newThread(
  server: TestServer,
  context: TestContext,
  text = 'Hello, world!',
): Promise<{ threadId: string; userMessage: Wire }> {
  const saved = server.respondWith;
  server.respondWith = async function* () {};
  const events = await streamEvents(server, req.create(userInput(text)), context);
  server.respondWith = saved;
  return { threadId: events[0].thread.id, userMessage: events[1].item };
}

/** The error a streaming request fails with before its first event (the stream gives no frame). */
async function failureBeforeFirstEvent(server: TestServer, request: unknown, context: TestContext): Promise<unknown> {
  const result = await processRequest(server, request, context);
  expect(result).toBeInstanceOf(StreamingResult);
  const frames: Uint8Array[] = [];
  try {
    for await (const frame of result as StreamingResult) frames.push(frame);
  } catch (error) {
    expect(frames).toEqual([]);
    return error;
  }
  throw new Error(`the stream did not fail; it sent ${frames.length} frames`);
}

const structuredItem = (threadId: string, id = 'si_1') => ({
  id,
  thread_id: threadId,
  created_at: new Date().toISOString(),
  type: 'structured_input' as const,
  inputs: [
    {
      id: 'subject',
      question: 'Which subject?',
      type: 'multiple_choice' as const,
      options: [{ value: 'Math' }, { value: 'Science' }],
    },
    { id: 'details', question: 'Anything else?', type: 'freeform' as const },
  ],
});

/** A thread whose last turn left the structured input `si_1` pending. */
async function threadWithStructuredInput(server: TestServer, context: TestContext): Promise<string> {
  server.respondWith = async function* (thread, input) {
    if (input) yield { type: 'thread.item.done', item: structuredItem(thread.id) };
    else yield { type: 'thread.item.done', item: assistantMessage('msg_after_structured_input', thread.id, 'Thanks') };
  };
  const events = await streamEvents(server, req.create(), context);
  return events[0].thread.id;
}

describe('context flow (§5.8)', () => {
  test('§9.1 #4: the context given to process() is the very object respond and addFeedback receive', async () => {
    const { server, context } = createTestServer();
    server.respondWith = async function* (thread) {
      yield { type: 'thread.item.done', item: assistantMessage('assistant_1', thread.id, 'Hi') };
    };
    const events = await streamEvents(server, req.create(), context);
    await requestText(server, req.feedback(events[0].thread.id, ['assistant_1'], 'positive'), context);
    expect(server.respondCalls[0]!.context).toBe(context);
    expect(server.feedbackCalls[0]!.context).toBe(context);
  });

  test('the context reaches every store call and the id generators', async () => {
    const seen = new Set<unknown>();
    const store = new MemoryStore<TestContext>();
    const proxied = new Proxy(store, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          seen.add(args.at(-1));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const server = new TestServer(proxied);
    const context = testContext();
    const { threadId } = await newThread(server, context);
    await requestText(server, req.itemsList(threadId), context);
    expect([...seen]).toEqual([context]);
  });
});

describe('threads.list and items.list pagination', () => {
  test('§9.1 #14: 25 threads: 20 newest first with a cursor, then the last 5', async () => {
    useFixedClock();
    const { server, context } = createTestServer();
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      ids.push((await newThread(server, context)).threadId);
      advanceClock();
    }
    const first = await requestJson(server, req.list({ limit: 20 }), context);
    expect(first.data).toHaveLength(20);
    expect(first.data[0].created_at > first.data[1].created_at).toBe(true);
    expect(first.data.map((thread: Wire) => thread.id)).toEqual(ids.slice(5).reverse());
    expect(first.has_more).toBe(true);
    expect(first.after).toBe(first.data[19].id);
    const second = await requestJson(server, req.list({ after: first.data[19].id }), context);
    expect(second.data.map((thread: Wire) => thread.id)).toEqual(ids.slice(0, 5).reverse());
    expect(second.has_more).toBe(false);
    expect(second).not.toHaveProperty('after');
  });

  test('§9.1 #15: the paginated response shape: thread responses with empty item pages and metadata {}', async () => {
    useFixedClock();
    const { server, store, context } = createTestServer();
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      ids.push((await newThread(server, context)).threadId);
      advanceClock();
    }
    const withMetadata = await store.loadThread(ids[0]!, context);
    await store.saveThread({ ...withMetadata, metadata: { secret: 1 }, title: 'First' }, context);
    const first = await requestJson(server, req.list({ limit: 20, order: 'asc' }), context);
    expect(first.data.map((thread: Wire) => thread.id)).toEqual(ids.slice(0, 20));
    expect(first).toMatchObject({ has_more: true, after: ids[19] });
    expect(first.data[0]).toEqual({
      title: 'First',
      id: ids[0],
      created_at: withMetadata.created_at,
      status: { type: 'active' },
      metadata: {},
      items: { data: [], has_more: false },
    });
    const second = await requestJson(server, req.list({ limit: 20, order: 'asc', after: first.after }), context);
    expect(second.data.map((thread: Wire) => thread.id)).toEqual(ids.slice(20));
    expect(second.has_more).toBe(false);
  });

  test('§9.1 #16: 25 items plus the user message: 20 newest first, then 6', async () => {
    useFixedClock();
    const { server, context } = createTestServer();
    server.respondWith = async function* (thread) {
      for (let i = 0; i < 25; i++) {
        advanceClock();
        yield { type: 'thread.item.done', item: userMessageItem(`msg_${i}`, thread.id, `m${i}`) };
      }
    };
    const events = await streamEvents(server, req.create(), context);
    const threadId = events[0].thread.id;
    const first = await requestJson(server, req.itemsList(threadId), context);
    expect(first.data.map((item: Wire) => item.id)).toEqual(Array.from({ length: 20 }, (_, i) => `msg_${24 - i}`));
    expect(first.has_more).toBe(true);
    expect(first.after).toBe('msg_5');
    const second = await requestJson(server, req.itemsList(threadId, { after: first.data.at(-1).id }), context);
    expect(second.data.map((item: Wire) => item.id)).toEqual([
      'msg_4',
      'msg_3',
      'msg_2',
      'msg_1',
      'msg_0',
      events[1].item.id,
    ]);
    expect(second.has_more).toBe(false);
  });

  test('§9.4 #80: limit 0 behaves as 20 for threads.list and items.list', async () => {
    const { server, context } = createTestServer();
    for (let i = 0; i < 21; i++) await newThread(server, context);
    const threads = await requestJson(server, req.list({ limit: 0 }), context);
    expect(threads.data).toHaveLength(20);
    expect(threads.has_more).toBe(true);
    server.respondWith = async function* (thread) {
      for (let i = 0; i < 21; i++) yield { type: 'thread.item.done', item: assistantMessage(`a${i}`, thread.id, 'x') };
    };
    const events = await streamEvents(server, req.create(), context);
    const items = await requestJson(server, req.itemsList(events[0].thread.id, { limit: 0 }), context);
    expect(items.data).toHaveLength(20);
    expect(items.has_more).toBe(true);
  });

  test('§9.4 #80: extra unknown request keys are accepted; a missing params is rejected', async () => {
    const { server, context } = createTestServer();
    await newThread(server, context);
    const page = await requestJson(
      server,
      { type: 'threads.list', params: { limit: 5, bogus: true }, metadata: { a: 1 }, extra: 'ignored' },
      context,
    );
    expect(page.data).toHaveLength(1);
    await expect(server.process('{"type":"threads.list"}', context)).rejects.toThrow(ChatKitRequestError);
    await expect(server.process('{"type":"threads.list"}', context)).rejects.toThrow(/^params: /);
  });

  test('items.list of an unknown thread is an empty page; an unknown cursor is NotFoundError', async () => {
    const { server, context } = createTestServer();
    expect(await requestText(server, req.itemsList('thr_missing'), context)).toBe('{"data":[],"has_more":false}');
    const { threadId } = await newThread(server, context);
    await expect(processRequest(server, req.itemsList(threadId, { after: 'nope' }), context)).rejects.toThrow(
      NotFoundError,
    );
  });
});

describe('custom actions', () => {
  test('§9.1 #17: custom_action with a widget sender calls action(action, widget) and streams its events', async () => {
    const { server, context } = createTestServer();
    server.respondWith = async function* (thread) {
      yield { type: 'thread.item.done', item: widgetItem('widget_1', thread.id, 'Create a user') };
    };
    const created = await streamEvents(server, req.create(), context);
    const threadId = created[0].thread.id;
    const newCard = { type: 'Card' as const, children: [{ type: 'Text', value: 'User 123 created' }] };
    server.actionWith = async function* (_thread, _action, sender) {
      yield {
        type: 'thread.item.updated',
        item_id: sender!.id,
        update: { type: 'widget.root.updated', widget: newCard },
      };
    };
    const events = await streamEvents(
      server,
      req.customAction(threadId, 'widget_1', { type: 'create_user', payload: { user_id: '123' } }),
      context,
    );
    expect(server.actionCalls).toHaveLength(1);
    expect(server.actionCalls[0]!.action).toEqual({ type: 'create_user', payload: { user_id: '123' } });
    expect(server.actionCalls[0]!.sender).toEqual(created[3].item);
    expect(server.actionCalls[0]!.context).toBe(context);
    expect(typesOf(events)).toEqual(['stream_options', 'thread.item.updated']);
    expect(events[1]).toEqual({
      type: 'thread.item.updated',
      item_id: 'widget_1',
      update: { type: 'widget.root.updated', widget: newCard },
    });
  });

  test('events from action are persisted like respond events', async () => {
    const { server, store, context } = createTestServer();
    const { threadId } = await newThread(server, context);
    server.actionWith = async function* (thread) {
      yield { type: 'thread.item.done', item: assistantMessage('from_action', thread.id, 'done') };
      thread.title = 'Acted';
    };
    const events = await streamEvents(server, req.customAction(threadId, null, { type: 'go' }), context);
    expect(typesOf(events)).toEqual(['stream_options', 'thread.item.done', 'thread.updated']);
    expect((await store.loadItem(threadId, 'from_action', context)).type).toBe('assistant_message');
    expect((await store.loadThread(threadId, context)).title).toBe('Acted');
  });

  test('§9.1 #18: sync_custom_action calls syncAction(action, widget) and answers its updated_item, without storing it', async () => {
    const { server, store, context } = createTestServer();
    server.respondWith = async function* (thread) {
      yield { type: 'thread.item.done', item: widgetItem('widget_1', thread.id, 'Create a user') };
    };
    const created = await streamEvents(server, req.create(), context);
    const threadId = created[0].thread.id;
    const newCard = { type: 'Card' as const, children: [{ type: 'Text', value: 'Updated' }] };
    server.syncActionWith = async (_thread, _action, sender) => ({ updated_item: { ...sender!, widget: newCard } });
    const response = await requestJson(
      server,
      req.syncCustomAction(threadId, 'widget_1', { type: 'create_user', payload: { user_id: '123' } }),
      context,
    );
    expect(server.syncActionCalls).toHaveLength(1);
    expect(server.syncActionCalls[0]!.action).toEqual({ type: 'create_user', payload: { user_id: '123' } });
    expect(server.syncActionCalls[0]!.sender).toEqual(created[3].item);
    expect(response).toEqual({ updated_item: { ...created[3].item, widget: newCard } });
    // §11.16: the server does not persist updated_item; that is left to the integration.
    const stored = await store.loadItem(threadId, 'widget_1', context);
    expect(stored.type === 'widget' && (stored.widget.children as Wire)[0].value).toBe('Create a user');
  });

  test('§9.4 #73: custom_action naming a non-widget item gives exactly one error event, no stream_options, no action call', async () => {
    const { server, userMessage, context } = await (async () => {
      const made = createTestServer();
      return { ...made, ...(await newThread(made.server, made.context)) };
    })();
    const frames = await streamFrames(
      server,
      req.customAction(userMessage.thread_id, userMessage.id, { type: 'go' }),
      context,
    );
    expect(frames).toEqual(['{"type":"error","code":"stream.error","allow_retry":false}']);
    expect(server.actionCalls).toEqual([]);
  });

  test('§9.4 #74: custom_action without item_id calls action with a null sender, after stream_options', async () => {
    const { server, context } = createTestServer();
    const { threadId } = await newThread(server, context);
    server.actionWith = async function* () {
      yield { type: 'progress_update', text: 'acting' };
    };
    const events = await streamEvents(
      server,
      { type: 'threads.custom_action', params: { thread_id: threadId, action: { type: 'ping' } } },
      context,
    );
    expect(typesOf(events)).toEqual(['stream_options', 'progress_update']);
    expect(server.actionCalls).toHaveLength(1);
    expect(server.actionCalls[0]!.sender).toBeNull();
    expect(server.actionCalls[0]!.action).toEqual({ type: 'ping', payload: null });
  });

  test('custom_action naming an unknown item fails before any event with NotFoundError', async () => {
    const { server, store, context } = createTestServer();
    const { threadId } = await newThread(server, context);
    const before = await snapshotStore(store, context);
    expect(
      await failureBeforeFirstEvent(server, req.customAction(threadId, 'missing', { type: 'go' }), context),
    ).toBeInstanceOf(NotFoundError);
    expect(await snapshotStore(store, context)).toEqual(before);
  });

  test('§9.4 #75: a null updated_item answers {}; a non-widget sender is rejected without JSON', async () => {
    const { server, context } = createTestServer();
    const { threadId, userMessage } = await newThread(server, context);
    server.syncActionWith = async () => ({ updated_item: null });
    expect(await requestText(server, req.syncCustomAction(threadId, null, { type: 'noop' }), context)).toBe('{}');
    server.syncActionWith = async () => ({});
    expect(await requestText(server, req.syncCustomAction(threadId, null, { type: 'noop' }), context)).toBe('{}');
    // Deliberate difference: a ChatKitRequestError (HTTP 400) naming params.item_id instead of a ValueError.
    const error = await processRequest(
      server,
      req.syncCustomAction(threadId, userMessage.id, { type: 'noop' }),
      context,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatKitRequestError);
    expect((error as ChatKitRequestError).message).toMatch(/requires a widget sender item/);
    expect((error as ChatKitRequestError).field).toBe('params.item_id');
    expect(server.syncActionCalls).toHaveLength(2);
  });

  test('the default syncAction() is not supported (deliberate difference: NotSupportedError, HTTP 501)', async () => {
    const { server, context } = createTestServer();
    const { threadId } = await newThread(server, context);
    await expect(processRequest(server, req.syncCustomAction(threadId, null, { type: 'x' }), context)).rejects.toThrow(
      NotSupportedError,
    );
  });
});

describe('structured input (§5.3.4)', () => {
  test('§9.1 #19: answers are applied, replaced is streamed and stored, then respond runs with null', async () => {
    const { server, store, context } = createTestServer();
    const threadId = await threadWithStructuredInput(server, context);
    const events = await streamEvents(
      server,
      req.addStructuredInput(threadId, 'si_1', {
        status: 'answered',
        answers: { subject: { values: ['Private class'] }, details: { values: ['Please include group work.'] } },
      }),
      context,
    );
    expect(typesOf(events)).toEqual(['stream_options', 'thread.item.replaced', 'thread.item.done']);
    const replaced = events[1].item;
    expect(replaced).toMatchObject({ id: 'si_1', type: 'structured_input', status: 'answered' });
    expect(replaced.inputs[0].answer).toEqual({ values: ['Private class'], skipped: false });
    expect(replaced.inputs[1].answer).toEqual({ values: ['Please include group work.'], skipped: false });
    expect(JSON.parse(JSON.stringify(await store.loadItem(threadId, 'si_1', context)))).toEqual(replaced);
    expect(events[2].item.id).toBe('msg_after_structured_input');
    expect(server.respondCalls.at(-1)!.input).toBeNull();
  });

  test('§9.1 #20: a question left out of the answers is skipped', async () => {
    const { server, context } = createTestServer();
    const threadId = await threadWithStructuredInput(server, context);
    const events = await streamEvents(
      server,
      req.addStructuredInput(threadId, 'si_1', { answers: { subject: { values: ['Math'] } } }),
      context,
    );
    expect(events[1].item.inputs[0].answer).toEqual({ values: ['Math'], skipped: false });
    expect(events[1].item.inputs[1].answer).toEqual({ values: [], skipped: true });
    expect(events[1].item.status).toBe('answered');
  });

  test('§9.1 #21: unknown answer ids are ignored (and reported); the known answer is applied', async () => {
    const { server, context } = createTestServer();
    const threadId = await threadWithStructuredInput(server, context);
    const events = await streamEvents(
      server,
      req.addStructuredInput(threadId, 'si_1', {
        answers: { unknown: { values: ['?'] }, details: { values: ['Group work'] } },
      }),
      context,
    );
    expect(events[1].item.inputs[1].answer).toEqual({ values: ['Group work'], skipped: false });
    expect(JSON.stringify(events[1].item)).not.toContain('unknown');
    expect(String(server.reportedErrors[0])).toMatch(/unknown question id\(s\), ignoring: unknown/);
  });

  test('§9.1 #22: a single-choice question keeps only the first value, stored with status answered', async () => {
    const { server, store, context } = createTestServer();
    const threadId = await threadWithStructuredInput(server, context);
    const events = await streamEvents(
      server,
      req.addStructuredInput(threadId, 'si_1', { answers: { subject: { values: ['Math', 'Science'] } } }),
      context,
    );
    expect(events[1].item.inputs[0].answer).toEqual({ values: ['Math'], skipped: false });
    const stored = await store.loadItem(threadId, 'si_1', context);
    expect(stored.type === 'structured_input' && [stored.status, stored.inputs[0]!.answer]).toEqual([
      'answered',
      { values: ['Math'], skipped: false },
    ]);
  });

  test('a skipped submission skips every question; skipped or empty answers are skipped', async () => {
    const { server, context } = createTestServer();
    const threadId = await threadWithStructuredInput(server, context);
    const events = await streamEvents(
      server,
      req.addStructuredInput(threadId, 'si_1', { status: 'skipped', answers: { subject: { values: ['Math'] } } }),
      context,
    );
    expect(events[1].item.status).toBe('skipped');
    expect(events[1].item.inputs.map((input: Wire) => input.answer)).toEqual([
      { values: [], skipped: true },
      { values: [], skipped: true },
    ]);

    const other = await threadWithStructuredInput(server, context);
    const answered = await streamEvents(
      server,
      req.addStructuredInput(other, 'si_1', {
        answers: { subject: { values: ['Math'], skipped: true }, details: { values: [] } },
      }),
      context,
    );
    expect(answered[1].item.status).toBe('answered');
    expect(answered[1].item.inputs.map((input: Wire) => input.answer.skipped)).toEqual([true, true]);
  });

  test('§9.4 #76: a second submission is rejected "is not pending"; a non-structured item "is not a StructuredInputItem"; both before any event', async () => {
    // Deliberate difference: ChatKitRequestError (409 for the conflict, 400 for the wrong item)
    // instead of ValueError, so the HTTP handler answers 4xx.
    const { server, store, context } = createTestServer();
    const threadId = await threadWithStructuredInput(server, context);
    await streamEvents(server, req.addStructuredInput(threadId, 'si_1', { answers: {} }), context);
    const before = await snapshotStore(store, context);
    const calls = server.respondCalls.length;

    const again = await failureBeforeFirstEvent(
      server,
      req.addStructuredInput(threadId, 'si_1', { answers: {} }),
      context,
    );
    expect(again).toBeInstanceOf(ChatKitRequestError);
    expect((again as ChatKitRequestError).message).toMatch(/Structured input item si_1 is not pending/);
    expect((again as ChatKitRequestError).status).toBe(409);

    const userMessageId = (await allItems(store, threadId, context))[0]!.id;
    const wrong = await failureBeforeFirstEvent(
      server,
      req.addStructuredInput(threadId, userMessageId, { answers: {} }),
      context,
    );
    expect(wrong).toBeInstanceOf(ChatKitRequestError);
    expect((wrong as ChatKitRequestError).message).toMatch(
      new RegExp(`Item ${userMessageId} is not a StructuredInputItem`),
    );
    expect((wrong as ChatKitRequestError).status).toBe(400);
    expect((wrong as ChatKitRequestError).field).toBe('params.item_id');

    expect(
      await failureBeforeFirstEvent(server, req.addStructuredInput(threadId, 'missing', { answers: {} }), context),
    ).toBeInstanceOf(NotFoundError);
    expect(await snapshotStore(store, context)).toEqual(before);
    expect(server.respondCalls).toHaveLength(calls);
  });
});

describe('client tool output (§5.3.3)', () => {
  test('§9.4 #77: without a pending tool call as newest item the request fails before any event', async () => {
    // Deliberate difference: ChatKitRequestError with status 409 instead of ValueError.
    const { server, store, context } = createTestServer();
    const { threadId } = await newThread(server, context);
    const before = await snapshotStore(store, context);
    const error = await failureBeforeFirstEvent(server, req.addClientToolOutput(threadId, { ok: true }), context);
    expect(error).toBeInstanceOf(ChatKitRequestError);
    expect((error as ChatKitRequestError).status).toBe(409);
    expect((error as ChatKitRequestError).message).toMatch(
      new RegExp(`^Last thread item in ${threadId} was not a ClientToolCallItem`),
    );
    expect(await snapshotStore(store, context)).toEqual(before);
    expect(server.respondCalls).toHaveLength(1);
  });

  test('§9.4 #77: on success the stored call is completed with the result, and no event announces it', async () => {
    const { server, store, context } = createTestServer();
    server.respondWith = async function* (thread, input) {
      if (input)
        yield { type: 'thread.item.done', item: clientToolCall('tc', thread.id, 'call_1', 'get_sel', { a: 1 }) };
    };
    const created = await streamEvents(server, req.create(), context);
    const threadId = created[0].thread.id;
    const events = await streamEvents(server, req.addClientToolOutput(threadId, { sel: [1, 2] }), context);
    expect(typesOf(events)).toEqual(['stream_options']);
    expect(await store.loadItem(threadId, 'tc', context)).toEqual({
      ...created[3].item,
      status: 'completed',
      output: { sel: [1, 2] },
    });
    const listed = await requestText(server, req.itemsList(threadId, { limit: 1 }), context);
    expect(listed).toContain(
      '"status":"completed","call_id":"call_1","name":"get_sel","arguments":{"a":1},"output":{"sel":[1,2]}',
    );
  });

  test('only the newest item counts: a pending call followed by another item is rejected', async () => {
    const { server, store, context } = createTestServer();
    server.respondWith = async function* (thread) {
      yield { type: 'thread.item.done', item: clientToolCall('tc', thread.id, 'c', 'n', {}) };
      yield { type: 'thread.item.done', item: assistantMessage('after', thread.id, 'x') };
    };
    const threadId = (await streamEvents(server, req.create(), context))[0].thread.id;
    const before = await snapshotStore(store, context);
    const error = await failureBeforeFirstEvent(server, req.addClientToolOutput(threadId, 1), context);
    expect((error as ChatKitRequestError).status).toBe(409);
    expect(await snapshotStore(store, context)).toEqual(before);
  });

  test('a null result is stored as output null (and omitted on the wire)', async () => {
    const { server, store, context } = createTestServer();
    server.respondWith = async function* (thread, input) {
      if (input) yield { type: 'thread.item.done', item: clientToolCall('tc', thread.id, 'c', 'n', {}) };
    };
    const threadId = (await streamEvents(server, req.create(), context))[0].thread.id;
    await streamEvents(server, req.addClientToolOutput(threadId, null), context);
    const stored = await store.loadItem(threadId, 'tc', context);
    expect(stored).toMatchObject({ status: 'completed', output: null });
    expect(await requestText(server, req.itemsList(threadId, { limit: 1 }), context)).not.toContain('output');
  });

  test('other pending tool calls among the newest 20 items are deleted (and reported)', async () => {
    const { server, store, context } = createTestServer();
    server.respondWith = async function* (thread, input) {
      if (!input) return;
      yield { type: 'thread.item.done', item: clientToolCall('stale', thread.id, 'c0', 'n', {}) };
      yield { type: 'thread.item.done', item: clientToolCall('current', thread.id, 'c1', 'n', {}) };
    };
    const threadId = (await streamEvents(server, req.create(), context))[0].thread.id;
    await streamEvents(server, req.addClientToolOutput(threadId, 'ok'), context);
    expect((await allItems(store, threadId, context)).map((item) => item.id)).not.toContain('stale');
    expect(await store.loadItem(threadId, 'current', context)).toMatchObject({ status: 'completed', output: 'ok' });
    expect(String(server.reportedErrors[0])).toMatch(/Client tool call c0 was not completed, ignoring/);
  });
});

describe('feedback, get_by_id, update, delete', () => {
  test('§9.1 #23: two feedback requests call addFeedback twice, in order, and answer {}', async () => {
    const { server, context } = createTestServer();
    const { threadId } = await newThread(server, context);
    expect(await requestText(server, req.feedback(threadId, ['assistant_msg_1'], 'positive'), context)).toBe('{}');
    expect(await requestText(server, req.feedback(threadId, ['widget_1'], 'negative'), context)).toBe('{}');
    expect(server.feedbackCalls.map(({ threadId: id, itemIds, kind }) => [id, itemIds, kind])).toEqual([
      [threadId, ['assistant_msg_1'], 'positive'],
      [threadId, ['widget_1'], 'negative'],
    ]);
  });

  test('§9.1 #24: get_by_id returns the thread with its items, oldest first', async () => {
    const { server, context } = createTestServer();
    server.respondWith = async function* (thread) {
      yield { type: 'thread.item.done', item: assistantMessage('a', thread.id, 'Reply') };
    };
    const created = await streamEvents(server, req.create(userInput('Test thread')), context);
    const thread = await requestJson(server, req.getById(created[0].thread.id), context);
    expect(thread.id).toBe(created[0].thread.id);
    expect(thread).not.toHaveProperty('title');
    expect(thread.metadata).toEqual({});
    expect(thread.items.data[0]).toMatchObject({
      type: 'user_message',
      content: [{ type: 'input_text', text: 'Test thread' }],
    });
    expect(thread.items.data[1].id).toBe('a');
    expect(thread.items.has_more).toBe(false);
  });

  test('get_by_id pages the oldest 20 items and keeps the store cursor', async () => {
    const { server, context } = createTestServer();
    server.respondWith = async function* (thread) {
      for (let i = 0; i < 24; i++) yield { type: 'thread.item.done', item: assistantMessage(`a${i}`, thread.id, 'x') };
    };
    const created = await streamEvents(server, req.create(), context);
    const thread = await requestJson(server, req.getById(created[0].thread.id), context);
    expect(thread.items.data).toHaveLength(20);
    expect(thread.items.data[0].id).toBe(created[1].item.id);
    expect(thread.items).toMatchObject({ has_more: true, after: 'a18' });
  });

  test('§9.1 #33: threads.update saves the title and answers the thread', async () => {
    const { server, store, context } = createTestServer();
    const { threadId } = await newThread(server, context);
    const stored = await store.loadThread(threadId, context);
    await store.saveThread({ ...stored, metadata: { private: true } }, context);
    const text = await requestText(server, req.update(threadId, 'New Title'), context);
    expect(text).toBe(
      `{"title":"New Title","id":"${threadId}","created_at":"${stored.created_at}","status":{"type":"active"},"metadata":{},"items":{"data":[],"has_more":false}}`,
    );
    expect(await store.loadThread(threadId, context)).toMatchObject({
      title: 'New Title',
      metadata: { private: true },
    });
  });

  test('§9.1 #34: threads.delete answers exactly {} and the thread is gone', async () => {
    const { server, store, context } = createTestServer();
    const { threadId } = await newThread(server, context);
    expect(await requestText(server, req.delete(threadId), context)).toBe('{}');
    const error = await processRequest(server, req.getById(threadId), context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain(`Thread ${threadId} not found`);
    expect((await store.loadThreadItems(threadId, { limit: 10, order: 'asc' }, context)).data).toEqual([]);
  });

  test('threads.update and add_user_message of an unknown thread raise NotFoundError', async () => {
    const { server, context } = createTestServer();
    await expect(processRequest(server, req.update('thr_missing', 'x'), context)).rejects.toThrow(NotFoundError);
    expect(await failureBeforeFirstEvent(server, req.addUserMessage('thr_missing'), context)).toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('attachments (§4.6, §5.4)', () => {
  function serverWithFiles() {
    const store = new MemoryStore<TestContext>();
    const files = new InMemoryFileStore<TestContext>();
    return { store, files, server: new TestServer(store, files), context: testContext() };
  }

  test('§9.1 #25: attachments.create (file) answers the attachment without metadata; the store keeps it', async () => {
    const { server, store, files, context } = serverWithFiles();
    const text = await requestText(server, req.attachmentsCreate('test-file-name', 1024, 'text/plain'), context);
    expect(text).toBe(
      '{"id":"atc_1","name":"test-file-name","mime_type":"text/plain","upload_descriptor":{"url":"https://example.com/atc_1/upload","method":"PUT","headers":{"X-My-Header":"my-value"}},"type":"file"}',
    );
    expect(files.files.has('atc_1')).toBe(true);
    expect((await store.loadAttachment('atc_1', context)).metadata).toEqual({ source: 'test' });
  });

  test('§9.1 #26: attachments.create (image) answers an image with its preview URL', async () => {
    const { server, context } = serverWithFiles();
    const attachment = await requestJson(server, req.attachmentsCreate('a.png', 10, 'image/png'), context);
    expect(attachment).toEqual({
      id: 'atc_1',
      name: 'a.png',
      mime_type: 'image/png',
      type: 'image',
      preview_url: 'https://example.com/atc_1/preview',
      upload_descriptor: {
        url: 'https://example.com/atc_1/upload',
        method: 'PUT',
        headers: { 'X-My-Header': 'my-value' },
      },
    });
  });

  test('§9.1 #27: a user message with an attachment that has metadata never shows it (stream, items.list, get_by_id)', async () => {
    const { server, context } = serverWithFiles();
    const attachment = await requestJson(server, req.attachmentsCreate('a.png', 10, 'image/png'), context);
    const frames = await streamFrames(
      server,
      req.create(userInput('see file', { attachments: [attachment.id] })),
      context,
    );
    const threadId = JSON.parse(frames[0]!).thread.id;
    expect(JSON.parse(frames[1]!).item.attachments).toEqual([{ ...attachment, thread_id: threadId }]);
    const listed = await requestText(server, req.itemsList(threadId), context);
    const thread = await requestText(server, req.getById(threadId), context);
    for (const text of [frames[1]!, listed, thread]) {
      expect(text).toContain(`"attachments":[{"id":"${attachment.id}"`);
      expect(text).not.toContain('metadata":{"source"');
      expect(text).not.toContain('"source":"test"');
    }
  });

  test('§9.1 #28: threads.create ties a loose attachment to the new thread', async () => {
    const { server, store, context } = serverWithFiles();
    const loose: Attachment = {
      id: 'atc_loose',
      name: 'f.txt',
      mime_type: 'text/plain',
      type: 'file',
      thread_id: null,
      metadata: { k: 1 },
    };
    await store.saveAttachment(loose, context);
    const events = await streamEvents(server, req.create(userInput('x', { attachments: ['atc_loose'] })), context);
    const saved = await store.loadAttachment('atc_loose', context);
    expect(saved.thread_id).toBe(events[0].thread.id);
    expect(saved.metadata).toEqual({ k: 1 });
  });

  test('§9.1 #29: threads.add_user_message ties a loose attachment to the thread', async () => {
    const { server, store, context } = serverWithFiles();
    const { threadId } = await newThread(server, context);
    await store.saveAttachment(
      {
        id: 'atc_loose',
        name: 'a.png',
        mime_type: 'image/png',
        type: 'image',
        preview_url: 'https://p/x',
        thread_id: null,
      },
      context,
    );
    const events = await streamEvents(
      server,
      req.addUserMessage(threadId, userInput('x', { attachments: ['atc_loose'] })),
      context,
    );
    expect((await store.loadAttachment('atc_loose', context)).thread_id).toBe(threadId);
    expect(events[0].item.attachments[0].thread_id).toBe(threadId);
  });

  test('§9.1 #30: attachments.create without an attachment store is not supported', async () => {
    // Deliberate difference: NotSupportedError (HTTP 501) instead of RuntimeError.
    const { server, store, context } = createTestServer();
    const error = await processRequest(server, req.attachmentsCreate('a', 1, 'text/plain'), context).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NotSupportedError);
    expect((error as Error).message).toMatch(/AttachmentStore is not configured/);
    expect(await snapshotStore(store, context)).toEqual({ threads: [], attachments: {} });
  });

  test('§9.1 #31: attachments.delete deletes the bytes first, then the record', async () => {
    const { server, store, files, context } = serverWithFiles();
    const order: string[] = [];
    const deleteRecord = store.deleteAttachment.bind(store);
    store.deleteAttachment = async (id, ctx) => {
      order.push(`store:${id}`);
      await deleteRecord(id, ctx);
    };
    const deleteBytes = files.deleteAttachment.bind(files);
    files.deleteAttachment = async (id, ctx) => {
      order.push(`files:${id}`);
      await deleteBytes(id, ctx);
    };
    const attachment = await requestJson(server, req.attachmentsCreate('test-file', 3, 'text/plain'), context);
    expect(await requestText(server, req.attachmentsDelete(attachment.id), context)).toBe('{}');
    expect(files.files.size).toBe(0);
    expect(order).toEqual([`files:${attachment.id}`, `store:${attachment.id}`]);
    await expect(store.loadAttachment(attachment.id, context)).rejects.toThrow(NotFoundError);
  });

  test('§9.1 #32: attachments.delete without an attachment store is not supported', async () => {
    const { server, store, context } = createTestServer();
    await store.saveAttachment({ id: 'test-file-id', name: 'f', mime_type: 'text/plain', type: 'file' }, context);
    await expect(processRequest(server, req.attachmentsDelete('test-file-id'), context)).rejects.toThrow(
      NotSupportedError,
    );
    expect((await store.loadAttachment('test-file-id', context)).id).toBe('test-file-id');
  });

  test('threads.create with an unknown attachment id writes nothing and fails before any event', async () => {
    // Deliberate difference: Python saves the thread and sends thread.created before failing; we
    // check attachment ids first, so a bad id leaves no empty thread behind.
    const { server, store, context } = serverWithFiles();
    await store.saveAttachment({ id: 'atc_ok', name: 'f', mime_type: 'text/plain', type: 'file' }, context);
    const before = await snapshotStore(store, context, ['atc_ok']);
    const error = await failureBeforeFirstEvent(
      server,
      req.create(userInput('x', { attachments: ['atc_ok', 'atc_missing'] })),
      context,
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe('File atc_missing not found');
    expect(await snapshotStore(store, context, ['atc_ok'])).toEqual(before);
    expect(before.threads).toEqual([]);
    expect(server.respondCalls).toEqual([]);
  });
});

describe('threads.retry_after_item (§5.3.5)', () => {
  test('§9.1 #41: retry replaces the answer: 2 events, respond gets an equal user message, 2 items remain', async () => {
    const { server, context } = createTestServer();
    let reply = 'First response';
    server.respondWith = async function* (thread) {
      yield { type: 'thread.item.done', item: assistantMessage(`a_${reply.length}`, thread.id, reply) };
    };
    const created = await streamEvents(server, req.create(), context);
    const threadId = created[0].thread.id;
    const userId = created[1].item.id;
    const before = await requestJson(server, req.itemsList(threadId), context);
    expect(before.data.map((item: Wire) => [item.type, item.content[0].text])).toEqual([
      ['assistant_message', 'First response'],
      ['user_message', 'Hello, world!'],
    ]);

    reply = 'Retried response';
    const events = await streamEvents(server, req.retryAfterItem(threadId, userId), context);
    expect(typesOf(events)).toEqual(['stream_options', 'thread.item.done']);
    expect(events[1].item.content[0].text).toBe('Retried response');
    expect(server.respondCalls).toHaveLength(2);
    expect(server.respondCalls[1]!.input).toEqual(server.respondCalls[0]!.input);
    expect(server.respondCalls[1]!.input).toMatchObject({ type: 'user_message', content: [{ text: 'Hello, world!' }] });
    const after = await requestJson(server, req.itemsList(threadId), context);
    expect(after.data.map((item: Wire) => [item.type, item.content[0].text])).toEqual([
      ['assistant_message', 'Retried response'],
      ['user_message', 'Hello, world!'],
    ]);
  });

  test('§9.1 #42: retry after an assistant message is rejected "is not a user message", deleting nothing', async () => {
    // Deliberate difference: ChatKitRequestError (400) naming params.item_id instead of ValueError.
    const { server, store, context } = createTestServer();
    server.respondWith = async function* (thread) {
      yield { type: 'thread.item.done', item: assistantMessage('a1', thread.id, 'First') };
    };
    const threadId = (await streamEvents(server, req.create(), context))[0].thread.id;
    const before = await snapshotStore(store, context);
    const error = await failureBeforeFirstEvent(server, req.retryAfterItem(threadId, 'a1'), context);
    expect(error).toBeInstanceOf(ChatKitRequestError);
    expect((error as ChatKitRequestError).message).toMatch(/is not a user message/);
    expect((error as ChatKitRequestError).field).toBe('params.item_id');
    expect(await snapshotStore(store, context)).toEqual(before);
  });

  test('§9.1 #43: retry after the second user message keeps the first turn and replaces the second answer', async () => {
    const { server, context } = createTestServer();
    server.respondWith = async function* (thread, input) {
      const text = (input!.content[0] as { text: string }).text;
      yield {
        type: 'thread.item.done',
        item: assistantMessage(`a_${server.respondCalls.length}`, thread.id, `Response to: ${text}`),
      };
    };
    const created = await streamEvents(server, req.create(userInput('First message')), context);
    const threadId = created[0].thread.id;
    const second = await streamEvents(server, req.addUserMessage(threadId, userInput('Second message')), context);
    const user2 = second[0].item.id;
    const oldAnswer = second[2].item.id;

    const events = await streamEvents(server, req.retryAfterItem(threadId, user2), context);
    expect(typesOf(events)).toEqual(['stream_options', 'thread.item.done']);
    expect(server.respondCalls[2]!.input).toMatchObject({ id: user2, content: [{ text: 'Second message' }] });
    const items = (await requestJson(server, req.itemsList(threadId), context)).data;
    expect(items).toHaveLength(4);
    expect(items[0]).toMatchObject({ type: 'assistant_message', content: [{ text: 'Response to: Second message' }] });
    expect(items[0].id).not.toBe(oldAnswer);
    expect(items[1].id).toBe(user2);
    expect(items[2]).toMatchObject({ type: 'assistant_message', content: [{ text: 'Response to: First message' }] });
    expect(items[3].id).toBe(created[1].item.id);
  });

  test('retry deletes every newer item, hidden ones included, without removed events', async () => {
    const { server, store, context } = createTestServer();
    server.respondWith = async function* (thread, input) {
      if (server.respondCalls.length > 1) return;
      yield {
        type: 'thread.item.done',
        item: {
          id: 'h',
          thread_id: thread.id,
          created_at: input!.created_at,
          type: 'hidden_context_item',
          content: 'x',
        },
      };
      for (let i = 0; i < 25; i++) yield { type: 'thread.item.done', item: assistantMessage(`a${i}`, thread.id, 'x') };
    };
    const created = await streamEvents(server, req.create(), context);
    const threadId = created[0].thread.id;
    const events = await streamEvents(server, req.retryAfterItem(threadId, created[1].item.id), context);
    expect(typesOf(events)).toEqual(['stream_options']);
    expect((await allItems(store, threadId, context)).map((item) => item.id)).toEqual([created[1].item.id]);
  });

  test('§9.4 #72: retry after an unknown item id gives an empty stream and deletes nothing', async () => {
    const { server, store, context } = createTestServer();
    server.respondWith = async function* (thread) {
      yield { type: 'thread.item.done', item: assistantMessage('a1', thread.id, 'x') };
    };
    const threadId = (await streamEvents(server, req.create(), context))[0].thread.id;
    const before = await snapshotStore(store, context);
    expect(await streamFrames(server, req.retryAfterItem(threadId, 'missing'), context)).toEqual([]);
    expect(await snapshotStore(store, context)).toEqual(before);
    expect(server.respondCalls).toHaveLength(1);
  });
});

describe('inference options and transcription', () => {
  test('§9.1 #44: threads.create hands the tool choice to respond', async () => {
    const { server, context } = createTestServer();
    await streamEvents(
      server,
      req.create(userInput('x', { inference_options: { tool_choice: { id: 'web_search' } } })),
      context,
    );
    expect(server.respondCalls[0]!.input!.inference_options.tool_choice!.id).toBe('web_search');
  });

  test('§9.1 #45: threads.add_user_message hands the tool choice to respond', async () => {
    const { server, context } = createTestServer();
    const { threadId } = await newThread(server, context);
    await streamEvents(
      server,
      req.addUserMessage(
        threadId,
        userInput('x', { inference_options: { tool_choice: { id: 'retrieval' }, model: 'gpt' } }),
      ),
      context,
    );
    expect(server.respondCalls[1]!.input!.inference_options).toEqual({
      tool_choice: { id: 'retrieval' },
      model: 'gpt',
    });
  });

  test('§9.1 #47: input.transcribe decodes the audio, derives media_type, passes the context, answers {text}', async () => {
    const { server, context } = createTestServer();
    server.transcribeWith = async () => ({ text: 'ok' });
    const audio = Buffer.from('hello audio').toString('base64');
    expect(await requestText(server, req.transcribe(audio, 'audio/webm;codecs=opus'), context)).toBe('{"text":"ok"}');
    const call = server.transcribeCalls[0]!;
    expect(new TextDecoder().decode(call.audio.data)).toBe('hello audio');
    expect(call.audio.data).toBeInstanceOf(Uint8Array);
    expect(call.audio.mime_type).toBe('audio/webm;codecs=opus');
    expect(call.audio.media_type).toBe('audio/webm');
    expect(call.context).toBe(context);
  });

  test('the default transcribe() is not supported (deliberate difference: NotSupportedError, HTTP 501)', async () => {
    const { server, context } = createTestServer();
    const error = await processRequest(server, req.transcribe('aGk=', 'audio/ogg'), context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotSupportedError);
    expect((error as Error).message).toBe('transcribe() must be overridden to support the input.transcribe request.');
  });
});

describe('ids (§6.1)', () => {
  test('§9.1 #48: overridden generators are called in order: thread id, then the message id', async () => {
    class CustomIdStore extends MemoryStore<TestContext> {
      counter = 0;
      readonly calls: string[] = [];
      override generateThreadId(): string {
        this.calls.push('thread');
        return `thr_custom_${++this.counter}`;
      }
      override generateItemId(type: StoreItemType, thread: ThreadMetadata): string {
        this.calls.push(type);
        return `${type}_custom_${++this.counter}_${thread.id}`;
      }
    }
    const store = new CustomIdStore();
    const server = new TestServer(store);
    const events = await streamEvents(server, req.create(), testContext());
    expect(events[0].thread.id).toBe('thr_custom_1');
    expect(events[1].item.id).toBe('message_custom_2_thr_custom_1');
    expect(store.calls).toEqual(['thread', 'message']);
  });

  test('default ids carry the SDK prefixes and at least 64 random bits', async () => {
    const { server, context } = createTestServer();
    const events = await streamEvents(server, req.create(), context);
    expect(events[0].thread.id).toMatch(/^thr_[0-9a-f]{16,}$/);
    expect(events[1].item.id).toMatch(/^msg_[0-9a-f]{16,}$/);
  });
});

describe('every request type', () => {
  test('streaming types answer a StreamingResult, the others a JSON body', async () => {
    const { server, context } = createTestServer({ attachments: true });
    server.syncActionWith = async () => ({});
    server.transcribeWith = async () => ({ text: '' });
    server.respondWith = async function* (thread, input) {
      if (input) yield { type: 'thread.item.done', item: clientToolCall('tc', thread.id, 'c', 'n', {}) };
    };
    const created = await streamEvents(server, req.create(), context);
    const threadId = created[0].thread.id;
    const userId = created[1].item.id;
    const streaming = [
      req.addUserMessage(threadId),
      req.addClientToolOutput(threadId, 1),
      req.retryAfterItem(threadId, userId),
      req.customAction(threadId, null, { type: 'x' }),
    ];
    for (const body of streaming)
      expect((await processRequest(server, body, context)).constructor.name).toBe('StreamingResult');
    const attachment = await requestJson(server, req.attachmentsCreate('a.txt', 1, 'text/plain'), context);
    const json = [
      req.getById(threadId),
      req.list(),
      req.update(threadId, 'T'),
      req.syncCustomAction(threadId, null, { type: 'x' }),
      req.itemsList(threadId),
      req.feedback(threadId, [userId], 'positive'),
      req.attachmentsDelete(attachment.id),
      req.transcribe('aGk=', 'audio/ogg'),
      req.delete(threadId),
    ];
    for (const body of json) {
      const result = await processRequest(server, body, context);
      expect(result.constructor.name).toBe('NonStreamingResult');
      expect(typeof JSON.parse((result as { json: string }).json)).toBe('object');
    }
  });
});

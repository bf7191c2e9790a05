/**
 * Faults: a store write that fails, storage that is full, a responder that throws, a cancellation
 * hook that fails. Each gives the client a clear error (JSON before a stream starts, an in-stream
 * `error` event after), and what was already committed stays intact.
 */
import { describe, expect, test } from 'vitest';
import {
  createChatKitHandler,
  INTERNAL_ERROR_MESSAGE,
  MemoryStore,
  STORAGE_FULL_MESSAGE,
  type Store,
} from '../../src/index.ts';
import { ScriptedServer, type TestContext } from '../support/scripted-server.ts';
import { snapshotStore } from '../support/store-snapshot.ts';

type Method = keyof Store<TestContext>;

/** A MemoryStore whose chosen method fails on its next calls, with a chosen error. */
class FaultyStore extends MemoryStore<TestContext> {
  private faults = new Map<Method, { error: Error; skip: number }>();
  injected = 0;

  /** Makes `method` throw `error`, after letting `skip` calls through. */
  failNext(method: Method, error: Error, skip = 0): void {
    this.faults.set(method, { error, skip });
  }

  heal(): void {
    this.faults.clear();
  }

  private check(method: Method): void {
    const fault = this.faults.get(method);
    if (!fault) return;
    if (fault.skip > 0) {
      fault.skip--;
      return;
    }
    this.injected++;
    throw fault.error;
  }

  override async saveThread(...args: Parameters<MemoryStore<TestContext>['saveThread']>) {
    this.check('saveThread');
    return super.saveThread(...args);
  }
  // threads.create writes the thread and its message in this one call; a fault of either write fails it.
  override async saveThreadWithItem(...args: Parameters<MemoryStore<TestContext>['saveThreadWithItem']>) {
    this.check('saveThread');
    this.check('addThreadItem');
    return super.saveThreadWithItem(...args);
  }
  override async addThreadItem(...args: Parameters<MemoryStore<TestContext>['addThreadItem']>) {
    this.check('addThreadItem');
    return super.addThreadItem(...args);
  }
  override async loadThread(...args: Parameters<MemoryStore<TestContext>['loadThread']>) {
    this.check('loadThread');
    return super.loadThread(...args);
  }
  override async saveItem(...args: Parameters<MemoryStore<TestContext>['saveItem']>) {
    this.check('saveItem');
    return super.saveItem(...args);
  }
}

const context: TestContext = { userId: 'u' };

function setup() {
  const store = new FaultyStore();
  const server = new ScriptedServer(store);
  const reported: unknown[] = [];
  server.reportError = (error) => void reported.push(error);
  const handler = createChatKitHandler(server, { getContext: () => context });
  const post = (body: unknown) =>
    handler(new Request('http://localhost/chatkit', { method: 'POST', body: JSON.stringify(body) }));
  const input = (text: string) => ({ content: [{ type: 'input_text', text }], attachments: [], inference_options: {} });
  const events = async (response: Response) =>
    (await response.text())
      .split('\n\n')
      .filter(Boolean)
      .map((frame) => JSON.parse(frame.slice(6)));
  return { store, server, reported, post, input, events };
}

describe('faults before a stream starts get a JSON error and write nothing', () => {
  test('saveThread failing in threads.create: 500 with the generic message, reported, nothing stored', async () => {
    const { store, reported, post, input } = setup();
    const failure = new Error('disk on fire');
    store.failNext('saveThread', failure);
    const response = await post({ type: 'threads.create', params: { input: input('hi') } });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'internal_error', message: INTERNAL_ERROR_MESSAGE });
    expect(reported).toEqual([failure]);
    expect(await snapshotStore(store, context)).toEqual({ threads: [], attachments: {} });
  });

  test('the user message failing to save: 500, and the thread is as it was', async () => {
    const { store, post, input, events } = setup();
    const threadId = (await events(await post({ type: 'threads.create', params: { input: input('echo: one') } })))[0]
      .thread.id;
    const before = await snapshotStore(store, context);
    store.failNext('addThreadItem', new Error('write failed'));
    const response = await post({
      type: 'threads.add_user_message',
      params: { thread_id: threadId, input: input('two') },
    });
    expect(response.status).toBe(500);
    expect(await snapshotStore(store, context)).toEqual(before);
  });

  test("storage full before the stream: 507 with the store's explanation", async () => {
    const { store, reported, post, input } = setup();
    store.failNext('saveThread', new DOMException('Quota exceeded', 'QuotaExceededError'));
    const response = await post({ type: 'threads.create', params: { input: input('hi') } });
    expect(response.status).toBe(507);
    expect(await response.json()).toEqual({ error: 'storage_full', message: 'Quota exceeded' });
    expect(reported).toEqual([]);
  });
});

describe('faults during a stream become an error event', () => {
  test('the reply failing to save: an error event instead of the reply; earlier items intact', async () => {
    const { store, reported, post, input, events } = setup();
    // The user message is the first addThreadItem; the reply's done is the second.
    store.failNext('addThreadItem', new Error('write failed'), 1);
    const stream = await events(await post({ type: 'threads.create', params: { input: input('echo: lost reply') } }));
    expect(stream.map((event) => event.type)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'thread.item.added',
      'thread.item.updated',
      'thread.item.updated',
      'error',
    ]);
    expect(stream.at(-1)).toEqual({ type: 'error', code: 'stream.error', allow_retry: true });
    expect(reported).toHaveLength(1);
    const threadId = stream[0].thread.id;
    const items = (await store.loadThreadItems(threadId, { limit: 10, order: 'asc' }, context)).data;
    expect(items.map((item) => item.type)).toEqual(['user_message']);
    // The thread works again once the store does.
    store.heal();
    const next = await events(
      await post({ type: 'threads.add_user_message', params: { thread_id: threadId, input: input('echo: back') } }),
    );
    expect(next.at(-1)).toMatchObject({ type: 'thread.item.done', item: { content: [{ text: 'back' }] } });
  });

  test('storage full during the stream: a custom error the user can act on, no retry offered', async () => {
    const { store, post, input, events } = setup();
    store.failNext('addThreadItem', new DOMException('Quota exceeded', 'QuotaExceededError'), 1);
    const stream = await events(await post({ type: 'threads.create', params: { input: input('echo: too much') } }));
    expect(stream.at(-1)).toEqual({ type: 'error', code: 'custom', message: STORAGE_FULL_MESSAGE, allow_retry: false });
  });

  test('a responder that throws: the error event, then the stream ends; earlier items intact', async () => {
    const { store, post, input, events } = setup();
    const stream = await events(await post({ type: 'threads.create', params: { input: input('fail') } }));
    expect(stream.at(-1)).toEqual({
      type: 'error',
      code: 'custom',
      message: 'The scripted failure happened.',
      allow_retry: true,
    });
    const items = (await store.loadThreadItems(stream[0].thread.id, { limit: 10, order: 'asc' }, context)).data;
    expect(items.map((item) => item.type)).toEqual(['user_message']);
  });

  test('a failing cancellation hook is reported, and the stream still ends as cancelled', async () => {
    const { store, reported, server } = setup();
    await store.saveThread(
      { id: 'thr', created_at: new Date().toISOString(), status: { type: 'active' }, metadata: {} },
      context,
    );
    const result = await server.process(
      JSON.stringify({
        type: 'threads.add_user_message',
        params: {
          thread_id: 'thr',
          input: { content: [{ type: 'input_text', text: 'hang' }], attachments: [], inference_options: {} },
        },
      }),
      context,
    );
    if (!('nextEvent' in result)) throw new Error('expected a stream');
    for (let i = 0; i < 4; i++) await result.nextEvent(); // user message, stream_options, added, delta
    const failure = new Error('cannot save the partial reply');
    store.failNext('addThreadItem', failure);
    await result.close();
    expect(reported).toEqual([failure]);
    expect(result.cancelled).toBe(true);
    expect(store.injected).toBe(1);
  });
});

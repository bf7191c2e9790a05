import { describe, expect, test } from 'vitest';
import * as Comlink from 'comlink';
import { ChatKitClient, createChatKitFetch } from '../../src/client.ts';
import { portBody } from '../../src/client/port-body.ts';
import type { ChatKitWorkerApi, WireRequest } from '../../src/worker.ts';
import type { ThreadStreamEvent } from '../../src/protocol/index.ts';
import {
  cancellationOf,
  chatWorkerUrl,
  collect,
  threadIdOf,
  useSharedTestWorker,
  useTestWorkers,
} from './support/test-workers.ts';

const shared = useSharedTestWorker();
const startWorker = useTestWorkers();

/** The full text of a gated reply (see fixtures/chat-worker.ts). */
const FULL_GATED_REPLY = 'partial and the rest, which takes a dozen chunks to arrive in full';

/**
 * A page of its own (a frame, with its own lock, talking the bridge protocol) on the test's
 * SharedWorker, which starts a thread with `text` and reads its reply until "partial".
 */
async function pageInFrameStreaming(text: string) {
  const frame = document.createElement('iframe');
  document.body.append(frame);
  const win = frame.contentWindow as Window & typeof globalThis;
  const worker = new win.SharedWorker(chatWorkerUrl, { type: 'module', name: shared.name() });
  worker.port.start();
  const api = Comlink.wrap<ChatKitWorkerApi>(worker.port);
  const lock = `test-page:${crypto.randomUUID()}`;
  await new Promise<void>((held) => {
    void win.navigator.locks.request(lock, () => {
      held();
      return new win.Promise<void>(() => undefined);
    });
  });
  expect(await api.watchPage(lock)).toBe(true);

  const body = new TextEncoder().encode(
    JSON.stringify({
      type: 'threads.create',
      params: { input: { content: [{ type: 'input_text', text }], attachments: [], inference_options: {} } },
    }),
  ).buffer;
  const wire: WireRequest = {
    id: 1,
    method: 'POST',
    url: new URL('/chatkit', location.href).href,
    headers: [['content-type', 'application/json']],
    body,
  };
  const response = await api.handle(Comlink.transfer(wire, [body]));
  // The first chunk may come with the answer itself; the rest streams.
  const reader = portBody(response.body!, {
    first: null,
    signal: new AbortController().signal,
    onDeath: () => () => undefined,
  }).getReader();
  const decoder = new TextDecoder();
  let streamed = response.first ? decoder.decode(response.first, { stream: true }) : '';
  while (!streamed.includes('partial')) {
    const step = await reader.read();
    if (step.done) throw new Error(`the stream ended early: ${streamed}`);
    streamed += decoder.decode(step.value, { stream: true });
  }
  const created = JSON.parse(
    streamed
      .split('\n')
      .find((line) => line.startsWith('data: '))!
      .slice(6),
  ) as ThreadStreamEvent;
  if (created.type !== 'thread.created') throw new Error(`unexpected first event ${created.type}`);
  return { frame, threadId: created.thread.id };
}

/** Lets the replies waiting on `gate` go on (see fixtures/chat-worker.ts). */
function openGate(gate: string): void {
  const channel = new BroadcastChannel('chatkit-test');
  channel.postMessage({ type: 'open', gate });
  channel.close();
}

/**
 * Watches for the test workers' report of a cancelled stream on `threadId`: `cancelled` rejects
 * when one comes.
 */
function failOnCancellation(threadId: string): { cancelled: Promise<never>; close: () => void } {
  const channel = new BroadcastChannel('chatkit-test');
  const cancelled = new Promise<never>((_resolve, reject) => {
    channel.onmessage = (message: MessageEvent<{ type: string; threadId: string }>) => {
      if (message.data.type === 'cancelled' && message.data.threadId === threadId)
        reject(new Error('the reply was cancelled'));
    };
  });
  cancelled.catch(() => undefined);
  return { cancelled, close: () => channel.close() };
}

/** The id of the worker instance that answered (the test worker stamps each response with it). */
async function instanceBehind(fetch: typeof globalThis.fetch): Promise<string | null> {
  const response = await fetch('/chatkit', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'threads.list', params: {} }),
  });
  await response.body?.cancel();
  return response.headers.get('x-test-worker-instance');
}

describe('exposeChatKit in a SharedWorker', () => {
  test('two pages on one SharedWorker are served by one server', async () => {
    const fetchA = createChatKitFetch({ worker: shared.connect() });
    const fetchB = createChatKitFetch({ worker: () => shared.connect() });
    const a = await instanceBehind(fetchA);
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(await instanceBehind(fetchB)).toBe(a);

    const clientA = new ChatKitClient({ fetch: fetchA });
    const clientB = new ChatKitClient({ fetch: fetchB });
    const threadId = threadIdOf(await collect(clientA.createThread('echo: from page A')));
    await collect(clientB.addUserMessage(threadId, 'echo: from page B'));
    const items = await clientA.listItems(threadId, { order: 'asc' });
    expect(items.data.map((item) => (item.type === 'assistant_message' ? item.content[0]?.text : item.type))).toEqual([
      'user_message',
      'from page A',
      'user_message',
      'from page B',
    ]);
  });

  test('dedicated workers, the fallback where SharedWorker is missing, each run their own server on one database', async () => {
    const fetchA = createChatKitFetch({ worker: startWorker() });
    const fetchB = createChatKitFetch({ worker: startWorker() });
    const a = await instanceBehind(fetchA);
    const b = await instanceBehind(fetchB);
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(b).not.toBe(a);
    const threadId = threadIdOf(await collect(new ChatKitClient({ fetch: fetchA }).createThread('echo: one store')));
    expect((await new ChatKitClient({ fetch: fetchB }).getThread(threadId)).id).toBe(threadId);
  });

  test("createChatKitFetch holds a lock for the page's life, and the SharedWorker waits on it", async () => {
    const before = await navigator.locks.query();
    const known = new Set([...(before.held ?? []), ...(before.pending ?? [])].map((lock) => lock.name));
    const fetch = createChatKitFetch({ worker: shared.connect() });
    // The first answer comes after the handshake: requests wait for it.
    expect(await instanceBehind(fetch)).not.toBeNull();
    const after = await navigator.locks.query();
    const held = (after.held ?? []).filter(
      (lock) => lock.name?.startsWith('chatkit-local:page:') && !known.has(lock.name),
    );
    expect(held).toHaveLength(1);
    // The worker asked for the very same lock, and waits until the page lets go of it.
    const waiting = (after.pending ?? []).filter((lock) => lock.name === held[0]!.name);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.clientId).not.toBe(held[0]!.clientId);
  });

  test('a page that goes away mid-reply leaves the reply running: it is stored in full, and other pages see it arrive', async () => {
    // The page that stays, keeping the worker alive and watching.
    const stay = new ChatKitClient({ fetch: createChatKitFetch({ worker: shared.connect() }) });
    const stop = new AbortController();
    const changes = stay.watch({ signal: stop.signal });
    await changes.ready;
    const seen = changes[Symbol.asyncIterator]();

    const gate = `gate-${crypto.randomUUID()}`;
    const { frame, threadId } = await pageInFrameStreaming(`gate: ${gate}`);
    const { cancelled, close } = failOnCancellation(threadId);
    // The page goes, with its stream half read: only the worker can read the rest now.
    frame.remove();
    openGate(gate);

    // Page B hears of the reply's every write, the last one being the full message.
    const reply = async () => {
      const items = await stay.listItems(threadId, { order: 'asc' });
      return items.data.map((item) => (item.type === 'assistant_message' ? item.content[0]?.text : item.type));
    };
    while ((await reply()).at(-1) !== FULL_GATED_REPLY) {
      const step = await Promise.race([seen.next(), cancelled]);
      if (step.done) throw new Error('the watch ended before the reply');
      expect(step.value).toMatchObject({ thread_id: threadId });
    }
    // Exactly the reply, with no cancellation (nor its hidden note) on the way.
    expect(await reply()).toEqual(['user_message', FULL_GATED_REPLY]);
    close();
    stop.abort();
  });

  test('a stop from a page on a SharedWorker cancels the reply, as in a dedicated worker', async () => {
    const page = new ChatKitClient({ fetch: createChatKitFetch({ worker: shared.connect() }) });
    const stop = new AbortController();
    const events = page.createThread(`gate: gate-${crypto.randomUUID()}`, { signal: stop.signal });
    let threadId = '';
    for await (const event of events) {
      if (event.type === 'thread.created') threadId = event.thread.id;
      if (event.type === 'thread.item.updated') break;
    }
    const cancelled = cancellationOf(threadId);
    stop.abort();
    await cancelled;
    const items = await page.listItems(threadId, { order: 'asc' });
    // As a stop button leaves it (the hidden note for the model is not listed on the wire).
    expect(items.data.map((item) => (item.type === 'assistant_message' ? item.content[0]?.text : item.type))).toEqual([
      'user_message',
      'partial',
    ]);
  });
});

/**
 * The Node adapter: the handler served by `http.createServer(toNodeListener(handler))` on a real
 * socket, called with `fetch`. A client that aborts its fetch mid-stream must cancel the server's
 * stream (handleStreamCancelled runs, the partial reply is stored). Synchronisation is by promises the
 * responder settles, never by sleeping.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { createChatKitHandler, MemoryAttachmentStore, MemoryStore } from '../../src/index.ts';
import { toNodeListener } from '../../src/node.ts';
import { closeServers, listenLocal } from '../support/local-http.ts';
import { TestServer, testContext, type TestContext } from '../support/test-server.ts';
import { assistantMessage, req, userInput } from '../support/fixtures.ts';
import { parseSse, sseReader } from '../support/http.ts';
import { parkedReply } from '../support/parked-reply.ts';
import type { Wire } from '../support/run.ts';

afterEach(closeServers);

/** Serves a fresh ChatKit server on 127.0.0.1 (a free port); its base URL and parts. */
async function serve() {
  const store = new MemoryStore<TestContext>();
  const chatkit = new TestServer(store, new MemoryAttachmentStore<TestContext>());
  const context = testContext();
  const handler = createChatKitHandler(chatkit, { getContext: () => context });
  const port = await listenLocal(toNodeListener(handler));
  return { url: `http://127.0.0.1:${port}`, chatkit, store, context };
}

function postJson(url: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`${url}/chatkit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
}

describe('toNodeListener', () => {
  test('a JSON request over a real socket', async () => {
    const { url } = await serve();
    const response = await postJson(url, req.list());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"data":[],"has_more":false}');
  });

  test('an SSE request over a real socket', async () => {
    const { url, chatkit, store, context } = await serve();
    chatkit.respondWith = async function* (thread) {
      yield { type: 'progress_update', text: 'thinking' };
      yield { type: 'thread.item.done', item: assistantMessage('a1', thread.id, 'Hello from Node') };
      thread.title = 'Node';
    };
    const response = await postJson(url, req.create(userInput('hi')));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const events = parseSse(await response.text()).map((frame) => JSON.parse(frame));
    expect(events.map((event) => event.type)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'progress_update',
      'thread.item.done',
      'thread.updated',
    ]);
    expect((await store.loadThread(events[0].thread.id, context)).title).toBe('Node');
    expect(chatkit.cancelledCalls).toEqual([]);
  });

  test('error responses keep their status and headers', async () => {
    const { url } = await serve();
    const missing = await postJson(url, req.getById('thr_missing'));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not_found', message: 'Thread thr_missing not found' });
    const wrongMethod = await fetch(`${url}/chatkit`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const invalid = await postJson(url, { type: 'threads.create', params: {} });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).message).toMatch(/^params\.input: /);
  });

  test('a request body streams in: a two-phase upload and its download', async () => {
    const { url } = await serve();
    const created = await (
      await postJson(url, req.attachmentsCreate('blob.bin', 3000, 'application/octet-stream'))
    ).json();
    const bytes = new Uint8Array(3000).map((_, i) => i % 251);
    const upload = await fetch(url + created.upload_descriptor.url, { method: 'PUT', body: bytes });
    expect(upload.status).toBe(200);
    expect((await upload.json()).id).toBe(created.id);
    const download = await fetch(`${url}/chatkit/attachments/${created.id}/content`);
    expect(download.headers.get('content-type')).toBe('application/octet-stream');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
  });

  test('a client aborting its fetch mid-stream cancels the server stream', async () => {
    const { url, chatkit, store, context } = await serve();
    const reply = parkedReply<TestContext>();
    chatkit.respondWith = reply.respond;
    const client = new AbortController();
    const response = await postJson(url, req.create(), client.signal);
    const frames = sseReader(response);
    const received: Wire[] = [];
    for (let i = 0; i < 5; i++) received.push(await frames.next());
    expect(received.map((event) => event.type)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'thread.item.added',
      'thread.item.updated',
    ]);
    await reply.parked.promise;

    client.abort();
    await expect(frames.reader.read()).rejects.toMatchObject({ name: 'AbortError' });
    const cancelled = await chatkit.whenCancelled();
    await reply.finished.promise;

    expect(reply.signal?.aborted).toBe(true);
    expect(cancelled.pendingItems.map((item) => item.id)).toEqual(['partial']);
    const threadId = received[0].thread.id;
    expect(await store.loadItem(threadId, 'partial', context)).toMatchObject({ content: [{ text: 'Once upon' }] });
    const newest = await store.loadThreadItems(threadId, { limit: 1, order: 'desc' }, context);
    expect(newest.data[0]).toMatchObject({ type: 'sdk_hidden_context' });
    expect(chatkit.reportedErrors).toEqual([]);

    // The server is still healthy: the thread takes a new message.
    chatkit.respondWith = async function* (thread) {
      yield { type: 'thread.item.done', item: assistantMessage('next', thread.id, 'Again') };
    };
    const next = await postJson(url, req.addUserMessage(threadId, userInput('continue')));
    expect(parseSse(await next.text()).map((frame) => JSON.parse(frame).type)).toEqual([
      'thread.item.done',
      'stream_options',
      'thread.item.done',
    ]);
  });
});

/**
 * The page side against a real server worker: how `createChatKitFetch` and `ChatKitClient` behave at
 * the edges (leaving a stream early, requests for other URLs).
 */
import { describe, expect, test } from 'vitest';
import { ChatKitClient, ChatKitClientError, createChatKitFetch } from '../../src/client.ts';
import { fetchFromWorker } from '../../src/client/fetch.ts';
import { WorkerConnection } from '../../src/client/worker-connection.ts';
import { cancellationOf, collect, useTestWorkers } from './support/test-workers.ts';

const startWorker = useTestWorkers('chatkit-client-fetch');

describe('createChatKitFetch and ChatKitClient', () => {
  test('breaking out of a stream cancels it in the worker, which stores the partial reply', async () => {
    const fetch = createChatKitFetch({ worker: startWorker() });
    const client = new ChatKitClient({ fetch });
    let threadId = '';
    let cancelled: Promise<void> | null = null;
    for await (const event of client.createThread('hang')) {
      if (event.type === 'thread.created') {
        threadId = event.thread.id;
        cancelled = cancellationOf(threadId);
      }
      if (event.type === 'thread.item.updated') break;
    }
    expect(cancelled).not.toBeNull();
    await cancelled;
    const items = (await client.listItems(threadId, { order: 'asc' })).data;
    expect(items.map((item) => item.type)).toEqual(['user_message', 'assistant_message']);
    expect(items[1]).toMatchObject({ content: [{ text: 'partial' }] });
    // The worker is still serving: the thread takes another message.
    const next = await collect(client.addUserMessage(threadId, 'echo: again'));
    expect(next.at(-1)).toMatchObject({ type: 'thread.item.done', item: { content: [{ text: 'again' }] } });
  });

  test('a Request with a body for another URL reaches the fallback fetch unread', async () => {
    const seen: string[] = [];
    const fallbackFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push(`${request.method} ${new URL(request.url).pathname} ${await request.text()}`);
      return new Response('from the network');
    }) as typeof fetch;
    const fetch = createChatKitFetch({ worker: startWorker(), fallbackFetch });
    const response = await fetch(
      new Request(new URL('/api/other', location.href), { method: 'POST', body: 'payload' }),
    );
    expect(await response.text()).toBe('from the network');
    expect(seen).toEqual(['POST /api/other payload']);
  });

  test('a body over the default limit is refused after reading just past the limit', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const available = 1024; // 64 MiB on offer
    let pulls = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        if (pulls > available) controller.close();
        else controller.enqueue(chunk.slice());
      },
      cancel() {
        cancelled = true;
      },
    });
    const fetch = createChatKitFetch({ worker: startWorker() });
    const response = await fetch('/chatkit', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: 'payload_too_large',
      message: 'The request body is larger than the limit of 4194304 bytes.',
    });
    // 4 MiB is 64 chunks: the 65th passes the limit. A few more may be queued ahead of the reader.
    expect(pulls).toBeLessThanOrEqual(64 + 4);
    expect(cancelled).toBe(true);
  });

  test('the limits are options: a request or an upload over them never reaches the worker', async () => {
    const worker = startWorker();
    const padded = (size: number) => {
      const request = { type: 'threads.list', params: {}, metadata: { padding: '' } };
      request.metadata.padding = 'x'.repeat(size - JSON.stringify(request).length);
      return JSON.stringify(request);
    };
    const strict = createChatKitFetch({ worker, maxRequestBytes: 1000, maxUploadBytes: 1000 });
    const post = (fetch: typeof globalThis.fetch, body: string) =>
      fetch('/chatkit', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await post(strict, padded(1000))).status).toBe(200);
    const refused = await post(strict, padded(1001));
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({ error: 'payload_too_large' });
    // The worker's own limit (the handler's default) takes the same body.
    expect((await post(createChatKitFetch({ worker }), padded(1001))).status).toBe(200);

    // Uploads get the upload limit plus room for multipart framing (64 KiB).
    const client = new ChatKitClient({ fetch: strict });
    const small = await client.uploadAttachment(new File([new Uint8Array(1000)], 'small.bin'));
    expect(small).toMatchObject({ name: 'small.bin' });
    const large = new File([new Uint8Array(1000 + 64 * 1024 + 1)], 'large.bin');
    const error = await client.uploadAttachment(large).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChatKitClientError);
    expect(error).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  test('the connection holds nothing for the requests it has served', async () => {
    const connection = new WorkerConnection(startWorker());
    const listening = new Map<string, number>();
    /** A ChatKit request whose signal counts the listeners it has. */
    const request = (body: unknown, signal?: AbortSignal) => {
      const built = new Request(new URL('/chatkit', location.href), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: signal ?? null,
      });
      const key = crypto.randomUUID();
      const target = built.signal;
      const add = target.addEventListener.bind(target);
      const remove = target.removeEventListener.bind(target);
      target.addEventListener = ((...args: Parameters<typeof add>) => {
        listening.set(key, (listening.get(key) ?? 0) + 1);
        add(...args);
      }) as typeof add;
      target.removeEventListener = ((...args: Parameters<typeof remove>) => {
        listening.set(key, (listening.get(key) ?? 0) - 1);
        remove(...args);
      }) as typeof remove;
      return built;
    };
    const send = (body: unknown, signal?: AbortSignal) => fetchFromWorker(connection, request(body, signal), 1 << 20);
    const create = (text: string) => ({
      type: 'threads.create',
      params: { input: { content: [{ type: 'input_text', text }], attachments: [], inference_options: {} } },
    });
    const totalListening = () => [...listening.values()].reduce((sum, count) => sum + count, 0);

    for (let i = 0; i < 20; i++) await (await send({ type: 'threads.list', params: {} })).json();
    for (let i = 0; i < 5; i++) await (await send(create(`echo: reply ${i}`))).text();
    expect(connection.deathListenerCount).toBe(0);
    expect(totalListening()).toBe(0);

    // A body being read is registered, and unregistered however it ends: cancelled by the reader...
    const open = await send(create('hang'));
    expect(connection.deathListenerCount).toBe(1);
    const reader = open.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(connection.deathListenerCount).toBe(0);
    // ...or by the request's signal.
    const stop = new AbortController();
    const aborted = await send(create('hang'), stop.signal);
    expect(connection.deathListenerCount).toBe(1);
    stop.abort();
    await expect(aborted.body!.getReader().read()).rejects.toMatchObject({ name: 'AbortError' });
    expect(connection.deathListenerCount).toBe(0);
    expect(totalListening()).toBe(0);
  });
});

/**
 * The Node adapter at the socket level, where `fetch` hides what happens: an answer given before the
 * body has arrived (413, 415...) must reach the client and then close the connection cleanly, a
 * fully received request keeps its keep-alive connection usable, and a client that hangs up while
 * its body is being read is not a server error. Raw TCP sockets, so every byte is the test's choice.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { createChatKitHandler, MemoryAttachmentStore, MemoryStore } from '../../src/index.ts';
import { toNodeListener } from '../../src/node.ts';
import { closeServers, listenLocal } from '../support/local-http.ts';
import { TestServer, testContext, type TestContext } from '../support/test-server.ts';
import { deferred } from '../support/deferred.ts';

const LIMIT = 1000;
afterEach(closeServers);

/**
 * A handler with a small body limit on a real port; `begun(n)` / `settled(n)` resolve once n requests
 * reached the handler / were answered.
 */
async function serve() {
  const chatkit = new TestServer(new MemoryStore<TestContext>(), new MemoryAttachmentStore<TestContext>());
  const context = testContext();
  const handler = createChatKitHandler(chatkit, { getContext: () => context, maxRequestBytes: LIMIT });
  let answered = 0;
  let started = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const startWaiters: { count: number; resolve: () => void }[] = [];
  const counted = async (request: Request) => {
    started += 1;
    for (const waiter of startWaiters) if (started >= waiter.count) waiter.resolve();
    try {
      return await handler(request);
    } finally {
      answered += 1;
      for (const waiter of waiters) if (answered >= waiter.count) waiter.resolve();
    }
  };
  const port = await listenLocal(toNodeListener(counted));
  const settled = (count: number) => {
    const done = deferred<void>();
    waiters.push({ count, resolve: () => done.resolve() });
    if (answered >= count) done.resolve();
    return done.promise;
  };
  const begun = (count: number) => {
    const done = deferred<void>();
    startWaiters.push({ count, resolve: () => done.resolve() });
    if (started >= count) done.resolve();
    return done.promise;
  };
  return { port, chatkit, settled, begun };
}

/** A raw connection that records what it receives and how it ends. */
async function open(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  let error: Error | null = null;
  const ended = deferred<void>();
  const closed = deferred<void>();
  const listeners: (() => void)[] = [];
  socket.on('data', (chunk) => {
    received += chunk.toString('latin1');
    for (const listener of listeners.splice(0)) listener();
  });
  socket.on('end', () => ended.resolve());
  socket.on('error', (cause) => (error = cause));
  socket.on('close', () => closed.resolve());
  return {
    socket,
    get received() {
      return received;
    },
    get error() {
      return error;
    },
    ended: ended.promise,
    closed: closed.promise,
    /** Resolves once the received text satisfies `ready` (checked on every chunk). */
    async until(ready: (text: string) => boolean): Promise<string> {
      while (!ready(received)) {
        const next = deferred<void>();
        listeners.push(() => next.resolve());
        await Promise.race([next.promise, closed.promise]);
        if (socket.destroyed && !ready(received)) throw new Error(`connection closed; received: ${received}`);
      }
      return received;
    },
  };
}

/** One whole HTTP/1.1 response at the start of `text`: status, lower-cased headers, body, and its length. */
function parseResponse(
  text: string,
): { status: number; headers: Record<string, string>; body: string; length: number } | null {
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const [statusLine, ...lines] = text.slice(0, headEnd).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = text.slice(headEnd + 4);
  let body: string;
  let consumed: number;
  if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    if (rest.length < length) return null;
    body = rest.slice(0, length);
    consumed = length;
  } else if (headers['transfer-encoding'] === 'chunked') {
    body = '';
    let at = 0;
    for (;;) {
      const lineEnd = rest.indexOf('\r\n', at);
      if (lineEnd < 0) return null;
      const size = Number.parseInt(rest.slice(at, lineEnd), 16);
      if (rest.length < lineEnd + 2 + size + 2) return null;
      body += rest.slice(lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
      if (size === 0) break;
    }
    consumed = at;
  } else {
    return null;
  }
  return { status: Number(statusLine!.split(' ')[1]), headers, body, length: headEnd + 4 + consumed };
}

const head = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;

describe('an answer given before the body has arrived', () => {
  test('a declared length over the limit: the 413 says Connection: close, arrives whole, and the socket closes cleanly', async () => {
    const { port, chatkit } = await serve();
    const client = await open(port);
    client.socket.write(
      head(['POST /chatkit HTTP/1.1', 'Host: x', 'Content-Type: application/json', `Content-Length: ${LIMIT * 100}`]),
    );
    client.socket.write('x'.repeat(LIMIT * 10)); // a tenth of it, and the client goes on sending below
    const response = parseResponse(await client.until((text) => parseResponse(text) !== null))!;
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe('close');
    expect(JSON.parse(response.body)).toMatchObject({ error: 'payload_too_large' });
    // The client finishes sending what it declared; the server reads and drops it, then closes.
    client.socket.write('x'.repeat(LIMIT * 90));
    await client.ended;
    client.socket.end();
    await client.closed;
    expect(client.error).toBeNull();
    expect(chatkit.reportedErrors).toEqual([]);
  });

  test('a chunked body that grows over the limit while read: 413 with Connection: close, then a clean close', async () => {
    const { port, chatkit } = await serve();
    const client = await open(port);
    client.socket.write(
      head(['POST /chatkit HTTP/1.1', 'Host: x', 'Content-Type: application/json', 'Transfer-Encoding: chunked']),
    );
    const chunk = 'x'.repeat(LIMIT / 2);
    for (let i = 0; i < 4; i++) client.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    const response = parseResponse(await client.until((text) => parseResponse(text) !== null))!;
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe('close');
    // The client stops sending and hangs up its side: the server closes without a reset.
    client.socket.end();
    await client.closed;
    expect(client.error).toBeNull();
    expect(chatkit.reportedErrors).toEqual([]);
  });

  test('a small body answered without being read keeps the connection usable for the next request', async () => {
    const { port } = await serve();
    const client = await open(port);
    const body = '{"type":"threads.list","params":{}}';
    // 415: the endpoint refuses the content type without reading the (already complete) body.
    client.socket.write(
      head(['POST /chatkit HTTP/1.1', 'Host: x', 'Content-Type: image/png', `Content-Length: ${body.length}`]) + body,
    );
    const first = parseResponse(await client.until((text) => parseResponse(text) !== null))!;
    expect(first.status).toBe(415);
    expect(first.headers.connection).not.toBe('close');
    client.socket.write(
      head(['POST /chatkit HTTP/1.1', 'Host: x', 'Content-Type: application/json', `Content-Length: ${body.length}`]) +
        body,
    );
    const second = parseResponse(
      await client
        .until((text) => {
          const one = parseResponse(text);
          return one !== null && parseResponse(text.slice(one.length)) !== null;
        })
        .then((text) => text.slice(first.length)),
    )!;
    expect(second.status).toBe(200);
    expect(second.body).toBe('{"data":[],"has_more":false}');
    client.socket.end();
    await client.closed;
  });
});

describe('a client that hangs up while its body is read', () => {
  test('is not reported as a server error, however many do it', async () => {
    const { port, chatkit, settled, begun } = await serve();
    const count = 40;
    const clients = await Promise.all(Array.from({ length: count }, () => open(port)));
    for (const client of clients) {
      client.socket.write(
        head(['POST /chatkit HTTP/1.1', 'Host: x', 'Content-Type: application/json', `Content-Length: ${LIMIT - 1}`]),
      );
      client.socket.write('{"type":"threads.list",');
    }
    // Every request is being handled (its body awaited) before the clients hang up.
    await begun(count);
    for (const client of clients) client.socket.destroy();
    await settled(count);
    expect(chatkit.reportedErrors).toEqual([]);
  });
});

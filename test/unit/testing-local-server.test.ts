/**
 * The testing kit's in-process server, without a browser: it answers only requests announced by the
 * route, rebuilds them as the page sent them, adds CORS headers for another origin, streams, and
 * hears a client that goes away.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { LocalServer } from '../../src/testing/node/local-server.ts';
import { deferred } from '../support/deferred.ts';

const servers: LocalServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function start(handler: (request: Request) => Promise<Response>): Promise<LocalServer> {
  const server = await LocalServer.start(handler, 'http://app.test');
  servers.push(server);
  return server;
}

describe('LocalServer', () => {
  test('the handler gets the request as the page sent it: URL, method, headers and body', async () => {
    const seen: { url: string; method: string; origin: string | null; cookie: string | null; body: string }[] = [];
    const server = await start(async (request) => {
      seen.push({
        url: request.url,
        method: request.method,
        origin: request.headers.get('origin'),
        cookie: request.headers.get('cookie'),
        body: await request.text(),
      });
      return Response.json({ ok: true });
    });
    const to = server.expect({
      url: 'http://app.test/api/chatkit?x=1',
      headers: { origin: 'http://app.test', cookie: 'session=ada', 'content-type': 'application/json' },
    });
    expect(to.startsWith(server.origin)).toBe(true);
    const response = await fetch(to, { method: 'POST', body: '{"type":"threads.list"}' });
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(seen).toEqual([
      {
        url: 'http://app.test/api/chatkit?x=1',
        method: 'POST',
        origin: 'http://app.test',
        cookie: 'session=ada',
        body: '{"type":"threads.list"}',
      },
    ]);
  });

  test('answers each announced request once, and nothing else', async () => {
    const server = await start(async () => new Response('answered'));
    const to = server.expect({ url: 'http://app.test/api/chatkit', headers: {} });
    expect(await (await fetch(to)).text()).toBe('answered');
    const again = await fetch(to);
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ error: 'not_found' });
    expect((await fetch(`${server.origin}/api/chatkit`)).status).toBe(404);
  });

  test('a request from another origin gets CORS headers for that origin', async () => {
    const server = await start(async () => new Response('{}'));
    const to = server.expect({ url: 'http://app.test/api/chatkit', headers: { origin: 'http://other.test' } });
    const response = await fetch(to, { method: 'POST', body: '{}' });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://other.test');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  });

  test('streams chunk by chunk; a client that leaves cancels the body and aborts the request', async () => {
    const next = deferred<void>();
    const cancelled = deferred<unknown>();
    let signal: AbortSignal | null = null;
    const server = await start(async (request) => {
      signal = request.signal;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('data: first\n\n'));
        },
        async pull(controller) {
          await next.promise;
          controller.enqueue(new TextEncoder().encode('data: never\n\n'));
        },
        cancel(reason) {
          cancelled.resolve(reason);
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    });
    const stop = new AbortController();
    const response = await fetch(server.expect({ url: 'http://app.test/api/chatkit', headers: {} }), {
      method: 'POST',
      body: '{}',
      signal: stop.signal,
    });
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: first\n\n');
    stop.abort();
    await cancelled.promise;
    expect(signal!.aborted).toBe(true);
  });
});

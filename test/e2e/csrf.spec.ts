/**
 * Cross-site request forgery against the Node handler, from a real page on another origin in
 * Chromium. The handler is served by this test process on 127.0.0.1; the attacker's page on
 * `localhost` (another site and port). The page tries what any site can do without a preflight: a
 * `text/plain` form post crafted to be JSON, `fetch` in `no-cors` mode, and multipart uploads.
 * Nothing may be created. The same page, once its origin is listed in `allowedOrigins`, does create
 * the thread, which shows the attempt itself reaches the handler.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import {
  ChatKitServer,
  createChatKitHandler,
  MemoryAttachmentStore,
  MemoryStore,
  type ThreadStreamEventInput,
} from '../../src/index.ts';
import { toNodeListener } from '../../src/node.ts';

/** A server whose `respond` adds nothing: a created thread is the whole effect to look for. */
class HelloServer extends ChatKitServer<object> {
  async *respond(): AsyncIterable<ThreadStreamEventInput> {}
}

const servers: Server[] = [];

test.afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

async function listen(host: string, handle: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handle);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

/** The ChatKit handler on 127.0.0.1 with a fresh store; `requests` counts what reached it. */
async function chatkitServer(allowedOrigins?: string[]) {
  const store = new MemoryStore<object>();
  const attachments = new MemoryAttachmentStore<object>();
  const server = new HelloServer(store, attachments);
  const context = {};
  const handler = createChatKitHandler(server, { getContext: () => context, allowedOrigins });
  let requests = 0;
  const listener = toNodeListener(async (request) => {
    // Only ChatKit's routes: after the form navigates here, Chromium may also ask for /favicon.ico.
    if (new URL(request.url).pathname.startsWith('/chatkit')) requests += 1;
    return handler(request);
  });
  const origin = await listen('127.0.0.1', listener);
  // An attachment waiting for its bytes, created the way a legitimate client does (no Origin).
  const created = await (
    await handler(
      new Request(`${origin}/chatkit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'attachments.create',
          params: { name: 'a.txt', size: 5, mime_type: 'text/plain' },
        }),
      }),
    )
  ).json();
  return {
    origin,
    uploadUrl: `${origin}${created.upload_descriptor.url as string}`,
    requests: () => requests,
    threads: async () => (await store.loadThreads({ limit: 10, order: 'asc' }, context)).data,
    bytes: () => attachments.getBytes(created.id, context),
  };
}

/** The attacker's page: a form whose text/plain body is a ChatKit request, and a button per attack. */
function attackerPage(target: { origin: string; uploadUrl: string }): string {
  const request = JSON.stringify({
    type: 'threads.create',
    params: {
      input: { content: [{ type: 'input_text', text: 'planted' }], attachments: [], inference_options: {} },
    },
    pad: '',
  });
  // text/plain forms send `name=value`: split the JSON so the "=" lands inside a string.
  const name = `${request.slice(0, -2)}`;
  const value = `"}`;
  const attr = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;');
  return `<!doctype html><meta charset="utf-8"><title>not ChatKit</title>
<form id="form" method="POST" action="${target.origin}/chatkit" enctype="text/plain">
  <input type="hidden" name='${attr(name)}' value='${attr(value)}'>
</form>
<script>
  window.attacks = {
    json: () => fetch('${target.origin}/chatkit', { method: 'POST', mode: 'no-cors', credentials: 'include', body: ${JSON.stringify(request)} }),
    direct: () => {
      const form = new FormData();
      form.set('file', new File(['<script>alert(1)</' + 'script>'], 'evil.html', { type: 'text/html' }));
      return fetch('${target.origin}/chatkit/attachments', { method: 'POST', mode: 'no-cors', body: form });
    },
    upload: () => {
      const form = new FormData();
      form.set('file', new File(['evil!'], 'a.txt', { type: 'text/plain' }));
      return fetch('${target.uploadUrl}', { method: 'POST', mode: 'no-cors', body: form });
    },
  };
</script>`;
}

type Attack = 'json' | 'direct' | 'upload';

/** Runs one of the attacker page's `fetch` attacks and waits for its (opaque) answer. */
async function attack(page: Page, name: Attack): Promise<void> {
  await page.evaluate(
    (which) => (window as unknown as { attacks: Record<Attack, () => Promise<unknown>> }).attacks[which](),
    name,
  );
}

async function servePage(html: string): Promise<string> {
  return listen('localhost', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
}

test('a page on another origin cannot create a thread or plant an attachment', async ({ page }) => {
  const target = await chatkitServer();
  const attacker = await servePage(attackerPage(target));
  await page.goto(attacker);
  expect(new URL(page.url()).origin).not.toBe(target.origin);

  await attack(page, 'json');
  await attack(page, 'direct');
  await attack(page, 'upload');
  const answer = page.waitForResponse(`${target.origin}/chatkit`);
  await page.locator('#form').evaluate((form: HTMLFormElement) => form.submit());
  expect((await answer).status()).toBe(403);

  // Every attempt reached the handler, and none changed anything.
  expect(target.requests()).toBe(4);
  expect(await target.threads()).toEqual([]);
  expect(await target.bytes()).toBeNull();
});

test('the same page is let in once its origin is in allowedOrigins', async ({ page }) => {
  // The attacker page's origin is only known once it listens: serve the page first, then the handler.
  let html = '';
  const pageOrigin = await listen('localhost', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  const target = await chatkitServer([pageOrigin]);
  html = attackerPage(target);
  await page.goto(pageOrigin);

  await attack(page, 'upload');
  const answer = page.waitForResponse(`${target.origin}/chatkit`);
  await page.locator('#form').evaluate((form: HTMLFormElement) => form.submit());
  expect((await answer).status()).toBe(200);
  const threads = await target.threads();
  expect(threads).toHaveLength(1);
  expect(await (await target.bytes())?.text()).toBe('evil!');
});

/**
 * `mockChatKit`'s options and edges in a real browser: any server, a context from the request (its
 * cookies and Origin as the page sent them), a whole browser context as the target, a cross-origin
 * endpoint (CORS), an https endpoint, Chromium's Local Network Access, and closing. The option checks
 * that need no browser are in test/unit/testing-mock-chatkit.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ChatKitServer,
  MemoryStore,
  type ResponseOptions,
  type ThreadMetadata,
  type ThreadStreamEventInput,
  type UserMessageItem,
} from 'chatkit-local';
import { mockChatKit, on, reply } from 'chatkit-local/testing';
import { APP_ENDPOINT, APP_ORIGIN, expect, routeSampleApp, SampleApp, test } from './fixtures.ts';

/** A server of the app's own, greeting the user its context names. */
class GreetingServer extends ChatKitServer<{ user: string }> {
  async *respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: { user: string },
    _options: ResponseOptions,
  ): AsyncIterable<ThreadStreamEventInput> {
    const id = this.store.generateItemId('message', thread, context);
    const text = `Hello ${context.user}, you said ${input?.content[0]?.text}`;
    const created_at = new Date().toISOString();
    yield {
      type: 'thread.item.done',
      item: { id, thread_id: thread.id, created_at, type: 'assistant_message', content: [{ text }] },
    };
  }
}

/** Reads a whole streamed response on the page: its status and body text. */
function streamFromPage(page: import('@playwright/test').Page, url: string) {
  return page.evaluate(async (endpoint) => {
    const response = await fetch(endpoint, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'threads.create',
        params: { input: { content: [{ type: 'input_text', text: 'hi' }], attachments: [], inference_options: {} } },
      }),
    });
    return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
  }, url);
}

test('any server; the context comes from the request, with the cookies and Origin the page sent', async ({
  page,
  app,
  context,
}) => {
  await context.addCookies([{ name: 'session', value: 'ada', url: APP_ORIGIN }]);
  const chatkit = await mockChatKit(page, {
    url: APP_ENDPOINT,
    server: new GreetingServer(new MemoryStore()),
    context: (request) => ({ user: /session=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1] ?? 'nobody' }),
  });
  await app.open();
  await app.send('hi there');
  await expect(app.replies).toHaveText(['Hello ada, you said hi there']);
  const created = chatkit.requests.find((request) => request.type === 'threads.create')!;
  expect(created.url).toBe(APP_ENDPOINT);
  expect(created.headers).toMatchObject({ cookie: 'session=ada', origin: APP_ORIGIN });
  expect(chatkit.store).toBe(chatkit.server.store);
});

test('a browser context as the target answers every page in it', async ({ context, appServer }) => {
  const chatkit = await mockChatKit(context, { url: APP_ENDPOINT, script: [on('ping', reply('pong'))] });
  await routeSampleApp(context, appServer);
  const first = new SampleApp(await context.newPage());
  const second = new SampleApp(await context.newPage());
  await first.open();
  await second.open();
  await first.send('ping');
  await expect(first.replies).toHaveText(['pong']);
  await second.page.reload();
  await expect(second.chats.getByRole('button')).toHaveText(['Untitled']);
  // One server for the whole context: the second page lists the thread the first one made.
  expect(chatkit.requests.filter((request) => request.type === 'threads.create')).toHaveLength(1);
});

test('a cross-origin endpoint gets CORS answers for the page, credentials included', async ({ page, app }) => {
  const backend = 'http://chat-backend.test/v1/chatkit';
  // Two mocks on one page: the app's own endpoint, and another origin's.
  await mockChatKit(page, { url: APP_ENDPOINT });
  const chatkit = await mockChatKit(page, {
    url: backend,
    script: [on('hi', reply('from the other origin'))],
    // The handler sees the page's Origin, as the real backend would, so it is configured as one
    // accepting the app's origin. (Handlers without an Origin policy ignore the option.)
    handler: { allowedOrigins: [APP_ORIGIN] },
  });
  await app.open();
  const { status, type, body } = await streamFromPage(page, backend);
  expect(status).toBe(200);
  expect(type).toContain('text/event-stream');
  expect(body).toContain('from the other origin');
  expect(chatkit.requests.at(-1)).toMatchObject({
    type: 'threads.create',
    url: backend,
    headers: { origin: APP_ORIGIN },
  });
  expect((await chatkit.nextResponse()).outcome).toBe('completed');
});

test.describe('an https endpoint', () => {
  const tls = {
    key: readFileSync(join(import.meta.dirname, 'tls', 'key.pem')),
    cert: readFileSync(join(import.meta.dirname, 'tls', 'cert.pem')),
  };
  test.use({ ignoreHTTPSErrors: true });

  test('is served over https with a certificate; a secure page needs local-network-access', async ({
    page,
    context,
  }) => {
    // A page from a public origin may reach the mock's loopback server only as a secure context
    // with the permission (Chromium's Local Network Access).
    await context.grantPermissions(['local-network-access']);
    await page.route('https://secure-app.test/', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>secure</title>' }),
    );
    const chatkit = await mockChatKit(page, {
      url: 'https://secure-app.test/api/chatkit',
      tls,
      script: [on('hi', reply('over https'))],
    });
    await page.goto('https://secure-app.test/');
    const { status, body } = await streamFromPage(page, '/api/chatkit');
    expect(status).toBe(200);
    expect(body).toContain('over https');
    expect(chatkit.requests.at(-1)?.url).toBe('https://secure-app.test/api/chatkit');
  });
});

test('a page Chromium will not let reach the mock gets a warning that says why', async ({ page }) => {
  await page.route('http://public-app.test/', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>public</title>' }),
  );
  const chatkit = await mockChatKit(page, { url: 'http://public-app.test/api/chatkit' });
  const printed: unknown[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => printed.push(args.join(' '));
  try {
    await page.goto('http://public-app.test/');
    const outcome = await page.evaluate(() =>
      fetch('/api/chatkit', { method: 'POST', body: '{}' }).then(
        () => 'answered',
        () => 'refused',
      ),
    );
    expect(outcome).toBe('refused');
    await expect.poll(() => chatkit.warnings).toHaveLength(1);
  } finally {
    console.warn = warn;
  }
  expect(chatkit.warnings[0]).toMatch(/loopback origin.*local-network-access/);
  expect(printed).toEqual([`chatkit-local/testing: ${chatkit.warnings[0]}`]);
  expect(chatkit.requests).toEqual([]);
});

test('after close() the endpoint is no longer answered', async ({ page, app }) => {
  const chatkit = await mockChatKit(page, { url: APP_ENDPOINT });
  await app.open();
  await chatkit.close();
  await chatkit.close();
  const answered = await page.evaluate(() =>
    fetch('/api/chatkit', { method: 'POST', body: '{}' }).then(
      () => 'answered',
      () => 'failed',
    ),
  );
  expect(answered).toBe('failed');
  expect(chatkit.requests.map((request) => request.type)).toEqual(['threads.list']);
});

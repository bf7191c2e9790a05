/**
 * The README's testing recipes, each as a test: (a) an app with its own UI over `fetch`, (b) an app
 * using the chat element (`chatkit-local/ui` to be; served here from the demo's source by Vite),
 * (c) an app using the official `<openai-chatkit>` with `api.url` (its bundle comes from OpenAI's
 * CDN, so a stand-in with the same interface replaces it: this checks the app's wiring to the mock,
 * not the official UI). Recipe (d), a component test, is test/browser/testing-kit.test.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { mockChatKit, on, pause, reply } from 'chatkit-local/testing';
import { APP_ENDPOINT, expect, test as base } from './fixtures.ts';

/** The official element's bundle, as the app loads it. */
const CHATKIT_JS = 'https://cdn.platform.openai.com/deployments/chatkit/chatkit.js';
const ROOT = join(import.meta.dirname, '..', '..');

const test = base.extend<object, { viteServer: string }>({
  viteServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use) => {
      const { createServer } = await import('vite');
      const cacheDir = await mkdtemp(join(tmpdir(), 'chatkit-local-e2e-vite-'));
      const server = await createServer({
        root: ROOT,
        configFile: false,
        logLevel: 'silent',
        cacheDir,
        // `chatkit-local/...` means the sources here, as in the repository's own Vite config.
        resolve: {
          alias: [
            { find: /^chatkit-local$/, replacement: join(ROOT, 'src', 'index.ts') },
            { find: /^chatkit-local\/(.+)$/, replacement: `${join(ROOT, 'src')}/$1.ts` },
          ],
        },
        server: { host: '127.0.0.1', port: 0, hmr: false },
        optimizeDeps: { include: ['comlink'], entries: ['test/sample-app/element.html'] },
      });
      await server.listen();
      const { port } = server.httpServer!.address() as AddressInfo;
      await use(`http://127.0.0.1:${port}`);
      await server.close();
      await rm(cacheDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

test('recipe (a): an app with its own UI over fetch', async ({ page }) => {
  const chatkit = await mockChatKit(page, {
    url: APP_ENDPOINT,
    script: [on('hello', reply(['Hi! ', pause(), 'How can I help?']))],
  });
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Message' }).fill('hello');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Hi!', { exact: true })).toBeVisible();
  chatkit.resume();
  await expect(page.getByText('Hi! How can I help?')).toBeVisible();
  expect(chatkit.sentMessages().map((message) => message.text)).toEqual(['hello']);
  expect((await chatkit.nextResponse()).outcome).toBe('completed');
});

test('recipe (b): an app using the chat element', async ({ page, viteServer }) => {
  const chatkit = await mockChatKit(page, {
    url: `${viteServer}/api/chatkit`,
    script: [on('hi', reply('Hello from the mock'))],
  });
  await page.goto(`${viteServer}/test/sample-app/element.html`);
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill('hi');
  await composer.press('Enter');
  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('Hello from the mock');
  const response = await chatkit.nextResponse();
  expect(response).toMatchObject({ type: 'threads.create', outcome: 'completed' });
  expect((await chatkit.items(response.threadId!)).map((item) => item.type)).toEqual([
    'user_message',
    'assistant_message',
  ]);
});

test('recipe (c): the official element with api.url, its bundle replaced by a stand-in', async ({ page }) => {
  // Without a network the official bundle cannot load; with one, drop this route and the same test
  // drives the real element.
  await page.route(CHATKIT_JS, (route) =>
    route.fulfill({ path: join(ROOT, 'test', 'sample-app', 'chatkit-stand-in.js'), contentType: 'text/javascript' }),
  );
  const chatkit = await mockChatKit(page, { url: APP_ENDPOINT, script: [on('hi', reply('Hello, official element'))] });
  await page.goto('/official.html');
  await expect.poll(() => chatkit.requests.map((request) => request.type)).toEqual(['threads.list']);
  const element = page.locator('openai-chatkit');
  await element.evaluate((chat: HTMLElement & { sendUserMessage(message: { text: string }): Promise<void> }) =>
    chat.sendUserMessage({ text: 'hi' }),
  );
  await expect(element.getByRole('listitem')).toHaveText(['Hello, official element']);
  expect(chatkit.requests.map((request) => request.url)).toEqual([APP_ENDPOINT, APP_ENDPOINT]);
});

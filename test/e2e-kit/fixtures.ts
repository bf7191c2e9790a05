/**
 * What the testing kit's end-to-end tests share: the sample app (test/sample-app, plain HTML and
 * JavaScript with no chatkit-local code) at http://sample-app.test, page errors turned into
 * failures, and `app`, a small driver of its UI.
 *
 * The app's files come from a small static server on 127.0.0.1; a route sends the page's requests
 * for http://sample-app.test on to it. The stable host keeps the app's URLs (and so every URL the
 * mock stores) the same on every run, and the page is still served from a loopback address, as an
 * app on a local dev server is: Chromium refuses requests from a public (or unknown) origin to a
 * loopback one, the mock's included, unless the page is a secure context granted
 * `local-network-access`.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { test as base, expect, type BrowserContext, type Locator, type Page } from '@playwright/test';

export { expect } from '@playwright/test';

/** Where the sample app lives, and its ChatKit endpoint. */
export const APP_ORIGIN = 'http://sample-app.test';
export const APP_ENDPOINT = `${APP_ORIGIN}/api/chatkit`;
const APP_DIR = join(import.meta.dirname, '..', 'sample-app');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Starts a static server for the sample app's files on 127.0.0.1; resolves to its origin. */
export async function startStaticServer(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = normalize(path === '/' ? 'index.html' : path.slice(1));
    const type = TYPES[extname(file)];
    if (file.startsWith('..') || !type) {
      res.writeHead(404).end('not found');
      return;
    }
    readFile(join(APP_DIR, file)).then(
      (body) => res.writeHead(200, { 'content-type': type }).end(body),
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Sends the page's requests for {@link APP_ORIGIN} (but its `/api/`, left to the mock) to `server`. */
export async function routeSampleApp(target: Page | BrowserContext, server: string): Promise<void> {
  await target.route(
    (url) => url.origin === APP_ORIGIN && !url.pathname.startsWith('/api/'),
    async (route) => {
      const url = new URL(route.request().url());
      await route.continue({ url: `${server}${url.pathname}${url.search}` });
    },
  );
}

/** Drives the sample app. */
export class SampleApp {
  constructor(readonly page: Page) {}

  get conversation(): Locator {
    return this.page.getByRole('list', { name: 'Conversation' });
  }

  get chats(): Locator {
    return this.page.getByRole('navigation', { name: 'Chats' });
  }

  get composer(): Locator {
    return this.page.getByRole('textbox', { name: 'Message' });
  }

  get progress(): Locator {
    return this.page.getByRole('status');
  }

  get error(): Locator {
    return this.page.getByRole('alert');
  }

  /** The text of the assistant messages shown, in order. */
  get replies(): Locator {
    return this.conversation.locator('li.assistant_message');
  }

  /** Opens the app and waits for its first thread list. */
  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.locator('body')).toHaveAttribute('data-ready', 'true');
  }

  /** Types a message and sends it (without waiting for the reply). */
  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.page.getByRole('button', { name: 'Send' }).click();
  }

  /** Uploads a file with the given strategy. */
  async attach(
    file: { name: string; mimeType: string; buffer: Buffer },
    strategy: 'two_phase' | 'direct',
  ): Promise<void> {
    await this.page.getByLabel('Strategy').selectOption(strategy);
    await this.page.getByLabel('Upload').setInputFiles(file);
    await expect(this.page.getByRole('list', { name: 'Attachments' }).getByText(file.name)).toBeVisible();
  }
}

/**
 * Every page serves the sample app at {@link APP_ORIGIN}, and its errors fail the test; `app` drives
 * it.
 */
export const test = base.extend<{ app: SampleApp }, { appServer: string }>({
  appServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use) => {
      const server = await startStaticServer();
      await use(server.origin);
      await server.close();
    },
    { scope: 'worker' },
  ],
  page: async ({ page, appServer }, use) => {
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await routeSampleApp(page, appServer);
    await use(page);
    expect(errors, 'errors thrown on the page').toEqual([]);
  },
  app: async ({ page }, use) => {
    await use(new SampleApp(page));
  },
});

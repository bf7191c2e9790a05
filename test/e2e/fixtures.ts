/**
 * What every end-to-end test gets: a fresh browser context (so a fresh IndexedDB) whose every
 * request is checked to stay on the page's origin, page errors turned into failures, and `demo`, a
 * small driver of the chat UI. Waits are on DOM states only (the conversation's `aria-busy`,
 * elements appearing), never on timers.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

export { expect } from '@playwright/test';

/** Where the screenshots of the main views go. */
export const SCREENSHOT_DIR = join('test-results', 'screenshots');

/** Drives the demo page. */
export class Demo {
  constructor(readonly page: Page) {}

  /** The chat element (its shadow DOM is pierced by Playwright's locators). */
  get chat(): Locator {
    return this.page.locator('chatkit-local-chat');
  }

  /** The conversation column. */
  get conversation(): Locator {
    return this.page.getByRole('log', { name: 'Conversation' });
  }

  get composer(): Locator {
    return this.page.getByRole('textbox', { name: 'Message' });
  }

  get history(): Locator {
    return this.page.getByRole('navigation', { name: 'Chat history' });
  }

  /** Opens the demo and waits until it has loaded the thread list (and the thread in the URL). */
  async open(path = '/?theme=light'): Promise<void> {
    await this.page.goto(path);
    await expect(this.page.locator('chatkit-local-chat[data-ready]')).toBeAttached();
  }

  /** Reloads the page and waits until the demo is ready again. */
  async reload(): Promise<void> {
    await this.page.reload();
    await expect(this.page.locator('chatkit-local-chat[data-ready]')).toBeAttached();
  }

  /** Sends a message and waits for the whole response (including client tool round trips). */
  async send(text: string): Promise<void> {
    await this.submit(text);
    await this.idle();
  }

  /** Sends a message without waiting for the response. */
  async submit(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.composer.press('Enter');
    // Sending clears the composer and starts the response in the same event handler, so from here
    // on the conversation is busy or, for a fast reply, already done.
    await expect(this.composer).toHaveValue('');
  }

  /**
   * Waits until no response is streaming. The longest reply the tests wait for (a client tool round
   * trip, a workflow) takes about 3 s on a busy machine: the configured expect timeout covers it.
   */
  async idle(): Promise<void> {
    await expect(this.conversation).toHaveAttribute('aria-busy', 'false');
  }

  /**
   * Starts watching the chat's DOM for short-lived states (a task in progress, a progress line...):
   * every mutation is checked, so a state that lasts a single frame is still seen. The returned
   * function gives, for each name, the first non-empty text of an element matching its selector
   * (null if none ever did).
   */
  async watch<K extends string>(selectors: Record<K, string>): Promise<() => Promise<Record<K, string | null>>> {
    const key = `__watch${Math.random().toString(36).slice(2)}`;
    await this.page.evaluate(
      ({ key, selectors }) => {
        const root = document.querySelector('chatkit-local-chat')!.shadowRoot!;
        const seen: Record<string, string | null> = Object.fromEntries(
          Object.keys(selectors).map((name) => [name, null]),
        );
        const check = () => {
          for (const [name, selector] of Object.entries(selectors)) {
            const text = seen[name] === null ? root.querySelector(selector)?.textContent?.trim() : null;
            if (text) seen[name] = text;
          }
        };
        new MutationObserver(check).observe(root, {
          subtree: true,
          childList: true,
          attributes: true,
          characterData: true,
        });
        check();
        (window as unknown as Record<string, unknown>)[key] = seen;
      },
      { key, selectors: selectors as Record<string, string> },
    );
    return () =>
      this.page.evaluate((key) => (window as unknown as Record<string, Record<K, string | null>>)[key]!, key);
  }

  /** Items of one type, in order. */
  items(type: string): Locator {
    return this.page.locator(`.item[data-item-type="${type}"]`);
  }

  /** Rows of the history. */
  get threadRows(): Locator {
    return this.history.locator('.thread-row');
  }

  /** A toast with `text`. */
  toast(text: string | RegExp): Locator {
    return this.page.locator('.toast').filter({ hasText: text });
  }

  /**
   * The open thread's items as the server stored them, asked through the fetch the page gave the
   * element (`api.fetch`, which reaches the worker).
   */
  async storedItems(): Promise<StoredItem[]> {
    return this.page.evaluate(async () => {
      const threadId = /^#\/t\/([\w-]+)$/.exec(location.hash)?.[1];
      if (!threadId) throw new Error(`no thread is open (${location.hash})`);
      const chat = document.querySelector('chatkit-local-chat') as unknown as {
        options: { api: { url: string; fetch: typeof fetch } };
      };
      const { url, fetch: workerFetch } = chat.options.api;
      const response = await workerFetch(url, {
        method: 'POST',
        body: JSON.stringify({ type: 'items.list', params: { thread_id: threadId, order: 'asc', limit: 500 } }),
      });
      return ((await response.json()) as { data: StoredItem[] }).data;
    });
  }

  /**
   * The types of every item of the open thread in the demo's database, read straight from
   * IndexedDB: hidden items too, which the server never lists nor sends.
   */
  async storedItemTypes(): Promise<string[]> {
    return this.page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const threadId = /^#\/t\/([\w-]+)$/.exec(location.hash)?.[1];
          const open = indexedDB.open('chatkit-local-demo');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('items').objectStore('items').getAll();
            request.onerror = () => reject(request.error);
            request.onsuccess = () => {
              open.result.close();
              const records = request.result as { item?: { type: string; thread_id: string } }[];
              resolve(records.flatMap(({ item }) => (item && item.thread_id === threadId ? [item.type] : [])));
            };
          };
        }),
    );
  }

  /** Saves a screenshot of the page as `test-results/screenshots/<name>.png`. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    // Nothing may blink in a screenshot.
    await this.page.screenshot({ path, animations: 'disabled', caret: 'hide' });
    return path;
  }
}

/** A thread item as stored (only the fields the tests read). */
export interface StoredItem {
  id: string;
  type: string;
  widget?: unknown;
  task?: { type: string };
}

interface Fixtures {
  demo: Demo;
  /** Hosts a test deliberately lets the page contact (each must be answered by `page.route`). */
  allowedHosts: string[];
  /** Where the `demo` fixture opens the demo. */
  demoPath: string;
}

export const test = base.extend<Fixtures>({
  allowedHosts: [[], { option: true }],
  demoPath: ['/?theme=light', { option: true }],

  context: async ({ context, baseURL, allowedHosts }, use) => {
    const origin = new URL(baseURL!).origin;
    const offsite: string[] = [];
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol === 'data:' || url.protocol === 'blob:') return;
      if (url.origin !== origin && !allowedHosts.includes(url.host)) offsite.push(request.url());
    });
    await use(context);
    expect(offsite, 'requests that left the page origin').toEqual([]);
  },

  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await use(page);
    expect(errors, 'errors in the page').toEqual([]);
  },

  demo: async ({ page, demoPath }, use) => {
    const demo = new Demo(page);
    await demo.open(demoPath);
    await use(demo);
  },
});

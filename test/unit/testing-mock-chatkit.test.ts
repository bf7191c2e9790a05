/**
 * `mockChatKit`'s wiring without a browser: a stand-in for a Playwright page records the route it
 * is given and plays the browser's part (a routed request sent on to the URL the route names).
 * The real browser behaviour is covered end to end in test/e2e-kit/.
 */
import type { Page, Route } from '@playwright/test';
import { describe, expect, test } from 'vitest';
import { mockChatKit, on, reply } from '../../src/testing.ts';

type Matcher = (url: URL) => boolean;
type Handler = (route: Route) => Promise<void>;

/** Just enough of a Playwright page: routes, unroutes, and close/console listeners. */
class FakePage {
  routes: { matcher: Matcher; handler: Handler }[] = [];
  unrouted: { matcher: Matcher; handler: Handler }[] = [];
  listeners = new Map<string, (() => void)[]>();

  mainFrame() {
    return {};
  }
  async route(matcher: Matcher, handler: Handler) {
    this.routes.push({ matcher, handler });
  }
  async unroute(matcher: Matcher, handler: Handler) {
    this.unrouted.push({ matcher, handler });
    this.routes = this.routes.filter((route) => route.handler !== handler);
  }
  once(event: string, listener: () => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  on(event: string, listener: () => void) {
    this.once(event, listener);
  }
  off() {}
  emit(event: string) {
    for (const listener of this.listeners.get(event) ?? []) listener();
  }

  /** Does what the browser does with a request the page makes: the matching route sends it on. */
  async fetch(
    url: string,
    init: { method: string; body?: string; headers?: Record<string, string> },
  ): Promise<Response> {
    const route = this.routes.find((entry) => entry.matcher(new URL(url)));
    if (!route) throw new Error(`nothing routes ${url}`);
    let sentTo: string | null = null;
    await route.handler({
      request: () => ({ url: () => url, headers: () => init.headers ?? {} }),
      continue: async (overrides: { url: string }) => {
        sentTo = overrides.url;
      },
    } as unknown as Route);
    return fetch(sentTo!, { method: init.method, body: init.body });
  }
}

const ENDPOINT = 'http://app.test/api/chatkit';

describe('mockChatKit', () => {
  test('routes the endpoint and what is under it, and nothing else', async () => {
    const page = new FakePage();
    const chatkit = await mockChatKit(page as unknown as Page, { url: `${ENDPOINT}/?ignored=1` });
    expect(chatkit.url).toBe(ENDPOINT);
    const { matcher } = page.routes[0]!;
    expect(matcher(new URL(ENDPOINT))).toBe(true);
    expect(matcher(new URL(`${ENDPOINT}/`))).toBe(true);
    expect(matcher(new URL(`${ENDPOINT}/attachments/atc_1/upload`))).toBe(true);
    expect(matcher(new URL(`${ENDPOINT}x`))).toBe(false);
    expect(matcher(new URL('http://app.test/api'))).toBe(false);
    expect(matcher(new URL('http://other.test/api/chatkit'))).toBe(false);
    await chatkit.close();
  });

  test('a routed request is answered by the scripted server and recorded', async () => {
    const page = new FakePage();
    const chatkit = await mockChatKit(page as unknown as Page, { url: ENDPOINT, script: [on('hi', reply('Hello'))] });
    const body = JSON.stringify({
      type: 'threads.create',
      params: { input: { content: [{ type: 'input_text', text: 'hi' }], attachments: [], inference_options: {} } },
    });
    const response = await page.fetch(ENDPOINT, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(await response.text()).toContain('"text":"Hello"');
    expect(await chatkit.nextResponse()).toMatchObject({ type: 'threads.create', outcome: 'completed' });
    expect(chatkit.requests).toMatchObject([{ type: 'threads.create', url: ENDPOINT }]);
    await chatkit.close();
  });

  test('close() removes the route it added, once; the page closing closes it too', async () => {
    const page = new FakePage();
    const chatkit = await mockChatKit(page as unknown as Page, { url: ENDPOINT });
    const added = page.routes[0]!;
    await chatkit.close();
    await chatkit.close();
    expect(page.unrouted).toEqual([added]);

    const other = new FakePage();
    const closedWithPage = await mockChatKit(other as unknown as Page, { url: ENDPOINT });
    other.emit('close');
    await closedWithPage.close();
    expect(other.unrouted).toHaveLength(1);
  });

  test('a URL that is not absolute http(s), or https without a certificate, is refused with what to do', async () => {
    const page = new FakePage() as unknown as Page;
    await expect(mockChatKit(page, { url: '/api/chatkit' })).rejects.toThrow(
      /^url: \/api\/chatkit is not an absolute URL; give the endpoint in full/,
    );
    await expect(mockChatKit(page, { url: 'ws://app.test/chatkit' })).rejects.toThrow(/must be an http or https URL/);
    await expect(mockChatKit(page, { url: 'https://app.test/chatkit' })).rejects.toThrow(
      /is https, so mockChatKit needs a certificate \(`tls: \{ key, cert \}`\)/,
    );
  });
});

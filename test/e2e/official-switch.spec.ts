/**
 * The switch to the official ChatKit web component. Its real script lives on OpenAI's CDN, which is
 * out of reach here, so the test answers that one URL with a stand-in element that records its
 * options; the test then checks the wiring: `api.fetch` reaches the worker.
 */
import { expect, test } from './fixtures.ts';

const CDN_HOST = 'cdn.platform.openai.com';

test.use({ allowedHosts: [CDN_HOST] });

test('with ?ui=official the page mounts <openai-chatkit> against the same worker', async ({ page }) => {
  let scriptRequests = 0;
  await page.route(`https://${CDN_HOST}/**`, (route) => {
    scriptRequests += 1;
    return route.fulfill({
      contentType: 'text/javascript',
      body: `customElements.define('openai-chatkit', class extends HTMLElement {
        setOptions(options) { this.options = options; this.dataset.configured = ''; }
      });`,
    });
  });
  await page.goto('/?ui=official&theme=dark');
  const element = page.locator('openai-chatkit[data-configured]');
  await expect(element).toBeAttached();
  expect(scriptRequests).toBe(1);
  await expect(page.locator('chatkit-local-chat')).toHaveCount(0);

  const result = await element.evaluate(async (node) => {
    const { api, theme, composer } = (node as HTMLElement & { options: Record<string, any> }).options;
    // What the official UI would send: a JSON request, then a streaming one.
    const list = await api.fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'threads.list', params: {} }),
    });
    const stream = await api.fetch(api.url, {
      method: 'POST',
      body: JSON.stringify({
        type: 'threads.create',
        params: { input: { content: [{ type: 'input_text', text: 'hello' }], attachments: [], inference_options: {} } },
      }),
    });
    return {
      url: api.url,
      domainKey: api.domainKey,
      uploadStrategy: api.uploadStrategy,
      theme,
      attachments: composer.attachments.enabled,
      list: await list.json(),
      contentType: stream.headers.get('content-type'),
      body: await stream.text(),
    };
  });
  expect(result.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/chatkit$/);
  expect(result.domainKey).toBe('local-dev');
  expect(result.uploadStrategy).toEqual({ type: 'two_phase' });
  expect(result.theme).toEqual({ colorScheme: 'dark' });
  expect(result.attachments).toBe(true);
  expect(result.list).toEqual({ data: [], has_more: false });
  expect(result.contentType).toMatch(/^text\/event-stream/);
  expect(result.body).toContain('"type":"thread.created"');
  expect(result.body).toContain('You said');
});

/**
 * The demo cannot be framed by another origin (clickjacking): the server sends `X-Frame-Options`
 * and `frame-ancestors`, and a real page on another origin that frames it gets no demo.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';

let server: Server | null = null;

test.afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

test('the demo refuses to be framed by another origin', async ({ page, baseURL }) => {
  const response = await page.request.get('/');
  expect(response.headers()['x-frame-options']).toBe('SAMEORIGIN');
  expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'self'");

  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>framer</title><iframe src="${baseURL}/" width="800" height="600"></iframe>`);
  });
  await new Promise<void>((resolve) => server!.listen(0, 'localhost', resolve));
  const framer = `http://localhost:${(server.address() as AddressInfo).port}/`;
  const blocked = page.waitForEvent('console', (message) => /frame-ancestors|X-Frame-Options/i.test(message.text()));
  await page.goto(framer);
  await blocked;
  const frame = page.frames().find((candidate) => candidate !== page.mainFrame())!;
  expect(frame.url()).not.toBe(`${baseURL}/`);
  await expect(page.frameLocator('iframe').locator('chatkit-local-chat')).toHaveCount(0);
});

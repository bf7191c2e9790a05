/**
 * A Vite app (fixtures/vite-app) builds with the worker, the IndexedDB store, the fetch shim and the
 * client from the installed tarball, with no Vite configuration, and the page's bundle carries
 * nothing of the server.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright';
import { expect, test } from 'vitest';
import { chromiumArgs, chromiumExecutablePath } from '../support/chromium.ts';
import { packed } from './support/consumer.ts';
import { run } from './support/process.ts';

/** The chatkit-local modules (`dist-lib/...`) in a built chunk, read from its source map. */
function chatkitModulesOf(assets: string, chunk: string): string[] {
  const map = JSON.parse(readFileSync(join(assets, `${chunk}.map`), 'utf8')) as { sources: string[] };
  return map.sources.flatMap((source) => {
    const match = /node_modules\/chatkit-local\/(.+)$/.exec(source);
    return match ? [match[1]!] : [];
  });
}

test('a Vite app builds with the worker, the shim and the client; the page bundle has no server code', async () => {
  const { consumer } = packed();
  const vite = join(consumer, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = await run(process.execPath, [vite, 'build', 'vite-app', '--sourcemap', '--logLevel', 'error'], {
    cwd: consumer,
  });
  expect(built.code, built.stdout + built.stderr).toBe(0);

  const assets = join(consumer, 'vite-app', 'dist', 'assets');
  const chunks = readdirSync(assets).filter((file) => file.endsWith('.js'));
  const worker = chunks.find((file) => file.startsWith('chat-worker-'));
  const page = chunks.find((file) => file.startsWith('index-'));
  expect(worker, `a worker chunk among ${chunks.join(', ')}`).toBeDefined();
  expect(page, `a page chunk among ${chunks.join(', ')}`).toBeDefined();

  const workerModules = chatkitModulesOf(assets, worker!);
  expect(workerModules).toEqual(
    expect.arrayContaining([
      'dist-lib/server/server.js',
      'dist-lib/store/indexeddb/store.js',
      'dist-lib/worker/expose.js',
    ]),
  );
  const pageModules = chatkitModulesOf(assets, page!);
  expect(pageModules).toEqual(expect.arrayContaining(['dist-lib/client/fetch.js', 'dist-lib/client/client.js']));
  expect(pageModules.filter((module) => !module.startsWith('dist-lib/client/'))).toEqual([]);
});

test('a Vite app builds with chatkit-local/testing/browser, and the scripted worker it ships becomes a chunk', async () => {
  const { consumer } = packed();
  const vite = join(consumer, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = await run(process.execPath, [vite, 'build', 'vite-testing-app', '--sourcemap', '--logLevel', 'error'], {
    cwd: consumer,
  });
  expect(built.code, built.stdout + built.stderr).toBe(0);

  const assets = join(consumer, 'vite-testing-app', 'dist', 'assets');
  const chunks = readdirSync(assets).filter((file) => file.endsWith('.js'));
  const worker = chunks.find((file) => file.startsWith('scripted-worker-'));
  expect(worker, `a scripted-worker chunk among ${chunks.join(', ')}`).toBeDefined();
  expect(chatkitModulesOf(assets, worker!)).toEqual(
    expect.arrayContaining(['dist-lib/testing/browser/scripted-worker.js', 'dist-lib/server/server.js']),
  );
});

/** Serves `dir` (a built app) on a free port until the returned `close` is called. */
async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://localhost').pathname).replace(/^\/+/, '');
    const file = path === '' ? 'index.html' : path;
    try {
      const body = readFileSync(join(dir, file));
      response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

test('a Vite app with chatkit-local/ui builds, and the element mounts, styled, and chats with its worker', async () => {
  const { consumer } = packed();
  const vite = join(consumer, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = await run(process.execPath, [vite, 'build', 'vite-ui-app', '--sourcemap', '--logLevel', 'error'], {
    cwd: consumer,
  });
  expect(built.code, built.stdout + built.stderr).toBe(0);

  // The page carries the element and the client, nothing of the server.
  const assets = join(consumer, 'vite-ui-app', 'dist', 'assets');
  const page = readdirSync(assets).find((file) => file.startsWith('index-') && file.endsWith('.js'));
  const pageModules = chatkitModulesOf(assets, page!);
  expect(pageModules).toEqual(expect.arrayContaining(['dist-lib/ui.js', 'dist-lib/ui/element.js']));
  expect(
    pageModules.filter(
      (module) => !/^dist-lib\/(ui\.js|ui\/|client\/|protocol\/(item-update|same-json)\.js)/.test(module),
    ),
  ).toEqual([]);

  const server = await serve(join(consumer, 'vite-ui-app', 'dist'));
  const browser = await chromium.launch({ executablePath: chromiumExecutablePath, args: chromiumArgs });
  try {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(server.url);
    await tab.getByRole('heading', { name: 'Hello from a consumer app' }).waitFor();
    // Its stylesheet came with it: the frame is laid out as a grid, in the element's shadow root.
    expect(await tab.locator('chatkit-local-chat .app').evaluate((app) => getComputedStyle(app).display)).toBe('grid');
    await tab.getByRole('textbox', { name: 'Message' }).fill('Hello');
    await tab.getByRole('textbox', { name: 'Message' }).press('Enter');
    await tab.locator('.item[data-item-type="assistant_message"]').getByText('Hello', { exact: true }).waitFor();
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
    await server.close();
  }
});

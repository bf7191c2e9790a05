/**
 * A Vite app (fixtures/vite-app) builds with the worker, the IndexedDB store, the fetch shim and the
 * client from the installed tarball, with no Vite configuration, and the page's bundle carries
 * nothing of the server.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
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

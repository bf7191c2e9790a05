/**
 * The suite tests the package as users install it: the demo it drives was built from dist-lib/ (see
 * playwright.config.ts), not from src/. Checked on the build's source maps, so that a change to the
 * build cannot quietly put the sources back under test.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';

/** What `vite preview` serves. */
const ASSETS = join('dist', 'assets');

test('the served demo and its worker were built from the compiled package', async ({ demo, page }) => {
  // Every chunk the page loaded has a source map beside it in the build that is being served.
  const loaded = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.startsWith('/assets/') && path.endsWith('.js')),
  );
  expect(loaded.length).toBeGreaterThan(0);
  const chunks = readdirSync(ASSETS).filter((file) => file.endsWith('.js'));
  for (const path of loaded) expect(chunks, path).toContain(path.slice('/assets/'.length));

  const modules = chunks.flatMap((chunk) => {
    const map = JSON.parse(readFileSync(join(ASSETS, `${chunk}.map`), 'utf8')) as { sources: string[] };
    return map.sources.map((source) => source.replace(/^(\.\.\/)+/, ''));
  });
  // The element, the page's client and the server in the worker: all compiled modules.
  expect(modules).toEqual(
    expect.arrayContaining([
      'dist-lib/ui.js',
      'dist-lib/ui/element.js',
      'dist-lib/client/fetch.js',
      'dist-lib/server/server.js',
      'dist-lib/store/indexeddb/store.js',
    ]),
  );
  expect(modules.filter((module) => module.startsWith('src/'))).toEqual([]);
  await expect(demo.chat).toHaveAttribute('data-ready');
});

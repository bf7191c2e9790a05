#!/usr/bin/env node
// `npm run bench`: serves bench/store.html with Vite, opens it in headless Chromium (Debian's, or
// CHROMIUM_PATH), runs every registered suite's cases in the page, prints a table and merges the
// results into bench/results.json. Not part of `npm test`: timings depend on the machine.
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { chromium } from 'playwright';
import { formatTable, summarise, writeResults } from './report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsPath = fileURLToPath(new URL('./results.json', import.meta.url));

/**
 * How each case is sampled: a warm-up, then ROUNDS rounds that visit every case of a suite in turn, so
 * background work in the browser (IndexedDB compacting after the set-up writes, garbage collection)
 * falls on all cases alike instead of on whichever runs first. 100 samples of 5 calls per case.
 */
const WARMUP = { warmup: 30, samples: 0, batch: 1 };
const ROUNDS = 5;
const PER_ROUND = { warmup: 0, samples: 20, batch: 5 };

/** A port nobody listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const port = await freePort();
const server = await createServer({
  root,
  configFile: false, // the test config is not needed to serve a page
  logLevel: 'warn',
  server: { host: '127.0.0.1', port, strictPort: true, hmr: false },
  // No dependency discovery: a late re-optimisation would reload the page mid-run.
  optimizeDeps: { noDiscovery: true, include: [] },
});
let browser;
try {
  await server.listen();
  // Vite loads the TypeScript module that holds Chromium's path and flags, so they live in one place.
  const { chromiumExecutablePath, chromiumArgs } = await server.ssrLoadModule('/test/support/chromium.ts');
  browser = await chromium.launch({ executablePath: chromiumExecutablePath, args: chromiumArgs, headless: true });
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  await page.goto(`http://127.0.0.1:${port}/bench/store.html`);
  await page.waitForFunction(() => window.chatkitBench !== undefined);

  const measured = [];
  const names = await page.evaluate(() => window.chatkitBench.suites());
  for (const name of names) {
    const started = performance.now();
    process.stdout.write(`${name}: setting up... `);
    const cases = await page.evaluate((suite) => window.chatkitBench.setup(suite), name);
    process.stdout.write(`${((performance.now() - started) / 1000).toFixed(1)} s; measuring ${cases.length} cases... `);
    const sample = (metric, options) => page.evaluate(([m, o]) => window.chatkitBench.sample(m, o), [metric, options]);
    const samples = new Map(cases.map((info) => [info.metric, []]));
    for (const info of cases) await sample(info.metric, WARMUP);
    for (let round = 0; round < ROUNDS; round++) {
      for (const info of cases) samples.get(info.metric).push(...await sample(info.metric, PER_ROUND));
    }
    for (const info of cases) measured.push({ info, samples: samples.get(info.metric) });
    await page.evaluate((suite) => window.chatkitBench.teardown(suite), name);
    console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  if (pageErrors.length) throw pageErrors[0];

  const results = summarise(measured);
  console.log(`\n${formatTable(results)}\n`);
  for (const r of results) console.log(`${r.metric}: ${r.description}`);
  console.log('');
  writeResults(resultsPath, results);
  console.log(`Results merged into ${resultsPath}`);
  const missed = results.filter((r) => r.met === false);
  if (missed.length) console.log(`${missed.length} target(s) not met: ${missed.map((r) => r.metric).join(', ')}`);
} finally {
  await browser?.close();
  await server.close();
}

#!/usr/bin/env node
// `npm run bench`: measures every registered suite, prints a table with each target beside its value
// and merges the results into bench/results.json. Not part of `npm test`: timings depend on the machine.
//
// 1. The Node side (bench/node-host.ts: its suites and the localhost server) is built with Vite and
//    imported, and its suites run first, with no browser running beside them.
// 2. bench/page.html is served by Vite (cross-origin isolated, for 5 µs timers) and opened in
//    headless Chromium (Debian's, or CHROMIUM_PATH); the scripted server also listens on Node's `http`
//    at 127.0.0.1, and the page suites run in the page.
// Options: --markdown also prints the table as Markdown (for the README's Performance section);
// --suite NAME (repeatable) runs only the suites named.
import { mkdir } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, createServer } from 'vite';
import { chromium } from 'playwright';
import { lendWorkerHeapProbe } from './heap-probe.mjs';
import { formatMarkdown, formatTable, summarise, writeResults } from './report.mjs';

const began = performance.now();
const root = fileURLToPath(new URL('..', import.meta.url));
const resultsPath = fileURLToPath(new URL('./results.json', import.meta.url));
// Inside node_modules, so that the built module resolves its dependencies from the project.
const nodeBuildDir = fileURLToPath(new URL('../node_modules/.cache/chatkit-bench/', import.meta.url));
const onlySuites = process.argv.flatMap((arg, i, all) => (arg === '--suite' ? [all[i + 1]] : []));
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

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

/**
 * The pause after each suite's teardown. What a suite leaves behind goes on in the background for a
 * while (the browser deleting its database and compacting the storage, the collection of its
 * garbage), and the next suite would measure that instead of itself: the first frame from IndexedDB
 * ran about 0.4 ms slower right after the first-event suite than after a pause.
 */
const SUITE_PAUSE_MS = 3_000;

/** A sample that takes this long means something hangs (a reply that never ends): fail, do not wait forever. */
const SAMPLE_TIMEOUT_MS = 120_000;

/** `host.sample`, failing after SAMPLE_TIMEOUT_MS. */
async function sampleOf(host, metric, count) {
  let timer;
  const timeout = new Promise((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${count} sample(s) of ${metric} took over ${SAMPLE_TIMEOUT_MS / 1000} s`)),
      SAMPLE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([host.sample(metric, count), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The page's host, driven through `page.evaluate`. */
function pageHost(page) {
  return {
    suites: () => page.evaluate(() => window.chatkitBench.suites()),
    setup: (suite, env) => page.evaluate(([s, e]) => window.chatkitBench.setup(s, e), [suite, env]),
    sample: (metric, count) => page.evaluate(([m, n]) => window.chatkitBench.sample(m, n), [metric, count]),
    notes: (suite) => page.evaluate((s) => window.chatkitBench.notes(s), suite),
    teardown: (suite) => page.evaluate((s) => window.chatkitBench.teardown(s), suite),
  };
}

/**
 * Runs every suite of `host`: a warm-up of each case, then rounds that visit the cases in turn.
 * Returns the raw samples per case and the suites' notes.
 */
async function runSuites(host, env) {
  const measured = [];
  const notes = [];
  for (const { name, sampling } of await host.suites()) {
    if (onlySuites.length && !onlySuites.includes(name)) continue;
    const started = performance.now();
    process.stdout.write(`${name}: setting up... `);
    const cases = await host.setup(name, env);
    process.stdout.write(`${seconds(started)}; measuring ${cases.length} case(s)... `);
    const samples = new Map(cases.map((info) => [info.metric, []]));
    for (const info of cases) await sampleOf(host, info.metric, sampling.warmup);
    for (let round = 0; round < sampling.rounds; round++) {
      for (const info of cases)
        samples.get(info.metric).push(...(await sampleOf(host, info.metric, sampling.perRound)));
    }
    for (const info of cases) measured.push({ info, samples: samples.get(info.metric) });
    notes.push(...(await host.notes(name)));
    await host.teardown(name);
    console.log(`done in ${seconds(started)}`);
    await new Promise((resolve) => setTimeout(resolve, SUITE_PAUSE_MS));
  }
  return { measured, notes };
}

/** Builds bench/node-host.ts for Node and imports it. */
async function loadNodeSide() {
  await mkdir(nodeBuildDir, { recursive: true });
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: 'bench/node-host.ts',
      outDir: nodeBuildDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: { output: { entryFileNames: 'node-host.mjs' } },
    },
  });
  return import(pathToFileURL(`${nodeBuildDir}node-host.mjs`).href);
}

const { nodeHost, startLocalhostServer } = await loadNodeSide();
const port = await freePort();
const pageOrigin = `http://127.0.0.1:${port}`;
const localhost = await startLocalhostServer(pageOrigin);
const env = { localhostOrigin: localhost.origin, root };
const node = await runSuites(nodeHost, env);

const server = await createServer({
  root,
  configFile: false, // the test config is not needed to serve a page
  logLevel: 'warn',
  server: {
    host: '127.0.0.1',
    port,
    strictPort: true,
    hmr: false,
    // Cross-origin isolation: timers at 5 µs instead of 100 µs. The Node server answers CORS.
    headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
  },
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
  await lendWorkerHeapProbe(page);
  await page.goto(`${pageOrigin}/bench/page.html`);
  await page.waitForFunction(() => window.chatkitBench !== undefined);
  if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error('the bench page is not cross-origin isolated');
  const inPage = await runSuites(pageHost(page), env);
  if (pageErrors.length) throw pageErrors[0];

  const results = summarise([...inPage.measured, ...node.measured]);
  console.log(`\n${formatTable(results)}\n`);
  for (const r of results) console.log(`${r.metric} (${r.samples} samples): ${r.description}`);
  for (const note of [...inPage.notes, ...node.notes]) console.log(note);
  if (process.argv.includes('--markdown')) console.log(`\n${formatMarkdown(results)}`);
  console.log('');
  writeResults(resultsPath, results);
  console.log(`Results merged into ${resultsPath}`);
  const missed = results.filter((r) => r.met === false);
  if (missed.length) console.log(`${missed.length} target(s) not met: ${missed.map((r) => r.metric).join(', ')}`);
  console.log(`The bench took ${seconds(began)}.`);
} finally {
  await browser?.close();
  await server.close();
  await localhost.close();
}

#!/usr/bin/env node
// `node bench/profile-worker.mjs [SAMPLES] [--memory]`: a CPU profile of the server worker while the
// page streams the 10,000-delta reply through the fetch shim (the `stream.throughput.shim` case),
// summarised as `profile.mjs` does. The bench page is served by Vite and opened in headless Chromium
// as `run.mjs` does; the worker is profiled over the DevTools protocol (a worker's own target), the
// page's share is not. `--memory` profiles the MemoryStore worker (`stream.first-frame.shim-memory`)
// instead of the IndexedDB one. The raw profile is written to node_modules/.cache/chatkit-bench/.
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { chromium } from 'playwright';


const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('./node_modules/.cache/chatkit-bench/', import.meta.url));
const samples = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 20);
const onMemory = process.argv.includes('--memory');
const metric = onMemory ? 'stream.first-frame.shim-memory' : 'stream.throughput.shim';
const workerName = onMemory ? 'stream-memory' : /^chatkit-bench-stream-/;
const INTERVAL_US = 100;

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
  configFile: false,
  logLevel: 'warn',
  server: {
    host: '127.0.0.1',
    port,
    strictPort: true,
    hmr: false,
    headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
  },
  optimizeDeps: { noDiscovery: true, include: [] },
});

let browser;
try {
  await server.listen();
  const { chromiumExecutablePath, chromiumArgs } = await server.ssrLoadModule('/test/support/chromium.ts');
  browser = await chromium.launch({ executablePath: chromiumExecutablePath, args: chromiumArgs, headless: true });
  const page = await browser.newPage();
  const logs = [];
  page.on('console', (m) => { const t = m.text(); if (t.startsWith('MARKS ')) logs.push(...JSON.parse(t.slice(6))); });
  await page.goto(`http://127.0.0.1:${port}/bench/page.html`);
  await page.waitForFunction(() => window.chatkitBench !== undefined);
  await page.evaluate(() => window.chatkitBench.setup('stream-throughput', { localhostOrigin: '', root: '' }));
  const metric = process.argv[2] ?? 'stream.first-frame.shim-memory';
  const sample = (count) => page.evaluate(([m, n]) => window.chatkitBench.sample(m, n), [metric, count]);
  await sample(10);
  await page.evaluate(() => { globalThis.__marks.length = 0; });
  const values = await sample(Number(process.argv[3] ?? 40));
  const pageMarks = await page.evaluate(() => globalThis.__marks);
  await sample(60);
  const all = [...pageMarks, ...logs];
  const marks = [];
  for (let i = 0; i < all.length; i += 2) marks.push([all[i], all[i + 1]]);
  marks.sort((a, b) => a[1] - b[1]);
  // split by B0
  const runs = [];
  let cur = null;
  for (const [l, t] of marks) { if (l === 'B0') { cur = { B0: t }; runs.push(cur); } else if (cur && !(l in cur)) cur[l] = t; }
  const order = ['B0','P0','P1','P2','P3','W0','W1','W2','W3','W4','W5','S0','S1','S2','W6','W7','W9','WA','PM','P4','B9'];
  const med = (xs) => { const s = [...xs].sort((a,b)=>a-b); return s[Math.floor(s.length/2)]; };
  const good = runs.filter((r) => order.every((k) => k in r) && r.WA < r.B9 + 5);
  console.log(JSON.stringify(Object.keys(runs[3] ?? {})));
  console.log('values median', med(values).toFixed(3), 'runs', runs.length, 'complete', good.length);
  for (let i = 1; i < order.length; i++) console.log(order[i-1] + '->' + order[i], med(good.map((r) => r[order[i]] - r[order[i-1]])).toFixed(3));
  console.log('total', med(good.map((r) => r.B9 - r.B0)).toFixed(3));
} finally {
  await browser?.close();
  await server.close();
}

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
import { printProfile } from './profile-report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../node_modules/.cache/chatkit-bench/', import.meta.url));
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
  const cdp = await page.context().newCDPSession(page);
  const workers = new Set();
  const replies = new Map();
  let nextId = 0;
  cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    if (targetInfo.type === 'worker') workers.add(sessionId);
  });
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const reply = JSON.parse(message);
    replies.get(reply.id)?.(reply);
    replies.delete(reply.id);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const send = (sessionId, method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      replies.set(id, (reply) => (reply.error ? reject(new Error(reply.error.message)) : resolve(reply.result)));
      cdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
        .catch(reject);
    });

  await page.goto(`http://127.0.0.1:${port}/bench/page.html`);
  await page.waitForFunction(() => window.chatkitBench !== undefined);
  await page.evaluate(() => window.chatkitBench.setup('stream-throughput', { localhostOrigin: '', root: '' }));
  let target = null;
  for (const sessionId of workers) {
    const named = await send(sessionId, 'Runtime.evaluate', { expression: 'self.name', returnByValue: true });
    const name = named.result.value;
    if (typeof workerName === 'string' ? name === workerName : workerName.test(name)) target = sessionId;
  }
  if (!target) throw new Error('the server worker did not attach');

  const sample = (count) => page.evaluate(([m, n]) => window.chatkitBench.sample(m, n), [metric, count]);
  await sample(5);
  await send(target, 'Profiler.enable');
  await send(target, 'Profiler.setSamplingInterval', { interval: INTERVAL_US });
  await send(target, 'Profiler.start');
  const values = await sample(samples);
  const { profile } = await send(target, 'Profiler.stop');
  await page.evaluate(() => window.chatkitBench.teardown('stream-throughput'));

  await mkdir(outDir, { recursive: true });
  const profilePath = `${outDir}worker-${metric}.cpuprofile`;
  await writeFile(profilePath, JSON.stringify(profile));
  const median = [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(`\n${metric} (server worker): median ${median.toFixed(3)} over ${samples} samples`);
  console.log(`raw profile: ${profilePath}`);
  const origin = `http://127.0.0.1:${port}/`;
  printProfile(
    profile,
    (url) =>
      url
        .replace(origin, '')
        .replace(/\?.*$/, '')
        .replace(/^.*node_modules\/(\.vite\/deps\/)?/, ''),
    INTERVAL_US,
  );
} finally {
  await browser?.close();
  await server.close();
}

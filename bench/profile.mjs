#!/usr/bin/env node
// `node bench/profile.mjs METRIC [SAMPLES]`: a CPU profile of one Node-side bench case, summarised.
// Builds bench/node-host.ts as `run.mjs` does, but keeps one output file per source module, so that
// each sampled function is attributed to its source file. Sets up the case's suite, warms the case up,
// then samples it SAMPLES times (default 30) under V8's sampling profiler (through `node:inspector`,
// no flags needed), and prints where the time went: by category (garbage collection, zod, wire
// serialisation, UTF-8 encoding, the stream pipeline, promise machinery...) and the heaviest
// functions by self time. The raw profile is written to node_modules/.cache/chatkit-bench/ for
// DevTools. Without METRIC it lists the cases.
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import { printProfile } from './profile-report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../node_modules/.cache/chatkit-bench/profile/', import.meta.url));
const [metric, samplesArg] = process.argv.slice(2);
const samples = Number(samplesArg ?? 30);

await mkdir(outDir, { recursive: true });
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    ssr: 'bench/node-host.ts',
    outDir,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: { output: { preserveModules: true, preserveModulesRoot: root, entryFileNames: '[name].mjs' } },
  },
});
const { nodeHost } = await import(pathToFileURL(`${outDir}bench/node-host.mjs`).href);
const env = { localhostOrigin: 'http://127.0.0.1:1', root };

const suites = nodeHost.suites();
let suite = null;
for (const candidate of suites) {
  const cases = await nodeHost.setup(candidate.name, env);
  if (cases.some((info) => info.metric === metric)) {
    suite = { ...candidate, cases };
    break;
  }
  if (!metric) for (const info of cases) console.log(`${info.metric}: ${info.description}`);
  await nodeHost.teardown(candidate.name);
}
if (!suite) {
  if (metric) console.error(`no Node-side case "${metric}"`);
  process.exit(metric ? 1 : 0);
}

await nodeHost.sample(metric, suite.sampling.warmup);
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const values = await nodeHost.sample(metric, samples);
const { profile } = await session.post('Profiler.stop');
session.disconnect();
await nodeHost.teardown(suite.name);
const profilePath = `${outDir}${metric}.cpuprofile`;
await writeFile(profilePath, JSON.stringify(profile));

const median = [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`\n${metric}: median ${Math.round(median).toLocaleString('en-US')} over ${samples} samples`);
console.log(`raw profile: ${profilePath}`);
printProfile(profile, (url) => url.replace(pathToFileURL(outDir).href, '').replace(/^.*node_modules\//, ''), 100);

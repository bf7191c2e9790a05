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

/** Which category a profile node's self time falls in. */
function categoryOf({ functionName, url }) {
  const file = url.replace(pathToFileURL(outDir).href, '');
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)' || functionName === '(idle)') return 'runtime (program, idle)';
  if (/node_modules\/zod|\/zod\//.test(file)) return 'zod parsing';
  if (/chatkit-node-backend-sdk/.test(file)) return 'chatkit-node-backend-sdk';
  if (['encode', 'encodeInto', 'encodeUtf8String'].includes(functionName) || /encoding/.test(file))
    return 'UTF-8 encoding';
  if (/protocol\/serialize|server\/sse|server\/frames/.test(file)) return 'wire serialisation and framing';
  if (/server\/(event-pipeline|results|pending-items|thread-changes|server)/.test(file)) return 'stream pipeline';
  if (/store\//.test(file)) return 'store';
  if (/test\/support|bench\//.test(file)) return 'responder and bench harness';
  if (['stringify', 'JSON.stringify'].includes(functionName)) return 'JSON.stringify (native)';
  if (!url) return `native: ${functionName || '(anonymous)'}`;
  return `other: ${file.split('/').slice(-2).join('/')}`;
}

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfSamples = new Map();
for (const id of profile.samples) selfSamples.set(id, (selfSamples.get(id) ?? 0) + 1);
const total = profile.samples.length;
const categories = new Map();
const functions = new Map();
for (const [id, count] of selfSamples) {
  const { callFrame } = byId.get(id);
  const category = categoryOf(callFrame);
  categories.set(category, (categories.get(category) ?? 0) + count);
  const file = callFrame.url.replace(pathToFileURL(outDir).href, '').replace(/^.*node_modules\//, '');
  const key = `${callFrame.functionName || '(anonymous)'} ${file}${file ? `:${callFrame.lineNumber + 1}` : ''}`;
  functions.set(key, (functions.get(key) ?? 0) + count);
}
const percent = (count) => `${((count / total) * 100).toFixed(1)} %`.padStart(7);
const median = [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`\n${metric}: median ${Math.round(median).toLocaleString('en-US')} over ${samples} samples`);
console.log(`${total} profile samples at 100 µs; raw profile: ${profilePath}\n`);
console.log('| category | self time |\n| --- | ---: |');
for (const [category, count] of [...categories].sort((a, b) => b[1] - a[1]))
  console.log(`| ${category} | ${percent(count).trim()} |`);
console.log('\nheaviest functions (self time):');
for (const [key, count] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 25))
  console.log(`${percent(count)}  ${key}`);

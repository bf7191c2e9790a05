// Summarising a V8 CPU profile (from Node's inspector or the DevTools protocol) the same way for every
// profiling script: self time by category and by function.

/** Which category a profile node's self time falls in, from its function and its source path. */
function categoryOf({ functionName, url }, file) {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)' || functionName === '(idle)') return 'runtime (program, idle)';
  if (/(^|\/)zod\//.test(file)) return 'zod parsing';
  if (/chatkit-node-backend-sdk/.test(file)) return 'chatkit-node-backend-sdk';
  if (/comlink/.test(file)) return 'comlink (worker bridge)';
  if (['encode', 'encodeInto', 'encodeUtf8String'].includes(functionName) || /encoding/.test(file))
    return 'UTF-8 encoding';
  if (/protocol\/(serialize|text-delta)|server\/sse/.test(file)) return 'wire serialisation and framing';
  if (/protocol\/parse-event/.test(file)) return 'validation fast path';
  if (/server\/(event-pipeline|results|pending-items|thread-changes|server)/.test(file)) return 'stream pipeline';
  if (/http\/|worker\//.test(file)) return 'handler and worker bridge';
  if (/store\//.test(file)) return 'store';
  if (/test\/support|bench\//.test(file)) return 'responder and bench harness';
  if (!url) return `native: ${functionName || '(anonymous)'}`;
  return `other: ${file.split('/').slice(-2).join('/')}`;
}

/**
 * Prints where the time of `profile` went: by category, then the heaviest functions by self time.
 * `fileOf` turns a script URL into a path relative to the project (or a package's path).
 */
export function printProfile(profile, fileOf, interval) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfSamples = new Map();
  for (const id of profile.samples) selfSamples.set(id, (selfSamples.get(id) ?? 0) + 1);
  const total = profile.samples.length;
  const categories = new Map();
  const functions = new Map();
  for (const [id, count] of selfSamples) {
    const { callFrame } = byId.get(id);
    const file = fileOf(callFrame.url);
    const category = categoryOf(callFrame, file);
    categories.set(category, (categories.get(category) ?? 0) + count);
    const key = `${callFrame.functionName || '(anonymous)'} ${file}${file ? `:${callFrame.lineNumber + 1}` : ''}`;
    functions.set(key, (functions.get(key) ?? 0) + count);
  }
  const percent = (count) => `${((count / total) * 100).toFixed(1)} %`.padStart(7);
  console.log(`${total} profile samples at ${interval} µs\n`);
  console.log('| category | self time |\n| --- | ---: |');
  for (const [category, count] of [...categories].sort((a, b) => b[1] - a[1])) {
    if (count / total >= 0.001) console.log(`| ${category} | ${percent(count).trim()} |`);
  }
  console.log('\nheaviest functions (self time):');
  for (const [key, count] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${percent(count)}  ${key}`);
}

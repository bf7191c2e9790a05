/**
 * The page-side bundle: `chatkit-local/client` (`src/client.ts`) and everything it imports, built as
 * an app's bundler would (Vite's library mode: one ES module, minified, no externals), then gzipped
 * (level 9). Its notes break the bundle down by source, before minification, to show what pulls
 * size in.
 */
import { gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';
import { build, type Rollup } from 'vite';
import type { BenchSuite } from '../types.ts';

const ENTRY = 'src/client.ts';
const LIMIT_BYTES = 6 * 1024;

/** The entry's chunk, built in memory. */
async function buildEntry(root: string): Promise<Rollup.OutputChunk> {
  const built = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: {
      lib: { entry: join(root, ENTRY), formats: ['es'], fileName: 'client' },
      write: false,
      minify: true,
      sourcemap: false,
    },
  });
  const outputs = (Array.isArray(built) ? built : [built]) as Rollup.RollupOutput[];
  const chunks = outputs
    .flatMap((output) => output.output)
    .filter((file): file is Rollup.OutputChunk => file.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`expected one chunk for ${ENTRY}, got ${chunks.length}`);
  return chunks[0]!;
}

/** `node_modules/comlink/…` -> `comlink`; `src/client/fetch.ts` stays as it is. */
function sourceOf(root: string, moduleId: string): string {
  const path = relative(root, moduleId);
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return inPackage ? `${inPackage[1]} (dependency)` : path;
}

let chunk: Rollup.OutputChunk | null = null;
let projectRoot = '';

export const clientBundle: BenchSuite = {
  name: 'client-bundle',
  // The build is deterministic: one sample is the value.
  sampling: { warmup: 0, rounds: 1, perRound: 1 },
  async setup(env) {
    projectRoot = env.root;
    return [
      {
        metric: 'bundle.client.gzip',
        unit: 'bytes',
        better: 'lower',
        description: `${ENTRY} and what it imports, minified (Vite library mode) and gzipped (level 9)`,
        bounds: [{ op: '<=', limit: LIMIT_BYTES }],
        async measure() {
          chunk = await buildEntry(projectRoot);
          return gzipSync(chunk.code, { level: 9 }).length;
        },
      },
    ];
  },
  notes() {
    if (!chunk) return [];
    const bySource = new Map<string, number>();
    for (const [id, module] of Object.entries(chunk.modules)) {
      const source = sourceOf(projectRoot, id);
      bySource.set(source, (bySource.get(source) ?? 0) + module.renderedLength);
    }
    const total = [...bySource.values()].reduce((sum, length) => sum + length, 0);
    const parts = [...bySource]
      .sort((a, b) => b[1] - a[1])
      .filter(([, length]) => length > 0)
      .map(([source, length]) => `${source} ${((100 * length) / total).toFixed(0)}%`);
    return [
      `client bundle: ${chunk.code.length} bytes minified; share of the code before minification: ${parts.join(', ')}`,
    ];
  },
  async teardown() {
    chunk = null;
  },
};

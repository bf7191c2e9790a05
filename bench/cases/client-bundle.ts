/**
 * The page-side bundles: `chatkit-local/client` (`src/client.ts`) and `chatkit-local/ui`
 * (`src/ui.ts`), each with everything it imports, built as an app's production build would (a Vite
 * app build of the entry alone: one ES module, fully minified, no externals, every export kept), then
 * gzipped (level 9). Not Vite's library mode: for ES output it leaves whitespace unminified (the
 * app's bundler minifies later), which would count about 800 bytes of indentation no page ever
 * loads. Their notes break each bundle down by source, before minification, to show what pulls
 * size in.
 *
 * The chat UI's budget, 96 KiB: it is 80 KiB today, of which markdown-it and its own dependencies
 * (entities, linkify-it, mdurl, punycode) are about 40% before minification, the price of a
 * maintained CommonMark parser that runs in linear time; the element, its views, widgets and styles
 * are the rest. The budget leaves room for the options still listed as "not yet", and fails when a
 * change brings in a dependency of its own weight.
 */
import { gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';
import { build, type Rollup } from 'vite';
import type { BenchSuite } from '../types.ts';

/** The entry's chunk, built in memory. */
async function buildEntry(root: string, entry: string): Promise<Rollup.OutputChunk> {
  const built = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      sourcemap: false,
      modulePreload: false,
      // 'strict': the chunk keeps every export of the entry, as a page importing all of it would.
      rolldownOptions: { input: join(root, entry), preserveEntrySignatures: 'strict', output: { format: 'es' } },
    },
  });
  const outputs = (Array.isArray(built) ? built : [built]) as Rollup.RollupOutput[];
  const chunks = outputs
    .flatMap((output) => output.output)
    .filter((file): file is Rollup.OutputChunk => file.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`expected one chunk for ${entry}, got ${chunks.length}`);
  return chunks[0]!;
}

/** `node_modules/comlink/…` -> `comlink`; `src/client/fetch.ts` stays as it is. */
function sourceOf(root: string, moduleId: string): string {
  const path = relative(root, moduleId);
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return inPackage ? `${inPackage[1]} (dependency)` : path;
}

/** A suite measuring the gzipped bundle of `entry`, bounded by `limit` bytes. */
function entryBundle(name: string, entry: string, fileName: string, limit: number): BenchSuite {
  let chunk: Rollup.OutputChunk | null = null;
  let projectRoot = '';
  return {
    name,
    // The build is deterministic: one sample is the value.
    sampling: { warmup: 0, rounds: 1, perRound: 1 },
    async setup(env) {
      projectRoot = env.root;
      return [
        {
          metric: `bundle.${fileName}.gzip`,
          unit: 'bytes',
          better: 'lower',
          description: `${entry} and what it imports, minified (a Vite app build) and gzipped (level 9)`,
          bounds: [{ op: '<=', limit }],
          async measure() {
            chunk = await buildEntry(projectRoot, entry);
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
        `${fileName} bundle: ${chunk.code.length} bytes minified; share of the code before minification: ${parts.join(', ')}`,
      ];
    },
    async teardown() {
      chunk = null;
    },
  };
}

/** `chatkit-local/client`: the fetch shim and the typed client. */
export const clientBundle = entryBundle('client-bundle', 'src/client.ts', 'client', 6 * 1024);

/** `chatkit-local/ui`: the chat element (see the budget above). */
export const uiBundle = entryBundle('ui-bundle', 'src/ui.ts', 'ui', 96 * 1024);

// `npm run build:lib`: compiles src/ into dist-lib/ (ESM, declarations, maps) with tsc -p tsconfig.lib.json.
//
// tsc rewrites the `.ts` of import specifiers to `.js` (rewriteRelativeImportExtensions) but not the
// module URLs a package builds itself, such as a worker's `new URL('./worker.ts', import.meta.url)`:
// those are rewritten here, so that the compiled module names the file that ships.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT = 'dist-lib';
const MODULE_URL = /new URL\((['"])(\.{1,2}\/[^'"]+)\.ts\1, import\.meta\.url\)/g;

rmSync(OUT, { recursive: true, force: true });
execFileSync('npx', ['tsc', '-p', 'tsconfig.lib.json'], { stdio: 'inherit' });

let rewritten = 0;
for (const file of readdirSync(OUT, { recursive: true, encoding: 'utf8' })) {
  if (!file.endsWith('.js')) continue;
  const path = join(OUT, file);
  const source = readFileSync(path, 'utf8');
  const output = source.replace(MODULE_URL, (_match, quote, stem) => {
    rewritten++;
    return `new URL(${quote}${stem}.js${quote}, import.meta.url)`;
  });
  if (output !== source) writeFileSync(path, output);
}
console.log(`dist-lib built; ${rewritten} module URL(s) pointed at their .js files`);

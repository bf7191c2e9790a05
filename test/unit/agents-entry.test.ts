/**
 * The agents bridge stays an optional, separate entry point: only `src/agents` loads
 * `@openai/agents`, the package declares it as an optional peer, and the bridge uses no Node-only
 * module (it runs in a Web Worker).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The module specifiers a file imports or re-exports. */
function importsOf(path: string): string[] {
  const source = readFileSync(path, 'utf8');
  return [
    ...source.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((match) => match[1] ?? match[2]!);
}

const files = sourceFiles(join(root, 'src')).map((path) => relative(root, path));
const isBridge = (file: string) => file === join('src', 'agents.ts') || file.startsWith(join('src', 'agents') + '/');

describe('the agents entry point', () => {
  test('only src/agents imports @openai/agents', () => {
    const importers = files.filter((file) =>
      importsOf(join(root, file)).some((specifier) => specifier.startsWith('@openai/')),
    );
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.filter((file) => !isBridge(file))).toEqual([]);
  });

  test('src/agents imports nothing from Node', () => {
    const nodeImports = files.filter(isBridge).flatMap((file) =>
      importsOf(join(root, file))
        .filter((specifier) => specifier.startsWith('node:'))
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(nodeImports).toEqual([]);
  });

  test('package.json exposes ./agents and declares @openai/agents as an optional peer', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.exports['./agents']).toEqual({ types: './dist-lib/agents.d.ts', import: './dist-lib/agents.js' });
    expect(pkg.peerDependencies['@openai/agents']).toMatch(/^\^?0\.20\.\d+$/);
    expect(pkg.peerDependenciesMeta['@openai/agents']).toEqual({ optional: true });
    expect(pkg.dependencies?.['@openai/agents']).toBeUndefined();
  });
});

/**
 * The tarball as published: compiled ESM with declarations and maps for every entry point, maps
 * that resolve to shipped sources, and the two linters of package shape (publint, and
 * @arethetypeswrong/cli for ESM-only packages) with nothing to report.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, test } from 'vitest';
import { installedManifest, installedPackageDir, packed } from './support/consumer.ts';
import { run } from './support/process.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

describe('the published package', () => {
  test('every entry point has types and import conditions, to compiled files, never to .ts sources', () => {
    const { files } = packed();
    const problems: string[] = [];
    for (const [subpath, target] of Object.entries(installedManifest().exports)) {
      if (typeof target !== 'object') {
        problems.push(`${subpath}: a bare path, not { types, import }`);
        continue;
      }
      const { types, import: javascript } = target;
      if (!types?.endsWith('.d.ts')) problems.push(`${subpath}: types is ${String(types)}`);
      if (!javascript?.endsWith('.js')) problems.push(`${subpath}: import is ${String(javascript)}`);
      for (const [condition, path] of Object.entries(target)) {
        if (condition !== 'types' && typeof path === 'string' && /\.[cm]?ts$/.test(path)) {
          problems.push(`${subpath}: ${condition} points at TypeScript source ${path}`);
        }
      }
      for (const path of [types, javascript, `${types}.map`, `${javascript}.map`]) {
        if (path && !files.includes(path.replace(/^\.\//, '')))
          problems.push(`${subpath}: ${path} is not in the tarball`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('sideEffects names only files that are in the tarball', () => {
    const { sideEffects } = installedManifest();
    if (sideEffects === false) return;
    expect(Array.isArray(sideEffects), 'sideEffects is false or a list of files').toBe(true);
    const missing = (sideEffects as string[]).filter(
      (pattern) => !pattern.includes('*') && !existsSync(join(installedPackageDir(), pattern)),
    );
    expect(missing).toEqual([]);
  });

  test('source maps and declaration maps point at sources that are in the package', () => {
    const root = installedPackageDir();
    const maps = packed().files.filter((file) => file.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    const unresolved = maps.flatMap((map) => {
      const { sources } = JSON.parse(readFileSync(join(root, map), 'utf8')) as { sources: string[] };
      return sources
        .filter((source) => !existsSync(join(root, dirname(map), source)))
        .map((source) => `${map}: ${source}`);
    });
    expect(unresolved).toEqual([]);
  });

  test('ships the MIT license that package.json declares', () => {
    expect(installedManifest()['license']).toBe('MIT');
    expect(packed().files).toContain('LICENSE');
    const text = readFileSync(join(installedPackageDir(), 'LICENSE'), 'utf8');
    expect(text).toMatch(/^MIT License\n/);
    expect(text).toContain('Copyright (c) 2026 chatkit-local contributors');
  });

  test('publint reports nothing, suggestions included', async () => {
    const { tarball } = packed();
    const bytes = readFileSync(tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
      level: 'suggestion',
      strict: true,
    });
    expect(messages.map((message) => formatMessage(message, pkg, { color: false }) ?? message.code)).toEqual([]);
  });

  test('@arethetypeswrong/cli finds no problem for an ESM-only package', async () => {
    const attw = join(repo, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js');
    const result = await run(process.execPath, [attw, packed().tarball, '--profile', 'esm-only', '--format', 'ascii'], {
      cwd: repo,
      env: { NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });
});

/**
 * Playwright is an optional peer dependency used only by `chatkit-local/testing`: no other entry may
 * reach it (or the testing code) through its imports, and the browser testing entry must not reach
 * Node's modules.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const exportKeys = Object.keys(
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }).exports,
);
/** The source file of an entry point: `.` is src/index.ts, `./x/y` is src/x/y.ts (the build compiles each). */
const sourceOf = (key: string) => (key === '.' ? 'src/index.ts' : `src/${key.slice(2)}.ts`);

/** Every file an entry reaches through relative imports, and every package it imports. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (fileName.startsWith('.')) visit(resolve(dirname(file), fileName));
      else packages.add(fileName);
    }
  };
  visit(join(ROOT, entry));
  return { files, packages };
}

describe('entry points', () => {
  test('the testing entries are packaged', () => {
    expect(exportKeys).toEqual(expect.arrayContaining(['./testing', './testing/browser']));
    expect(existsSync(join(ROOT, sourceOf('./testing')))).toBe(true);
    expect(existsSync(join(ROOT, sourceOf('./testing/browser')))).toBe(true);
  });

  for (const name of exportKeys.filter((key) => !key.startsWith('./testing'))) {
    test(`${name} never reaches Playwright or the testing kit`, () => {
      const { files, packages } = importGraph(sourceOf(name));
      expect([...packages].filter((pkg) => /^(@playwright\/|playwright)/.test(pkg))).toEqual([]);
      expect([...files].filter((file) => file.includes(`${join('src', 'testing')}`))).toEqual([]);
    });
  }

  test('chatkit-local/testing uses Playwright for types only', () => {
    const { files } = importGraph(sourceOf('./testing'));
    const runtimeImports = [...files].flatMap((file) =>
      [
        ...readFileSync(file, 'utf8').matchAll(
          /^import\s+(?!type\b)[^;]*from\s+'((?:@playwright\/|playwright)[^']*)'/gm,
        ),
      ].map((match) => `${file}: ${match[1]}`),
    );
    expect(runtimeImports).toEqual([]);
    expect(importGraph(sourceOf('./testing')).packages).toContain('@playwright/test');
  });

  test('chatkit-local/testing/browser reaches neither Node modules nor Playwright', () => {
    const { packages } = importGraph(sourceOf('./testing/browser'));
    expect([...packages].filter((pkg) => pkg.startsWith('node:') || /playwright/.test(pkg))).toEqual([]);
  });
});

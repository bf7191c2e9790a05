/**
 * The packed package and the consumer project that installed it (made once by global-setup.ts), and
 * what the checks read from that install.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inject } from 'vitest';

/** What global-setup.ts hands every check. */
export interface PackedPackage {
  /** The `.tgz` that `npm pack` wrote. */
  tarball: string;
  /** The consumer project (the fixtures plus node_modules with the tarball installed). */
  consumer: string;
  /** Bytes of the tarball, and of its files unpacked. */
  size: number;
  unpackedSize: number;
  /** Paths of the files in the tarball, relative to the package root. */
  files: string[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    packed: PackedPackage;
  }
}

/** The packed package and its consumer project. */
export function packed(): PackedPackage {
  return inject('packed');
}

/** The installed package, as a user's node_modules has it. */
export function installedPackageDir(): string {
  return join(packed().consumer, 'node_modules', 'chatkit-local');
}

/** A conditional export: the `types` and `import` targets of one entry point. */
export interface ExportConditions {
  types?: string;
  import?: string;
  [condition: string]: unknown;
}

/** The installed package.json. */
export function installedManifest(): {
  exports: Record<string, ExportConditions | string>;
  sideEffects?: boolean | string[];
  [field: string]: unknown;
} {
  return JSON.parse(readFileSync(join(installedPackageDir(), 'package.json'), 'utf8'));
}

/** The import specifiers of every entry point: `chatkit-local`, `chatkit-local/node`, ... */
export function entryPointSpecifiers(): string[] {
  return Object.keys(installedManifest().exports).map((subpath) => `chatkit-local${subpath.slice(1)}`);
}

/** Every file under `dir` (recursively), relative to it, skipping node_modules. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .filter((path) => !path.split('/').includes('node_modules'));
}

/** The module specifiers a TypeScript or JavaScript file imports, re-exports or `import()`s. */
export function importsOf(code: string): string[] {
  const specifiers = code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g);
  return [...specifiers].map((match) => match[1]!);
}

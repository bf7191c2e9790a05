/**
 * Once for all package checks: packs chatkit-local as `npm publish` would (builds dist-lib/ as the
 * prepack script does, then `npm pack`), and installs the tarball into a throw-away consumer project made of the
 * fixtures, with the tools a user would have (TypeScript, @types/node, Vite, the Agents SDK, zod, pg) at
 * the versions this repository pins. Every check then works on that install, never on the repository.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { runOrThrow } from './support/process.ts';
import type { PackedPackage } from './support/consumer.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** The tools installed next to the package, at the versions the repository pins. */
function toolVersions(): string[] {
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const pinned = { ...pkg.dependencies, ...pkg.devDependencies };
  return ['typescript', '@types/node', 'vite', '@openai/agents', 'zod', 'pg', '@types/pg', '@playwright/test'].map(
    (name) => `${name}@${pinned[name]}`,
  );
}

export default async function setup(project: TestProject): Promise<() => void> {
  const work = mkdtempSync(join(tmpdir(), 'chatkit-local-package-'));
  // Build first, then pack without lifecycle scripts: `prepack` output would otherwise share stdout with
  // the JSON report on some npm versions.
  await runOrThrow('npm', ['run', '--silent', 'build:lib'], { cwd: repo });
  const packed = await runOrThrow('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
    cwd: repo,
  });
  const [info] = JSON.parse(packed.stdout) as {
    filename: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  const tarball = join(work, info!.filename);
  console.log(
    `packed ${info!.filename}: ${info!.size} bytes, ${info!.unpackedSize} unpacked, ${info!.files.length} files`,
  );

  const consumer = join(work, 'consumer');
  cpSync(fixtures, consumer, { recursive: true });
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'chatkit-local-consumer', private: true, type: 'module' }, null, 2),
  );
  // One install shared by every check; from npm's cache when it has the packages.
  await runOrThrow(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball, ...toolVersions()],
    { cwd: consumer },
  );

  const result: PackedPackage = {
    tarball,
    consumer,
    size: info!.size,
    unpackedSize: info!.unpackedSize,
    files: info!.files.map((file) => file.path),
  };
  project.provide('packed', result);
  return () => rmSync(work, { recursive: true, force: true });
}

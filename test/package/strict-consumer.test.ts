/**
 * A strict TypeScript consumer (fixtures/strict): a Node server, a Web Worker and a page, one
 * tsconfig per environment, compiled under Node's module resolution and a bundler's with the
 * strictest options users turn on and `skipLibCheck: false`. No error may be in the consumer's files
 * or in chatkit-local's declarations (support/typecheck.ts says what counts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { entryPointSpecifiers, filesUnder, importsOf, packed } from './support/consumer.ts';
import {
  RESOLUTION_MODES,
  typecheck,
  uncountedNote,
  type ResolutionMode,
  type TypecheckReport,
} from './support/typecheck.ts';

/** Each environment has its tsconfig (`tsconfig.node.json`...), with its `lib` and `types`. */
const ENVIRONMENTS = ['node', 'worker', 'page'] as const;
const MODES = Object.keys(RESOLUTION_MODES) as ResolutionMode[];

let reports: Record<string, TypecheckReport>;

beforeAll(async () => {
  const dir = join(packed().consumer, 'strict');
  reports = await typecheck(
    ENVIRONMENTS.flatMap((environment) =>
      MODES.map((mode) => ({
        name: `${environment}/${mode}`,
        dir,
        project: `tsconfig.${environment}.json`,
        args: RESOLUTION_MODES[mode],
      })),
    ),
  );
});

describe('a strict TypeScript consumer', () => {
  for (const environment of ENVIRONMENTS) {
    for (const mode of MODES) {
      test(`${environment} compiles with moduleResolution ${mode}`, () => {
        const report = reports[`${environment}/${mode}`]!;
        const note = uncountedNote(report);
        if (note) console.log(`${environment}, ${mode}: ${note}`);
        expect(report.counted.map((error) => error.text).join('\n')).toBe('');
      });
    }
  }

  test('uses every entry point of the package', () => {
    const dir = join(packed().consumer, 'strict');
    const imported = new Set(
      filesUnder(dir)
        .filter((file) => file.endsWith('.ts'))
        .flatMap((file) => importsOf(readFileSync(join(dir, file), 'utf8'))),
    );
    const missing = entryPointSpecifiers().filter((specifier) => !imported.has(specifier));
    expect(missing, 'entry points no fixture under test/package/fixtures/strict imports').toEqual([]);
  });
});

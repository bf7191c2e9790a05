/**
 * Type checking in the consumer project with its own TypeScript (support/check-types.mjs does the
 * work, in a child process), and telling apart whose error each one is: the consumer's files,
 * chatkit-local's declarations and the declaration files those import must have none; errors
 * inside other third-party packages' own declarations are listed apart and do not count.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runOrThrow } from './process.ts';

/** One compiler error, formatted as `tsc --pretty false` prints it. */
export interface TscError {
  /** The file, relative to the project's directory; null for an error about no file. */
  file: string | null;
  /** `file(line,col): error TSxxxx: message`, with the lines of its explanation. */
  text: string;
}

/** What one project's check found. */
export interface TypecheckReport {
  /** Errors that count: in the consumer's files, in chatkit-local's declarations or in files they import. */
  counted: TscError[];
  /** Errors inside other third-party packages' own declarations (syntax only), by package. */
  thirdParty: Record<string, number>;
  /** Third-party declaration files used for types but not checked one by one, by package. */
  unchecked: Record<string, number>;
}

/** One project to check: a tsconfig in a directory, with extra compiler options. */
export interface TypecheckJob {
  /** A name for the result. */
  name: string;
  /** The project's directory (absolute). */
  dir: string;
  /** The tsconfig file, relative to `dir`. */
  project: string;
  /** Compiler options on top of the tsconfig's, as on tsc's command line. */
  args: readonly string[];
}

/** `module`/`moduleResolution` pairs a consumer may use: Node's own rules, or a bundler's. */
export const RESOLUTION_MODES = {
  nodenext: ['--module', 'nodenext', '--moduleResolution', 'nodenext'],
  bundler: ['--module', 'preserve', '--moduleResolution', 'bundler'],
} as const;

export type ResolutionMode = keyof typeof RESOLUTION_MODES;

const checker = fileURLToPath(new URL('./check-types.mjs', import.meta.url));

/** Checks every job (one after another, sharing parsed files); a report per job name. */
export async function typecheck(jobs: TypecheckJob[]): Promise<Record<string, TypecheckReport>> {
  const work = mkdtempSync(join(tmpdir(), 'chatkit-local-typecheck-'));
  try {
    const list = join(work, 'jobs.json');
    writeFileSync(list, JSON.stringify(jobs));
    const result = await runOrThrow(process.execPath, [checker, list], { cwd: work });
    return JSON.parse(result.stdout) as Record<string, TypecheckReport>;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A note of what did not count ("" when nothing was left out). */
export function uncountedNote(report: TypecheckReport): string {
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([pkg, count]) => `${pkg} (${count})`)
      .join(', ');
  const notes = [];
  if (Object.keys(report.thirdParty).length)
    notes.push(`errors in third-party declarations: ${list(report.thirdParty)}`);
  if (Object.keys(report.unchecked).length)
    notes.push(`third-party declaration files not checked: ${list(report.unchecked)}`);
  return notes.join('; ');
}

/**
 * Docs that compile: every TypeScript block of every Markdown file shipped in the package (the
 * README first) is type-checked against the installed tarball, with the strict consumer's options.
 * How blocks become modules, and how a block says it is continued or partial: support/markdown.ts.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { filesUnder, installedPackageDir, packed } from './support/consumer.ts';
import { docModules, markdownLineOf, type DocModule } from './support/markdown.ts';
import { typecheck, uncountedNote, type TypecheckReport } from './support/typecheck.ts';

const markdownFiles = filesUnder(installedPackageDir()).filter((file) => file.endsWith('.md'));

/** Where a shipped Markdown file's modules are written: `docs/README/`, `docs/src/x/NOTES/`. */
const folderOf = (markdown: string) => markdown.replace(/\.md$/, '');

const modulesByMarkdown = new Map<string, DocModule[]>();
let report: TypecheckReport;

beforeAll(async () => {
  const docs = join(packed().consumer, 'docs');
  for (const markdown of markdownFiles) {
    const { modules, partial } = docModules(readFileSync(join(installedPackageDir(), markdown), 'utf8'));
    modulesByMarkdown.set(markdown, modules);
    for (const module of modules) {
      const path = join(docs, folderOf(markdown), module.file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, module.code);
    }
    for (const block of partial) console.log(`${markdown}:${block.line}: a partial block, not compiled`);
  }
  const reports = await typecheck([{ name: 'docs', dir: docs, project: 'tsconfig.json', args: [] }]);
  report = reports['docs']!;
  const note = uncountedNote(report);
  if (note) console.log(`docs: ${note}`);
});

/** An error of a docs module, located in its Markdown file; null for another file's error. */
function locate(markdown: string, error: { file: string | null; text: string }): string | null {
  if (error.file === null) return error.text;
  for (const module of modulesByMarkdown.get(markdown) ?? []) {
    const path = `${folderOf(markdown)}/${module.file}`;
    if (error.file !== path) continue;
    const position = /^[^(]+\((\d+),(\d+)\): /.exec(error.text);
    const line = markdownLineOf(module, Number(position?.[1] ?? 1));
    return `${markdown}:${line}:${position?.[2] ?? 1} (${path}) ${error.text.slice(position?.[0].length ?? 0)}`;
  }
  return null;
}

describe('docs that compile', () => {
  test('the package ships a README with TypeScript examples', () => {
    expect(markdownFiles).toContain('README.md');
    expect(modulesByMarkdown.get('README.md')?.length ?? 0).toBeGreaterThan(0);
  });

  for (const markdown of markdownFiles) {
    test(`every TypeScript block of ${markdown} type-checks against the package`, () => {
      const errors = report.counted.flatMap((error) => locate(markdown, error) ?? []);
      expect(errors.join('\n')).toBe('');
    });
  }

  test('no error falls outside the docs modules', () => {
    const docsFiles = new Set(
      markdownFiles.flatMap((markdown) =>
        (modulesByMarkdown.get(markdown) ?? []).map((module) => `${folderOf(markdown)}/${module.file}`),
      ),
    );
    const elsewhere = report.counted.filter((error) => error.file !== null && !docsFiles.has(error.file));
    expect(elsewhere.map((error) => error.text).join('\n')).toBe('');
  });
});

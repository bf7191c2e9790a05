/**
 * Turning the TypeScript blocks of a Markdown file into the modules of a small project, so that the
 * docs are type-checked as a user would paste them. The convention, also told in the README's
 * Development section:
 *
 * - Every ```ts (or ```typescript) block is compiled. A block is a module of its own; when its first
 *   line is a comment that starts with a file name (`// chat-worker.ts — the whole server runs here`),
 *   the module gets that name, so a later block can import it (`from './echo-server.ts'`).
 * - ```ts continued: the block continues the module of the ts block before it, as the text does
 *   ("then, on the same page, ...").
 * - ```ts partial: a deliberate fragment that cannot compile on its own (it uses names the text
 *   describes but does not declare, or types of another product). It is not compiled; the check
 *   lists it, so that marking a block partial is a visible choice.
 *
 * Other languages (```sh, ```json, ...) are not checked.
 */

/** A fenced code block. */
export interface CodeBlock {
  /** The fence's info string split on spaces: `['ts', 'partial']`. */
  info: string[];
  /** The block's text, without the fences. */
  code: string;
  /** The Markdown line (1-based) of the block's first code line. */
  line: number;
}

/** A module made of one or more blocks. */
export interface DocModule {
  /** The file name, relative to the Markdown file's module folder. */
  file: string;
  /** The module's text: its blocks, one after another. */
  code: string;
  /** Where each block starts: the module line (1-based) and the Markdown line it came from. */
  origins: { moduleLine: number; markdownLine: number }[];
}

const TS_LANGUAGES = new Set(['ts', 'typescript']);

/** The fenced code blocks of `markdown`, in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]!);
    // As in CommonMark, a backtick fence's info string has no backtick (else it is inline code).
    if (!open || (open[2]!.startsWith('`') && open[3]!.includes('`'))) continue;
    const [, indent, fence, info] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1]![0] === fence![0] && close[1]!.length >= fence!.length) break;
      body.push(line.startsWith(indent!) ? line.slice(indent!.length) : line);
    }
    blocks.push({ info: info!.trim().split(/\s+/).filter(Boolean), code: body.join('\n'), line: i + 2 });
    i = j;
  }
  return blocks;
}

/** The TypeScript modules `markdown` makes, and its partial blocks (not compiled). */
export function docModules(markdown: string): { modules: DocModule[]; partial: CodeBlock[] } {
  const modules: DocModule[] = [];
  const partial: CodeBlock[] = [];
  for (const block of codeBlocks(markdown)) {
    const [language, ...flags] = block.info;
    if (!language || !TS_LANGUAGES.has(language)) continue;
    if (flags.includes('partial')) {
      partial.push(block);
      continue;
    }
    const previous = modules.at(-1);
    if (flags.includes('continued')) {
      if (!previous) throw new Error(`line ${block.line}: a "continued" block with no ts block before it`);
      previous.origins.push({ moduleLine: previous.code.split('\n').length + 1, markdownLine: block.line });
      previous.code += `\n${block.code}`;
      continue;
    }
    const named = /^\/\/\s*([\w.-]+\.ts)\b/.exec(block.code);
    const file = named ? named[1]! : `block-at-line-${block.line}.ts`;
    if (modules.some((module) => module.file === file)) {
      throw new Error(`line ${block.line}: a second block named ${file}`);
    }
    modules.push({
      file,
      code: block.code,
      origins: [{ moduleLine: 1, markdownLine: block.line }],
    });
  }
  return { modules, partial };
}

/** The Markdown line that line `moduleLine` (1-based) of `module` came from. */
export function markdownLineOf(module: DocModule, moduleLine: number): number {
  const origin = module.origins.findLast((entry) => entry.moduleLine <= moduleLine) ?? module.origins[0]!;
  return origin.markdownLine + (moduleLine - origin.moduleLine);
}

/**
 * How the docs check (test/package/docs.test.ts) turns Markdown into modules: the conventions the
 * README's contributing notes promise, with the line mapping that points errors back at the README.
 */
import { describe, expect, test } from 'vitest';
import { codeBlocks, docModules, markdownLineOf } from '../package/support/markdown.ts';

const fence = '```';

describe('docs blocks', () => {
  test('fenced blocks with their info words and first code line; inline fences are not blocks', () => {
    const markdown = [
      'Text with ```` ```ts partial ```` inline.', // 1
      `${fence}sh`, // 2
      'npm test', // 3
      fence, // 4
      '~~~ts continued', // 5
      'const a = 1;', // 6
      '```', // 7: not the end of a ~~~ fence
      '~~~', // 8
    ].join('\n');
    expect(codeBlocks(markdown)).toEqual([
      { info: ['sh'], code: 'npm test', line: 3 },
      { info: ['ts', 'continued'], code: 'const a = 1;\n```', line: 6 },
    ]);
  });

  test('a block named by its first-line comment, a continued one joined to it, a partial one left out', () => {
    const markdown = [
      `${fence}ts`, // 1
      '// echo-server.ts — the server', // 2
      'export const a = 1;', // 3
      fence, // 4
      'Then:', // 5
      `${fence}ts continued`, // 6
      'export const b = a;', // 7
      fence, // 8
      `${fence}ts partial`, // 9
      'chatkit.setOptions({});', // 10
      fence, // 11
      `${fence}typescript`, // 12
      "import { a } from './echo-server.ts';", // 13
      fence, // 14
      `${fence}json`, // 15
      '{}', // 16
      fence, // 17
    ].join('\n');
    const { modules, partial } = docModules(markdown);
    expect(modules.map((module) => module.file)).toEqual(['echo-server.ts', 'block-at-line-13.ts']);
    expect(modules[0]!.code).toBe('// echo-server.ts — the server\nexport const a = 1;\nexport const b = a;');
    expect(partial.map((block) => block.line)).toEqual([10]);
    // Module line 3 is the continued block's first line, Markdown line 7.
    expect(markdownLineOf(modules[0]!, 2)).toBe(3);
    expect(markdownLineOf(modules[0]!, 3)).toBe(7);
    expect(markdownLineOf(modules[1]!, 1)).toBe(13);
  });

  test('a continued block with nothing before it is an error, as is a file name used twice', () => {
    expect(() => docModules(`${fence}ts continued\nconst a = 1;\n${fence}`)).toThrow(/line 2: a "continued" block/);
    const twice = `${fence}ts\n// a.ts\n${fence}\n${fence}ts\n// a.ts\n${fence}`;
    expect(() => docModules(twice)).toThrow(/a\.ts/);
  });
});

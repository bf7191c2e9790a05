/**
 * The chat element's Markdown rendering in Chromium against inputs that froze or broke the hand-written
 * parser: 20,000 `>` (stack overflow), deeply nested lists, and `*a `, `~~a `, `[` repeated to
 * 60 KB (seconds to tens of seconds). Every one renders, bounded in depth, and the work grows
 * linearly with the input: counted as characters the parser reads and DOM nodes built, never timed.
 * The safety rules (no HTML, inert links and images) hold as before.
 */
import { describe, expect, test } from 'vitest';
import type { ThreadItem } from 'chatkit-local';
import { MAX_DEPTH, renderMarkdown } from '../../src/ui/markdown/index.ts';
import { MessageList } from '../../src/ui/view/message-list.ts';
import type { ItemViewContext } from '../../src/ui/items/index.ts';
import { ENGLISH } from '../../src/ui/strings.ts';

const SIZE = 60_000;

/** Inputs that are hard for a Markdown parser, `size` characters long. */
const PATHOLOGICAL: Record<string, (size: number) => string> = {
  'nested quotes': (size) => '>'.repeat(size),
  'nested quotes, one per line': (size) =>
    Array.from({ length: size / 2 }, (_, i) => '>'.repeat(i % 200) + 'x').join('\n'),
  'nested list markers': (size) => '- '.repeat(size / 2) + 'x',
  'indented list ladder': (size) =>
    Array.from({ length: size / 100 }, (_, i) => `${' '.repeat(Math.min(i * 2, 90))}- item ${i}`).join('\n'),
  'unclosed emphasis': (size) => '*a '.repeat(size / 3),
  'unclosed strikethrough': (size) => '~~a '.repeat(size / 4),
  'open brackets': (size) => '['.repeat(size),
  'mixed emphasis runs': (size) => '**a*'.repeat(size / 4),
  'unclosed links': (size) => '[a]('.repeat(size / 4),
  'open image brackets': (size) => '![['.repeat(size / 3),
  'code span openers': (size) => '`a``'.repeat(size / 4),
};

function depthOf(node: Node): number {
  let deepest = 0;
  const walk: [Node, number][] = [[node, 0]];
  while (walk.length > 0) {
    const [current, depth] = walk.pop()!;
    deepest = Math.max(deepest, depth);
    for (const child of current.childNodes)
      walk.push([child, child.nodeType === Node.ELEMENT_NODE ? depth + 1 : depth]);
  }
  return deepest;
}

function nodeCount(node: Node): number {
  let count = 0;
  const walker = document.createTreeWalker(node);
  while (walker.nextNode()) count += 1;
  return count;
}

/** Characters the parser reads (`charCodeAt` is how markdown-it scans) while rendering `source`. */
function charactersRead(source: string): number {
  // Replaced for the call and put back: the property's own descriptor, not a detached method.
  const original = Object.getOwnPropertyDescriptor(String.prototype, 'charCodeAt')!;
  const read = original.value as (this: string, index: number) => number;
  let reads = 0;
  String.prototype.charCodeAt = function (this: string, index: number) {
    reads += 1;
    return read.call(this, index);
  };
  try {
    renderMarkdown(source);
  } finally {
    Object.defineProperty(String.prototype, 'charCodeAt', original);
  }
  return reads;
}

describe('pathological Markdown', () => {
  for (const [name, make] of Object.entries(PATHOLOGICAL)) {
    test(`${name}: renders, bounded in depth, keeping its text`, () => {
      const source = make(SIZE);
      const fragment = renderMarkdown(source);
      const holder = document.createElement('div');
      holder.append(fragment);
      expect(depthOf(holder)).toBeLessThanOrEqual(MAX_DEPTH + 2);
      expect(holder.textContent.length).toBeGreaterThan(0);
    });

    test(`${name}: work grows linearly with the input`, () => {
      const small = make(SIZE / 4);
      const large = make(SIZE);
      const ratio = large.length / small.length;
      // A quadratic parser would read ~16x more for 4x the input; allow for constant overheads.
      expect(charactersRead(large) / charactersRead(small)).toBeLessThan(ratio * 1.5);
      const holderSmall = document.createElement('div');
      holderSmall.append(renderMarkdown(small));
      const holderLarge = document.createElement('div');
      holderLarge.append(renderMarkdown(large));
      expect(nodeCount(holderLarge)).toBeLessThanOrEqual(nodeCount(holderSmall) * ratio * 1.5 + 10);
    });
  }
});

describe('Markdown stays data', () => {
  test('HTML is text, links are http(s)/mailto only, images only from local data', () => {
    const holder = document.createElement('div');
    holder.append(
      renderMarkdown(
        [
          '<img src=x onerror="window.__xss = 1"> <b>bold?</b>',
          '[click](javascript:window.__xss=2) [ok](https://example.com/a) <mailto:hi@example.com>',
          '![tracker](https://tracker.invalid/p.png) https://example.org/bare',
          '- [x] done',
          '- [ ] not done',
          '',
          '| a | b |',
          '| :-- | --: |',
          '| 1 | 2 |',
          '',
          '```ts',
          'const x = 1;',
          '```',
        ].join('\n'),
      ),
    );
    expect(holder.querySelector('img, b, script')).toBeNull();
    expect(holder.textContent).toContain('<img src=x onerror=');
    expect(holder.querySelector('.md-inert-link')?.textContent).toBe('click');
    expect([...holder.querySelectorAll('a')].map((link) => link.getAttribute('href'))).toEqual([
      'https://example.com/a',
      'mailto:hi@example.com',
      'https://example.org/bare',
    ]);
    expect(holder.querySelector('.md-inert-image')?.textContent).toBe('[image: tracker]');
    expect(holder.querySelectorAll('li.md-task input[type="checkbox"][disabled]')).toHaveLength(2);
    expect(holder.querySelector('td:last-child')?.getAttribute('style')).toContain('text-align: right');
    expect(holder.querySelector('.md-code code.language-ts')?.textContent).toBe('const x = 1;');
  });
});

describe('one item that fails to render', () => {
  test('shows a note and does not hide the items around it', () => {
    const message = (id: string, text: string): ThreadItem => ({
      id,
      thread_id: 't',
      created_at: '2026-01-01T00:00:00Z',
      type: 'assistant_message',
      content: [{ type: 'output_text', text, annotations: [] }],
    });
    const broken = message('b', '');
    Object.defineProperty((broken as { content: { text: string }[] }).content[0]!, 'text', {
      get: () => {
        throw new Error('unreadable');
      },
    });
    const items = [message('a', 'before'), broken, message('c', 'after')];
    const context = {
      theme: 'light',
      strings: ENGLISH,
      locale: 'en',
      pending: false,
      stopped: false,
      busy: false,
      turn: undefined,
      actions: { feedback: true, retry: true },
      expandedLists: new Set<string>(),
      onEntityClick: null,
      feedback: undefined,
      imageProgress: undefined,
      onRetry: () => undefined,
      onFeedback: () => undefined,
      onCopy: () => undefined,
      onWidgetAction: async () => undefined,
      onStructuredInput: () => undefined,
      onOpenAttachment: () => undefined,
    } satisfies ItemViewContext;
    const list = new MessageList({
      contextFor: () => context,
      items: () => items,
      strings: () => ENGLISH,
      onRetryError: () => undefined,
    });
    list.renderAll();
    const views = [...list.element.querySelectorAll('.item')];
    expect(views.map((view) => view.getAttribute('data-item-id'))).toEqual(['a', 'b', 'c']);
    expect(views[0]!.textContent).toContain('before');
    expect(views[1]!.textContent).toContain('could not be displayed');
    expect(views[2]!.textContent).toContain('after');
  });
});

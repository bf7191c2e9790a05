/**
 * Block-level Markdown (the CommonMark/GFM subset chat replies use): paragraphs, ATX headings,
 * fenced code, block quotes, bullet/ordered/task lists, tables and thematic breaks. It builds DOM
 * nodes directly; inline text goes through {@link renderInline}, which only ever creates text nodes
 * and a fixed set of elements. An unfinished construct (an open code fence mid-stream) renders as
 * far as it goes, so a streaming reply can be re-rendered on every delta.
 */
import { h } from '../dom.ts';
import { renderInline } from './inline.ts';

const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?/;
const LIST_ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])([ \t]+|$)(.*)$/;
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const TASK = /^\[([ xX])\][ \t]+/;

/** Renders Markdown `source` into DOM nodes. */
export function renderMarkdown(source: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  renderBlocks(source.replace(/\r\n?/g, '\n').split('\n').map(expandTabs), fragment);
  return fragment;
}

function renderBlocks(lines: string[], parent: Node): void {
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      i = renderFence(lines, i, fence[1]!, fence[2] ?? '', parent);
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1]!.length as 1 | 2 | 3 | 4 | 5 | 6;
      parent.appendChild(h(`h${level}`, null, renderInline(heading[2] ?? '')));
      i += 1;
      continue;
    }
    if (RULE.test(line)) {
      parent.appendChild(h('hr'));
      i += 1;
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) quoted.push(lines[i++]!.replace(QUOTE, ''));
      const blockquote = h('blockquote');
      renderBlocks(quoted, blockquote);
      parent.appendChild(blockquote);
      continue;
    }
    if (LIST_ITEM.test(line)) {
      i = renderList(lines, i, parent);
      continue;
    }
    if (
      line.includes('|') &&
      i + 1 < lines.length &&
      TABLE_DELIMITER.test(lines[i + 1]!) &&
      lines[i + 1]!.includes('-')
    ) {
      i = renderTable(lines, i, parent);
      continue;
    }
    i = renderParagraph(lines, i, parent);
  }
}

function renderFence(lines: string[], start: number, marker: string, language: string, parent: Node): number {
  const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
  const body: string[] = [];
  let i = start + 1;
  while (i < lines.length && !close.test(lines[i]!)) body.push(lines[i++]!);
  const code = h('code', language ? { class: `language-${language}` } : null, body.join('\n'));
  parent.appendChild(
    h(
      'div',
      { class: 'md-code' },
      h(
        'div',
        { class: 'md-code-bar' },
        h('span', { class: 'md-code-lang' }, language || 'text'),
        h(
          'button',
          {
            type: 'button',
            class: 'md-code-copy',
            'aria-label': 'Copy code',
            onclick: () => copyText(body.join('\n')),
          },
          'Copy',
        ),
      ),
      h('pre', null, code),
    ),
  );
  return i + 1; // past the closing fence (or the end)
}

function renderParagraph(lines: string[], start: number, parent: Node): number {
  const text: string[] = [];
  let i = start;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) break;
    if (i > start && startsBlock(line)) break;
    text.push(line.replace(/^[ \t]+/, ''));
    i += 1;
  }
  parent.appendChild(h('p', null, renderInline(text.join('\n').replace(/[ \t]+$/, ''))));
  return i;
}

/** Whether `line` interrupts a paragraph. */
function startsBlock(line: string): boolean {
  if (FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line)) return true;
  const item = LIST_ITEM.exec(line);
  // As in CommonMark, only an ordered list starting at 1 interrupts a paragraph ("in 2024. we...").
  return !!item && item[4] !== '' && (!/^\d/.test(item[2]!) || /^1[.)]$/.test(item[2]!));
}

function renderList(lines: string[], start: number, parent: Node): number {
  const first = LIST_ITEM.exec(lines[start]!)!;
  const ordered = /^\d/.test(first[2]!);
  const delimiter = first[2]!.slice(-1);
  const list = ordered ? h('ol') : h('ul');
  if (ordered) {
    const number = Number.parseInt(first[2]!, 10);
    if (number !== 1) list.setAttribute('start', String(number));
  }
  let i = start;
  while (i < lines.length) {
    const match = LIST_ITEM.exec(lines[i]!);
    if (!match || /^\d/.test(match[2]!) !== ordered || match[2]!.slice(-1) !== delimiter) break;
    const spaces = match[3]!.length;
    const contentIndent = match[1]!.length + match[2]!.length + (spaces === 0 || spaces > 4 ? 1 : spaces);
    const body = [spaces > 4 ? `${' '.repeat(spaces - 1)}${match[4]}` : match[4]!];
    i += 1;
    while (i < lines.length) {
      const line = lines[i]!;
      if (isBlank(line)) {
        const next = lines.slice(i + 1).find((candidate) => !isBlank(candidate));
        if (next === undefined || indentOf(next) < contentIndent) break;
        body.push('');
        i += 1;
        continue;
      }
      if (indentOf(line) >= contentIndent) {
        body.push(line.slice(contentIndent));
        i += 1;
        continue;
      }
      if (LIST_ITEM.test(line) || startsBlock(line) || isBlank(lines[i - 1]!)) break;
      body.push(line.trim()); // a lazy continuation of the item's paragraph
      i += 1;
    }
    list.appendChild(renderListItem(body));
    // A blank line between items keeps the list going only if another item follows.
    while (i < lines.length && isBlank(lines[i]!)) {
      const next = lines.slice(i).find((candidate) => !isBlank(candidate));
      if (!next || !LIST_ITEM.test(next)) break;
      i += 1;
    }
  }
  parent.appendChild(list);
  return i;
}

function renderListItem(body: string[]): HTMLLIElement {
  const item = h('li');
  const task = TASK.exec(body[0] ?? '');
  if (task) {
    item.className = 'md-task';
    item.appendChild(
      h('input', {
        type: 'checkbox',
        disabled: true,
        checked: task[1] !== ' ',
        'aria-label': task[1] !== ' ' ? 'done' : 'not done',
      }),
    );
    body[0] = body[0]!.slice(task[0].length);
  }
  renderBlocks(body, item);
  return item;
}

function renderTable(lines: string[], start: number, parent: Node): number {
  const header = splitRow(lines[start]!);
  const align = splitRow(lines[start + 1]!).map((cell) => {
    const left = cell.startsWith(':');
    const right = cell.endsWith(':');
    return left && right ? 'center' : right ? 'right' : left ? 'left' : null;
  });
  const row = (cells: string[], tag: 'th' | 'td') =>
    h(
      'tr',
      null,
      header.map((_, column) => {
        const alignment = align[column];
        const cell = h(tag, null, renderInline(cells[column] ?? ''));
        if (alignment) cell.style.textAlign = alignment; // a style property, not a style attribute: allowed by the page's CSP
        return cell;
      }),
    );
  const body = h('tbody');
  let i = start + 2;
  while (i < lines.length && !isBlank(lines[i]!) && lines[i]!.includes('|') && !startsBlock(lines[i]!)) {
    body.appendChild(row(splitRow(lines[i]!), 'td'));
    i += 1;
  }
  parent.appendChild(h('div', { class: 'md-table' }, h('table', null, h('thead', null, row(header, 'th')), body)));
  return i;
}

/** The cells of a table row: outer pipes dropped, split on unescaped pipes. */
function splitRow(line: string): string[] {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\' && text[i + 1] === '|') {
      cell += '|';
      i += 1;
    } else if (char === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  cells.push(cell.trim());
  return cells;
}

function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}

function indentOf(line: string): number {
  return /^ */.exec(line)![0].length;
}

function expandTabs(line: string): string {
  return line.replace(/^\t+/, (tabs) => '    '.repeat(tabs.length));
}

function copyText(text: string): void {
  void navigator.clipboard?.writeText(text).catch(() => undefined);
}

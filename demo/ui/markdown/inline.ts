/**
 * Inline Markdown: code spans, emphasis (`*`/`_`), strong, strikethrough (`~~`), links, images,
 * autolinks, bare URLs, backslash escapes, a few character references and line breaks. Raw HTML is
 * not a construct here: `<img onerror=…>` stays the literal text it is. Links keep an `href` only
 * when {@link safeLinkHref} allows the scheme; images load only from `data:` URLs.
 */
import { h } from '../dom.ts';
import { safeImageSrc, safeLinkHref } from '../urls.ts';

const PUNCTUATION = /[!-/:-@[-`{-~]/;
const AUTOLINK = /^<((?:https?|mailto):[^\s<>]+)>/i;
const EMAIL_AUTOLINK = /^<([a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+)>/i;
const BARE_URL = /^https?:\/\/[^\s<]+/i;
const ENTITY = /^&(#\d{1,7}|#x[0-9a-f]{1,6}|amp|lt|gt|quot|apos|nbsp|copy|mdash|ndash|hellip);/i;
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  mdash: '—',
  ndash: '–',
  hellip: '…',
};

/** Renders inline Markdown into a fragment. */
export function renderInline(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  parseInto(text, fragment, false);
  return fragment;
}

function parseInto(text: string, parent: Node, insideLink: boolean): void {
  let buffer = '';
  const flush = () => {
    if (buffer) parent.appendChild(document.createTextNode(buffer));
    buffer = '';
  };
  const emit = (node: Node) => {
    flush();
    parent.appendChild(node);
  };

  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    const rest = text.slice(i);

    if (char === '\\') {
      const next = text[i + 1];
      if (next === '\n') {
        emit(h('br'));
        i += 2;
        continue;
      }
      if (next !== undefined && PUNCTUATION.test(next)) {
        buffer += next;
        i += 2;
        continue;
      }
    }

    if (char === '`') {
      const run = /^`+/.exec(rest)![0];
      const end = findRun(text, '`', run.length, i + run.length);
      if (end >= 0) {
        let code = text.slice(i + run.length, end).replace(/\n/g, ' ');
        if (/^ .*[^ ].* $/.test(code)) code = code.slice(1, -1);
        emit(h('code', null, code));
        i = end + run.length;
      } else {
        buffer += run;
        i += run.length;
      }
      continue;
    }

    if (char === '!' && text[i + 1] === '[') {
      const link = parseLink(text, i + 1);
      if (link) {
        emit(imageNode(link.label, link.destination));
        i = link.end;
        continue;
      }
    }

    if (char === '[' && !insideLink) {
      const link = parseLink(text, i);
      if (link) {
        emit(linkNode(link.label, link.destination, link.title));
        i = link.end;
        continue;
      }
    }

    if (char === '<') {
      const auto = AUTOLINK.exec(rest) ?? EMAIL_AUTOLINK.exec(rest);
      if (auto && !insideLink) {
        const target = auto[1]!.includes(':') ? auto[1]! : `mailto:${auto[1]}`;
        emit(linkNode(auto[1]!, target, null));
        i += auto[0].length;
        continue;
      }
    }

    if ((char === 'h' || char === 'H') && !insideLink && (i === 0 || /[\s(*_~]/.test(text[i - 1]!))) {
      const bare = BARE_URL.exec(rest);
      if (bare) {
        const url = trimUrl(bare[0]);
        emit(linkNode(url, url, null));
        i += url.length;
        continue;
      }
    }

    if (char === '&') {
      const entity = ENTITY.exec(rest);
      if (entity) {
        buffer += decodeEntity(entity[1]!);
        i += entity[0].length;
        continue;
      }
    }

    if (char === '*' || char === '_' || char === '~') {
      const emphasis = parseEmphasis(text, i, insideLink);
      if (emphasis) {
        emit(emphasis.node);
        i = emphasis.end;
      } else {
        const run = new RegExp(`^\\${char}+`).exec(rest)![0];
        buffer += run;
        i += run.length;
      }
      continue;
    }

    if (char === '\n') {
      emit(h('br'));
      i += 1;
      continue;
    }

    buffer += char;
    i += 1;
  }
  flush();
}

/** `**strong**`, `*em*`, `***both***`, `~~del~~` (and the `_` forms) starting at `start`. */
function parseEmphasis(text: string, start: number, insideLink: boolean): { node: Node; end: number } | null {
  const char = text[start]!;
  const run = new RegExp(`^\\${char}+`).exec(text.slice(start))![0].length;
  if (char === '~' && run !== 2) return null;
  const size = char === '~' ? 2 : Math.min(run, 3);
  const after = text[start + size];
  if (after === undefined || /\s/.test(after)) return null;
  if (char === '_' && start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1]!)) return null; // snake_case_words
  const close = findCloser(text, char, size, start + size);
  if (close < 0) return null;
  const inner = document.createDocumentFragment();
  parseInto(text.slice(start + size, close), inner, insideLink);
  let node: Node;
  if (char === '~') node = h('del', null, inner);
  else if (size === 1) node = h('em', null, inner);
  else if (size === 2) node = h('strong', null, inner);
  else node = h('strong', null, h('em', null, inner));
  return { node, end: close + size };
}

/** The index of a closing delimiter run of exactly `size` chars, skipping code spans; -1 if none. */
function findCloser(text: string, char: string, size: number, from: number): number {
  let i = from;
  while (i < text.length) {
    const current = text[i]!;
    if (current === '\\') {
      i += 2;
      continue;
    }
    if (current === '`') {
      const run = /^`+/.exec(text.slice(i))![0].length;
      const end = findRun(text, '`', run, i + run);
      i = end >= 0 ? end + run : i + run;
      continue;
    }
    if (current === char) {
      const run = new RegExp(`^\\${char}+`).exec(text.slice(i))![0].length;
      const before = text[i - 1]!;
      const next = text[i + run];
      const closes = !/\s/.test(before) && (char !== '_' || next === undefined || !/[\p{L}\p{N}]/u.test(next));
      if (closes && (run === size || (size < 3 && run === 3))) return i + (run === 3 && size < 3 ? 3 - size : 0);
      i += run;
      continue;
    }
    i += 1;
  }
  return -1;
}

/** The start of the next run of exactly `length` `char`s at or after `from`; -1 if none. */
function findRun(text: string, char: string, length: number, from: number): number {
  let i = from;
  while (i < text.length) {
    if (text[i] === char) {
      let j = i;
      while (text[j] === char) j += 1;
      if (j - i === length) return i;
      i = j;
    } else {
      i += 1;
    }
  }
  return -1;
}

interface ParsedLink {
  label: string;
  destination: string;
  title: string | null;
  end: number;
}

/** `[label](destination "title")` starting at the `[` at `start`. */
function parseLink(text: string, start: number): ParsedLink | null {
  let depth = 0;
  let i = start;
  for (; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      i += 1;
    } else if (char === '`') {
      const run = /^`+/.exec(text.slice(i))![0].length;
      const end = findRun(text, '`', run, i + run);
      if (end >= 0) i = end + run - 1;
    } else if (char === '[') {
      depth += 1;
    } else if (char === ']') {
      depth -= 1;
      if (depth === 0) break;
    }
  }
  if (depth !== 0 || text[i + 1] !== '(') return null;
  const label = text.slice(start + 1, i);
  let j = i + 2;
  while (text[j] === ' ') j += 1;
  let destination = '';
  if (text[j] === '<') {
    const close = text.indexOf('>', j);
    if (close < 0) return null;
    destination = text.slice(j + 1, close);
    j = close + 1;
  } else {
    let parens = 0;
    while (j < text.length) {
      const char = text[j]!;
      if (char === '\\' && j + 1 < text.length) {
        destination += text[j + 1];
        j += 2;
        continue;
      }
      if (/\s/.test(char)) break;
      if (char === '(') parens += 1;
      if (char === ')') {
        if (parens === 0) break;
        parens -= 1;
      }
      destination += char;
      j += 1;
    }
  }
  while (text[j] === ' ') j += 1;
  let title: string | null = null;
  const quote = text[j];
  if (quote === '"' || quote === "'") {
    const close = text.indexOf(quote, j + 1);
    if (close < 0) return null;
    title = text.slice(j + 1, close);
    j = close + 1;
    while (text[j] === ' ') j += 1;
  }
  if (text[j] !== ')') return null;
  return { label, destination, title, end: j + 1 };
}

/** A link, or inert text when its scheme is not allowed. */
function linkNode(label: string, destination: string, title: string | null): Node {
  const content = document.createDocumentFragment();
  parseInto(label, content, true);
  const href = safeLinkHref(destination);
  if (!href) {
    return h(
      'span',
      { class: 'md-inert-link', title: 'Link not opened: only http, https and mailto links are allowed' },
      content,
    );
  }
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow', title: title ?? href }, content);
}

/** An image from a `data:` URL; anything else becomes a labelled placeholder (nothing is fetched). */
function imageNode(alt: string, source: string): Node {
  const src = safeImageSrc(source);
  if (!src)
    return h(
      'span',
      { class: 'md-inert-image', title: 'Image not loaded: it is not stored in this page' },
      `[image: ${alt || 'untitled'}]`,
    );
  const image = h('img', { alt, loading: 'lazy' });
  image.src = src;
  return image;
}

/** Drops trailing punctuation from a bare URL (keeps a closing paren that has its opener). */
function trimUrl(url: string): string {
  let end = url.length;
  while (end > 0) {
    const last = url[end - 1]!;
    if (/[.,;:!?'"*_~]/.test(last)) {
      end -= 1;
    } else if (
      last === ')' &&
      (url.slice(0, end).match(/\(/g)?.length ?? 0) < (url.slice(0, end).match(/\)/g)?.length ?? 0)
    ) {
      end -= 1;
    } else {
      break;
    }
  }
  return url.slice(0, end);
}

function decodeEntity(name: string): string {
  if (name[0] === '#') {
    const code =
      name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
  }
  return NAMED_ENTITIES[name.toLowerCase()] ?? `&${name};`;
}

/**
 * markdown-it tokens to DOM nodes, without ever parsing HTML: each token type maps to one element
 * from a fixed set, and text goes in as text nodes. The walk is a loop with its own stack (never
 * recursion) and stops nesting elements at {@link MAX_DEPTH}: deeper content is added, flattened,
 * to the deepest element, so no input can overflow the stack or build a DOM thousands deep, whatever
 * the parser returns. Links keep an `href` only when {@link safeLinkHref} allows the scheme; images
 * load only from the URLs {@link safeImageSrc} allows (nothing is fetched from another host).
 */
import type { Token } from 'markdown-it';
import { h } from '../dom.ts';
import { format, type ChatKitLocalStrings } from '../strings.ts';
import { safeImageSrc, safeLinkHref } from '../urls.ts';

/** The deepest the rendered elements nest (block quotes, lists, emphasis...). */
export const MAX_DEPTH = 16;

const TASK = /^\[([ xX])\][ \t]+/;
const ALIGN = /text-align:\s*(left|center|right)/;

/** Appends the DOM for `tokens` (a markdown-it block token stream) to `root`. */
export function renderTokens(tokens: Token[], root: Node, strings: ChatKitLocalStrings): void {
  // Open elements; null marks one not created (the depth cap, or a hidden paragraph), whose
  // content goes to the nearest created element below it, kept in `parents`.
  const stack: (HTMLElement | null)[] = [];
  const parents: Node[] = [root];
  const parent = () => parents[parents.length - 1]!;
  const depth = () => parents.length - 1;
  const push = (element: HTMLElement | null, container: HTMLElement | null = element) => {
    if (element) parent().appendChild(container ?? element);
    if (element) parents.push(element);
    stack.push(element);
  };
  const open = (make: () => HTMLElement) => push(depth() < MAX_DEPTH ? make() : null);
  const close = () => {
    if (stack.pop()) parents.pop();
  };

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    switch (token.type) {
      case 'inline':
        renderInline(token.children ?? [], parent(), depth(), strings);
        break;
      case 'paragraph_open':
        // A tight list's paragraphs are hidden: their text goes straight into the list item.
        if (token.hidden) push(null);
        else open(() => h('p'));
        break;
      case 'heading_open':
        open(() => h(headingTag(token.tag)));
        break;
      case 'blockquote_open':
        open(() => h('blockquote'));
        break;
      case 'bullet_list_open':
        open(() => h('ul'));
        break;
      case 'ordered_list_open': {
        const start = Number(attribute(token, 'start') || 1);
        open(() => (Number.isSafeInteger(start) && start !== 1 ? h('ol', { start }) : h('ol')));
        break;
      }
      case 'list_item_open':
        open(() => listItem(tokens, index, strings));
        break;
      case 'table_open': {
        // The table is the element to fill; its scrolling wrapper is what goes in the parent.
        const table = depth() < MAX_DEPTH ? h('table') : null;
        push(table, table && h('div', { class: 'md-table' }, table));
        break;
      }
      case 'thead_open':
        open(() => h('thead'));
        break;
      case 'tbody_open':
        open(() => h('tbody'));
        break;
      case 'tr_open':
        open(() => h('tr'));
        break;
      case 'th_open':
      case 'td_open':
        open(() => {
          const cell = h(token.type === 'th_open' ? 'th' : 'td');
          const align = ALIGN.exec(attribute(token, 'style'));
          if (align) cell.style.textAlign = align[1]!; // a style property, not an attribute: allowed by the page's CSP
          return cell;
        });
        break;
      case 'paragraph_close':
      case 'heading_close':
      case 'blockquote_close':
      case 'bullet_list_close':
      case 'ordered_list_close':
      case 'list_item_close':
      case 'table_close':
      case 'thead_close':
      case 'tbody_close':
      case 'tr_close':
      case 'th_close':
      case 'td_close':
        close();
        break;
      case 'hr':
        if (depth() < MAX_DEPTH) parent().appendChild(h('hr'));
        break;
      case 'fence':
      case 'code_block':
        parent().appendChild(
          codeBlock(token.content.replace(/\n$/, ''), token.info.trim().split(/\s+/)[0] ?? '', strings),
        );
        break;
      default:
        // Anything else (html_block cannot occur with HTML off) shows as its source text.
        if (token.content) parent().appendChild(document.createTextNode(token.content));
    }
  }
}

/** Inline tokens into `root`, nesting up to {@link MAX_DEPTH} counting the `baseDepth` levels above. */
function renderInline(tokens: Token[], root: Node, baseDepth: number, strings: ChatKitLocalStrings): void {
  const stack: (HTMLElement | null)[] = [];
  const parents: Node[] = [root];
  const parent = () => parents[parents.length - 1]!;
  const open = (make: () => HTMLElement) => {
    const element = baseDepth + parents.length - 1 < MAX_DEPTH ? make() : null;
    if (element) {
      parent().appendChild(element);
      parents.push(element);
    }
    stack.push(element);
  };
  const close = () => {
    if (stack.pop()) parents.pop();
  };

  for (const token of tokens) {
    switch (token.type) {
      case 'text':
        parent().appendChild(document.createTextNode(token.content));
        break;
      case 'softbreak':
      case 'hardbreak':
        parent().appendChild(h('br'));
        break;
      case 'code_inline':
        parent().appendChild(h('code', null, token.content));
        break;
      case 'em_open':
        open(() => h('em'));
        break;
      case 'strong_open':
        open(() => h('strong'));
        break;
      case 's_open':
        open(() => h('del'));
        break;
      case 'link_open':
        open(() => linkElement(attribute(token, 'href'), attribute(token, 'title') || null, strings));
        break;
      case 'em_close':
      case 'strong_close':
      case 's_close':
      case 'link_close':
        close();
        break;
      case 'image':
        parent().appendChild(imageElement(attribute(token, 'src'), plainText(token.children ?? []), strings));
        break;
      default:
        if (token.content) parent().appendChild(document.createTextNode(token.content));
    }
  }
}

/** A token attribute as text ('' when absent). */
function attribute(token: Token, name: string): string {
  const value = token.attrGet(name);
  return value === null ? '' : String(value);
}

function headingTag(tag: string): 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' {
  return (['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).find((candidate) => candidate === tag) ?? 'h6';
}

/** A list item; a GFM task item (`[ ]` / `[x]`) gets a disabled checkbox instead of its marker text. */
function listItem(tokens: Token[], index: number, strings: ChatKitLocalStrings): HTMLLIElement {
  const item = h('li');
  const inline = tokens[index + 1]?.type === 'paragraph_open' ? tokens[index + 2] : undefined;
  const first = inline?.type === 'inline' ? inline.children?.[0] : undefined;
  const task = first?.type === 'text' ? TASK.exec(first.content) : null;
  if (task && first) {
    const done = task[1] !== ' ';
    item.className = 'md-task';
    item.appendChild(
      h('input', {
        type: 'checkbox',
        disabled: true,
        checked: done,
        'aria-label': done ? strings.taskDone : strings.taskNotDone,
      }),
    );
    first.content = first.content.slice(task[0].length);
  }
  return item;
}

/**
 * A link; a `chatkit-link://name?key=value` deeplink, a button the element turns into a
 * `chatkit.deeplink` event; or an inert span when the scheme is not allowed.
 */
function linkElement(destination: string, title: string | null, strings: ChatKitLocalStrings): HTMLElement {
  if (/^chatkit-link:\/\/[^\s]+$/i.test(destination.trim())) {
    return h('button', { type: 'button', class: 'md-deeplink', 'data-deeplink': destination.trim() });
  }
  const href = safeLinkHref(destination);
  if (!href) return h('span', { class: 'md-inert-link', title: strings.linkRefused });
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow', title: title ?? href });
}

/** An image from an allowed URL; anything else becomes a labelled placeholder (nothing is fetched). */
function imageElement(source: string, alt: string, strings: ChatKitLocalStrings): HTMLElement {
  const src = safeImageSrc(source);
  if (!src) {
    return h(
      'span',
      { class: 'md-inert-image', title: strings.imageNotLoaded },
      format(strings.imagePlaceholder, { alt: alt || strings.untitledImage }),
    );
  }
  const image = h('img', { alt, loading: 'lazy' });
  image.src = src;
  return image;
}

/** The text of inline tokens (an image's alt text). */
function plainText(tokens: Token[]): string {
  return tokens.map((token) => (token.children ? plainText(token.children) : token.content)).join('');
}

/** A code block with its language and a copy button. */
function codeBlock(text: string, language: string, strings: ChatKitLocalStrings): HTMLElement {
  const code = h('code', language ? { class: `language-${language}` } : null, text);
  return h(
    'div',
    { class: 'md-code' },
    h(
      'div',
      { class: 'md-code-bar' },
      h('span', { class: 'md-code-lang' }, language || 'text'),
      h(
        'button',
        { type: 'button', class: 'md-code-copy', 'aria-label': strings.copyCode, onclick: () => copyText(text) },
        strings.copy,
      ),
    ),
    h('pre', null, code),
  );
}

function copyText(text: string): void {
  void navigator.clipboard?.writeText(text).catch(() => undefined);
}

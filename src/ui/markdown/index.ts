/**
 * Markdown to DOM for messages, notices, task text and Markdown widgets. markdown-it parses
 * (CommonMark + GFM tables and strikethrough, linear in the input, nesting capped); our own walk
 * builds the nodes (never HTML, depth capped again, links limited to http(s)/mailto, images to
 * local data). A message that still fails to render shows as its plain text, never as nothing.
 */
import { ENGLISH, type ChatKitLocalStrings } from '../strings.ts';
import { markdownParser } from './parser.ts';
import { renderTokens } from './render.ts';
import { capLineNesting } from './nesting.ts';

export { MAX_DEPTH } from './render.ts';

/** Renders Markdown `source` into DOM nodes; `strings` label what the renderer adds (copy buttons...). */
export function renderMarkdown(source: string, strings: ChatKitLocalStrings = ENGLISH): DocumentFragment {
  const fragment = document.createDocumentFragment();
  try {
    renderTokens(markdownParser.parse(capLineNesting(source), {}), fragment, strings);
  } catch {
    fragment.replaceChildren(document.createTextNode(source));
  }
  return fragment;
}

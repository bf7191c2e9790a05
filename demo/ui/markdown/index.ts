/**
 * A small Markdown renderer that builds DOM nodes and never parses HTML: no message text can become
 * markup, script or a request. Written for this demo instead of taking a library because the subset
 * chat replies need is small, and building nodes (rather than sanitising an HTML string) makes the
 * safety property hold by construction.
 */
export { renderMarkdown } from './blocks.ts';
export { renderInline } from './inline.ts';

/**
 * The Markdown parser: markdown-it, a maintained CommonMark + GFM (tables, strikethrough) parser
 * whose run time grows linearly with the input and which caps nesting itself (`maxNesting`). Raw
 * HTML is off (it stays text), bare http(s) URLs become links, and single newlines are line breaks
 * as in chat. It only tokenizes: {@link renderTokens} builds the DOM, and it alone decides which
 * links and images are allowed, so every link is let through as a token here.
 */
import MarkdownIt from 'markdown-it';

/** How deep markdown-it nests blocks and inline spans before treating the rest as plain content. */
export const PARSER_MAX_NESTING = 20;

/** The shared parser instance (stateless between calls). */
export const markdownParser = new MarkdownIt('default', {
  html: false,
  linkify: true,
  breaks: true,
  typographer: false,
  maxNesting: PARSER_MAX_NESTING,
});
// Only explicit URLs become links: no guessing "example.com" or "a@b.c" in plain words.
markdownParser.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
// markdown-it drops links it finds unsafe and prints their source; the renderer shows them as inert
// links instead (the same rule as everywhere in the UI), so the parser accepts every destination.
markdownParser.validateLink = () => true;

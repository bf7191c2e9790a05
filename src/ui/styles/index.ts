/**
 * The element's styles, one module per area, adopted by its shadow root as one constructed
 * stylesheet (shared by every instance, parsed once).
 *
 * The CSS lives in TypeScript strings rather than `.css` files so that the compiled package needs no
 * bundler: `tsc` output imports nothing but JavaScript, and any bundler (or none) can load it.
 */
import { composerCss } from './composer.ts';
import { dialogsCss } from './dialogs.ts';
import { layoutCss } from './layout.ts';
import { messagesCss } from './messages.ts';
import { themeCss } from './theme.ts';
import { widgetsCss } from './widgets.ts';

let sheet: CSSStyleSheet | null = null;

/** The stylesheet for `adoptedStyleSheets`. */
export function stylesheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync([themeCss, layoutCss, messagesCss, composerCss, widgetsCss, dialogsCss].join('\n'));
  }
  return sheet;
}

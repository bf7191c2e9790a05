/**
 * The element's styles, one file per area, adopted by its shadow root as one constructed
 * stylesheet (shared by every instance, parsed once).
 */
import theme from './theme.css?inline';
import layout from './layout.css?inline';
import messages from './messages.css?inline';
import composer from './composer.css?inline';
import widgets from './widgets.css?inline';
import dialog from './dialog.css?inline';

let sheet: CSSStyleSheet | null = null;

/** The stylesheet for `adoptedStyleSheets`. */
export function stylesheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync([theme, layout, messages, composer, widgets, dialog].join('\n'));
  }
  return sheet;
}

/** The widget shapes the widget helpers accept. */
import type { WIDGET_ROOT_TYPES, WidgetComponent, WidgetRoot } from '../protocol/widgets.ts';

/**
 * A widget root as JSON: a loose wire root, a strict one from the builders, or a template's output.
 * `children` may be left out (the protocol's inferred `WidgetRoot` type insists on the key).
 */
export type WidgetRootJson = WidgetComponent & { type: (typeof WIDGET_ROOT_TYPES)[number] };

/**
 * The same root as the protocol types it. The two differ only in whether an absent `children` key
 * is spelled out, which the wire cannot tell apart.
 */
export function asWireRoot(root: WidgetRootJson): WidgetRoot {
  return root;
}

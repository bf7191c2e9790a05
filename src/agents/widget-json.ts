/** Widget JSON as the model sees it: compact, with null props left out (the Python SDK's `exclude_none`). */
import type { WidgetRoot } from '../protocol/widgets.ts';

/** `widget` as compact JSON without null-valued props (nulls inside arrays are data and stay). */
export function widgetJsonForModel(widget: WidgetRoot): string {
  return JSON.stringify(widget, (_key, value: unknown) => (value === null ? undefined : value));
}

/**
 * Widget helpers: typed builders for widget JSON, `diffWidget` (the updates between two renderings)
 * `streamWidget` (the stream events that show a widget, finished or changing) and `WidgetTemplate`
 * (`.widget` files).
 */
export * from './builders.ts';
export { diffWidget, type WidgetRootReplace, type WidgetTextDelta } from './diff.ts';
export { streamWidget, type StreamWidgetOptions, type WidgetStreamEvent } from './stream.ts';
export type { WidgetRootJson } from './types.ts';
export { UndefinedError, WidgetTemplate, type WidgetDefinition } from './template.ts';
export { defineAction, type ActionDefinition, type ActionOptions, type PayloadValidator } from './actions.ts';

/**
 * `diffWidget`: the updates that turn one rendering of a widget into the next, as the Python SDK's
 * `diff_widget` computes them. Either the text of streaming `Text`/`Markdown` components grew (one
 * `widget.streaming_text.value_delta` per component with an `id`), or anything else changed and the
 * whole root is replaced (`widget.root.updated`). `widget.component.updated` is never produced.
 *
 * Unlike the SDK, a null prop and an absent one are the same here (both are absent on the wire), and
 * a prop present on one side only is a change (the SDK raises for template-built widgets).
 */
import { sameJson } from '../protocol/same-json.ts';
import type { ThreadItemUpdate } from '../protocol/updates.ts';
import type { WidgetComponent } from '../protocol/widgets.ts';
import { asWireRoot, type WidgetRootJson } from './types.ts';

/** A `widget.streaming_text.value_delta` update. */
export type WidgetTextDelta = Extract<ThreadItemUpdate, { type: 'widget.streaming_text.value_delta' }>;
/** A `widget.root.updated` update. */
export type WidgetRootReplace = Extract<ThreadItemUpdate, { type: 'widget.root.updated' }>;

/** A component whose text can stream: a `Text` or `Markdown` whose `value` is a string. */
type StreamingText = WidgetComponent & { value: string };

/**
 * The updates from `before` to `after`: `[]` when nothing changed, one `widget.root.updated` when
 * anything but streaming text changed, otherwise one text delta per streaming component whose value
 * grew (`done` is true unless the new component has `streaming: true`).
 * @throws {Error} when a streaming text's id was not in `before`, or its value was not appended to.
 */
export function diffWidget(before: WidgetRootJson, after: WidgetRootJson): ThreadItemUpdate[] {
  if (needsFullReplace(before, after)) {
    const replace: WidgetRootReplace = { type: 'widget.root.updated', widget: asWireRoot(after) };
    return [replace];
  }
  return streamingTextDeltas(before, after);
}

function isStreamingText(component: WidgetComponent): component is StreamingText {
  return (component.type === 'Text' || component.type === 'Markdown') && typeof component.value === 'string';
}

function isComponent(value: unknown): value is WidgetComponent {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

/**
 * Whether `after` differs from `before` in anything but text appended to a streaming `Text` or
 * `Markdown`: its type, id, key, any other prop, or any child (compared in order; a child added or
 * removed is a difference).
 */
export function needsFullReplace(before: WidgetComponent, after: WidgetComponent): boolean {
  const appendOnly = isStreamingText(before) && isStreamingText(after);
  for (const prop of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = before[prop];
    const now = after[prop];
    // Appending to a streaming text is what the value deltas are for.
    if (prop === 'value' && appendOnly && (now as string).startsWith(was as string)) continue;
    if (prop === 'children' ? childrenDiffer(was, now) : !sameJson(was, now)) return true;
  }
  return false;
}

/** `children` hold components (which may themselves stream) in a list, or one of them (`Transition`). */
function childrenDiffer(was: unknown, now: unknown): boolean {
  if (Array.isArray(was) && Array.isArray(now)) {
    return was.length !== now.length || was.some((child, index) => childrenDiffer(child, now[index]));
  }
  if (isComponent(was) && isComponent(now)) return needsFullReplace(was, now);
  return !sameJson(was, now);
}

/**
 * The value deltas of the streaming texts of `after` that have an id, for trees that differ in
 * nothing else. `diffWidget` only calls it after `needsFullReplace` said no, which already rules out
 * both errors below; they guard the invariants the client relies on.
 * @throws {Error} when an id of `after` is not in `before`, or a value is not `before`'s value with
 *   text appended (the SDK's messages).
 */
export function streamingTextDeltas(before: WidgetComponent, after: WidgetComponent): WidgetTextDelta[] {
  const previous = streamingTextsById(before);
  const deltas: WidgetTextDelta[] = [];
  for (const [id, node] of streamingTextsById(after)) {
    const old = previous.get(id);
    if (!old) {
      throw new Error(
        `Node ${id} was not present when the widget was initially rendered. All nodes with ID must persist across all widget updates.`,
      );
    }
    if (old.value === node.value) continue;
    if (!node.value.startsWith(old.value)) {
      throw new Error(
        `Node ${id} was updated with a new value that is not a prefix of the initial value. All widget updates must be cumulative.`,
      );
    }
    deltas.push({
      type: 'widget.streaming_text.value_delta',
      component_id: id,
      delta: node.value.slice(old.value.length),
      done: !node.streaming,
    });
  }
  return deltas;
}

/**
 * Streaming texts with a (non-empty) id, in tree order; a repeated id keeps its first place and its
 * last component, as the SDK's dict does.
 */
function streamingTextsById(root: WidgetComponent): Map<string, StreamingText> {
  const found = new Map<string, StreamingText>();
  const visit = (component: WidgetComponent): void => {
    if (isStreamingText(component) && typeof component.id === 'string' && component.id !== '') {
      found.set(component.id, component);
    }
    const { children } = component;
    // The SDK only walks lists here; a single child (`Transition`) is walked too, so text streams there.
    if (Array.isArray(children)) children.forEach(visit);
    else if (isComponent(children)) visit(children);
  };
  visit(root);
  return found;
}

/**
 * Applying the `update` of a `thread.item.updated` event to an item: the one definition the server
 * (its copy of the items in flight, for cancellation) and a UI (what it shows while a reply streams)
 * both use. Pure: the item passed in is never changed, and no schema code is loaded (types only), so
 * a page bundle pays only for this file.
 *
 * What each update does, as the Python SDK applies it:
 * - `assistant_message.content_part.*`: the content list is first padded with empty text parts up to
 *   `content_index`; `added` and `done` replace the part, `text_delta` appends to its text, and
 *   `annotation_added` inserts at `annotation_index` (appended when the index is past the end).
 * - `workflow.task.added` appends the task, whatever `task_index` says (the SDK ignores it there).
 * - `workflow.task.updated` replaces the task at `task_index`, which must exist: an index outside the
 *   tasks is a {@link RangeError} (the Python SDK's `IndexError`, which its server turns into an
 *   `error` event without sending the update). Negative indexes are out of range too: Python would
 *   count them from the end, but ChatKit's clients index arrays with them, so none could apply it.
 * - `widget.streaming_text.value_delta` appends to the `value` of the component with that `id` (and
 *   keeps `streaming` set until `done`); `widget.component.updated` replaces that component;
 *   `widget.root.updated` replaces the whole widget.
 * - `generated_image.updated` replaces the image.
 *
 * An update meant for another kind of item (a text delta for a workflow, say) leaves the item as it
 * is. A negative `content_index` is a {@link RangeError}, for the same reason as a task index.
 */
import type { AssistantMessageContent, ThreadItem } from './items.ts';
import type { ThreadItemUpdate } from './updates.ts';
import type { WidgetComponent, WidgetRoot } from './widgets.ts';

/**
 * The item after `update`; `item` is not changed. The result may share unchanged parts (and the
 * objects the update carries) with its inputs: copy the update first when either side may later
 * be changed in place.
 * @param item the item the update names (`item_id`)
 * @param update the event's `update`
 * @throws {RangeError} for a negative `content_index`, or a `workflow.task.updated` whose
 *   `task_index` names no task.
 */
export function applyThreadItemUpdate<T extends ThreadItem>(item: T, update: ThreadItemUpdate): T;
export function applyThreadItemUpdate(item: ThreadItem, update: ThreadItemUpdate): ThreadItem {
  switch (update.type) {
    case 'assistant_message.content_part.added':
    case 'assistant_message.content_part.done': {
      if (item.type !== 'assistant_message') return item;
      const content = padContent(item.content, update.content_index);
      content[update.content_index] = update.content;
      return { ...item, content };
    }
    case 'assistant_message.content_part.text_delta': {
      if (item.type !== 'assistant_message') return item;
      const content = padContent(item.content, update.content_index);
      const part = content[update.content_index]!;
      content[update.content_index] = { ...part, text: part.text + update.delta };
      return { ...item, content };
    }
    case 'assistant_message.content_part.annotation_added': {
      if (item.type !== 'assistant_message') return item;
      const content = padContent(item.content, update.content_index);
      const part = content[update.content_index]!;
      const annotations = [...part.annotations];
      annotations.splice(Math.min(update.annotation_index, annotations.length), 0, update.annotation);
      content[update.content_index] = { ...part, annotations };
      return { ...item, content };
    }
    case 'widget.streaming_text.value_delta':
      if (item.type !== 'widget') return item;
      return {
        ...item,
        widget: mapComponent(item.widget, update.component_id, (component) => ({
          ...component,
          value: `${typeof component.value === 'string' ? component.value : ''}${update.delta}`,
          streaming: !update.done,
        })) as WidgetRoot,
      };
    case 'widget.component.updated':
      if (item.type !== 'widget') return item;
      return { ...item, widget: mapComponent(item.widget, update.component_id, () => update.component) as WidgetRoot };
    case 'widget.root.updated':
      if (item.type !== 'widget') return item;
      return { ...item, widget: update.widget };
    case 'workflow.task.added':
      if (item.type !== 'workflow') return item;
      return { ...item, workflow: { ...item.workflow, tasks: [...item.workflow.tasks, update.task] } };
    case 'workflow.task.updated': {
      if (item.type !== 'workflow') return item;
      const { tasks } = item.workflow;
      if (!Number.isInteger(update.task_index) || update.task_index < 0 || update.task_index >= tasks.length) {
        throw new RangeError(
          `workflow.task.updated: task_index ${update.task_index} is out of range (the workflow has ${tasks.length} tasks)`,
        );
      }
      const next = [...tasks];
      next[update.task_index] = update.task;
      return { ...item, workflow: { ...item.workflow, tasks: next } };
    }
    case 'generated_image.updated':
      if (item.type !== 'generated_image') return item;
      return { ...item, image: update.image };
  }
}

/** A copy of `content` with empty text parts added until `index` exists. */
function padContent(content: AssistantMessageContent[], index: number): AssistantMessageContent[] {
  if (!Number.isInteger(index) || index < 0) {
    throw new RangeError(`assistant_message.content_part: content_index ${index} is out of range`);
  }
  const copy = [...content];
  while (copy.length <= index) copy.push({ type: 'output_text', text: '', annotations: [] });
  return copy;
}

/** A copy of `node` with the component whose `id` is `id` replaced by `change(component)`. */
function mapComponent(
  node: WidgetComponent,
  id: string,
  change: (component: WidgetComponent) => WidgetComponent,
): WidgetComponent {
  if (node.id === id) return change(node);
  const { children } = node;
  if (Array.isArray(children)) return { ...node, children: children.map((child) => mapComponent(child, id, change)) };
  if (children && typeof children === 'object') return { ...node, children: mapComponent(children, id, change) };
  return node;
}

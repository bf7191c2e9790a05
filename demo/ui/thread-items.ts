/**
 * The items of the open thread, as the UI holds them, and how stream events change them. Pure data:
 * no DOM, no requests. `thread.item.updated` is applied here the way ChatKit's own UI applies it
 * (text deltas appended, widget text streamed by component id, workflow tasks added or replaced).
 */
import type { ThreadItem, ThreadItemUpdate, WidgetComponent, WidgetRoot } from 'chatkit-local';

/** An ordered, id-indexed list of thread items. */
export class ThreadItems {
  private readonly order: string[] = [];
  private readonly byId = new Map<string, ThreadItem>();
  /** Progress (0..1) of generated images still being produced, by item id. */
  readonly imageProgress = new Map<string, number>();

  /** Every item, oldest first. */
  list(): ThreadItem[] {
    return this.order.map((id) => this.byId.get(id)!);
  }

  get(id: string): ThreadItem | undefined {
    return this.byId.get(id);
  }

  /** Replaces everything (a thread was opened). */
  reset(items: ThreadItem[] = []): void {
    this.order.length = 0;
    this.byId.clear();
    this.imageProgress.clear();
    for (const item of items) this.put(item);
  }

  /** Adds an item at the end, or replaces it in place if it is already there. */
  put(item: ThreadItem): void {
    if (!this.byId.has(item.id)) this.order.push(item.id);
    this.byId.set(item.id, item);
  }

  /** Removes an item; true if it was there. */
  remove(id: string): boolean {
    if (!this.byId.delete(id)) return false;
    this.order.splice(this.order.indexOf(id), 1);
    this.imageProgress.delete(id);
    return true;
  }

  /** Removes every item after `id` (a retry discards them); returns their ids. */
  removeAfter(id: string): string[] {
    const index = this.order.indexOf(id);
    if (index < 0) return [];
    const removed = this.order.splice(index + 1);
    for (const gone of removed) {
      this.byId.delete(gone);
      this.imageProgress.delete(gone);
    }
    return removed;
  }

  /** Applies an item update; returns the changed item, or undefined for an unknown item. */
  update(id: string, update: ThreadItemUpdate): ThreadItem | undefined {
    const item = this.byId.get(id);
    if (!item) return undefined;
    const next = applyUpdate(item, update);
    if (update.type === 'generated_image.updated' && update.progress != null)
      this.imageProgress.set(id, update.progress);
    this.byId.set(id, next);
    return next;
  }

  /** The newest user message at or before `id` (what a retry of `id` starts from). */
  userMessageBefore(id: string | null): ThreadItem | undefined {
    const end = id === null ? this.order.length - 1 : this.order.indexOf(id);
    for (let i = end; i >= 0; i--) {
      const item = this.byId.get(this.order[i]!)!;
      if (item.type === 'user_message') return item;
    }
    return undefined;
  }
}

/** The item after `update`; the input is not changed. */
export function applyUpdate(item: ThreadItem, update: ThreadItemUpdate): ThreadItem {
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
        widget: mapComponents(item.widget, update.component_id, (component) => ({
          ...component,
          value: `${typeof component.value === 'string' ? component.value : ''}${update.delta}`,
          streaming: !update.done,
        })) as WidgetRoot,
      };
    case 'widget.component.updated':
      if (item.type !== 'widget') return item;
      return { ...item, widget: mapComponents(item.widget, update.component_id, () => update.component) as WidgetRoot };
    case 'widget.root.updated':
      if (item.type !== 'widget') return item;
      return { ...item, widget: update.widget };
    case 'workflow.task.added':
      if (item.type !== 'workflow') return item;
      return { ...item, workflow: { ...item.workflow, tasks: [...item.workflow.tasks, update.task] } };
    case 'workflow.task.updated': {
      if (item.type !== 'workflow') return item;
      const tasks = [...item.workflow.tasks];
      tasks[update.task_index] = update.task;
      return { ...item, workflow: { ...item.workflow, tasks } };
    }
    case 'generated_image.updated':
      if (item.type !== 'generated_image') return item;
      return { ...item, image: update.image };
  }
}

type AssistantContent = Extract<ThreadItem, { type: 'assistant_message' }>['content'];

function padContent(content: AssistantContent, index: number): AssistantContent {
  const copy = [...content];
  while (copy.length <= index) copy.push({ type: 'output_text', text: '', annotations: [] });
  return copy;
}

/** A copy of `node` with the component whose `id` is `id` replaced by `change(component)`. */
function mapComponents(
  node: WidgetComponent,
  id: string,
  change: (component: WidgetComponent) => WidgetComponent,
): WidgetComponent {
  if (node.id === id) return change(node);
  const { children } = node;
  if (Array.isArray(children)) return { ...node, children: children.map((child) => mapComponents(child, id, change)) };
  if (children && typeof children === 'object') return { ...node, children: mapComponents(children, id, change) };
  return node;
}

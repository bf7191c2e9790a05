/**
 * Items in flight: added in this stream but not yet done, replaced or removed. The server keeps its
 * own copy of each, applies the updates it can (assistant text, workflow tasks), and hands them to
 * `handleStreamCancelled` if the client goes away. The copy is never the responder's own object, so
 * the responder's later changes and ours never mix.
 */
import type { AssistantMessageContent, ThreadItem } from '../protocol/items.ts';
import type { ThreadItemUpdate } from '../protocol/updates.ts';

/** The items added but not finished in the current stream. */
export class PendingItems {
  private readonly items = new Map<string, ThreadItem>();

  /** Starts tracking an item (a deep copy of it). */
  add(item: ThreadItem): void {
    this.items.set(item.id, structuredClone(item));
  }

  /** Stops tracking an item (it was done, replaced or removed). */
  finish(itemId: string): void {
    this.items.delete(itemId);
  }

  /**
   * Applies an update to the tracked copy. Assistant content-part updates and workflow task updates
   * apply; anything else (widgets, images, untracked ids, mismatched kinds) is ignored.
   * @throws {RangeError} for a `workflow.task.updated` whose index does not exist.
   */
  update(itemId: string, update: ThreadItemUpdate): void {
    const item = this.items.get(itemId);
    if (!item) return;
    if (item.type === 'assistant_message') {
      // Most of a reply's updates: text appended to a part that exists.
      if (update.type === 'assistant_message.content_part.text_delta') {
        const part = item.content[update.content_index];
        if (part) {
          part.text += update.delta;
          return;
        }
      }
      applyAssistantUpdate(item.content, update);
    } else if (item.type === 'workflow') {
      applyWorkflowUpdate(item.workflow.tasks, update);
    }
  }

  /** The tracked items, in the order they were added. */
  list(): ThreadItem[] {
    return [...this.items.values()];
  }
}

function applyAssistantUpdate(content: AssistantMessageContent[], update: ThreadItemUpdate): void {
  if (!update.type.startsWith('assistant_message.content_part.')) return;
  const index = (update as { content_index: number }).content_index;
  while (content.length <= index) content.push({ annotations: [], text: '', type: 'output_text' });
  switch (update.type) {
    case 'assistant_message.content_part.added':
    case 'assistant_message.content_part.done':
      content[index] = structuredClone(update.content);
      break;
    case 'assistant_message.content_part.text_delta':
      content[index]!.text += update.delta;
      break;
    case 'assistant_message.content_part.annotation_added': {
      const annotations = content[index]!.annotations;
      const at = Math.min(update.annotation_index, annotations.length);
      annotations.splice(at, 0, structuredClone(update.annotation));
      break;
    }
    default:
      // Only assistant content-part updates reach here (checked above).
      break;
  }
}

function applyWorkflowUpdate(tasks: unknown[], update: ThreadItemUpdate): void {
  if (update.type === 'workflow.task.added') {
    // The SDK appends, whatever task_index says.
    tasks.push(structuredClone(update.task));
  } else if (update.type === 'workflow.task.updated') {
    if (update.task_index < 0 || update.task_index >= tasks.length) {
      throw new RangeError(
        `workflow.task.updated: task_index ${update.task_index} is out of range (the workflow has ${tasks.length} tasks)`,
      );
    }
    tasks[update.task_index] = structuredClone(update.task);
  }
}

/**
 * Items in flight: added in this stream but not yet done, replaced or removed. The server keeps its
 * own copy of each, applies the updates it can (assistant text, workflow tasks), and hands them to
 * `handleStreamCancelled` if the client goes away. The copy is never the responder's own object, so
 * the responder's later changes and ours never mix.
 */
import { applyThreadItemUpdate } from '../protocol/item-update.ts';
import type { ThreadItem } from '../protocol/items.ts';
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
   * Applies an update to the tracked copy (with {@link applyThreadItemUpdate}). As in the Python SDK,
   * only assistant messages and workflows are followed: updates of widgets, images and untracked ids
   * are ignored. An update that carries objects is copied, so the responder's later changes to them
   * never reach the copy (a text delta carries only strings: the common case costs no copy).
   * @throws {RangeError} for a `workflow.task.updated` whose index does not exist.
   */
  update(itemId: string, update: ThreadItemUpdate): void {
    const item = this.items.get(itemId);
    if (item?.type !== 'assistant_message' && item?.type !== 'workflow') return;
    // Most of a reply's updates: text appended to a part that exists. The copy is ours alone, so
    // appending in place is safe and spares a new item per delta.
    if (update.type === 'assistant_message.content_part.text_delta' && item.type === 'assistant_message') {
      const part = update.content_index >= 0 ? item.content[update.content_index] : undefined;
      if (part) {
        part.text += update.delta;
        return;
      }
      this.items.set(itemId, applyThreadItemUpdate(item, update));
      return;
    }
    this.items.set(itemId, applyThreadItemUpdate(item, structuredClone(update)));
  }

  /** The tracked items, in the order they were added. */
  list(): ThreadItem[] {
    return [...this.items.values()];
  }
}

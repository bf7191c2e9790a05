/**
 * The items of the open thread, as the UI holds them, and how stream events change them. Pure data:
 * no DOM, no requests. `thread.item.updated` is applied here the way ChatKit's own UI applies it
 * (text deltas appended, widget text streamed by component id, workflow tasks added or replaced).
 */
import { applyThreadItemUpdate } from '../../protocol/item-update.ts';
import type { ThreadItem, ThreadItemUpdate } from '../wire.ts';

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
    const next = applyThreadItemUpdate(item, update);
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

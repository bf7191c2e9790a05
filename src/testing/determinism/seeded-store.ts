/**
 * In-memory stores whose ids and timestamps are the same on every run: what the scripted server
 * stores in, so a test can compare the whole store against a snapshot.
 */
import type { ThreadItem } from '../../protocol/items.ts';
import { isCheckpointItem } from '../../server/checkpoint.ts';
import type { ThreadMetadata } from '../../protocol/thread.ts';
import { MemoryAttachmentStore, MemoryStore } from '../../store/memory.ts';
import type { StoreItemType } from '../../store/types.ts';
import type { TestClock } from './clock.ts';
import type { SeededIds } from './seeded-ids.ts';

/** Where the deterministic values come from: one id sequence and one clock, shared by both stores. */
export interface Determinism {
  ids: SeededIds;
  clock: TestClock;
}

/**
 * A {@link MemoryStore} with seeded ids that also stamps times: a thread or item whose `created_at`
 * did not come from the test clock (the server core takes the wall-clock time for new threads, user
 * messages and the cancellation note) gets the clock's next timestamp when it is first written.
 *
 * The stamp is written on the object handed in, not only on the stored copy: the server core sends
 * that same object in its stream (`thread.created`, the user message's `thread.item.done`), so the
 * page sees the time the store keeps.
 */
export class SeededMemoryStore<TContext = unknown> extends MemoryStore<TContext> {
  constructor(private readonly determinism: Determinism) {
    super();
  }

  override generateThreadId(_context: TContext): string {
    return this.determinism.ids.next('thread');
  }

  override generateItemId(itemType: StoreItemType, _thread: ThreadMetadata, _context: TContext): string {
    return this.determinism.ids.next(itemType);
  }

  override async saveThread(thread: ThreadMetadata, context: TContext): Promise<void> {
    this.stamp(thread);
    await super.saveThread(thread, context);
  }

  override async saveThreadWithItem(thread: ThreadMetadata, item: ThreadItem, context: TContext): Promise<void> {
    // A new thread and its first message: the thread's time first, so the message sorts after it.
    this.stamp(thread);
    this.stamp(item);
    await super.saveThreadWithItem(thread, item, context);
  }

  override async addThreadItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    this.stamp(item);
    await super.addThreadItem(threadId, item, context);
  }

  override async saveItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    // A reply's checkpoint comes and goes with timing (and is gone once the reply ends): it takes no
    // time from the clock, or everything after it would be stamped differently.
    if (!isCheckpointItem(item)) this.stamp(item);
    await super.saveItem(threadId, item, context);
  }

  private stamp(value: { created_at: string }): void {
    if (!this.determinism.clock.gave(value.created_at)) value.created_at = this.determinism.clock.now();
  }
}

/**
 * A {@link MemoryAttachmentStore} with seeded ids whose upload and preview URLs live under `baseUrl`
 * (the endpoint, absolute or a path), so a two-phase upload goes where the mock answers.
 */
export class SeededAttachmentStore<TContext = unknown> extends MemoryAttachmentStore<TContext> {
  constructor(
    private readonly determinism: Determinism,
    baseUrl: string,
  ) {
    const base = baseUrl.replace(/\/+$/, '');
    super({
      uploadUrl: (id) => `${base}/attachments/${encodeURIComponent(id)}/upload`,
      previewUrl: (id) => `${base}/attachments/${encodeURIComponent(id)}/content`,
    });
  }

  override generateAttachmentId(_mimeType: string, _context: TContext): string {
    return this.determinism.ids.next('attachment');
  }
}

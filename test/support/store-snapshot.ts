/**
 * A snapshot of everything a store holds for a context, read through the public {@link Store} API:
 * every thread (all pages), every item of each thread (all pages), and the attachments named. Two
 * equal snapshots mean a request wrote nothing.
 */
import type { Attachment, Store, ThreadItem, ThreadMetadata } from '../../src/index.ts';

export interface StoreSnapshot {
  threads: { thread: ThreadMetadata; items: ThreadItem[] }[];
  attachments: Record<string, Attachment | 'missing'>;
}

export async function snapshotStore<C>(
  store: Store<C>,
  context: C,
  attachmentIds: readonly string[] = [],
): Promise<StoreSnapshot> {
  const threads: StoreSnapshot['threads'] = [];
  let after: string | null | undefined = null;
  for (;;) {
    const page = await store.loadThreads({ after, limit: 50, order: 'asc' }, context);
    for (const thread of page.data) threads.push({ thread, items: await allItems(store, thread.id, context) });
    if (!page.has_more) break;
    after = page.after;
  }
  const attachments: StoreSnapshot['attachments'] = {};
  for (const id of attachmentIds) {
    attachments[id] = await store.loadAttachment(id, context).catch(() => 'missing' as const);
  }
  return { threads, attachments };
}

/** Every item of a thread, oldest first. */
export async function allItems<C>(store: Store<C>, threadId: string, context: C): Promise<ThreadItem[]> {
  const items: ThreadItem[] = [];
  let after: string | null | undefined = null;
  for (;;) {
    const page = await store.loadThreadItems(threadId, { after, limit: 50, order: 'asc' }, context);
    items.push(...page.data);
    if (!page.has_more) return items;
    after = page.after;
  }
}

/**
 * Reading every thread of a scope, or every item of a thread, through the `Store` interface alone,
 * page by page: for code that works with any store (exporting, test snapshots).
 */
import type { ThreadItem } from '../protocol/items.ts';
import type { ThreadMetadata } from '../protocol/thread.ts';
import type { Store } from './types.ts';

const PAGE = 100;

/** Every thread the context sees, oldest first. */
export async function allThreads<TContext>(store: Store<TContext>, context: TContext): Promise<ThreadMetadata[]> {
  const threads: ThreadMetadata[] = [];
  let after: string | null | undefined = null;
  for (;;) {
    const page = await store.loadThreads({ after, limit: PAGE, order: 'asc' }, context);
    threads.push(...page.data);
    if (!page.has_more) return threads;
    // A custom store may leave `after` out of a page; its last id is the cursor then.
    after = page.after ?? page.data.at(-1)?.id;
  }
}

/** Every stored item of a thread, oldest first, hidden ones (the cancellation note) included. */
export async function allItems<TContext>(
  store: Store<TContext>,
  threadId: string,
  context: TContext,
): Promise<ThreadItem[]> {
  const items: ThreadItem[] = [];
  let after: string | null | undefined = null;
  for (;;) {
    const page = await store.loadThreadItems(threadId, { after, limit: PAGE, order: 'asc' }, context);
    items.push(...page.data);
    if (!page.has_more) return items;
    after = page.after ?? page.data.at(-1)?.id;
  }
}

/**
 * Reading one page from an index ordered by `[...prefix, createdMs, seq]`: a key range that starts just
 * past the cursor entry, a cursor in the page's direction, and `limit + 1` records read (the extra one
 * only says whether there is more). The cost is one index seek plus the page: O(log n + limit) however
 * large the thread or the thread list grows.
 */
import type { Page, PageQuery } from '../types.ts';
import { afterPosition, partition, type Ordered } from './schema.ts';

/** A cursor as {@link readPage} uses it (idb's `IDBPCursorWithValue` fits). */
export interface RecordCursor<R> {
  readonly value: R;
  continue(): Promise<RecordCursor<R> | null>;
}

/** An index to page through (idb's `IDBPIndex` fits). */
export interface RecordIndex<R> {
  openCursor(range: IDBKeyRange, direction: IDBCursorDirection): Promise<RecordCursor<R> | null>;
}

/**
 * One page of `index` within `prefix`, strictly after `position` (the cursor entry's place) in `query.order`.
 * `value` picks the wire object out of a record; `after` is the last record's id when there is more.
 */
export async function readPage<R extends { id: string }, V>(
  index: RecordIndex<R>,
  prefix: readonly IDBValidKey[],
  position: Ordered | null,
  query: PageQuery,
  value: (record: R) => V,
): Promise<Page<V>> {
  const range = position ? afterPosition(prefix, position, query.order) : partition(prefix);
  const limit = Math.max(0, query.limit);
  const data: V[] = [];
  let lastId: string | null = null;
  let cursor = await index.openCursor(range, query.order === 'asc' ? 'next' : 'prev');
  while (cursor && data.length < limit) {
    data.push(value(cursor.value));
    lastId = cursor.value.id;
    cursor = await cursor.continue();
  }
  const hasMore = cursor !== null;
  return { data, has_more: hasMore, after: hasMore ? lastId : null };
}

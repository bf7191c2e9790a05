/**
 * Reading one page from an index ordered by `[...prefix, createdMs, seq]`: a key range that starts just
 * past the cursor entry, and `limit + 1` records read in the page's direction (the extra one only says
 * whether there is more). The cost is one index seek plus the page: O(log n + limit) however large the
 * thread or the thread list grows.
 *
 * The records come in one batched request where the browser can (`getAll` for ascending pages,
 * `getAllRecords` with a direction for descending ones): each cursor step is a round trip to the
 * browser's storage process, so a cursor pays 21 of them for a page of 20.
 */
import { unwrap } from 'idb';
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
  getAll(range: IDBKeyRange, count: number): Promise<R[]>;
}

/** `IDBIndex.getAllRecords` (Chromium 141+), not yet in TypeScript's DOM types. */
interface BatchedRecords {
  getAllRecords?(options: {
    query: IDBKeyRange;
    count: number;
    direction: IDBCursorDirection;
  }): IDBRequest<{ value: unknown }[]>;
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
  const records = await readRecords(index, range, limit + 1, query.order === 'asc' ? 'next' : 'prev');
  const hasMore = records.length > limit;
  const page = hasMore ? records.slice(0, limit) : records;
  return { data: page.map(value), has_more: hasMore, after: hasMore ? (page.at(-1)?.id ?? null) : null };
}

/** Up to `count` records of `range` in `direction`, in as few requests as the browser allows. */
async function readRecords<R>(
  index: RecordIndex<R>,
  range: IDBKeyRange,
  count: number,
  direction: IDBCursorDirection,
): Promise<R[]> {
  if (direction === 'next') return index.getAll(range, count);
  const raw = unwrapIndex(index);
  if (raw?.getAllRecords) {
    const request = raw.getAllRecords({ query: range, count, direction });
    const records = await new Promise<{ value: unknown }[]>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('getAllRecords failed'));
    });
    return records.map((record) => record.value as R);
  }
  const records: R[] = [];
  let cursor = await index.openCursor(range, direction);
  while (cursor && records.length < count) {
    records.push(cursor.value);
    cursor = await cursor.continue();
  }
  return records;
}

/** The native index behind idb's wrapper, when there is one. */
function unwrapIndex(index: unknown): (IDBIndex & BatchedRecords) | null {
  try {
    const raw = unwrap(index as never) as unknown;
    return raw instanceof IDBIndex ? raw : null;
  } catch {
    return null;
  }
}

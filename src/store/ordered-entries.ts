/**
 * Entries kept in `created_at` order, ties broken by write order, with O(log n) insert, delete and
 * cursor lookup: the paging engine of the in-memory store.
 */
import type { Page, PageQuery } from './types.ts';
import { NotFoundError } from './errors.ts';

interface Entry<T> {
  id: string;
  time: number;
  seq: number;
  value: T;
}

function compare(a: { time: number; seq: number }, b: { time: number; seq: number }): number {
  return a.time - b.time || a.seq - b.seq;
}

/** Milliseconds since the epoch of a wire timestamp (naive timestamps are read as local time). */
export function timeOf(createdAt: string): number {
  const time = Date.parse(createdAt);
  return Number.isNaN(time) ? 0 : time;
}

/** A set of entries with ids, ordered by time and then by first write. */
export class OrderedEntries<T> {
  private readonly sorted: Entry<T>[] = [];
  private readonly byId = new Map<string, Entry<T>>();
  private nextSeq = 0;

  /** How many entries there are. */
  get size(): number {
    return this.sorted.length;
  }

  /** The value stored under `id`, if any. */
  get(id: string): T | undefined {
    return this.byId.get(id)?.value;
  }

  /** Inserts or replaces by id; a replaced entry keeps its write order, so ties stay stable. */
  put(id: string, createdAt: string, value: T): void {
    const existing = this.byId.get(id);
    const entry: Entry<T> = { id, time: timeOf(createdAt), seq: existing?.seq ?? this.nextSeq++, value };
    if (existing) this.sorted.splice(this.indexOf(existing), 1);
    this.sorted.splice(this.insertionPoint(entry), 0, entry);
    this.byId.set(id, entry);
  }

  /** Removes the entry with `id`; returns whether there was one. */
  delete(id: string): boolean {
    const existing = this.byId.get(id);
    if (!existing) return false;
    this.sorted.splice(this.indexOf(existing), 1);
    this.byId.delete(id);
    return true;
  }

  /** All values in ascending order. */
  values(): T[] {
    return this.sorted.map((entry) => entry.value);
  }

  /**
   * One page after the cursor in the requested order.
   * @throws {NotFoundError} when `after` names no entry.
   */
  page(query: PageQuery, describe: (id: string) => string): Page<T> {
    const ascending = query.order === 'asc';
    let start: number;
    if (query.after) {
      const cursor = this.byId.get(query.after);
      if (!cursor) throw new NotFoundError(`${describe(query.after)} not found`);
      const index = this.indexOf(cursor);
      start = ascending ? index + 1 : this.sorted.length - index;
    } else {
      start = 0;
    }
    const limit = Math.max(0, query.limit);
    const data: T[] = [];
    const lastIds: string[] = [];
    for (let i = start; i < this.sorted.length && data.length < limit; i++) {
      const entry = ascending ? this.sorted[i]! : this.sorted[this.sorted.length - 1 - i]!;
      data.push(entry.value);
      lastIds.push(entry.id);
    }
    const hasMore = start + data.length < this.sorted.length;
    return { data, has_more: hasMore, after: hasMore ? (lastIds[lastIds.length - 1] ?? null) : null };
  }

  private insertionPoint(entry: Entry<T>): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compare(this.sorted[mid]!, entry) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private indexOf(entry: Entry<T>): number {
    return this.insertionPoint(entry);
  }
}

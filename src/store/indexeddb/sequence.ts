/**
 * Write sequence numbers: the tie-break of equal `created_at`. One counter in the `meta` store serves
 * every scope, and every number comes from it, so no two records ever get the same number.
 *
 * A store takes numbers in blocks ({@link SeqAllocator}): a write that finds numbers left in its
 * store's block reads nothing before it writes, so it costs one round trip to the database instead
 * of two. Only a write that needs a new block reads and bumps the counter, once every
 * {@link SEQ_BLOCK} records.
 */
import { SEQ_KEY, type Transaction } from './schema.ts';

/** How many numbers a store reserves at a time. */
export const SEQ_BLOCK = 256;

/**
 * The sequence numbers of one store. Within a store they follow the order in which its writes
 * started. Between stores (two tabs, each with its own worker), records written in the same
 * millisecond are ordered by the blocks their stores hold, which is one of the orders those
 * concurrent writes could have had.
 */
export class SeqAllocator {
  /** The store's block: numbers `next` to `end` (excluded) are free, its reservation committed. */
  private next = 0;
  private end = 0;
  /** Reservations whose transaction has not ended yet. */
  private pending = 0;

  /**
   * `count` consecutive numbers for a write in `tx` (a read-write transaction that includes `meta`):
   * at once from the store's block, else (a promise) from a new block reserved in `tx`. The block is
   * the store's only once `tx` commits: a write that starts while a reservation is pending reserves
   * its own (read after that one commits, so its numbers are higher), which keeps the store's numbers
   * in the order of its writes.
   */
  take(tx: Transaction<'readwrite'>, count: number): number | Promise<number> {
    return this.takeReserved(count) ?? this.reserve(tx, count);
  }

  /** `count` consecutive numbers from the store's block, or null when it has not that many. */
  takeReserved(count: number): number | null {
    if (this.pending > 0 || this.end - this.next < count) return null;
    const first = this.next;
    this.next += count;
    return first;
  }

  private async reserve(tx: Transaction<'readwrite'>, count: number): Promise<number> {
    this.pending++;
    /** The block left once this write has its numbers: the store's only if `tx` commits. */
    let left: { next: number; end: number } | null = null;
    tx.done.then(
      () => {
        this.pending--;
        if (left) this.adopt(left.next, left.end);
      },
      () => this.pending--,
    );
    const meta = tx.objectStore('meta');
    const stored = await meta.get(SEQ_KEY);
    const first = typeof stored === 'number' ? stored : 0;
    left = { next: first + count, end: first + count + SEQ_BLOCK };
    // Its failure aborts the transaction, which the caller sees as the write's failure.
    meta.put(left.end, SEQ_KEY).catch(() => undefined);
    return first;
  }

  /** Makes `[next, end)` the store's block, unless it already holds a later one. */
  private adopt(next: number, end: number): void {
    if (end <= this.end) return;
    this.next = next;
    this.end = end;
  }
}

/** The part of an object store {@link putKeepingSeq} uses. */
interface SeqRecords<K, V extends { seq: number }> {
  get(key: K): Promise<V | undefined>;
  put(value: V): Promise<unknown>;
}

/**
 * Puts `record` (numbered with a fresh number) under `key`; a record it replaces keeps its own number,
 * and so its place among ties. The old record is read by a request issued before the put, in the same
 * round trip: a new record costs nothing more, a replacement is written a second time.
 */
export async function putKeepingSeq<K, V extends { seq: number }>(
  records: SeqRecords<K, V>,
  key: K,
  record: V,
): Promise<void> {
  const before = records.get(key);
  let put: Promise<unknown>;
  try {
    put = records.put(record);
  } catch (error) {
    // An unstorable value throws as it is put: the read's rejection (the abort) is not news.
    before.catch(() => undefined);
    throw error;
  }
  const [replaced] = await Promise.all([before, put]);
  if (replaced && replaced.seq !== record.seq) await records.put({ ...record, seq: replaced.seq });
}

/**
 * Takes `count` consecutive sequence numbers at once (for a batch of writes, such as an import) and
 * returns the first. The transaction must include the `meta` store.
 */
export async function takeSeqs(tx: Transaction<'readwrite'>, count: number): Promise<number> {
  const meta = tx.objectStore('meta');
  const stored = await meta.get(SEQ_KEY);
  const first = typeof stored === 'number' ? stored : 0;
  await meta.put(first + count, SEQ_KEY);
  return first;
}

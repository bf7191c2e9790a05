/**
 * Write sequence numbers: the tie-break of equal `created_at`. One counter in the `meta` store serves
 * every scope; it is read and bumped inside the writing transaction, and IndexedDB runs overlapping
 * read-write transactions one at a time (across tabs too), so no two records ever get the same number.
 */
import { SEQ_KEY, type Transaction } from './schema.ts';

/** Sequence numbers read once for a write that may need several: see {@link readSeqs}. */
export interface SeqBlock {
  /** The next free number, taken. */
  take(): number;
  /** Stores the counter past every number taken (nothing to do when none was). */
  save(): Promise<unknown>;
}

/**
 * Reads the counter so that its read can go out with the write's other reads, and its write with the
 * other writes: a write then costs two round trips to the database instead of one per request. The
 * transaction must include the `meta` store.
 */
export async function readSeqs(tx: Transaction<'readwrite'>): Promise<SeqBlock> {
  const meta = tx.objectStore('meta');
  const stored = await meta.get(SEQ_KEY);
  const first = typeof stored === 'number' ? stored : 0;
  let next = first;
  return {
    take: () => next++,
    save: () => (next === first ? Promise.resolve() : meta.put(next, SEQ_KEY)),
  };
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

/**
 * Write sequence numbers: the tie-break of equal `created_at`. One counter in the `meta` store serves
 * every scope; it is read and bumped inside the writing transaction, and IndexedDB runs overlapping
 * read-write transactions one at a time (across tabs too), so no two records ever get the same number.
 */
import { SEQ_KEY, type Transaction } from './schema.ts';

/** Takes the next sequence number. The transaction must include the `meta` store. */
export async function nextSeq(tx: Transaction<'readwrite'>): Promise<number> {
  const meta = tx.objectStore('meta');
  const stored = await meta.get(SEQ_KEY);
  const seq = typeof stored === 'number' ? stored : 0;
  await meta.put(seq + 1, SEQ_KEY);
  return seq;
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

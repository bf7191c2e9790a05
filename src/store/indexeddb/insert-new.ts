/**
 * Writing a new thread and its first message in one round trip to the database. A write normally
 * reads first (the record it may replace, the database's encryption record) and commits once the
 * page has seen its requests succeed: two round trips. Records that must be new need neither: each
 * is `add`ed, which fails if its key exists, and the transaction is committed as soon as its
 * requests are issued, so IndexedDB commits right after they succeed.
 *
 * What the usual write checks by reading must then hold by construction: a store in clear must not
 * write into a database that has become encrypted, so the requests include adding (and at once
 * deleting) the encryption record, which fails when one exists. Any failed request aborts the whole
 * transaction, nothing is written, and the caller writes the usual way, which reads, replaces and
 * reports errors as always.
 */
import { unwrap } from 'idb';
import { issueAll } from './all-requests.ts';
import type { Connection } from './connection.ts';
import { ENCRYPTION_KEY, type ItemRecord, type ThreadRecord } from './schema.ts';

/**
 * Adds `thread` and `item` (records of a store in clear) in one transaction, committed at once.
 * @returns whether they were written; false when either exists, the database holds an encryption
 *   record, or the write failed otherwise (then nothing was written).
 */
export async function insertNewThread(
  connection: Connection,
  thread: ThreadRecord,
  item: ItemRecord,
): Promise<boolean> {
  try {
    await connection.run(['threads', 'items', 'meta'], 'readwrite', async (tx) => {
      const meta = tx.objectStore('meta');
      // Throws (and the transaction is aborted, uncommitted) if a value cannot be stored.
      const issued = issueAll([
        () => meta.add(0, ENCRYPTION_KEY),
        () => meta.delete(ENCRYPTION_KEY),
        () => tx.objectStore('threads').add(thread),
        () => tx.objectStore('items').add(item),
      ]);
      unwrap(tx).commit();
      await Promise.all(issued);
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * Writing a new thread and its first message in one round trip to the database. A write normally
 * reads first (the record it may replace, the database's encryption record) and commits once the
 * page has seen its requests succeed: two round trips. Records that must be new need neither: each
 * is `add`ed, which fails if its key exists, so nothing needs reading before the writes are issued.
 *
 * What the usual write checks by reading must still hold: a store in clear must not write into a
 * database that has become encrypted. The encryption record is read in the same transaction, issued
 * before the writes, so its answer arrives while they are still pending: present, the transaction is
 * aborted before anything commits; absent, it is committed at once. (Adding and deleting the record
 * as a guard would do the same with two more writes, which cost more than one read.) Any failed
 * request aborts the whole transaction, nothing is written, and the caller writes the usual way,
 * which reads, replaces and reports errors as always.
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
      // Throws (and the transaction is aborted, uncommitted) if a value cannot be stored.
      const [encryption, ...writes] = issueAll([
        () => tx.objectStore('meta').get(ENCRYPTION_KEY),
        () => tx.objectStore('threads').add(thread),
        () => tx.objectStore('items').add(item),
      ]);
      // An abort below rejects them; that is the answer, not an unhandled failure.
      for (const write of writes) write.catch(() => undefined);
      // Requests complete in order: the writes are still pending when this answers, so the
      // transaction can still be aborted (or committed without waiting for them).
      if ((await encryption) !== undefined) throw new Error('the database has become encrypted');
      unwrap(tx).commit();
      await Promise.all(writes);
    });
    return true;
  } catch {
    return false;
  }
}

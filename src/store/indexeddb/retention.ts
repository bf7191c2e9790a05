/**
 * Retention for `IndexedDBStore`: finds the threads of every scope whose last activity is older than a
 * cutoff and deletes each (items and files included) in its own transaction, unless a response is
 * streaming into it. It reads only what stays in clear (keys and `createdMs`), so it needs no key.
 *
 * Finding them costs one index walk over the threads created before the cutoff (a thread created after
 * it cannot have expired; the walk jumps from one scope to the next) plus one index seek per such
 * thread for its newest item.
 */
import { runChecked, type Backend } from './backend.ts';
import type { Connection } from './connection.ts';
import { lastActivityMs } from '../data-control/retention.ts';
import { partition, type Transaction } from './schema.ts';
import { deleteThreadIn } from './thread-deletion.ts';
import type { ThreadHolder } from './thread-holds.ts';

/**
 * Deletes the threads last active before `cutoffMs` that no response holds.
 * @returns how many threads were deleted.
 */
export async function deleteInactive(
  backend: Pick<Backend<unknown>, 'connection' | 'codec'>,
  holder: ThreadHolder,
  cutoffMs: number,
): Promise<number> {
  const candidates = await findInactive(backend.connection, cutoffMs);
  let deleted = 0;
  for (const { scope, id } of candidates) {
    await holder.unlessHeld(scope, id, async () => {
      const removed = await runChecked(
        backend,
        ['threads', 'items', 'attachments', 'bytes'],
        'readwrite',
        async (tx) => {
          // Checked again in the deleting transaction: a message may have arrived since the scan.
          if (!(await isInactive(tx, scope, id, cutoffMs))) return false;
          await deleteThreadIn(tx, scope, id);
          return true;
        },
      );
      if (removed) deleted++;
    });
  }
  return deleted;
}

/** The threads (of every scope) whose last activity is before `cutoffMs`, as of one snapshot. */
async function findInactive(connection: Connection, cutoffMs: number): Promise<Array<{ scope: string; id: string }>> {
  return connection.run(['threads', 'items'], 'readonly', async (tx) => {
    const createdBefore: Array<{ scope: string; id: string; createdMs: number }> = [];
    let cursor = await tx.objectStore('threads').index('byCreated').openKeyCursor();
    while (cursor) {
      const [scope, createdMs] = cursor.key;
      if (createdMs < cutoffMs) {
        createdBefore.push({ scope, id: cursor.primaryKey[1], createdMs });
        cursor = await cursor.continue();
      } else {
        // The rest of this scope was created later still: go on with the next scope.
        cursor = await cursor.continue([scope, []] as never);
      }
    }
    const newest = await Promise.all(createdBefore.map(({ scope, id }) => newestItemMs(tx, scope, id)));
    return createdBefore.filter(({ createdMs }, i) => lastActivityMs(createdMs, newest[i] ?? null) < cutoffMs);
  });
}

async function isInactive(tx: Transaction, scope: string, threadId: string, cutoffMs: number): Promise<boolean> {
  const [thread, newest] = await Promise.all([
    tx.objectStore('threads').get([scope, threadId]),
    newestItemMs(tx, scope, threadId),
  ]);
  return thread !== undefined && lastActivityMs(thread.createdMs, newest) < cutoffMs;
}

/** The `createdMs` of a thread's newest item, or null when it has none. */
async function newestItemMs(tx: Transaction, scope: string, threadId: string): Promise<number | null> {
  const cursor = await tx
    .objectStore('items')
    .index('byCreated')
    .openKeyCursor(partition([scope, threadId]), 'prev');
  return cursor ? cursor.key[2] : null;
}

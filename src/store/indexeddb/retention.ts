/**
 * Retention for `IndexedDBStore`: finds the threads of every scope whose last activity is older than a
 * cutoff and deletes them (items and files included), a batch per transaction, skipping any a response
 * is streaming into. It reads only what stays in clear (keys and `createdMs`), so it needs no key.
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

/** Threads deleted per transaction: few enough to keep each transaction short, many enough to be quick. */
const BATCH = 50;

/**
 * Deletes the threads last active before `cutoffMs` that no response holds, in batches: the batch's
 * threads are held (skipping any a response holds), checked again and deleted in one transaction.
 * @returns the threads deleted, each with its scope key.
 */
export async function deleteInactive(
  backend: Pick<Backend<unknown>, 'connection' | 'codec'>,
  holder: ThreadHolder,
  cutoffMs: number,
): Promise<Array<{ scope: string; id: string }>> {
  const candidates = await findInactive(backend.connection, cutoffMs);
  const deleted: Array<{ scope: string; id: string }> = [];
  for (let start = 0; start < candidates.length; start += BATCH) {
    await whileHolding(holder, candidates.slice(start, start + BATCH), async (threads) => {
      if (threads.length === 0) return;
      const expired = await runChecked(
        backend,
        ['threads', 'items', 'attachments', 'bytes'],
        'readwrite',
        async (tx) => {
          // Checked again in the deleting transaction: a message may have arrived since the scan.
          const inactive = await Promise.all(threads.map(({ scope, id }) => isInactive(tx, scope, id, cutoffMs)));
          const expired = threads.filter((_thread, i) => inactive[i]);
          await Promise.all(expired.map(({ scope, id }) => deleteThreadIn(tx, scope, id)));
          return expired;
        },
      );
      deleted.push(...expired);
    });
  }
  return deleted;
}

/** Runs `work` with those of `threads` that no response holds, keeping new holds on them waiting meanwhile. */
async function whileHolding(
  holder: ThreadHolder,
  threads: ReadonlyArray<{ scope: string; id: string }>,
  work: (free: Array<{ scope: string; id: string }>) => Promise<void>,
  free: Array<{ scope: string; id: string }> = [],
): Promise<void> {
  const [next, ...rest] = threads;
  if (!next) return work(free);
  const ran = await holder.unlessHeld(next.scope, next.id, () => whileHolding(holder, rest, work, [...free, next]));
  if (!ran) await whileHolding(holder, rest, work, free);
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

/** Deleting whole threads inside a transaction: shared by `deleteThread` and retention. */
import { partition, type Transaction } from './schema.ts';

/**
 * Deletes a thread, its items, and the attachments (records and bytes) whose `thread_id` is this
 * thread. The transaction must cover `threads`, `items`, `attachments` and `bytes`, read-write.
 */
export async function deleteThreadIn(tx: Transaction<'readwrite'>, scope: string, threadId: string): Promise<void> {
  const attachments = tx.objectStore('attachments');
  const bytes = tx.objectStore('bytes');
  const [, , attachmentKeys] = await Promise.all([
    tx.objectStore('threads').delete([scope, threadId]),
    tx.objectStore('items').delete(partition([scope, threadId])),
    attachments.index('byThread').getAllKeys([scope, threadId]),
  ]);
  await Promise.all(attachmentKeys.flatMap((key) => [attachments.delete(key), bytes.delete(key)]));
}

/** What of a thread a store keeps. */
import type { ThreadMetadata } from '../protocol/thread.ts';

/**
 * Only the metadata fields of a thread. The server may hand a store a full `Thread`, whose `items` page
 * is a view of the items stored separately; keeping it would store a stale copy of them.
 */
export function threadMetadataOf(thread: ThreadMetadata): ThreadMetadata {
  const { items: _items, ...metadata } = thread as ThreadMetadata & { items?: unknown };
  return metadata;
}

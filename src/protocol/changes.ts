/** Live changes: what `GET {basePath}/changes` streams, one `data:` frame per change. */
import { z } from 'zod';

/** The kinds of change: a thread appeared, changed or went away, or its items changed. */
export const ChatKitChangeType = z.enum(['thread.created', 'thread.updated', 'thread.deleted', 'thread.items.changed']);
export type ChatKitChangeType = z.infer<typeof ChatKitChangeType>;

/**
 * Something changed in the caller's scope: `thread.items.changed` when items of the thread were
 * added, replaced or removed (or a reply in it was checkpointed); the others say what happened to
 * the thread itself. It names the thread only: a client that shows it reloads what it needs
 * (`threads.get_by_id`, `items.list`, `threads.list`).
 */
export const ChatKitChange = z.object({
  type: ChatKitChangeType,
  thread_id: z.string(),
});
export type ChatKitChange = z.infer<typeof ChatKitChange>;

/** Threads: a conversation's metadata and status. */
import { z } from 'zod';
import { JsonObject, PageOf, Timestamp } from './common.ts';
import { ThreadItem } from './items.ts';

/** Whether the composer is open: `locked` disables it with a reason, `closed` replaces it with a banner. */
export const ThreadStatus = z.discriminatedUnion('type', [
  z.object({ type: z.literal('active') }),
  z.object({ type: z.literal('locked'), reason: z.string().nullish() }),
  z.object({ type: z.literal('closed'), reason: z.string().nullish() }),
]);
export type ThreadStatus = z.infer<typeof ThreadStatus>;

/**
 * A thread without its items: what the store saves. `metadata` is for the integration only; it is
 * stored but never sent to clients.
 */
export const ThreadMetadata = z.object({
  title: z.string().nullish(),
  id: z.string(),
  created_at: Timestamp,
  status: ThreadStatus.default({ type: 'active' }),
  /** Domains the UI may load images from. */
  allowed_image_domains: z.array(z.string()).nullish(),
  metadata: JsonObject.default({}),
});
export type ThreadMetadata = z.infer<typeof ThreadMetadata>;

/** A thread with a page of its items, as sent to clients. */
export const Thread = ThreadMetadata.extend({ items: PageOf(ThreadItem) });
export type Thread = z.infer<typeof Thread>;

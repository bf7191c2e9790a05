/**
 * A scope's worth of data for the data-control tests: threads with every kind of item and ties of
 * equal `created_at`, attachments with and without a thread and with and without bytes (binary bytes
 * covering every byte value), and a reader that captures everything a store holds for a scope through
 * the public API, bytes included, so two stores can be compared exactly.
 */
import type { Attachment, AttachmentBytesStore, Store, ThreadItem } from '../../src/index.ts';
import { snapshotStore, type StoreSnapshot } from '../support/store-snapshot.ts';
import {
  assistantMessage,
  assortedItems,
  at,
  fileAttachment,
  imageAttachment,
  makeThread,
  type TestContext,
} from './store-fixtures.ts';
import { ThreadItem as ThreadItemSchema } from '../../src/protocol/items.ts';

/** Every byte value, twice: bytes that survive base64 and storage only if nothing treats them as text. */
export const BINARY = Uint8Array.from({ length: 512 }, (_, i) => i % 256);

/** The attachment ids {@link fillScope} writes, and which of them have bytes. */
export const ATTACHMENTS = {
  /** Tied to thread A and sent in its user message (`assortedItems`), with bytes. */
  file: 'file_1',
  /** Tied to thread B and sent in its user message, with binary bytes. */
  image: 'img_1',
  /** Tied to no thread, with bytes. */
  loose: 'loose_1',
  /** Tied to thread B, never uploaded (no bytes). */
  pending: 'pending_1',
} as const;

/** A user message sending `attachment`. */
function userMessageWith(threadId: string, id: string, seconds: number, attachment: Attachment): ThreadItem {
  return ThreadItemSchema.parse({
    id,
    thread_id: threadId,
    created_at: at(seconds),
    type: 'user_message',
    content: [{ type: 'input_text', text: `message ${id} in ${threadId}` }],
    attachments: [attachment],
    inference_options: {},
  });
}

/**
 * Writes two threads (`thr_a` with one item of every kind, `thr_b` with equal-time items whose order
 * is their write order) and four attachments to the context's scope. `tag` goes into every text, so a
 * test can tell scopes apart.
 */
export async function fillScope(
  store: Store<TestContext>,
  attachments: AttachmentBytesStore<TestContext>,
  context: TestContext,
  tag = context.userId,
): Promise<void> {
  await store.saveThread(makeThread('thr_a', 0, { title: `A of ${tag}`, metadata: { tag } }), context);
  for (const item of assortedItems('thr_a', 1)) await store.addThreadItem('thr_a', item, context);
  await store.saveThread(makeThread('thr_b', 5, { title: `B of ${tag}` }), context);
  const image = imageAttachment(ATTACHMENTS.image, {
    thread_id: 'thr_b',
    preview_url: `/chatkit/attachments/${ATTACHMENTS.image}/content`,
    upload_descriptor: { url: `/chatkit/attachments/${ATTACHMENTS.image}/upload`, method: 'PUT', headers: {} },
  });
  await store.addThreadItem('thr_b', userMessageWith('thr_b', 'msg_1', 6, image), context);
  // Equal created_at: the store keeps write order, and so must an import.
  await store.addThreadItem('thr_b', assistantMessage('thr_b', 'msg_z', 7, `reply one for ${tag}`), context);
  await store.addThreadItem('thr_b', assistantMessage('thr_b', 'msg_y', 7, `reply two for ${tag}`), context);

  await store.saveAttachment(fileAttachment(ATTACHMENTS.file, { thread_id: 'thr_a' }), context);
  await attachments.putBytes(ATTACHMENTS.file, new Blob([`text file of ${tag}`], { type: 'text/plain' }), context);
  await store.saveAttachment(image, context);
  await attachments.putBytes(ATTACHMENTS.image, new Blob([BINARY], { type: 'image/png' }), context);
  await store.saveAttachment(fileAttachment(ATTACHMENTS.loose, { name: `loose of ${tag}.txt` }), context);
  await attachments.putBytes(ATTACHMENTS.loose, new Blob([`loose bytes of ${tag}`], { type: 'text/plain' }), context);
  await store.saveAttachment(fileAttachment(ATTACHMENTS.pending, { thread_id: 'thr_b' }), context);
}

/** Everything of a scope: threads with items (in listing order), the attachments named, and their bytes. */
export interface ScopeContents extends StoreSnapshot {
  bytes: Record<string, { type: string; data: number[] } | null>;
}

/** Reads {@link ScopeContents} through the public API. */
export async function readScope(
  store: Store<TestContext>,
  attachments: AttachmentBytesStore<TestContext>,
  context: TestContext,
  attachmentIds: readonly string[] = Object.values(ATTACHMENTS),
): Promise<ScopeContents> {
  const snapshot = await snapshotStore(store, context, attachmentIds);
  const bytes: ScopeContents['bytes'] = {};
  for (const id of attachmentIds) {
    const blob = await attachments.getBytes(id, context);
    bytes[id] = blob ? { type: blob.type, data: [...new Uint8Array(await blob.arrayBuffer())] } : null;
  }
  return { ...snapshot, bytes };
}

/**
 * From a store's records to an export, and from a validated export back to records with their bytes:
 * the store-independent halves of `exportData` and `importData`.
 */
import type { Attachment } from '../../protocol/attachments.ts';
import type { ThreadItem } from '../../protocol/items.ts';
import type { ThreadMetadata } from '../../protocol/thread.ts';
import { decodeBase64, encodeBase64, sha256Hex } from './base64.ts';
import { ExportFormatError } from './errors.ts';
import { EXPORT_FORMAT, EXPORT_VERSION, type ChatKitExport, type ExportedAttachment } from './format.ts';

/** A thread and all its items, oldest first, as a store reads them. */
export interface ThreadWithItems {
  thread: ThreadMetadata;
  items: ThreadItem[];
}

/** An attachment record and its bytes, when the store has (and may export) them. */
export interface AttachmentWithBytes {
  attachment: Attachment;
  bytes: Blob | null;
}

/** Attachment bytes decoded from an export, checked against their size and digest. */
export interface DecodedFile {
  mimeType: string;
  bytes: Uint8Array;
}

/** An export with its files decoded: what a store writes on import. */
export interface DecodedExport {
  threads: ThreadWithItems[];
  attachments: Array<{ attachment: Attachment; file: DecodedFile | null }>;
}

/**
 * The attachments an export of `threads` takes: all of `all` for a whole-scope export (`threadIds`
 * undefined), else those tied to one of the threads (`thread_id`) or sent in one of their messages.
 */
export function selectAttachments(
  all: readonly Attachment[],
  threads: readonly ThreadWithItems[],
  threadIds: readonly string[] | undefined,
): Attachment[] {
  if (threadIds === undefined) return [...all];
  const threadSet = new Set(threads.map(({ thread }) => thread.id));
  const referenced = new Set(referencedAttachmentIds(threads));
  return all.filter(
    (attachment) =>
      (typeof attachment.thread_id === 'string' && threadSet.has(attachment.thread_id)) ||
      referenced.has(attachment.id),
  );
}

/** The ids of the attachments sent in the threads' user messages. */
export function referencedAttachmentIds(threads: readonly ThreadWithItems[]): string[] {
  const ids: string[] = [];
  for (const { items } of threads) {
    for (const item of items) if (item.type === 'user_message') ids.push(...item.attachments.map((a) => a.id));
  }
  return ids;
}

/** Builds the export object; each attachment's bytes are read, hashed and base64-encoded. */
export async function buildExport(
  threads: readonly ThreadWithItems[],
  attachments: readonly AttachmentWithBytes[],
): Promise<ChatKitExport> {
  const exported: ExportedAttachment[] = [];
  for (const { attachment, bytes } of attachments) {
    if (!bytes) {
      exported.push({ attachment });
      continue;
    }
    const data = new Uint8Array(await bytes.arrayBuffer());
    exported.push({
      attachment,
      file: { mime_type: bytes.type, size: data.length, sha256: await sha256Hex(data), base64: encodeBase64(data) },
    });
  }
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exported_at: new Date().toISOString(),
    threads: threads.map(({ thread, items }) => ({ thread, items })),
    attachments: exported,
  };
}

/**
 * Decodes the files of a validated export and checks each against its SHA-256, so a damaged file is
 * refused before anything is written.
 * @throws {ExportFormatError} naming the attachment whose bytes do not match.
 */
export async function decodeExport(data: ChatKitExport): Promise<DecodedExport> {
  const attachments: DecodedExport['attachments'] = [];
  for (const [index, { attachment, file }] of data.attachments.entries()) {
    if (!file) {
      attachments.push({ attachment, file: null });
      continue;
    }
    const bytes = decodeBase64(file.base64);
    if ((await sha256Hex(bytes)) !== file.sha256) {
      const path = `attachments[${index}].file.base64`;
      throw new ExportFormatError(
        `${path}: the bytes of attachment ${attachment.id} do not match their sha256; the file is damaged.`,
        path,
      );
    }
    attachments.push({ attachment, file: { mimeType: file.mime_type, bytes } });
  }
  return { threads: data.threads, attachments };
}

/** How many attachments of an export carry bytes. */
export function countFiles(data: DecodedExport): number {
  return data.attachments.filter(({ file }) => file !== null).length;
}

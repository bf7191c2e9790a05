/**
 * The export file format: one JSON object holding threads with their items, attachment records and,
 * where the store can reach them, the attachments' bytes. The zod schema below is the single source of
 * the format and of its TypeScript type; `parseExport` is the one way in.
 *
 * Version 1:
 * ```json
 * {
 *   "format": "chatkit-local.export",
 *   "version": 1,
 *   "exported_at": "2025-01-01T12:00:00.000Z",
 *   "threads": [{ "thread": { ThreadMetadata }, "items": [ ThreadItem, ... ] }],
 *   "attachments": [{ "attachment": { Attachment }, "file": { "mime_type", "size", "sha256", "base64" } }]
 * }
 * ```
 * Threads and items are the wire objects exactly as stored (snake_case), oldest first; `file` is
 * absent when the bytes were not exported (never uploaded, out of the store's reach, or left out).
 */
import { z } from 'zod';
import { Attachment } from '../../protocol/attachments.ts';
import { Timestamp } from '../../protocol/common.ts';
import { ThreadItem } from '../../protocol/items.ts';
import { formatPath } from '../../protocol/parse.ts';
import { ThreadMetadata } from '../../protocol/thread.ts';
import { decodedLength, isBase64 } from './base64.ts';
import { ExportFormatError } from './errors.ts';

/** The `format` value of every chatkit-local export: how a file says what it is. */
export const EXPORT_FORMAT = 'chatkit-local.export';

/** The format version this code writes and the newest it reads. */
export const EXPORT_VERSION = 1;

/** An attachment's bytes in an export. */
export const ExportedFile = z.object({
  /** The MIME type the bytes were stored with. */
  mime_type: z.string(),
  /** The number of bytes (checked against `base64` on import). */
  size: z.number().int().nonnegative(),
  /** SHA-256 of the bytes, 64 lowercase hex digits (checked on import, so a damaged file is refused). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 digest (64 lowercase hex digits)'),
  /** The bytes, base64 (RFC 4648, standard alphabet, padded). */
  base64: z.string().refine(isBase64, 'expected base64 (RFC 4648, standard alphabet, padded)'),
});
export type ExportedFile = z.infer<typeof ExportedFile>;

/** A thread and all its items, oldest first. */
export const ExportedThread = z.object({
  thread: ThreadMetadata,
  items: z.array(ThreadItem),
});
export type ExportedThread = z.infer<typeof ExportedThread>;

/** An attachment record and, when exported, its bytes. */
export const ExportedAttachment = z.object({
  attachment: Attachment,
  file: ExportedFile.nullish(),
});
export type ExportedAttachment = z.infer<typeof ExportedAttachment>;

/** A whole export, version 1. Cross-references are checked too (see {@link checkReferences}). */
export const ChatKitExport = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    /** When the export was made. */
    exported_at: Timestamp,
    threads: z.array(ExportedThread),
    attachments: z.array(ExportedAttachment),
  })
  .superRefine((data, context) => checkReferences(data, context));
/** A chatkit-local export: what `exportData` returns and `importData` reads. Plain JSON. */
export type ChatKitExport = z.infer<typeof ChatKitExport>;

/**
 * What the schema of single values cannot see: ids must be unique (threads; items within their thread;
 * attachments), every item must name the thread it is listed under, and each file's size must match its
 * base64 text.
 */
function checkReferences(
  data: { threads: ExportedThread[]; attachments: ExportedAttachment[] },
  context: z.RefinementCtx,
): void {
  const threadAt = new Map<string, number>();
  data.threads.forEach(({ thread, items }, t) => {
    const first = threadAt.get(thread.id);
    if (first !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['threads', t, 'thread', 'id'],
        message: `duplicate thread id ${thread.id} (also at threads[${first}])`,
      });
    }
    threadAt.set(thread.id, t);
    const itemAt = new Map<string, number>();
    items.forEach((item, i) => {
      if (item.thread_id !== thread.id) {
        context.addIssue({
          code: 'custom',
          path: ['threads', t, 'items', i, 'thread_id'],
          message: `expected ${thread.id}, the id of the thread the item is listed under`,
        });
      }
      const seen = itemAt.get(item.id);
      if (seen !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['threads', t, 'items', i, 'id'],
          message: `duplicate item id ${item.id} in thread ${thread.id} (also at items[${seen}])`,
        });
      }
      itemAt.set(item.id, i);
    });
  });
  const attachmentAt = new Map<string, number>();
  data.attachments.forEach(({ attachment, file }, a) => {
    const seen = attachmentAt.get(attachment.id);
    if (seen !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['attachments', a, 'attachment', 'id'],
        message: `duplicate attachment id ${attachment.id} (also at attachments[${seen}])`,
      });
    }
    attachmentAt.set(attachment.id, a);
    if (file && decodedLength(file.base64) !== file.size) {
      context.addIssue({
        code: 'custom',
        path: ['attachments', a, 'file', 'size'],
        message: `the base64 text holds ${decodedLength(file.base64)} bytes, not ${file.size}`,
      });
    }
  });
}

/**
 * Validates an export: an object (as `exportData` returned it, or after `JSON.parse`), its JSON text,
 * or a `Blob`/`File` holding that text. Checks what the file is before what it holds, so another
 * program's file or a newer version gets a message saying so rather than a list of missing fields.
 * @returns the export with the schema's defaults applied.
 * @throws {ExportFormatError} naming the first problem and its path.
 */
export async function parseExport(data: unknown): Promise<ChatKitExport> {
  const value = await jsonValueOf(data);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ExportFormatError(
      `Not a chatkit-local export: expected a JSON object with "format": "${EXPORT_FORMAT}", got ${describe(value)}.`,
    );
  }
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== EXPORT_FORMAT) {
    throw new ExportFormatError(
      `Not a chatkit-local export: "format" is ${format === undefined ? 'missing' : JSON.stringify(format)}, expected "${EXPORT_FORMAT}".`,
      'format',
    );
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ExportFormatError(
      `version: expected a positive whole number, got ${version === undefined ? 'nothing' : JSON.stringify(version)}.`,
      'version',
    );
  }
  if (version > EXPORT_VERSION) {
    throw new ExportFormatError(
      `version: this is a version ${version} export, newer than this chatkit-local reads (version ${EXPORT_VERSION}); update chatkit-local to import it.`,
      'version',
    );
  }
  const result = ChatKitExport.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = formatPath(issue.path);
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
  throw new ExportFormatError(`${path || 'export'}: ${issue.message}${more}`, path);
}

/** The JSON value `data` stands for: parsed when it is text (or a Blob of text), else itself. */
async function jsonValueOf(data: unknown): Promise<unknown> {
  const text = typeof Blob !== 'undefined' && data instanceof Blob ? await data.text() : data;
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ExportFormatError(`Not a chatkit-local export: not valid JSON (${(cause as Error).message}).`, '', {
      cause,
    });
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

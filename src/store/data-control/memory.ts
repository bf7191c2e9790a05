/**
 * Data control for `MemoryStore`: export from a consistent snapshot of a scope, import that validates
 * the whole file before touching the scope and then writes all records in one synchronous step (no
 * other call can see half an import).
 */
import type { Attachment } from '../../protocol/attachments.ts';
import type { ThreadItem } from '../../protocol/items.ts';
import type { ThreadMetadata } from '../../protocol/thread.ts';
import { NotFoundError } from '../errors.ts';
import { OrderedEntries } from '../ordered-entries.ts';
import { threadMetadataOf } from '../thread-metadata.ts';
import { hasAttachmentBytes } from '../types.ts';
import { buildExport, countFiles, decodeExport, selectAttachments, type ThreadWithItems } from './build.ts';
import { parseExport, type ChatKitExport } from './format.ts';
import { newAttachmentId, requireBytesStore } from './generic.ts';
import { planImport, summarize } from './plan.ts';
import type { ExportOptions, ImportOptions, ImportSummary } from './types.ts';

/** One scope of a `MemoryStore`, as data control reads and writes it. */
export interface MemoryScope {
  readonly threads: OrderedEntries<{ thread: ThreadMetadata; items: OrderedEntries<ThreadItem> }>;
  readonly attachments: Map<string, Attachment>;
}

const copy = <T>(value: T): T => structuredClone(value);

/**
 * Exports a scope (`undefined`: one that holds nothing yet).
 * @throws {NotFoundError} `Thread {id} not found` for a thread id the scope does not have.
 */
export async function exportMemoryScope<TContext>(
  scope: MemoryScope | undefined,
  context: TContext,
  options: ExportOptions<TContext> = {},
): Promise<ChatKitExport> {
  // Copied synchronously, so the export is one consistent moment of the scope.
  const records = options.threadIds
    ? options.threadIds.map((id) => {
        const record = scope?.threads.get(id);
        if (!record) throw new NotFoundError(`Thread ${id} not found`);
        return record;
      })
    : (scope?.threads.values() ?? []);
  const threads: ThreadWithItems[] = records.map((record) => ({
    thread: copy(record.thread),
    items: record.items.values().map(copy),
  }));
  const attachments = selectAttachments([...(scope?.attachments.values() ?? [])].map(copy), threads, options.threadIds);
  const bytesStore = options.includeFiles === false ? null : options.attachments;
  const withBytes = await Promise.all(
    attachments.map(async (attachment) => ({
      attachment,
      bytes: hasAttachmentBytes(bytesStore) ? await bytesStore.getBytes(attachment.id, context) : null,
    })),
  );
  return buildExport(threads, withBytes);
}

/**
 * Imports into the scope `target()` gives (called once everything is validated). Bytes go to
 * `options.attachments` after the records; if that fails, the records and bytes just added are removed.
 */
export async function importIntoMemoryScope<TContext>(
  target: () => MemoryScope,
  data: unknown,
  context: TContext,
  options: ImportOptions<TContext>,
  newThreadId: () => string,
): Promise<ImportSummary> {
  const decoded = await decodeExport(await parseExport(data));
  const bytesStore = requireBytesStore(countFiles(decoded), options.attachments);
  // From here to the end of the loop nothing awaits: the plan and the writes see the same scope.
  const scope = target();
  const plan = planImport(decoded, {
    threadTaken: (id) => scope.threads.get(id) !== undefined,
    attachmentTaken: (id) => scope.attachments.has(id),
    newThreadId,
    newAttachmentId: (mimeType) => newAttachmentId(options.attachments, mimeType, context),
  });
  for (const { thread, items } of plan.threads) {
    const entries = new OrderedEntries<ThreadItem>();
    for (const item of items) entries.put(item.id, item.created_at, copy(item));
    scope.threads.put(thread.id, thread.created_at, { thread: copy(threadMetadataOf(thread)), items: entries });
  }
  for (const { attachment } of plan.attachments) scope.attachments.set(attachment.id, copy(attachment));

  const written: string[] = [];
  try {
    for (const { attachment, file } of plan.attachments) {
      if (!file || !bytesStore) continue;
      written.push(attachment.id);
      await bytesStore.putBytes(attachment.id, new Blob([file.bytes as BlobPart], { type: file.mimeType }), context);
    }
  } catch (error) {
    for (const { thread } of plan.threads) scope.threads.delete(thread.id);
    for (const { attachment } of plan.attachments) scope.attachments.delete(attachment.id);
    for (const id of written) await bytesStore!.deleteAttachment(id, context).catch(() => undefined);
    throw error;
  }
  return summarize(plan);
}

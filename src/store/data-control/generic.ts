/**
 * Export and import for any {@link Store}, through its public methods only: the fallback a store
 * without its own data control can use (a custom store, or a new one until it has an atomic path).
 * `MemoryStore`, `IndexedDBStore` and `PostgresStore` have their own paths, which read a consistent snapshot and write
 * in one step; these functions cannot, as the Store interface has no transactions:
 * - the export reads thread by thread, so writes made meanwhile may or may not be in it;
 * - the import validates everything first, then writes, and if a write fails it deletes what it
 *   wrote before rethrowing (a crash in between can leave part of the import behind).
 */
import type { Attachment } from '../../protocol/attachments.ts';
import { NotFoundError } from '../errors.ts';
import { defaultGenerateId } from '../ids.ts';
import { allItems, allThreads } from '../read-all.ts';
import { hasAttachmentBytes, type AttachmentBytesStore, type AttachmentStore, type Store } from '../types.ts';
import {
  buildExport,
  countFiles,
  decodeExport,
  referencedAttachmentIds,
  selectAttachments,
  type ThreadWithItems,
} from './build.ts';
import { parseExport, type ChatKitExport } from './format.ts';
import { planImport, summarize, type ImportPlan } from './plan.ts';
import type { ExportOptions, ImportOptions, ImportSummary } from './types.ts';

/**
 * Exports a scope (or the threads named) from any store.
 * @param listAttachments every attachment record of the context's scope, when the store can list them;
 *   without it, the export holds the attachments the threads' messages name.
 * @throws {NotFoundError} when one of `options.threadIds` is not a thread of the scope.
 */
export async function exportThroughStore<TContext>(
  store: Store<TContext>,
  context: TContext,
  options: ExportOptions<TContext> = {},
  listAttachments?: () => Promise<Attachment[]>,
): Promise<ChatKitExport> {
  const threads: ThreadWithItems[] = [];
  for (const thread of options.threadIds
    ? await Promise.all(options.threadIds.map((id) => store.loadThread(id, context)))
    : await allThreads(store, context)) {
    threads.push({ thread, items: await allItems(store, thread.id, context) });
  }
  const records = listAttachments
    ? selectAttachments(await listAttachments(), threads, options.threadIds)
    : await loadReferenced(store, context, threads);
  const bytesStore = options.includeFiles === false ? null : options.attachments;
  const attachments = await Promise.all(
    records.map(async (attachment) => ({
      attachment,
      bytes: hasAttachmentBytes(bytesStore) ? await bytesStore.getBytes(attachment.id, context) : null,
    })),
  );
  return buildExport(threads, attachments);
}

/**
 * Imports an export into any store: validates it whole, gives taken ids new ones, then writes through
 * `saveThread`, `addThreadItem`, `saveAttachment` and (for bytes) `options.attachments.putBytes`.
 * @throws {ExportFormatError} when `data` is not a valid export (nothing written).
 * @throws {TypeError} when the export carries bytes and `options.attachments` cannot store them (nothing written).
 */
export async function importThroughStore<TContext>(
  store: Store<TContext>,
  data: unknown,
  context: TContext,
  options: ImportOptions<TContext> = {},
): Promise<ImportSummary> {
  const decoded = await decodeExport(await parseExport(data));
  const bytesStore = requireBytesStore(countFiles(decoded), options.attachments);
  const taken = {
    threads: await existing(
      decoded.threads.map(({ thread }) => thread.id),
      (id) => store.loadThread(id, context),
    ),
    attachments: await existing(
      decoded.attachments.map(({ attachment }) => attachment.id),
      (id) => store.loadAttachment(id, context),
    ),
  };
  const plan = planImport(decoded, {
    threadTaken: (id) => taken.threads.has(id),
    attachmentTaken: (id) => taken.attachments.has(id),
    newThreadId: () => store.generateThreadId(context),
    newAttachmentId: (mimeType) => newAttachmentId(options.attachments, mimeType, context),
  });
  await writeUndoingOnFailure(store, plan, context, bytesStore);
  return summarize(plan);
}

/**
 * The attachment store that will take the export's bytes: `attachments` when it keeps bytes, null when
 * there are none to take.
 * @throws {TypeError} when there are bytes and nowhere to put them.
 */
export function requireBytesStore<TContext>(
  files: number,
  attachments: AttachmentStore<TContext> | null | undefined,
): AttachmentBytesStore<TContext> | null {
  const bytesStore = hasAttachmentBytes(attachments) ? attachments : null;
  if (files > 0 && !bytesStore) {
    throw new TypeError(
      `The export holds the bytes of ${files} attachment${files === 1 ? '' : 's'}, but this store keeps no bytes: ` +
        'pass options.attachments (an attachment store with putBytes, such as MemoryAttachmentStore) to import them.',
    );
  }
  return bytesStore;
}

/** A new attachment id from the attachment store's generator, or the default one. */
export function newAttachmentId<TContext>(
  attachments: AttachmentStore<TContext> | null | undefined,
  mimeType: string,
  context: TContext,
): string {
  return attachments ? attachments.generateAttachmentId(mimeType, context) : defaultGenerateId('attachment');
}

async function writeUndoingOnFailure<TContext>(
  store: Store<TContext>,
  plan: ImportPlan,
  context: TContext,
  bytesStore: AttachmentBytesStore<TContext> | null,
): Promise<void> {
  const written = { threads: [] as string[], attachments: [] as string[], files: [] as string[] };
  try {
    for (const { attachment, file } of plan.attachments) {
      if (file && bytesStore) {
        written.files.push(attachment.id);
        await bytesStore.putBytes(attachment.id, new Blob([file.bytes as BlobPart], { type: file.mimeType }), context);
      }
    }
    for (const { thread, items } of plan.threads) {
      written.threads.push(thread.id);
      await store.saveThread(thread, context);
      for (const item of items) await store.addThreadItem(thread.id, item, context);
    }
    for (const { attachment } of plan.attachments) {
      written.attachments.push(attachment.id);
      await store.saveAttachment(attachment, context);
    }
  } catch (error) {
    // Undo in reverse; every id here was free before the import, so nothing else is removed.
    const undo = [
      ...written.attachments.map((id) => () => store.deleteAttachment(id, context)),
      ...written.threads.map((id) => () => store.deleteThread(id, context)),
      ...written.files.map((id) => () => bytesStore!.deleteAttachment(id, context)),
    ];
    for (const step of undo) await step().catch(() => undefined);
    throw error;
  }
}

/** The ids among `ids` that `load` finds. */
async function existing(ids: readonly string[], load: (id: string) => Promise<unknown>): Promise<Set<string>> {
  const found = await Promise.all(
    ids.map((id) =>
      load(id).then(
        () => true,
        (error: unknown) => {
          if (error instanceof NotFoundError) return false;
          throw error;
        },
      ),
    ),
  );
  return new Set(ids.filter((_id, index) => found[index]));
}

async function loadReferenced<TContext>(
  store: Store<TContext>,
  context: TContext,
  threads: readonly ThreadWithItems[],
): Promise<Attachment[]> {
  const ids = [...new Set(referencedAttachmentIds(threads))];
  const loaded = await Promise.all(
    ids.map((id) =>
      store.loadAttachment(id, context).catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      }),
    ),
  );
  return loaded.filter((attachment): attachment is Attachment => attachment !== null);
}

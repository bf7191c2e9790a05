/**
 * Export, import and delete-everything for `IndexedDBStore`. The store holds the attachment bytes in the
 * same database, so all three cover the bytes with no attachment store passed in, and each reads or
 * writes in one transaction: an export is one consistent moment of the scope, an import lands whole or
 * not at all, and deleting a scope leaves no record of it.
 *
 * With encryption, values are opened after the export's transaction and sealed before the import's
 * (a transaction cannot wait for Web Crypto); so the import plans its ids in a first, read-only
 * transaction and checks in the writing one that none of them was taken meanwhile, planning again if one was.
 */
import type { Attachment } from '../../protocol/attachments.ts';
import { buildExport, decodeExport, referencedAttachmentIds, selectAttachments } from '../data-control/build.ts';
import { parseExport, type ChatKitExport } from '../data-control/format.ts';
import { planImport, summarize, type IdSource, type ImportPlan } from '../data-control/plan.ts';
import type { ExportOptions, ImportSummary } from '../data-control/types.ts';
import { NotFoundError } from '../errors.ts';
import { timeOf } from '../ordered-entries.ts';
import { threadMetadataOf } from '../thread-metadata.ts';
import { runChecked, type Backend } from './backend.ts';
import {
  partition,
  type AttachmentRecord,
  type BytesRecord,
  type ItemRecord,
  type StoreName,
  type ThreadRecord,
} from './schema.ts';
import { takeSeqs } from './sequence.ts';

type Parts = Pick<Backend<unknown>, 'connection' | 'codec'>;

const DATA_STORES: StoreName[] = ['threads', 'items', 'attachments', 'bytes'];

/** How often an import plans again when ids it chose were taken while it sealed its records. */
const MAX_IMPORT_ATTEMPTS = 5;

/**
 * The scope (or the threads named) as an export, bytes included unless `options.includeFiles` is false.
 * @throws {NotFoundError} `Thread {id} not found` for a thread id the scope does not have.
 */
export async function exportScope(
  backend: Parts,
  scope: string,
  options: Pick<ExportOptions, 'threadIds' | 'includeFiles'>,
): Promise<ChatKitExport> {
  const { threadIds } = options;
  const includeFiles = options.includeFiles !== false;
  const read = await runChecked(backend, DATA_STORES, 'readonly', async (tx) => {
    const threadsStore = tx.objectStore('threads');
    let threads: ThreadRecord[];
    if (threadIds) {
      const found = await Promise.all(threadIds.map((id) => threadsStore.get([scope, id])));
      const missing = threadIds.find((_id, i) => !found[i]);
      if (missing !== undefined) throw new NotFoundError(`Thread ${missing} not found`);
      threads = found as ThreadRecord[];
    } else {
      threads = await threadsStore.index('byCreated').getAll(partition([scope]));
    }
    const itemsIndex = tx.objectStore('items').index('byCreated');
    const [items, allAttachments] = await Promise.all([
      Promise.all(threads.map((thread) => itemsIndex.getAll(partition([scope, thread.id])))),
      tx.objectStore('attachments').getAll(partition([scope])),
    ]);
    // Bytes of the attachments tied to the threads now; those only sent in their messages once the
    // messages are opened (below).
    const chosen = new Set(threads.map((thread) => thread.id));
    const tied = threadIds
      ? allAttachments.filter((record) => record.threadId && chosen.has(record.threadId))
      : allAttachments;
    const bytes = includeFiles
      ? await readBytes(
          tx.objectStore('bytes'),
          scope,
          tied.map((record) => record.id),
        )
      : [];
    return { threads, items, allAttachments, bytes };
  });

  const { codec } = backend;
  const threads = await Promise.all(
    read.threads.map(async (record, i) => ({
      thread: await codec.decodeThread(record),
      items: await Promise.all(read.items[i]!.map((item) => codec.decodeItem(item))),
    })),
  );
  const attachments = selectAttachments(
    await Promise.all(read.allAttachments.map((record) => codec.decodeAttachment(record))),
    threads,
    threadIds,
  );
  const bytes = new Map(read.bytes.map((record) => [record.id, record]));
  if (includeFiles && threadIds) {
    const late = referencedAttachmentIds(threads).filter((id) => !bytes.has(id));
    const more = await runChecked(backend, ['bytes'], 'readonly', (tx) =>
      readBytes(tx.objectStore('bytes'), scope, late),
    );
    for (const record of more) bytes.set(record.id, record);
  }
  return buildExport(
    threads,
    await Promise.all(
      attachments.map(async (attachment: Attachment) => {
        const record = bytes.get(attachment.id);
        return { attachment, bytes: record ? await codec.decodeBytes(record) : null };
      }),
    ),
  );
}

/**
 * Adds an export to the scope in one transaction: validated whole first, taken ids renamed, and every
 * record and byte written together or not at all.
 * @param ids the generators for ids that are taken: the store's for threads, and for attachments the
 *   attachment store's (or the default one).
 * @throws {ExportFormatError} when `data` is not a valid export (nothing is written).
 */
export async function importIntoScope(
  backend: Parts,
  scope: string,
  data: unknown,
  ids: Pick<IdSource, 'newThreadId' | 'newAttachmentId'>,
): Promise<ImportSummary> {
  const decoded = await decodeExport(await parseExport(data));
  const threadIds = decoded.threads.map(({ thread }) => thread.id);
  const attachmentIds = decoded.attachments.map(({ attachment }) => attachment.id);
  const taken = await runChecked(backend, ['threads', 'attachments'], 'readonly', async (tx) => ({
    threads: await existingIds(tx.objectStore('threads'), scope, threadIds),
    attachments: await existingIds(tx.objectStore('attachments'), scope, attachmentIds),
  }));
  for (let attempt = 1; ; attempt++) {
    const plan = planImport(decoded, {
      threadTaken: (id) => taken.threads.has(id),
      attachmentTaken: (id) => taken.attachments.has(id),
      newThreadId: () => ids.newThreadId(),
      newAttachmentId: (mimeType) => ids.newAttachmentId(mimeType),
    });
    const records = await encodePlan(backend, scope, plan);
    const clash = await runChecked(backend, [...DATA_STORES, 'meta'], 'readwrite', async (tx) => {
      const threads = tx.objectStore('threads');
      const attachments = tx.objectStore('attachments');
      const [threadsNow, attachmentsNow] = await Promise.all([
        existingIds(
          threads,
          scope,
          records.threads.map((record) => record.id),
        ),
        existingIds(
          attachments,
          scope,
          records.attachments.map((record) => record.id),
        ),
      ]);
      if (threadsNow.size > 0 || attachmentsNow.size > 0) return { threads: threadsNow, attachments: attachmentsNow };
      // Sequence numbers in the export's order: equal created_at keep the order they had.
      let seq = await takeSeqs(tx, records.threads.length + records.items.length);
      const items = tx.objectStore('items');
      const bytes = tx.objectStore('bytes');
      await Promise.all([
        ...records.threads.map((record) => threads.put({ ...record, seq: seq++ })),
        ...records.items.map((record) => items.put({ ...record, seq: seq++ })),
        ...records.attachments.map((record) => attachments.put(record)),
        ...records.bytes.map((record) => bytes.put(record)),
      ]);
      return null;
    });
    if (!clash) return summarize(plan);
    if (attempt === MAX_IMPORT_ATTEMPTS) {
      throw new Error(`Import gave up after ${attempt} attempts: the ids it chose kept being taken by other writes.`);
    }
    for (const id of clash.threads) taken.threads.add(id);
    for (const id of clash.attachments) taken.attachments.add(id);
  }
}

/** Deletes every record of the scope, bytes included, in one transaction. */
export async function deleteScope(backend: Parts, scope: string): Promise<void> {
  await runChecked(backend, DATA_STORES, 'readwrite', async (tx) => {
    await Promise.all(DATA_STORES.map((store) => tx.objectStore(store).delete(partition([scope]))));
  });
}

/** A plan as stored records (sealed when the store encrypts), sequence numbers still to assign. */
async function encodePlan(backend: Parts, scope: string, plan: ImportPlan) {
  const { codec } = backend;
  const threads: Array<Omit<ThreadRecord, 'seq'>> = [];
  const items: Array<Omit<ItemRecord, 'seq'>> = [];
  for (const { thread, items: threadItems } of plan.threads) {
    threads.push({
      scope,
      id: thread.id,
      createdMs: timeOf(thread.created_at),
      ...(await codec.encodeThread(scope, threadMetadataOf(thread))),
    });
    for (const item of threadItems) {
      items.push({
        scope,
        threadId: thread.id,
        id: item.id,
        createdMs: timeOf(item.created_at),
        ...(await codec.encodeItem(scope, thread.id, item)),
      });
    }
  }
  const attachments: AttachmentRecord[] = [];
  const bytes: BytesRecord[] = [];
  for (const { attachment, file } of plan.attachments) {
    const record: AttachmentRecord = { scope, id: attachment.id, ...(await codec.encodeAttachment(scope, attachment)) };
    if (typeof attachment.thread_id === 'string') record.threadId = attachment.thread_id;
    attachments.push(record);
    if (file) {
      const blob = new Blob([file.bytes as BlobPart], { type: file.mimeType });
      bytes.push({ scope, id: attachment.id, ...(await codec.encodeBytes(scope, attachment.id, blob)) });
    }
  }
  return { threads, items, attachments, bytes };
}

/** The ids among `ids` that the store (keyed `[scope, id]`) holds in the scope. */
async function existingIds(
  store: { getKey(key: [string, string]): Promise<unknown> },
  scope: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const keys = await Promise.all(ids.map((id) => store.getKey([scope, id])));
  return new Set(ids.filter((_id, i) => keys[i] !== undefined));
}

async function readBytes(
  store: { get(key: [string, string]): Promise<BytesRecord | undefined> },
  scope: string,
  ids: readonly string[],
): Promise<BytesRecord[]> {
  const records = await Promise.all(ids.map((id) => store.get([scope, id])));
  return records.filter((record): record is BytesRecord => record !== undefined);
}

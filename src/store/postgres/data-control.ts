/**
 * Export, import and delete-everything for `PostgresStore`, in the format and with the id planning
 * the other stores use (../data-control/).
 *
 * - An export reads the scope in one `REPEATABLE READ` transaction: one consistent moment, even while
 *   other processes write.
 * - An import is validated whole, then written in one transaction: every thread, item, attachment
 *   record and byte lands, or none does. Its rows are plain inserts, so an id another writer takes
 *   meanwhile fails the key instead of being overwritten; the import then plans again.
 * - `deleteAll` is one statement: the scope's threads, items, attachment records and bytes go together.
 *
 * Bytes go through the bytes backend: the default `bytea` table inside those transactions; an
 * external backend (object storage) cannot join them, so an import writes there before it commits
 * (and deletes what it wrote if the import fails), and `deleteAll` deletes there after it commits.
 */
import type { Attachment } from '../../protocol/attachments.ts';
import type { ThreadItem } from '../../protocol/items.ts';
import type { ThreadMetadata } from '../../protocol/thread.ts';
import { buildExport, decodeExport, selectAttachments, type ThreadWithItems } from '../data-control/build.ts';
import { parseExport, type ChatKitExport } from '../data-control/format.ts';
import { planImport, summarize, type IdSource, type ImportPlan } from '../data-control/plan.ts';
import type { ExportOptions, ImportSummary } from '../data-control/types.ts';
import { NotFoundError } from '../errors.ts';
import { timeOf } from '../ordered-entries.ts';
import { threadMetadataOf } from '../thread-metadata.ts';
import { deleteExternalBytes, type PostgresBackend } from './backend.ts';
import { PostgresBytes, type AttachmentBytesBackend, type AttachmentBytesKey } from './bytes.ts';
import { queriesOn, type Queryable } from './database.ts';
import { PostgresStoreError } from './errors.ts';
import { jsonOf, storable } from './values.ts';
import { nextWriteSeq } from './write-order.ts';

type Parts = Pick<PostgresBackend<never>, 'db' | 'sql' | 'externalBytes'>;

/** How often an import plans again when ids it chose were taken by another writer before it committed. */
const MAX_IMPORT_ATTEMPTS = 5;

/** SQLSTATE of a unique violation. */
const UNIQUE_VIOLATION = '23505';

/**
 * The scope (or the threads named, in that order) as an export, bytes included unless
 * `options.includeFiles` is false.
 * @throws {NotFoundError} `Thread {id} not found` for a thread id the scope does not have.
 */
export async function exportScope(
  backend: Parts,
  scope: string,
  options: Pick<ExportOptions, 'threadIds' | 'includeFiles'>,
): Promise<ChatKitExport> {
  const { db, sql, externalBytes } = backend;
  const { threadIds } = options;
  const includeFiles = options.includeFiles !== false;
  const operation = 'exporting data';
  const read = await db.transaction(
    operation,
    async (client) => {
      const q = queriesOn(client);
      const threads = await exportedThreads(q, backend, scope, threadIds, operation);
      const ids = threads.map(({ thread }) => thread.id);
      const [items, attachmentRows] = await Promise.all([
        q.query<{ thread_id: string; data: ThreadItem }>(operation, { text: sql.exportItems, values: [scope, ids] }),
        q.query<{ data: Attachment }>(operation, { text: sql.exportAttachments, values: [scope] }),
      ]);
      const byThread = new Map(threads.map((entry) => [entry.thread.id, entry.items]));
      for (const row of items.rows) byThread.get(row.thread_id)!.push(row.data);
      const attachments = selectAttachments(
        attachmentRows.rows.map((row) => row.data),
        threads,
        threadIds,
      );
      // The default table's bytes are read in the same transaction, so they match the records.
      const bytes =
        includeFiles && !externalBytes ? await readBytes(new PostgresBytes(q, sql), scope, attachments) : null;
      return { threads, attachments, bytes };
    },
    'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY',
  );
  const bytes = includeFiles && externalBytes ? await readBytes(externalBytes, scope, read.attachments) : read.bytes;
  return buildExport(
    read.threads,
    read.attachments.map((attachment) => ({ attachment, bytes: bytes?.get(attachment.id) ?? null })),
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
  const { db, sql, externalBytes } = backend;
  const operation = 'importing data';
  for (let attempt = 1; ; attempt++) {
    const written: AttachmentBytesKey[] = [];
    try {
      return await db.transaction(operation, async (client) => {
        const q = queriesOn(client);
        const [threads, attachments] = await Promise.all([
          takenIds(
            q,
            sql.takenIds.threads,
            scope,
            decoded.threads.map(({ thread }) => thread.id),
          ),
          takenIds(
            q,
            sql.takenIds.attachments,
            scope,
            decoded.attachments.map(({ attachment }) => attachment.id),
          ),
        ]);
        const plan = planImport(decoded, {
          // An id PostgreSQL text cannot hold is "taken": the import gives it a new one.
          threadTaken: (id) => threads.has(id) || !storable(id),
          attachmentTaken: (id) => attachments.has(id) || !storable(id),
          newThreadId: () => ids.newThreadId(),
          newAttachmentId: (mimeType) => ids.newAttachmentId(mimeType),
        });
        await insertPlan(q, backend, scope, plan, operation);
        const bytes = externalBytes ?? new PostgresBytes(q, sql);
        for (const { attachment, file } of plan.attachments) {
          if (!file) continue;
          const key = { scope, attachmentId: attachment.id };
          written.push(key);
          await bytes.put(key, new Blob([file.bytes as BlobPart], { type: file.mimeType }));
        }
        return summarize(plan);
      });
    } catch (error) {
      // The transaction rolled back; bytes an external backend took are not part of it. Every id
      // written was free of records, so nothing of anyone else's goes.
      if (externalBytes && written.length > 0) await externalBytes.delete(written).catch(() => undefined);
      const clash = error instanceof PostgresStoreError && error.code === UNIQUE_VIOLATION;
      if (!clash) throw error;
      if (attempt === MAX_IMPORT_ATTEMPTS) {
        throw new PostgresStoreError(
          `Import gave up after ${attempt} attempts: the ids it chose kept being taken by other writes; nothing of it was saved.`,
          { operation, code: UNIQUE_VIOLATION, cause: error },
        );
      }
    }
  }
}

/**
 * Deletes every thread, item, attachment record and attachment byte of the scope in one statement;
 * bytes in an external backend right after it commits.
 * @throws {PostgresStoreError} when the database fails (nothing deleted), or when only the external
 *   bytes could not be deleted (the records are gone).
 */
export async function deleteScope(backend: Parts, scope: string): Promise<void> {
  const operation = 'deleting all data of a scope';
  const { rows } = await backend.db.query<{ id: string }>(operation, {
    text: backend.sql.deleteScope,
    values: [scope],
  });
  const ids = rows.map((row) => row.id);
  await deleteExternalBytes(backend, scope, ids, operation, 'Every thread and attachment record was deleted');
}

/** The threads of an export with empty item lists: the ones named (in that order), or the whole scope. */
async function exportedThreads(
  q: Queryable,
  { sql }: Parts,
  scope: string,
  threadIds: readonly string[] | undefined,
  operation: string,
): Promise<ThreadWithItems[]> {
  if (!threadIds) {
    const { rows } = await q.query<{ data: ThreadMetadata }>(operation, {
      text: sql.exportThreads.all,
      values: [scope],
    });
    return rows.map((row) => ({ thread: row.data, items: [] }));
  }
  const { rows } = await q.query<{ id: string; data: ThreadMetadata }>(operation, {
    text: sql.exportThreads.chosen,
    values: [scope, threadIds.filter(storable)],
  });
  const found = new Map(rows.map((row) => [row.id, row.data]));
  return threadIds.map((id) => {
    const thread = found.get(id);
    if (!thread) throw new NotFoundError(`Thread ${id} not found`);
    return { thread, items: [] };
  });
}

/** The bytes of each attachment that has some, by attachment id. */
async function readBytes(
  bytes: AttachmentBytesBackend,
  scope: string,
  attachments: readonly Attachment[],
): Promise<Map<string, Blob>> {
  const found = new Map<string, Blob>();
  for (const { id } of attachments) {
    if (!storable(id)) continue;
    const blob = await bytes.get({ scope, attachmentId: id });
    if (blob) found.set(id, blob);
  }
  return found;
}

/** The ids among `ids` that rows of the scope already have. */
async function takenIds(q: Queryable, text: string, scope: string, ids: readonly string[]): Promise<Set<string>> {
  const { rows } = await q.query<{ id: string }>('importing data', { text, values: [scope, ids.filter(storable)] });
  return new Set(rows.map((row) => row.id));
}

/** Inserts a plan's records, a statement per table; write order follows the export's order. */
async function insertPlan(q: Queryable, { sql }: Parts, scope: string, plan: ImportPlan, operation: string) {
  const threads = plan.threads.map(({ thread }) => thread);
  const items = plan.threads.flatMap(({ thread, items: threadItems }) =>
    threadItems.map((item) => ({ threadId: thread.id, item })),
  );
  await q.query(operation, {
    text: sql.importRows.threads,
    values: [
      scope,
      threads.map((thread) => thread.id),
      threads.map((thread) => timeOf(thread.created_at)),
      threads.map(() => nextWriteSeq()),
      threads.map((thread) => jsonOf(threadMetadataOf(thread), `Thread ${thread.id}`)),
    ],
  });
  await q.query(operation, {
    text: sql.importRows.items,
    values: [
      scope,
      items.map(({ threadId }) => threadId),
      items.map(({ item }) => item.id),
      items.map(({ item }) => timeOf(item.created_at)),
      items.map(() => nextWriteSeq()),
      items.map(({ item }) => jsonOf(item, `Item ${item.id}`)),
    ],
  });
  const attachments = plan.attachments.map(({ attachment }) => attachment);
  await q.query(operation, {
    text: sql.importRows.attachments,
    values: [
      scope,
      attachments.map((attachment) => attachment.id),
      attachments.map((attachment) => (typeof attachment.thread_id === 'string' ? attachment.thread_id : null)),
      attachments.map((attachment) => jsonOf(attachment, `Attachment ${attachment.id}`)),
    ],
  });
}

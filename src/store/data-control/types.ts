/**
 * The data-control contract: what a store offers so that people own their conversations (take them
 * elsewhere, bring them back, delete them), implemented by `MemoryStore`, `IndexedDBStore` and
 * `PostgresStore`.
 */
import type { AttachmentStore } from '../types.ts';
import type { ChatKitExport } from './format.ts';

/** Options of {@link DataControl.exportData}. */
export interface ExportOptions<TContext = unknown> {
  /**
   * Export only these threads (with their items and their attachments). Default: everything in the
   * context's scope, attachments not tied to a thread included.
   */
  threadIds?: readonly string[] | undefined;
  /**
   * Where attachment bytes live, when the store does not hold them itself (`MemoryStore` with a
   * `MemoryAttachmentStore`). Ignored by stores that keep the bytes (`IndexedDBStore`,
   * `PostgresStore`).
   */
  attachments?: AttachmentStore<TContext> | null | undefined;
  /** Whether to include attachment bytes (default `true`); without them an export is much smaller. */
  includeFiles?: boolean | undefined;
}

/** Options of {@link DataControl.importData}. */
export interface ImportOptions<TContext = unknown> {
  /**
   * Where to put attachment bytes, when the store does not hold them itself (`MemoryStore`). Needed when
   * the export carries bytes; ignored by stores that keep the bytes (`IndexedDBStore`,
   * `PostgresStore`).
   */
  attachments?: AttachmentStore<TContext> | null | undefined;
}

/** What {@link DataControl.importData} added. */
export interface ImportSummary {
  /** Threads added. */
  threads: number;
  /** Items added, over all threads. */
  items: number;
  /** Attachment records added. */
  attachments: number;
  /** Attachment bytes added. */
  files: number;
  /** The ids the imported threads have in the store, in the export's order. */
  threadIds: string[];
  /**
   * Ids that were already taken in the scope and so were given new ones: `{ exported id: stored id }`.
   * Empty when nothing clashed (a fresh database, another browser).
   */
  renamed: { threads: Record<string, string>; attachments: Record<string, string> };
}

/** Options of {@link DataControl.deleteAll}. */
export interface DeleteAllOptions<TContext = unknown> {
  /**
   * Where attachment bytes live, when the store does not hold them itself (`MemoryStore`): their bytes
   * are deleted too. Ignored by stores that keep the bytes (`IndexedDBStore`,
   * `PostgresStore`).
   */
  attachments?: AttachmentStore<TContext> | null | undefined;
}

/**
 * Export, import and delete-everything for one scope (one user). Every method works on the scope the
 * context maps to, and never sees or touches another scope.
 */
export interface DataControl<TContext = unknown> {
  /**
   * Everything of the context's scope (or the threads named) as one JSON-serialisable object in the
   * {@link ChatKitExport} format: `JSON.stringify` it to save a file. It is plain text, not encrypted,
   * even when the store is.
   * @throws {NotFoundError} when one of `options.threadIds` is not a thread of the scope.
   */
  exportData(context: TContext, options?: ExportOptions<TContext>): Promise<ChatKitExport>;
  /**
   * Adds the threads, items, attachments and bytes of an export to the context's scope. The whole file
   * is validated first; a bad one changes nothing. Existing data is never changed: a thread or
   * attachment whose id is already taken is added under a new id (see {@link ImportSummary.renamed}).
   * @param data an export: the object, its JSON text, or a Blob/File of that text.
   * @throws {ExportFormatError} naming what is wrong, when `data` is not a valid export.
   */
  importData(data: unknown, context: TContext, options?: ImportOptions<TContext>): Promise<ImportSummary>;
  /** Deletes every thread, item, attachment record and attachment byte of the context's scope. */
  deleteAll(context: TContext, options?: DeleteAllOptions<TContext>): Promise<void>;
}

/**
 * {@link PostgresAttachmentStore}: attachment bytes for a server on {@link PostgresStore}, kept in the
 * same database by default, so that the handler's two-phase and direct upload routes and its download
 * route work across every process serving that database.
 */
import { ChatKitRequestError } from '../../protocol/errors.ts';
import type { Attachment } from '../../protocol/attachments.ts';
import type { AttachmentCreateParams } from '../../protocol/requests.ts';
import { defaultGenerateId } from '../ids.ts';
import { twoPhaseAttachment, type AttachmentUrlOptions } from '../two-phase.ts';
import type { AttachmentBytesStore } from '../types.ts';
import { backendOf } from './backend.ts';
import { PostgresBytes, type AttachmentBytesBackend } from './bytes.ts';
import type { PostgresStore } from './store.ts';

/** The largest attachment kept by default: the handler's own default upload limit, 32 MiB. */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 32 * 1024 * 1024;

/** Options of {@link PostgresAttachmentStore}. */
export interface PostgresAttachmentStoreOptions extends AttachmentUrlOptions {
  /**
   * The largest file kept, in bytes (default 32 MiB). PostgreSQL's `bytea` holds up to 1 GB, but each
   * file passes through memory whole: beyond some tens of MB, use object storage (`bytes`).
   */
  maxBytes?: number | undefined;
  /** Where the bytes go (default: a `bytea` table in the store's schema). The extension point for object storage. */
  bytes?: AttachmentBytesBackend | undefined;
}

/**
 * An attachment store for a {@link PostgresStore}: `createAttachment` answers a two-phase upload
 * descriptor (`PUT` to {@link AttachmentUrlOptions.uploadUrl}), and `putBytes`/`getBytes` give the
 * handler's upload and download routes the bytes. It partitions bytes by the store's scope.
 *
 * With the default bytes backend, `store.deleteThread` removes the thread's files in the same statement
 * as the thread; with a custom backend, right after it commits.
 */
export class PostgresAttachmentStore<TContext = unknown> implements AttachmentBytesStore<TContext> {
  private readonly scope: (context: TContext) => string;
  private readonly bytes: AttachmentBytesBackend;
  private readonly urls: AttachmentUrlOptions;
  private readonly maxBytes: number;

  /**
   * @param store the store whose database (and scope function) holds the bytes.
   * @param options upload limit, URLs, and where the bytes go.
   */
  constructor(store: PostgresStore<TContext>, options: PostgresAttachmentStoreOptions = {}) {
    const backend = backendOf<TContext>(store);
    this.scope = backend.scope;
    this.urls = { uploadUrl: options.uploadUrl, previewUrl: options.previewUrl };
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
    if (options.bytes) {
      // The default backend's rows go in the store's own statements (deleting a thread, exports,
      // imports, deleteAll); the store reaches any other backend through this record.
      if (backend.externalBytes && backend.externalBytes !== options.bytes) {
        throw new TypeError(
          'PostgresAttachmentStore: this PostgresStore already keeps its bytes in another bytes backend; a store has one.',
        );
      }
      this.bytes = backend.externalBytes = options.bytes;
    } else {
      this.bytes = new PostgresBytes(backend.db, backend.sql);
    }
  }

  /** A new attachment id: `atc_` and 64 random bits in hex. Override to choose your own. */
  generateAttachmentId(_mimeType: string, _context: TContext): string {
    return defaultGenerateId('attachment');
  }

  /** The attachment for a two-phase upload (the server saves the record). */
  async createAttachment(params: AttachmentCreateParams, context: TContext): Promise<Attachment> {
    return twoPhaseAttachment(this.generateAttachmentId(params.mime_type, context), params, this.urls);
  }

  /** Deletes the bytes of an attachment; silent when there are none. */
  async deleteAttachment(attachmentId: string, context: TContext): Promise<void> {
    if (attachmentId.includes('\0')) return;
    await this.bytes.delete([{ scope: this.scope(context), attachmentId }]);
  }

  /**
   * Stores (or replaces) the bytes of an attachment; the Blob's `type` is its MIME type.
   * @throws {ChatKitRequestError} 413 when the file is larger than `maxBytes` (nothing is stored).
   */
  async putBytes(attachmentId: string, bytes: Blob, context: TContext): Promise<void> {
    if (bytes.size > this.maxBytes) {
      throw new ChatKitRequestError(
        `file: the file is ${bytes.size} bytes; this server keeps attachments of at most ${this.maxBytes} bytes.`,
        { status: 413, field: 'file' },
      );
    }
    await this.bytes.put({ scope: this.scope(context), attachmentId }, bytes);
  }

  /** The bytes of an attachment, or null when none were uploaded in the context's scope. */
  async getBytes(attachmentId: string, context: TContext): Promise<Blob | null> {
    if (attachmentId.includes('\0')) return null;
    return this.bytes.get({ scope: this.scope(context), attachmentId });
  }
}

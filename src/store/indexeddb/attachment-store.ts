/**
 * {@link IndexedDBAttachmentStore}: attachment bytes as Blobs in the same database as an
 * {@link IndexedDBStore}, so deleting a thread removes its files in the same transaction.
 */
import type { Attachment } from '../../protocol/attachments.ts';
import type { AttachmentCreateParams } from '../../protocol/requests.ts';
import { BaseAttachmentStore } from '../base.ts';
import { twoPhaseAttachment, type AttachmentUrlOptions } from '../two-phase.ts';
import type { AttachmentBytesStore } from '../types.ts';
import { backendOf, runChecked, type Backend } from './backend.ts';
import type { IndexedDBStore } from './store.ts';

/** Options of {@link IndexedDBAttachmentStore}: where clients upload and preview attachments. */
export type IndexedDBAttachmentStoreOptions = AttachmentUrlOptions;

/**
 * An {@link AttachmentBytesStore} keeping bytes as Blobs in the database of an {@link IndexedDBStore},
 * under that store's scopes: a context never reads, replaces or deletes another scope's bytes.
 *
 * `createAttachment` answers a two-phase upload descriptor (`PUT` to
 * {@link AttachmentUrlOptions.uploadUrl}); the handler's upload route then calls `putBytes`, and its
 * download route `getBytes`.
 */
export class IndexedDBAttachmentStore<TContext = unknown>
  extends BaseAttachmentStore<TContext>
  implements AttachmentBytesStore<TContext>
{
  private readonly backend: Backend<TContext>;
  private readonly urls: AttachmentUrlOptions;

  /**
   * @param store the store whose database (and scope function) this one shares.
   * @param options where clients upload bytes and fetch image previews.
   */
  constructor(store: IndexedDBStore<TContext>, options: IndexedDBAttachmentStoreOptions = {}) {
    super();
    this.backend = backendOf<TContext>(store);
    this.urls = { uploadUrl: options.uploadUrl, previewUrl: options.previewUrl };
  }

  /** Builds (without saving: the server saves the record) an attachment awaiting its upload. */
  async createAttachment(params: AttachmentCreateParams, context: TContext): Promise<Attachment> {
    return twoPhaseAttachment(this.generateAttachmentId(params.mime_type, context), params, this.urls);
  }

  /** Deletes the bytes; silent when there are none. */
  async deleteAttachment(attachmentId: string, context: TContext): Promise<void> {
    const key: [string, string] = [this.backend.scope(context), attachmentId];
    await runChecked(this.backend, ['bytes'], 'readwrite', (tx) => tx.objectStore('bytes').delete(key));
  }

  /** Stores (or replaces) the bytes; the Blob keeps its `type`. Encrypted, when the store encrypts. */
  async putBytes(attachmentId: string, bytes: Blob, context: TContext): Promise<void> {
    const scope = this.backend.scope(context);
    const record = { scope, id: attachmentId, ...(await this.backend.codec.encodeBytes(scope, attachmentId, bytes)) };
    await runChecked(this.backend, ['bytes'], 'readwrite', (tx) => tx.objectStore('bytes').put(record));
  }

  /** The bytes, or `null` when none were uploaded in the context's scope. */
  async getBytes(attachmentId: string, context: TContext): Promise<Blob | null> {
    const key: [string, string] = [this.backend.scope(context), attachmentId];
    const record = await runChecked(this.backend, ['bytes'], 'readonly', (tx) => tx.objectStore('bytes').get(key));
    return record ? this.backend.codec.decodeBytes(record) : null;
  }
}

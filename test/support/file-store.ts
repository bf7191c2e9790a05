/**
 * The attachment store double of the SDK's server tests (`InMemoryFileStore`): ids `atc_{n}`; image
 * types give an image attachment with a preview URL; every attachment gets an upload descriptor with a
 * custom header and integration metadata `{"source":"test"}` that clients must never see.
 */
import type { Attachment, AttachmentCreateParams, AttachmentStore } from '../../src/index.ts';

export class InMemoryFileStore<C = unknown> implements AttachmentStore<C> {
  /** Attachments created and not deleted, by id. */
  readonly files = new Map<string, Attachment>();
  readonly deleted: string[] = [];
  private counter = 0;

  generateAttachmentId(_mimeType: string, _context: C): string {
    this.counter += 1;
    return `atc_${this.counter}`;
  }

  async createAttachment(params: AttachmentCreateParams, context: C): Promise<Attachment> {
    const id = this.generateAttachmentId(params.mime_type, context);
    const base = {
      id,
      name: params.name,
      mime_type: params.mime_type,
      upload_descriptor: {
        url: `https://example.com/${id}/upload`,
        method: 'PUT' as const,
        headers: { 'X-My-Header': 'my-value' },
      },
      metadata: { source: 'test' },
    };
    const attachment: Attachment = params.mime_type.startsWith('image/')
      ? { ...base, type: 'image', preview_url: `https://example.com/${id}/preview` }
      : { ...base, type: 'file' };
    this.files.set(id, attachment);
    return attachment;
  }

  async deleteAttachment(attachmentId: string, _context: C): Promise<void> {
    this.deleted.push(attachmentId);
    this.files.delete(attachmentId);
  }
}

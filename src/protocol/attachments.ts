/** Attachments: files and images a user sends with a message, and how their bytes are uploaded. */
import { z } from 'zod';
import { JsonObject } from './common.ts';

/** Where and how a client uploads an attachment's bytes in a two-phase upload. */
export const AttachmentUploadDescriptor = z.object({
  url: z.string(),
  method: z.enum(['POST', 'PUT']),
  headers: z.record(z.string(), z.string()).default({}),
});
export type AttachmentUploadDescriptor = z.infer<typeof AttachmentUploadDescriptor>;

/**
 * Integration-only attachment metadata. Stores keep it; it is never written to a client
 * ({@link import('./serialize.ts').toWireJson} drops it).
 */
export const AttachmentMetadata = JsonObject.nullish().meta({ chatkitWire: 'omit' });

const attachmentBase = {
  id: z.string(),
  name: z.string(),
  mime_type: z.string(),
  upload_descriptor: AttachmentUploadDescriptor.nullish(),
  thread_id: z.string().nullish(),
  metadata: AttachmentMetadata,
};

/** A non-image attachment. */
export const FileAttachment = z.object({ ...attachmentBase, type: z.literal('file') });
export type FileAttachment = z.infer<typeof FileAttachment>;

/** An image attachment; the UI shows `preview_url` as its thumbnail. */
export const ImageAttachment = z.object({
  ...attachmentBase,
  type: z.literal('image'),
  preview_url: z.string(),
});
export type ImageAttachment = z.infer<typeof ImageAttachment>;

/** Any attachment, told apart by `type`. */
export const Attachment = z.discriminatedUnion('type', [FileAttachment, ImageAttachment]);
export type Attachment = z.infer<typeof Attachment>;

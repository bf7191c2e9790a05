/** Building attachments for two-phase upload, shared by the attachment stores that keep bytes. */
import type { Attachment } from '../protocol/attachments.ts';
import type { AttachmentCreateParams } from '../protocol/requests.ts';

/** Where clients send and fetch an attachment's bytes. */
export interface AttachmentUrlOptions {
  /**
   * The URL clients upload bytes to, for an attachment id (default `/chatkit/attachments/{id}/upload`,
   * which `createChatKitHandler` serves when mounted on `/chatkit`).
   */
  uploadUrl?: ((attachmentId: string) => string) | undefined;
  /** The preview URL of an image attachment (default `/chatkit/attachments/{id}/content`). */
  previewUrl?: ((attachmentId: string) => string) | undefined;
}

/** The handler's upload route for an attachment when mounted on `/chatkit`. */
export function defaultUploadUrl(attachmentId: string): string {
  return `/chatkit/attachments/${encodeURIComponent(attachmentId)}/upload`;
}

/** The handler's download route for an attachment when mounted on `/chatkit`. */
export function defaultPreviewUrl(attachmentId: string): string {
  return `/chatkit/attachments/${encodeURIComponent(attachmentId)}/content`;
}

/**
 * The attachment `attachments.create` answers: a `PUT` upload descriptor and, for `image/*` types, an
 * `image` attachment with a `preview_url`; anything else is a `file`.
 */
export function twoPhaseAttachment(
  id: string,
  params: AttachmentCreateParams,
  options: AttachmentUrlOptions = {},
): Attachment {
  const uploadUrl = options.uploadUrl ?? defaultUploadUrl;
  const previewUrl = options.previewUrl ?? defaultPreviewUrl;
  const upload_descriptor = { url: uploadUrl(id), method: 'PUT' as const, headers: {} };
  const base = { id, name: params.name, mime_type: params.mime_type, upload_descriptor };
  return params.mime_type.startsWith('image/')
    ? { ...base, type: 'image', preview_url: previewUrl(id) }
    : { ...base, type: 'file' };
}

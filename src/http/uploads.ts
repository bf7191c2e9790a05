/**
 * The attachment byte routes: a two-phase upload's second phase, a direct upload, and reading the
 * bytes back. They need an attachment store that keeps bytes (`putBytes`/`getBytes`).
 */
import type { ChatKitServer } from '../server/server.ts';
import { NotSupportedError } from '../server/errors.ts';
import { Attachment as AttachmentSchema, type Attachment } from '../protocol/attachments.ts';
import { toWireJson } from '../protocol/serialize.ts';
import { hasAttachmentBytes, type AttachmentBytesStore } from '../store/types.ts';
import { HttpError, jsonResponse } from './responses.ts';
import { mediaTypeOf, readBody } from './body.ts';
import type { ImagePreviewMaker } from './image-preview.ts';

function bytesStoreOf<TContext>(server: ChatKitServer<TContext>): AttachmentBytesStore<TContext> {
  if (!hasAttachmentBytes(server.attachmentStore)) {
    throw new NotSupportedError('Uploads need an attachment store that keeps bytes (MemoryAttachmentStore or IndexedDBAttachmentStore).');
  }
  return server.attachmentStore;
}

/** `POST|PUT {base}/attachments/{id}/upload`: stores the bytes of an attachment created by `attachments.create`. */
export async function handleUpload<TContext>(
  server: ChatKitServer<TContext>,
  request: Request,
  attachmentId: string,
  context: TContext,
  limit: number,
  makePreview: ImagePreviewMaker | null,
): Promise<Response> {
  const bytesStore = bytesStoreOf(server);
  const attachment = await server.store.loadAttachment(attachmentId, context);
  if (!attachment.upload_descriptor) {
    throw new HttpError(409, `Attachment ${attachmentId} was already uploaded.`);
  }
  const file = mediaTypeOf(request) === 'multipart/form-data'
    ? await fileField(request, limit)
    : new Blob([await readBody(request, limit) as Uint8Array<ArrayBuffer>]);
  const blob = new Blob([file], { type: attachment.mime_type });
  await bytesStore.putBytes(attachmentId, blob, context);
  const uploaded = await withPreview({ ...attachment, upload_descriptor: null }, blob, makePreview);
  await server.store.saveAttachment(uploaded, context);
  return jsonResponse(toWireJson(AttachmentSchema, uploaded));
}

/** `POST {base}/attachments`: a direct upload (multipart `file` field) creating the attachment at once. */
export async function handleDirectUpload<TContext>(
  server: ChatKitServer<TContext>,
  request: Request,
  context: TContext,
  limit: number,
  makePreview: ImagePreviewMaker | null,
): Promise<Response> {
  const bytesStore = bytesStoreOf(server);
  if (mediaTypeOf(request) !== 'multipart/form-data') {
    throw new HttpError(415, 'A direct upload must be multipart/form-data with the file in a "file" field.');
  }
  const file = await fileField(request, limit);
  const mimeType = file.type || 'application/octet-stream';
  const name = file instanceof File && file.name ? file.name : 'file';
  const created = await bytesStore.createAttachment({ name, size: file.size, mime_type: mimeType }, context);
  const blob = new Blob([file], { type: mimeType });
  await bytesStore.putBytes(created.id, blob, context);
  const attachment = await withPreview({ ...created, upload_descriptor: null }, blob, makePreview);
  await server.store.saveAttachment(attachment, context);
  return jsonResponse(toWireJson(AttachmentSchema, attachment));
}

/**
 * `GET {base}/attachments/{id}/content`: the stored bytes. Served so a browser never runs them as
 * part of the page (a sandboxing CSP, no sniffing, non-images as downloads).
 */
export async function handleDownload<TContext>(
  server: ChatKitServer<TContext>,
  request: Request,
  attachmentId: string,
  context: TContext,
): Promise<Response> {
  const bytesStore = bytesStoreOf(server);
  const attachment = await server.store.loadAttachment(attachmentId, context);
  const bytes = await bytesStore.getBytes(attachmentId, context);
  if (!bytes) throw new HttpError(404, `Attachment ${attachmentId} has no uploaded content yet.`);
  const disposition = attachment.type === 'image' ? 'inline' : 'attachment';
  const headers = {
    'content-type': attachment.mime_type || 'application/octet-stream',
    'content-length': String(bytes.size),
    'content-disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(attachment.name)}`,
    'content-security-policy': 'sandbox',
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, max-age=31536000, immutable',
  };
  return new Response(request.method.toUpperCase() === 'HEAD' ? null : bytes, { status: 200, headers });
}

/**
 * The attachment with its `preview_url` replaced by a generated preview, for an image whose preview
 * can be made; otherwise unchanged (an undecodable image keeps the URL its store gave it).
 */
async function withPreview(attachment: Attachment, bytes: Blob, makePreview: ImagePreviewMaker | null): Promise<Attachment> {
  if (attachment.type !== 'image' || !makePreview) return attachment;
  const preview = await makePreview(bytes).catch(() => null);
  return preview ? { ...attachment, preview_url: preview } : attachment;
}

/** The `file` field of a multipart body read within `limit`. */
async function fileField(request: Request, limit: number): Promise<Blob> {
  const body = await readBody(request, limit);
  let form: FormData;
  try {
    form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': request.headers.get('content-type')! } }).formData();
  } catch (cause) {
    throw new HttpError(400, `The multipart body could not be read: ${(cause as Error).message}`);
  }
  const file = form.get('file');
  if (!(file instanceof Blob)) throw new HttpError(400, 'file: the multipart body has no "file" field with the file.');
  return file;
}

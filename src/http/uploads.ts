/**
 * The attachment byte routes: a two-phase upload's second phase, a direct upload, and reading the
 * bytes back. They need an attachment store that keeps bytes (`putBytes`/`getBytes`).
 */
import type { ChatKitServer } from '../server/server.ts';
import { NotSupportedError } from '../server/errors.ts';
import { Attachment as AttachmentSchema, type Attachment } from '../protocol/attachments.ts';
import { toWireJson } from '../protocol/serialize.ts';
import { DeclaredMimeType } from '../protocol/requests.ts';
import { hasAttachmentBytes, type AttachmentBytesStore } from '../store/types.ts';
import { HttpError, jsonResponse } from './responses.ts';
import { mediaTypeOf, readBody } from './body.ts';
import type { ImagePreviewMaker } from './image-preview.ts';
import {
  checkAttachment,
  largestAttachmentBytes,
  maxAttachmentBytes,
  sanitizeFileName,
} from '../server/attachment-policy.ts';

function bytesStoreOf<TContext>(server: ChatKitServer<TContext>): AttachmentBytesStore<TContext> {
  if (!hasAttachmentBytes(server.attachmentStore)) {
    throw new NotSupportedError(
      'Uploads need an attachment store that keeps bytes (MemoryAttachmentStore or IndexedDBAttachmentStore).',
    );
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
  const maxBytes = uploadLimit(server, limit, attachment.mime_type);
  const file =
    mediaTypeOf(request) === 'multipart/form-data'
      ? await fileField(request, maxBytes)
      : new Blob([(await readBody(request, maxBytes)) as Uint8Array<ArrayBuffer>]);
  assertWithin(file, maxBytes);
  return storeUpload(server, bytesStore, attachment, file, attachment.mime_type, context, makePreview);
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
  const maxBytes = uploadLimit(server, limit);
  const file = await fileField(request, maxBytes);
  assertWithin(file, maxBytes);
  const mimeType = file.type || 'application/octet-stream';
  const declared = DeclaredMimeType.safeParse(mimeType);
  if (!declared.success) throw new HttpError(400, `file: its type ${declared.error.issues[0]!.message}.`);
  // The policy's own check, for its 413/415 messages naming the field.
  checkAttachment(server.attachmentPolicy, file.size, mimeType, 'file');
  const name = sanitizeFileName(file instanceof File ? file.name : '');
  const created = await bytesStore.createAttachment({ name, size: file.size, mime_type: mimeType }, context);
  return storeUpload(server, bytesStore, created, file, mimeType, context, makePreview);
}

/**
 * Raster image types a browser only ever draws, never runs: served inline with their own type so an
 * `<img>` can show them. SVG is not one of them (it is a document that can carry script).
 */
const INLINE_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

/**
 * `GET {base}/attachments/{id}/content`: the stored bytes, served so a browser never runs them as
 * part of the page: a safe raster image keeps its type (inline), anything else is an
 * `application/octet-stream` download whatever type the client declared (a stored `text/html` or
 * `text/javascript` must not execute when loaded from the handler's origin), always with
 * `nosniff` and a sandboxing CSP.
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
  const essence = (attachment.mime_type ?? '').split(';')[0]!.trim().toLowerCase();
  const inline = INLINE_IMAGE_TYPES.has(essence);
  const headers = {
    'content-type': inline ? essence : 'application/octet-stream',
    'content-length': String(bytes.size),
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(attachment.name)}`,
    'content-security-policy': 'sandbox',
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, max-age=31536000, immutable',
  };
  return new Response(request.method.toUpperCase() === 'HEAD' ? null : bytes, { status: 200, headers });
}

/**
 * The largest file an upload route takes: the handler's limit or the server's policy (for the
 * attachment's type when it is known, else for any type), whichever is lower.
 */
function uploadLimit(server: ChatKitServer<never>, handlerLimit: number, mimeType?: string): number {
  const policy = server.attachmentPolicy;
  return Math.min(
    handlerLimit,
    mimeType === undefined ? largestAttachmentBytes(policy) : maxAttachmentBytes(policy, mimeType),
  );
}

/**
 * Refuses a file over the limit. Needed after reading: a multipart body may carry a file slightly
 * over the limit within the allowance made for its framing.
 */
function assertWithin(file: Blob, maxBytes: number): void {
  if (file.size > maxBytes)
    throw new HttpError(413, `The file is ${file.size} bytes; attachments may be at most ${maxBytes} bytes.`);
}

/** Stores an upload's bytes and its record (upload descriptor cleared, image preview made) and answers the attachment JSON. */
async function storeUpload<TContext>(
  server: ChatKitServer<TContext>,
  bytesStore: AttachmentBytesStore<TContext>,
  attachment: Attachment,
  file: Blob,
  mimeType: string,
  context: TContext,
  makePreview: ImagePreviewMaker | null,
): Promise<Response> {
  const blob = new Blob([file], { type: mimeType });
  await bytesStore.putBytes(attachment.id, blob, context);
  const uploaded = await withPreview({ ...attachment, upload_descriptor: null }, blob, makePreview);
  await server.store.saveAttachment(uploaded, context);
  return jsonResponse(toWireJson(AttachmentSchema, uploaded));
}

/**
 * The attachment with its `preview_url` replaced by a generated preview, for an image whose preview
 * can be made; otherwise unchanged (an undecodable image keeps the URL its store gave it).
 */
async function withPreview(
  attachment: Attachment,
  bytes: Blob,
  makePreview: ImagePreviewMaker | null,
): Promise<Attachment> {
  if (attachment.type !== 'image' || !makePreview) return attachment;
  const preview = await makePreview(bytes).catch(() => null);
  return preview ? { ...attachment, preview_url: preview } : attachment;
}

/** Room for a multipart body's boundaries and part headers around a file of the largest size. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** The `file` field of a multipart body holding at most about `limit` bytes of file. */
async function fileField(request: Request, limit: number): Promise<Blob> {
  const body = await readBody(request, limit + MULTIPART_OVERHEAD);
  let form: FormData;
  try {
    form = await new Response(body as Uint8Array<ArrayBuffer>, {
      headers: { 'content-type': request.headers.get('content-type')! },
    }).formData();
  } catch (cause) {
    throw new HttpError(400, `The multipart body could not be read: ${(cause as Error).message}`);
  }
  const file = form.get('file');
  if (!(file instanceof Blob)) throw new HttpError(400, 'file: the multipart body has no "file" field with the file.');
  return file;
}

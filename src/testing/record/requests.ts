/**
 * Describing a request the way a test reads it: the ChatKit request's `type` and `params` for the
 * endpoint, and a pseudo-request for each attachment route (those are plain HTTP, not protocol
 * requests).
 */

/**
 * A request the mock answered.
 *
 * Requests to the endpoint have the ChatKit `type` and `params` from their JSON body (`type` is ''
 * when the body is not a ChatKit request; `params` is then the body as sent). The attachment routes
 * appear as:
 * - `attachments.upload`, the bytes of a two-phase upload (after `attachments.create`):
 *   `params: { attachment_id, name, mime_type, size }` (`name` only for a multipart body);
 * - `attachments.direct_upload`, a direct upload: `params: { name, mime_type, size }`;
 * - `attachments.content`, reading an attachment's bytes: `params: { attachment_id }`.
 */
export interface RecordedRequest {
  type: string;
  params: unknown;
  method: string;
  /** The URL the page asked for. */
  url: string;
  /** The request headers as the page sent them (lower-case names). */
  headers: Record<string, string>;
}

/** Parameters of an `attachments.upload` or `attachments.direct_upload` record. */
export interface UploadParams {
  attachment_id?: string;
  name?: string;
  mime_type: string;
  size: number;
}

/**
 * Describes `request` (its body is read from a clone, so the request stays readable).
 * @param basePath - the endpoint's path; routes are read relative to it.
 */
export async function describeRequest(request: Request, basePath: string): Promise<RecordedRequest> {
  const base = { method: request.method.toUpperCase(), url: request.url, headers: headersOf(request) };
  const route = routeOf(new URL(request.url).pathname, basePath);
  switch (route.kind) {
    case 'endpoint': {
      const text = await request.clone().text();
      const body = parseJson(text);
      const isRequest =
        typeof body === 'object' && body !== null && typeof (body as { type?: unknown }).type === 'string';
      return isRequest
        ? { ...base, type: (body as { type: string }).type, params: (body as { params?: unknown }).params }
        : { ...base, type: '', params: text };
    }
    case 'upload':
      return {
        ...base,
        type: 'attachments.upload',
        params: { attachment_id: route.attachmentId, ...(await fileOf(request)) },
      };
    case 'direct-upload':
      return { ...base, type: 'attachments.direct_upload', params: await fileOf(request) };
    case 'content':
      return { ...base, type: 'attachments.content', params: { attachment_id: route.attachmentId } };
    case 'other':
      return { ...base, type: '', params: null };
  }
}

/** The text of every user text part in a user message input (`params.input`). */
export function textOfInput(input: unknown): string {
  const content = (input as { content?: unknown } | null)?.content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : ''))
    .join('');
}

function headersOf(request: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The uploaded file's name, type and size: the multipart `file` field, or the raw body. */
async function fileOf(request: Request): Promise<Omit<UploadParams, 'attachment_id'>> {
  const contentType = request.headers.get('content-type') ?? '';
  if (contentType.toLowerCase().startsWith('multipart/form-data')) {
    const file = await request
      .clone()
      .formData()
      .then((form) => form.get('file'))
      .catch(() => null);
    if (file instanceof Blob) {
      return {
        ...(file instanceof File ? { name: file.name } : {}),
        mime_type: file.type,
        size: file.size,
      };
    }
  }
  const bytes = await request.clone().arrayBuffer();
  return { mime_type: contentType, size: bytes.byteLength };
}

type Route =
  | { kind: 'endpoint' }
  | { kind: 'direct-upload' }
  | { kind: 'upload'; attachmentId: string }
  | { kind: 'content'; attachmentId: string }
  | { kind: 'other' };

/** The handler's routes (see `createChatKitHandler`), relative to `basePath`. */
function routeOf(pathname: string, basePath: string): Route {
  const base = basePath.replace(/\/+$/, '');
  if (pathname === base || pathname === `${base}/`) return { kind: 'endpoint' };
  if (!pathname.startsWith(`${base}/`)) return { kind: 'other' };
  const segments = pathname
    .slice(base.length + 1)
    .split('/')
    .filter(Boolean);
  if (segments[0] !== 'attachments') return { kind: 'other' };
  if (segments.length === 1) return { kind: 'direct-upload' };
  if (segments.length !== 3) return { kind: 'other' };
  const attachmentId = decodeURIComponent(segments[1]!);
  if (segments[2] === 'upload') return { kind: 'upload', attachmentId };
  if (segments[2] === 'content') return { kind: 'content', attachmentId };
  return { kind: 'other' };
}

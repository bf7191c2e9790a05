/**
 * The shim's request body limits: a body is read chunk by chunk and refused (413) as soon as it
 * passes the limit, so an oversized request is never buffered whole on the page before the worker's
 * handler would refuse it anyway.
 */

/** The body limits the shim applies, in bytes. */
export interface BodyLimits {
  /** For the endpoint itself (`POST {url}`): ChatKit's JSON requests. */
  request: number;
  /** For the attachment byte routes under `{url}/attachments`: the largest file. */
  upload: number;
}

/** The defaults, equal to `createChatKitHandler`'s `maxRequestBytes` and `maxUploadBytes` defaults. */
export const DEFAULT_BODY_LIMITS: Readonly<BodyLimits> = { request: 4 * 1024 * 1024, upload: 32 * 1024 * 1024 };

/** Room the handler allows for a multipart body's boundaries and part headers around the largest file. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** The largest body a request may carry: the endpoint's limit, or an upload's plus multipart framing. */
export function bodyLimitFor(isEndpoint: boolean, limits: BodyLimits): number {
  return isEndpoint ? limits.request : limits.upload + MULTIPART_OVERHEAD;
}

/**
 * The request's body as one transferable buffer (null when it has none), or `'too-large'` once more
 * than `limit` bytes have arrived (or a `content-length` says so) — then the rest is never read and
 * the body's source is cancelled. Aborting the request's signal stops the reading with its reason.
 */
export async function readBodyWithin(request: Request, limit: number): Promise<ArrayBuffer | null | 'too-large'> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => undefined);
    return 'too-large';
  }
  if (!request.body) return null;
  const reader = request.body.getReader();
  const signal = request.signal;
  const onAbort = () => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      signal.throwIfAborted();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return 'too-large';
      }
      chunks.push(value);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes.buffer;
}

/** The 413 the worker's handler would give for the same body: JSON `{ error, message }`. */
export function tooLargeResponse(limit: number): Response {
  const body = JSON.stringify({
    error: 'payload_too_large',
    message: `The request body is larger than the limit of ${limit} bytes.`,
  });
  return new Response(body, { status: 413, headers: { 'content-type': 'application/json' } });
}

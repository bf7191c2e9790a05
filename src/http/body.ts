/** Reading request bodies with a size limit, so an oversized upload is refused without being buffered. */
import { HttpError } from './responses.ts';

/**
 * The body's bytes, at most `limit` of them.
 * @throws {HttpError} 413 when the declared or actual size is over the limit; 400 when the body breaks
 *   off (the client disconnected).
 */
export async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch((cause: unknown) => {
      throw unreadable(cause);
    });
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * A body that broke off while it was read: the client hung up or sent a malformed stream. Its
 * problem, not the server's, so it is a 400 (that nobody may read) rather than a reported 500.
 */
function unreadable(cause: unknown): HttpError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new HttpError(400, `The request body could not be read to the end (${reason}).`);
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `The request body is larger than the limit of ${limit} bytes.`);
}

/** The media type of a request without parameters, lower-cased (`application/json`), or '' when absent. */
export function mediaTypeOf(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

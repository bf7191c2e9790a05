/** Building the handler's responses: JSON bodies, JSON errors, and the error → status mapping. */
import { ChatKitRequestError } from '../protocol/errors.ts';
import { isStorageFullError, NotFoundError } from '../store/errors.ts';
import { NotSupportedError } from '../server/errors.ts';

/** The `error` codes of JSON error bodies, by HTTP status. */
const ERROR_CODES: Readonly<Record<number, string>> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  500: 'internal_error',
  501: 'not_supported',
  507: 'storage_full',
};

/** The message of a 500: internal details stay in the server's log. */
export const INTERNAL_ERROR_MESSAGE = 'The server failed to handle this request.';

/** A JSON response. */
export function jsonResponse(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A JSON error response: `{ "error": <code>, "message": <text> }`. */
export function errorResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return jsonResponse(JSON.stringify({ error: ERROR_CODES[status] ?? 'error', message }), status, headers);
}

/**
 * The response for an exception: its status and message when it is one a client can act on
 * (invalid request, not found, not supported, storage full), otherwise a generic 500. `isInternal` tells the
 * caller whether to log it.
 */
export function responseForError(error: unknown): { response: Response; isInternal: boolean } {
  if (error instanceof ChatKitRequestError)
    return { response: errorResponse(error.status, error.message), isInternal: false };
  if (error instanceof NotFoundError) return { response: errorResponse(404, error.message), isInternal: false };
  if (error instanceof NotSupportedError) return { response: errorResponse(501, error.message), isInternal: false };
  if (error instanceof HttpError)
    return { response: errorResponse(error.status, error.message, error.headers), isInternal: false };
  // Full storage is the user's to fix (by deleting data), so they get the store's explanation.
  if (isStorageFullError(error)) return { response: errorResponse(507, error.message), isInternal: false };
  return { response: errorResponse(500, INTERNAL_ERROR_MESSAGE), isInternal: true };
}

/**
 * An error with an HTTP status, answered as `{ error, message }` with that status. The handler raises
 * it for its own checks (method, media type, size); throw one from `getContext` to refuse a request,
 * e.g. `throw new HttpError(401, 'Sign in to chat.')`.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

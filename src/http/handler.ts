/**
 * `createChatKitHandler`: the server as a web-standard `(Request) => Promise<Response>`, the one seam
 * through which it runs in a Web Worker, Node, Deno, Bun or an edge runtime.
 *
 * Routes, under `basePath` (default `/chatkit`):
 * - `POST {base}`: a ChatKit request; `text/event-stream` for streaming types, JSON otherwise;
 * - `POST|PUT {base}/attachments/{id}/upload`: the bytes of a two-phase upload (multipart `file`
 *   field, or the raw body); answers the attachment JSON;
 * - `POST {base}/attachments`: a direct upload (multipart `file` field); answers the attachment JSON;
 * - `GET {base}/attachments/{id}/content`: the stored bytes.
 * Errors are JSON `{ error, message }`: 400 invalid request, 403 a browser request from another
 * origin (see {@link ChatKitHandlerOptions.allowedOrigins}), 404 missing thread/item/attachment,
 * 405 wrong method, 409 state conflict, 413 too large, 415 wrong content type, 501 not supported,
 * 500 anything else (with a generic message; details go to `server.reportError`).
 */
import type { ChatKitServer } from '../server/server.ts';
import { StreamingResult } from '../server/results.ts';
import { errorResponse, HttpError, jsonResponse, responseForError } from './responses.ts';
import { mediaTypeOf, readBody } from './body.ts';
import { sseResponse } from './sse-response.ts';
import { handleDirectUpload, handleDownload, handleUpload } from './uploads.ts';
import { createThumbnailMaker, type ImagePreviewMaker } from './image-preview.ts';
import { checkRequestOrigin, parseAllowedOrigins } from './origin.ts';

/** Options of {@link createChatKitHandler}. */
export interface ChatKitHandlerOptions<TContext> {
  /**
   * Builds the request context (user id, auth...) from the request. To refuse the request, throw an
   * `HttpError` (e.g. 401 or 403): its status and message are the answer. Any other exception is a 500.
   */
  getContext: (request: Request) => TContext | Promise<TContext>;
  /** Where the endpoint lives (default `/chatkit`); uploads and downloads live under it. */
  basePath?: string | undefined;
  /** Largest JSON request body in bytes (default 4 MiB); larger ones get 413. */
  maxRequestBytes?: number | undefined;
  /** Largest attachment upload in bytes (default 32 MiB); larger ones get 413. */
  maxUploadBytes?: number | undefined;
  /**
   * Makes the `preview_url` of uploaded images. By default a small `data:` thumbnail where the
   * runtime can draw one (browsers and workers), which needs no server to display; `false` keeps the
   * URL the attachment store gave.
   */
  imagePreview?: ImagePreviewMaker | false | undefined;
  /**
   * Origins besides the handler's own (`https://app.example.com`) whose pages may send it
   * state-changing requests (the endpoint and both upload routes). A browser request from any other
   * origin is refused with 403 before `getContext` runs; requests without an `Origin` header
   * (servers, command-line clients, the in-browser fetch shim) are not affected. List the page's
   * origin when it differs from the handler's: another port, another subdomain, or a proxy that
   * terminates TLS in front of a handler that sees `http://` URLs.
   * @throws {TypeError} from {@link createChatKitHandler} for an entry that is not a bare origin.
   */
  allowedOrigins?: readonly string[] | undefined;
}

/** A web-standard request handler. */
export type ChatKitHandler = (request: Request) => Promise<Response>;

/**
 * `text/plain` and a missing type are read as JSON too (clients that skip the header, `sendBeacon`).
 * Browsers send both cross-origin without a preflight, which is safe only because
 * {@link checkRequestOrigin} refuses foreign origins first.
 */
const JSON_MEDIA_TYPES = new Set(['', 'application/json', 'text/plain']);

/** Serves `server` as a web-standard handler. Never throws: every failure is a JSON error response. */
export function createChatKitHandler<TContext>(
  server: ChatKitServer<TContext>,
  options: ChatKitHandlerOptions<TContext>,
): ChatKitHandler {
  const basePath = normaliseBasePath(options.basePath ?? '/chatkit');
  const limits = {
    request: options.maxRequestBytes ?? 4 * 1024 * 1024,
    upload: options.maxUploadBytes ?? 32 * 1024 * 1024,
  };
  const makePreview = options.imagePreview === false ? null : (options.imagePreview ?? createThumbnailMaker());
  const allowedOrigins = parseAllowedOrigins(options.allowedOrigins);

  return async function handleChatKitRequest(request: Request): Promise<Response> {
    let context: TContext | undefined;
    try {
      const route = routeOf(new URL(request.url).pathname, basePath);
      if (!route)
        return errorResponse(404, `No ChatKit route at ${new URL(request.url).pathname}; the endpoint is ${basePath}.`);
      checkRequestOrigin(request, allowedOrigins);
      context = await options.getContext(request);
      switch (route.kind) {
        case 'endpoint':
          requireMethod(request, ['POST']);
          return await handleEndpoint(server, request, context, limits.request);
        case 'upload':
          requireMethod(request, ['POST', 'PUT']);
          return await handleUpload(server, request, route.attachmentId, context, limits.upload, makePreview);
        case 'direct-upload':
          requireMethod(request, ['POST']);
          return await handleDirectUpload(server, request, context, limits.upload, makePreview);
        case 'content':
          requireMethod(request, ['GET', 'HEAD']);
          return await handleDownload(server, request, route.attachmentId, context);
      }
    } catch (error) {
      const { response, isInternal } = responseForError(error);
      if (isInternal) server.reportError(error, context as TContext);
      return response;
    }
  };
}

async function handleEndpoint<TContext>(
  server: ChatKitServer<TContext>,
  request: Request,
  context: TContext,
  limit: number,
): Promise<Response> {
  const mediaType = mediaTypeOf(request);
  if (!JSON_MEDIA_TYPES.has(mediaType)) {
    throw new HttpError(415, `ChatKit requests must be JSON (content-type application/json), not ${mediaType}.`);
  }
  const body = await readBody(request, limit);
  const result = await server.process(body, context, { signal: request.signal });
  if (result instanceof StreamingResult) {
    return sseResponse(result, (error) => server.reportError(error, context));
  }
  return jsonResponse(result.json);
}

function requireMethod(request: Request, allowed: string[]): void {
  if (!allowed.includes(request.method.toUpperCase())) {
    throw new HttpError(405, `Method ${request.method} is not allowed here; use ${allowed.join(' or ')}.`, {
      allow: allowed.join(', '),
    });
  }
}

type Route =
  | { kind: 'endpoint' }
  | { kind: 'direct-upload' }
  | { kind: 'upload'; attachmentId: string }
  | { kind: 'content'; attachmentId: string };

/** Which route a path is, relative to the base path; null when it is not the handler's. */
function routeOf(pathname: string, basePath: string): Route | null {
  if (pathname === basePath || pathname === `${basePath}/`) return { kind: 'endpoint' };
  if (!pathname.startsWith(`${basePath}/`)) return null;
  const segments = pathname
    .slice(basePath.length + 1)
    .split('/')
    .filter((segment) => segment !== '');
  if (segments[0] !== 'attachments') return null;
  if (segments.length === 1) return { kind: 'direct-upload' };
  if (segments.length !== 3) return null;
  const attachmentId = decodeSegment(segments[1]!);
  if (segments[2] === 'upload') return { kind: 'upload', attachmentId };
  if (segments[2] === 'content') return { kind: 'content', attachmentId };
  return null;
}

/**
 * A percent-decoded path segment.
 * @throws {HttpError} 400 when its escapes are malformed (`%`, `%E0%A4%A`) or not UTF-8.
 */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, `The attachment id in the path (${segment}) is not valid percent-encoded UTF-8.`);
  }
}

/** `chatkit/` → `/chatkit`; the root (`/`) becomes '' so that sub-routes join without a double slash. */
function normaliseBasePath(basePath: string): string {
  const trimmed = `/${basePath.replace(/^\/+|\/+$/g, '')}`;
  return trimmed === '/' ? '' : trimmed;
}

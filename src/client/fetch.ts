/**
 * `createChatKitFetch`: a `fetch` that answers requests under the ChatKit URL from the server worker
 * and passes every other request to the real `fetch`. Give it to ChatKit as `api.fetch`, or to a
 * {@link ChatKitClient}.
 */
import * as Comlink from 'comlink';
import type { WireRequest, WireResponse } from '../worker/protocol.ts';
import { WorkerConnection } from './worker-connection.ts';
import { WorkerDiedError } from './errors.ts';
import { portBody } from './port-body.ts';
import { readBodyWithin, tooLargeResponse, type BodyLimits, bodyLimitFor, DEFAULT_BODY_LIMITS } from './body-limit.ts';

/** Options of {@link createChatKitFetch}. */
export interface ChatKitFetchOptions {
  /**
   * The worker running `exposeChatKit`, or a function creating one: with a function, a worker that
   * dies is replaced on the next request. A `SharedWorker` works as well as a dedicated `Worker`:
   * every tab that opens the same script URL and name shares its one server. Where `SharedWorker`
   * does not exist, create a dedicated worker instead (see the README's multi-tab section).
   */
  worker: Worker | SharedWorker | (() => Worker | SharedWorker);
  /** The endpoint URL the worker answers (default `/chatkit`), resolved against the page's URL. */
  url?: string | URL | undefined;
  /** The `fetch` for every other URL (default: `globalThis.fetch` when this is called). */
  fallbackFetch?: typeof fetch | undefined;
  /**
   * Largest body, in bytes, of a request to the endpoint itself (`POST {url}`). Default 4 MiB, the
   * default `maxRequestBytes` of `createChatKitHandler`. A larger body is answered 413 (the
   * handler's JSON error) as soon as the shim has read one byte more than this, so a huge body is
   * never buffered on the page; the worker still applies its own limit. Raise both together.
   */
  maxRequestBytes?: number | undefined;
  /**
   * Largest attachment, in bytes, sent to the upload routes under `{url}/attachments`. Default
   * 32 MiB, the default `maxUploadBytes` of `createChatKitHandler`; like the handler, the shim allows
   * 64 KiB more for a multipart body's framing. Larger bodies are answered 413 without being read
   * to the end.
   */
  maxUploadBytes?: number | undefined;
}

let nextRequestId = 0;

/** Creates the `fetch` that routes ChatKit requests to the worker. */
export function createChatKitFetch(options: ChatKitFetchOptions): typeof fetch {
  const base = new URL(options.url ?? '/chatkit', pageUrl());
  const basePath = base.pathname.replace(/\/+$/, '');
  const fallbackFetch = options.fallbackFetch ?? globalThis.fetch.bind(globalThis);
  const createWorker = typeof options.worker === 'function' ? options.worker : null;
  let connection: WorkerConnection | null = createWorker
    ? null
    : new WorkerConnection(options.worker as Worker | SharedWorker);
  const limits: BodyLimits = {
    request: options.maxRequestBytes ?? DEFAULT_BODY_LIMITS.request,
    upload: options.maxUploadBytes ?? DEFAULT_BODY_LIMITS.upload,
  };

  const connect = (): WorkerConnection => {
    if (connection && !connection.isDead) return connection;
    if (!createWorker) {
      throw new WorkerDiedError(
        'The server worker has stopped. Pass `worker: () => new Worker(...)` to createChatKitFetch to have it restarted.',
      );
    }
    connection = new WorkerConnection(createWorker());
    return connection;
  };

  const isForWorker = (url: URL): boolean =>
    url.origin === base.origin &&
    (url.pathname === basePath || url.pathname === `${basePath}/` || url.pathname.startsWith(`${basePath}/`));

  return async function chatKitFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    // Only the URL decides, and reading it must not touch the body: a Request passed on to the
    // fallback fetch has to arrive unread.
    const url = new URL(input instanceof Request ? input.url : input instanceof URL ? input.href : input, pageUrl());
    if (!isForWorker(url)) return fallbackFetch(input, init);
    const request = new Request(input instanceof URL ? input.href : input, init);
    const isEndpoint = url.pathname === basePath || url.pathname === `${basePath}/`;
    return fetchFromWorker(connect(), request, bodyLimitFor(isEndpoint, limits));
  };
}

/**
 * Answers `request` from the worker behind `connection`. A body over `maxBodyBytes` is answered 413
 * by the page without reaching the worker. Everything registered for the request (abort listeners,
 * death listeners) is released when its response body ends, so a long-lived connection holds
 * nothing for the requests it has served.
 * @internal Exported for tests; pages use {@link createChatKitFetch}.
 */
export async function fetchFromWorker(
  connection: WorkerConnection,
  request: Request,
  maxBodyBytes: number,
): Promise<Response> {
  const signal = request.signal;
  signal.throwIfAborted();
  const id = ++nextRequestId;
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const body = hasBody ? await readBodyWithin(request, maxBodyBytes) : null;
  if (body === 'too-large') return tooLargeResponse(maxBodyBytes);
  const wire: WireRequest = { id, method: request.method, url: request.url, headers: [...request.headers], body };

  const aborted = abortedPromise(signal, () => {
    void connection.api
      .abort(id, String((signal.reason as Error | undefined)?.message ?? 'aborted'))
      .catch(() => undefined);
  });
  let wireResponse: WireResponse;
  try {
    await connection.orDeath(Promise.race([connection.ready, aborted.promise]));
    const call = connection.api.handle(Comlink.transfer(wire, body ? [body] : []));
    wireResponse = await connection.orDeath(Promise.race([call, aborted.promise]));
  } finally {
    // From here on an abort reaches the worker by cancelling the body (see portBody).
    aborted.release();
  }
  const { first, body: rest } = wireResponse;
  // A body the worker sent whole is already here: nothing left to guard.
  const responseBody = rest
    ? portBody(rest, { first, signal, onDeath: (listener) => connection.onDeath(listener) })
    : first;
  return new Response(responseBody, {
    status: wireResponse.status,
    statusText: wireResponse.statusText,
    headers: wireResponse.headers,
  });
}

/**
 * A promise that rejects with the signal's reason when it aborts (calling `onAbort` first), and the
 * way to stop listening.
 */
function abortedPromise(signal: AbortSignal, onAbort: () => void): { promise: Promise<never>; release: () => void } {
  let listener: () => void = () => undefined;
  const promise = new Promise<never>((_resolve, reject) => {
    listener = () => {
      onAbort();
      reject(signal.reason);
    };
  });
  promise.catch(() => undefined);
  if (signal.aborted) listener();
  else signal.addEventListener('abort', listener, { once: true });
  return { promise, release: () => signal.removeEventListener('abort', listener) };
}

/** What relative URLs resolve against: the document's base URL, as `new Request(...)` uses it. */
function pageUrl(): string {
  if (typeof document !== 'undefined') return document.baseURI;
  return typeof location !== 'undefined' ? location.href : 'http://localhost/';
}

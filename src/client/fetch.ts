/**
 * `createChatKitFetch`: a `fetch` that answers requests under the ChatKit URL from the server worker
 * and passes every other request to the real `fetch`. Give it to ChatKit as `api.fetch`, or to a
 * {@link ChatKitClient}.
 */
import * as Comlink from 'comlink';
import type { WireRequest, WireResponse } from '../worker/protocol.ts';
import { WorkerConnection } from './worker-connection.ts';
import { WorkerDiedError } from './errors.ts';

/** Options of {@link createChatKitFetch}. */
export interface ChatKitFetchOptions {
  /**
   * The worker running `exposeChatKit`, or a function creating one: with a function, a worker that
   * dies is replaced on the next request.
   */
  worker: Worker | (() => Worker);
  /** The endpoint URL the worker answers (default `/chatkit`), resolved against the page's URL. */
  url?: string | URL;
  /** The `fetch` for every other URL (default: `globalThis.fetch` when this is called). */
  fallbackFetch?: typeof fetch;
}

let nextRequestId = 0;

/** Creates the `fetch` that routes ChatKit requests to the worker. */
export function createChatKitFetch(options: ChatKitFetchOptions): typeof fetch {
  const base = new URL(options.url ?? '/chatkit', pageUrl());
  const basePath = base.pathname.replace(/\/+$/, '');
  const fallbackFetch = options.fallbackFetch ?? globalThis.fetch.bind(globalThis);
  const createWorker = typeof options.worker === 'function' ? options.worker : null;
  let connection: WorkerConnection | null = createWorker ? null : new WorkerConnection(options.worker as Worker);

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
    const request = new Request(input instanceof URL ? input.href : input, init);
    if (!isForWorker(new URL(request.url))) return fallbackFetch(input, init);
    return fetchFromWorker(connect(), request);
  };
}

async function fetchFromWorker(connection: WorkerConnection, request: Request): Promise<Response> {
  const signal = request.signal;
  signal.throwIfAborted();
  const id = ++nextRequestId;
  const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
  const wire: WireRequest = { id, method: request.method, url: request.url, headers: [...request.headers], body };

  const aborted = new Promise<never>((_resolve, reject) => {
    signal.addEventListener(
      'abort',
      () => {
        void connection.api
          .abort(id, String((signal.reason as Error | undefined)?.message ?? 'aborted'))
          .catch(() => undefined);
        reject(signal.reason);
      },
      { once: true },
    );
  });
  aborted.catch(() => undefined);

  await connection.orDeath(Promise.race([connection.ready, aborted]));
  const call = connection.api.handle(Comlink.transfer(wire, body ? [body] : []));
  const wireResponse: WireResponse = await connection.orDeath(Promise.race([call, aborted]));
  return new Response(wireResponse.body ? guardBody(wireResponse.body, connection, signal) : null, {
    status: wireResponse.status,
    statusText: wireResponse.statusText,
    headers: wireResponse.headers,
  });
}

/**
 * The response body as the page reads it: chunks pass straight through; aborting the request's
 * signal cancels the worker's stream (which the server treats as the client going away), and the
 * worker's death errors the body instead of leaving the reader hanging.
 */
function guardBody(
  source: ReadableStream<Uint8Array>,
  connection: WorkerConnection,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let settled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const fail = (error: unknown) => {
          if (settled) return;
          settled = true;
          controller.error(error);
          void reader.cancel(error).catch(() => undefined);
        };
        signal.addEventListener('abort', () => fail(signal.reason), { once: true });
        connection.died.catch(fail);
      },
      async pull(controller) {
        const step = await connection.orDeath(reader.read());
        if (settled) return;
        if (step.done) {
          settled = true;
          controller.close();
        } else {
          controller.enqueue(step.value);
        }
      },
      async cancel(reason) {
        settled = true;
        await reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

function pageUrl(): string {
  return typeof location !== 'undefined' ? location.href : 'http://localhost/';
}

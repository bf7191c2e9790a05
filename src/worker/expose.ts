/** The worker side of the bridge: serving a web-standard handler to the page over Comlink. */
import * as Comlink from 'comlink';
import type { ChatKitWorkerApi, WireRequest, WireResponse } from './protocol.ts';
import { toWireResponse } from './wire-response.ts';

type Handler = (request: Request) => Promise<Response>;

/**
 * Exposes `handler` to the page, which talks to it through `createChatKitFetch` from
 * `chatkit-local/client`. Call it once, synchronously, at the top of the worker module: pass a
 * promise when the handler needs setup (opening IndexedDB), so that no request arriving meanwhile
 * is missed; requests wait for it.
 */
export function exposeChatKit(
  handler: Handler | Promise<Handler>,
  endpoint: Comlink.Endpoint = self as unknown as Comlink.Endpoint,
): void {
  Comlink.expose(createWorkerApi(handler), endpoint);
}

/** The object {@link exposeChatKit} exposes (separate so it can be tested without a worker). */
export function createWorkerApi(handlerOrPromise: Handler | Promise<Handler>): ChatKitWorkerApi {
  const ready = Promise.resolve(handlerOrPromise);
  // A setup failure is reported to each request, not as an unhandled rejection.
  ready.catch(() => undefined);
  const inFlight = new Map<number, AbortController>();
  return {
    async handle(wire: WireRequest): Promise<WireResponse> {
      const abort = new AbortController();
      inFlight.set(wire.id, abort);
      try {
        const method = wire.method.toUpperCase();
        const request = new Request(wire.url, {
          method,
          headers: wire.headers,
          body: method === 'GET' || method === 'HEAD' ? null : wire.body,
          signal: abort.signal,
        });
        const handler = await ready;
        return await toWireResponse(await handler(request));
      } finally {
        // Once answered, a cancelled body stream (not this signal) carries the page's abort.
        inFlight.delete(wire.id);
      }
    },
    abort(id: number, reason?: string): void {
      inFlight.get(id)?.abort(new DOMException(reason ?? 'The request was aborted.', 'AbortError'));
    },
    async holdLifeLock(name: string): Promise<boolean> {
      if (!('locks' in navigator)) return false;
      return new Promise<boolean>((acquired) => {
        void navigator.locks.request(name, () => {
          acquired(true);
          // Held until the worker dies.
          return new Promise<never>(() => undefined);
        });
      });
    },
  };
}

/** The worker side of the bridge: serving a web-standard handler to the page over Comlink. */
import * as Comlink from 'comlink';
import type { ChatKitWorkerApi, WireRequest, WireResponse } from './protocol.ts';
import { PageSession } from './page-session.ts';
import { toWireResponse } from './wire-response.ts';

type Handler = (request: Request) => Promise<Response>;

/** The part of a SharedWorker's global scope this module uses (the DOM typings do not declare it). */
interface ConnectTarget {
  addEventListener(type: 'connect', listener: (event: MessageEvent) => void): void;
}

/**
 * Exposes `handler` to the page, which talks to it through `createChatKitFetch` from
 * `chatkit-local/client`. Call it once, synchronously, at the top of the worker module: pass a
 * promise when the handler needs setup (opening IndexedDB), so that no request arriving meanwhile
 * is missed; requests wait for it.
 *
 * The same module works as a dedicated `Worker` and as a `SharedWorker`: in a SharedWorker every
 * page that connects is served by the one handler, each through its own port. When a page goes
 * away (closed, reloaded, crashed; the browser releases that page's Web Lock, see
 * {@link ChatKitWorkerApi.watchPage}), its writes go on: a reply it was reading runs to its end and
 * is stored, for the page's next load or another tab to see. Its reads (the changes feed) are
 * cancelled. A stop from the page itself (its `AbortSignal`) cancels as in a dedicated worker.
 * @param handler the handler, or a promise of it.
 * @param endpoint where to listen; by default the worker's global scope (each connecting port in a
 *   SharedWorker).
 */
export function exposeChatKit(handler: Handler | Promise<Handler>, endpoint?: Comlink.Endpoint): void {
  if (endpoint) {
    Comlink.expose(createWorkerApi(handler), endpoint);
    return;
  }
  const scope = globalThis as unknown as Comlink.Endpoint & Partial<ConnectTarget> & { onconnect?: unknown };
  if (isSharedWorkerScope(scope)) {
    const ready = Promise.resolve(handler);
    ready.catch(() => undefined);
    scope.addEventListener('connect', (event: MessageEvent) => {
      for (const port of event.ports) Comlink.expose(createWorkerApi(ready), port);
    });
    return;
  }
  Comlink.expose(createWorkerApi(handler), scope);
}

/** Whether this code runs in a SharedWorker: only its global scope has an `onconnect` handler slot. */
function isSharedWorkerScope(scope: object): scope is ConnectTarget {
  return 'onconnect' in scope && typeof (scope as { addEventListener?: unknown }).addEventListener === 'function';
}

/**
 * The object {@link exposeChatKit} exposes to one page (separate so it can be tested without a
 * worker). Each connection has its own: the requests it tracks are that page's alone.
 */
export function createWorkerApi(handlerOrPromise: Handler | Promise<Handler>): ChatKitWorkerApi {
  const ready = Promise.resolve(handlerOrPromise);
  // A setup failure is reported to each request, not as an unhandled rejection.
  ready.catch(() => undefined);
  const session = new PageSession();
  return {
    async handle(wire: WireRequest): Promise<WireResponse> {
      const method = wire.method.toUpperCase();
      // A write was accepted: it goes on if the page goes away. A read only served the page.
      const outlivesPage = method !== 'GET' && method !== 'HEAD';
      const abort = session.begin(wire.id, outlivesPage);
      try {
        const request = new Request(wire.url, {
          method,
          headers: wire.headers,
          body: method === 'GET' || method === 'HEAD' ? null : wire.body,
          signal: abort.signal,
        });
        const handler = await ready;
        // A stream the page may abandon by going away is tracked (SharedWorker pages only).
        return await toWireResponse(await handler(request), (rest) => session.track(rest, outlivesPage));
      } finally {
        // Once answered, a cancelled body stream (not this signal) carries the page's abort.
        session.end(wire.id);
      }
    },
    abort(id: number, reason?: string): void {
      session.abort(id, reason);
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
    async watchPage(name: string): Promise<boolean> {
      if (!('locks' in navigator)) return false;
      session.watch();
      // Granted once the page, which holds the lock for its whole life, is gone; released at once.
      void navigator.locks.request(name, () => session.close('The page went away.'));
      return true;
    },
  };
}

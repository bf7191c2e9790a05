/**
 * The in-process HTTP server that answers the page's ChatKit requests, on 127.0.0.1 and a free
 * port. Playwright's `route.fulfill` sends a body all at once, so the route sends each request on
 * here instead (`route.continue` with a new URL, which the page never sees): Chromium then reads a
 * real response from a real socket, and an event stream reaches the page chunk by chunk. A page
 * that stops reading closes the socket, which is how the server learns the page went away.
 *
 * Each routed request is announced first ({@link LocalServer.expect}) with the URL and headers the
 * page sent; the handler gets a `Request` rebuilt from those, so it sees the app's URL, `Origin`
 * and cookies, as the app's real backend would.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ChatKitHandler } from '../../http/handler.ts';
import { drainedOrClosed } from '../../http/node.ts';

/** A certificate for serving https endpoints (see `MockChatKitOptions.tls`). */
export interface TlsOptions {
  key: string | Buffer;
  cert: string | Buffer;
}

/** A request the route is sending on: what the page asked for. */
export interface RoutedRequest {
  url: string;
  headers: Record<string, string>;
}

const ROUTED_PATH = '/routed/';

/** A local server answering routed requests with a handler. */
export class LocalServer {
  private readonly expected = new Map<string, RoutedRequest>();
  private nextToken = 0;

  private constructor(
    private readonly server: http.Server,
    /** `http://127.0.0.1:PORT` (or https). */
    readonly origin: string,
  ) {}

  /**
   * Starts a server for `handler`.
   * @param endpointOrigin - the origin of the endpoint the page calls: requests from any other
   *   origin get CORS headers, as a backend that accepts the app's origin would send.
   * @param tls - serve https with this certificate (an https endpoint needs an https server).
   */
  static async start(handler: ChatKitHandler, endpointOrigin: string, tls?: TlsOptions): Promise<LocalServer> {
    let local: LocalServer | undefined;
    const listener = (req: http.IncomingMessage, res: http.ServerResponse) =>
      void local!.serve(handler, endpointOrigin, req, res).catch(() => res.destroy());
    const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, listener) : http.createServer(listener);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    // Never the reason a test process stays alive.
    server.unref();
    const { port } = server.address() as AddressInfo;
    local = new LocalServer(server, `${tls ? 'https' : 'http'}://127.0.0.1:${port}`);
    return local;
  }

  /** Announces a request the page made; returns the local URL to send it on to. */
  expect(request: RoutedRequest): string {
    const token = String(++this.nextToken);
    this.expected.set(token, request);
    return `${this.origin}${ROUTED_PATH}${token}`;
  }

  /** Stops the server and drops every open connection (streams in flight end as cancelled). */
  async close(): Promise<void> {
    this.expected.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async serve(
    handler: ChatKitHandler,
    endpointOrigin: string,
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> {
    const token = (req.url ?? '').startsWith(ROUTED_PATH) ? (req.url ?? '').slice(ROUTED_PATH.length) : '';
    const routed = this.expected.get(token);
    if (!routed) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: 'not_found', message: 'This server answers only requests routed by mockChatKit.' }),
      );
      return;
    }
    this.expected.delete(token);

    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort(new DOMException('The page closed the connection.', 'AbortError'));
    });
    const method = (req.method ?? 'GET').toUpperCase();
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const request = new Request(routed.url, {
      method,
      headers: routed.headers,
      signal: abort.signal,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
      // Node requires this for a streamed request body.
      ...(hasBody ? { duplex: 'half' } : {}),
    });
    const response = await handler(request);

    for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) res.setHeader('set-cookie', cookies);
    const origin = routed.headers.origin;
    if (origin && origin !== endpointOrigin) {
      // The rewrite is invisible to the page, so its CORS check is about the endpoint it called.
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-credentials', 'true');
      res.setHeader('vary', 'Origin');
    }
    if (response.statusText) res.writeHead(response.status, response.statusText);
    else res.writeHead(response.status);
    res.flushHeaders();
    if (!response.body) {
      res.end();
      return;
    }
    const reader = response.body.getReader();
    // Cancelling the body is how the server hears that the page went away; it resolves once the
    // server has handled the cancellation.
    abort.signal.addEventListener('abort', () => void reader.cancel(abort.signal.reason).catch(() => undefined), {
      once: true,
    });
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      if (!res.write(value)) await drainedOrClosed(res);
    }
    if (!res.destroyed) res.end();
  }
}

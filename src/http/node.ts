/**
 * Serving a web-standard handler from Node's `http` module: `http.createServer(toNodeListener(handler))`.
 * Client disconnects abort the Request's signal, so a closed tab cancels its stream.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ChatKitHandler } from './handler.ts';

/** A `(req, res)` listener for `http.createServer` that answers with `handler`. */
export function toNodeListener(handler: ChatKitHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void serve(handler, req, res).catch((error: unknown) => {
      // Only reached if writing the response itself failed (the socket broke).
      res.destroy(error as Error);
    });
  };
}

async function serve(handler: ChatKitHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort(new DOMException('The client closed the connection.', 'AbortError'));
  });
  const response = await handler(toWebRequest(req, abort.signal));
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  abort.signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!res.write(value)) await drainedOrClosed(res);
    if (res.destroyed) return;
  }
  res.end();
}

/** Waits until the socket can take more, or is gone (a slow client that disconnects never drains). */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

/** A web `Request` for a Node request (body streamed, not buffered). */
export function toWebRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const host = req.headers.host ?? 'localhost';
  const url = new URL(req.url ?? '/', `http://${host}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(url, {
    method: req.method,
    headers,
    signal,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
    // Node requires this for streamed request bodies.
    ...(hasBody ? { duplex: 'half' } : {}),
  });
}

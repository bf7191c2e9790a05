/**
 * Serving a web-standard handler from Node's `http` module: `http.createServer(toNodeListener(handler))`.
 * Client disconnects abort the Request's signal, so a closed tab cancels its stream.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatKitHandler } from './handler.ts';

/**
 * How long a connection answered before its body arrived keeps reading (and dropping) what the
 * client still sends: until the client pauses this long, and never longer than the cap. Closing
 * while the client is still sending would reset the connection, and a reset can destroy the
 * answer before the client reads it.
 */
const LINGER_IDLE_MS = 2_000;
const LINGER_MAX_MS = 15_000;

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
  // Input that already arrived with the request is parsed before we decide it is missing.
  if (hasBody(req) && !req.complete) await new Promise((resolve) => setImmediate(resolve));
  if (hasBody(req) && !req.complete && !req.destroyed) {
    // Answered early (413, 415, 403...) while the body is still arriving: this connection cannot
    // carry another request, so say so, and close it without a reset.
    await answerThenClose(req, res, response);
    return;
  }
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

/**
 * Sends a whole answer with `Connection: close` and a length (so the client knows it is complete
 * at once), then drops what the client still sends until it stops, and only then ends the response,
 * which closes the socket.
 */
async function answerThenClose(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  const body = new Uint8Array(await response.arrayBuffer());
  res.writeHead(response.status, {
    ...Object.fromEntries(response.headers),
    'content-length': String(body.byteLength),
    connection: 'close',
  });
  res.write(body);
  await new Promise<void>((resolve) => {
    let idle: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      clearTimeout(idle);
      clearTimeout(cap);
      req.off('data', onData).off('end', done).off('close', done).off('error', done);
      resolve();
    };
    const onData = () => {
      clearTimeout(idle);
      idle = setTimeout(done, LINGER_IDLE_MS);
    };
    const cap = setTimeout(done, LINGER_MAX_MS);
    onData();
    req.on('data', onData).on('end', done).on('close', done).on('error', done);
    req.resume();
  });
  res.end();
}

/** Waits until the socket can take more, or is gone (a slow client that disconnects never drains). */
export function drainedOrClosed(res: ServerResponse): Promise<void> {
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

function hasBody(req: IncomingMessage): boolean {
  return req.method !== 'GET' && req.method !== 'HEAD';
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
  const withBody = hasBody(req);
  return new Request(url, {
    method: req.method,
    headers,
    signal,
    body: withBody ? bodyStream(req) : null,
    // Node requires this for streamed request bodies.
    ...(withBody ? { duplex: 'half' } : {}),
  });
}

/**
 * The request body as a web stream that reads from the socket only when asked. Unlike
 * `Readable.toWeb`, it starts nothing until the handler reads (so Node itself can discard an unread
 * body and keep the connection alive), and cancelling it drops the rest of the body instead of
 * destroying the socket, so the answer (a 413) can still be sent.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let listening = false;
  const onData = (chunk: Buffer) => {
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    req.pause(); // one chunk per read: the socket's own flow control does the rest
  };
  const onEnd = () => {
    detach();
    controller.close();
  };
  const onError = (error: Error) => {
    detach();
    controller.error(error);
  };
  const onAborted = () => onError(new Error('The client closed the connection before sending the whole body.'));
  const detach = () => {
    req.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(streamController) {
        controller = streamController;
      },
      pull() {
        if (!listening) {
          listening = true;
          req.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted);
        }
        req.resume();
      },
      cancel() {
        detach();
        // Whatever else arrives is dropped, so a fully sent body does not block the next request.
        req.resume();
      },
    },
    { highWaterMark: 0 },
  );
}

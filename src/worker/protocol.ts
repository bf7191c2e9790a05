/**
 * What crosses the page ↔ worker boundary: plain, structured-cloneable shapes and nothing else.
 * Bodies move as transferred ArrayBuffers and ReadableStreams, never copied.
 */

/** A request as it crosses to the worker. */
export interface WireRequest {
  /** Identifies the request for {@link ChatKitWorkerApi.abort}. */
  id: number;
  method: string;
  url: string;
  headers: [string, string][];
  /** The body's bytes (transferred), or null for none. */
  body: ArrayBuffer | null;
}

/** A response as it crosses back to the page. */
export interface WireResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  /**
   * The start of the body, sent with the response so the page needs no second trip for it: the
   * whole body of a non-streaming response, or the first chunk of an event stream when it was ready
   * at once. Null when there is none.
   */
  first: Uint8Array<ArrayBuffer> | null;
  /** The rest of an event stream as a transferred stream, or null when `first` is the whole body. */
  body: ReadableStream<Uint8Array> | null;
}

/** The API a chatkit-local worker exposes over Comlink. */
export interface ChatKitWorkerApi {
  /** Answers one request with the worker's handler. */
  handle(request: WireRequest): Promise<WireResponse>;
  /** Aborts a request in progress (the page's `AbortSignal` fired): its `Request.signal` aborts. */
  abort(id: number, reason?: string): void;
  /**
   * Takes the Web Lock `name` for the worker's whole life and resolves once it holds it: when the
   * worker dies the browser releases the lock, which is how the page learns of the death.
   */
  holdLifeLock(name: string): Promise<boolean>;
  /**
   * Watches the Web Lock `name`, which the page holds for its whole life: when the browser releases
   * it (the page closed, reloaded or crashed), the worker aborts the page's reads in progress (`GET`,
   * such as the changes feed) and cancels their bodies, while its writes go on and the replies they
   * stream are read to the end in the worker, so the server stores them in full. For a SharedWorker,
   * which outlives its pages and is not told when one goes. Resolves false where Web Locks do not
   * exist.
   */
  watchPage(name: string): Promise<boolean>;
}

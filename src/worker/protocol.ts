/**
 * What crosses the page ↔ worker boundary: plain, structured-cloneable shapes and nothing else.
 * Bodies move as transferred ArrayBuffers (an event stream's on a MessagePort of its own), never copied.
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
  /**
   * The rest of an event stream: a transferred port that carries its chunks ({@link BodyMessage})
   * as the page grants them ({@link BodyControl}); null when `first` is the whole body.
   */
  body: MessagePort | null;
}

/** What the worker sends on a body's port: a chunk, the end, or the failure that ended it. */
export type BodyMessage = { chunk: Uint8Array<ArrayBuffer> } | { end: true } | { error: unknown };

/** What the page sends on a body's port: credit for `pull` more chunks, or a cancellation. */
export type BodyControl = { pull: number } | { cancel: string };

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

/** Errors the page side raises. */

/** The worker hosting the server stopped (terminated, crashed, or failed to start). */
export class WorkerDiedError extends Error {
  override readonly name = 'WorkerDiedError';
}

/**
 * A ChatKit request that failed: `status` is the HTTP status (0 when no response arrived), `code`
 * the JSON body's `error` code, and `message` its human-readable `message`.
 */
export class ChatKitClientError extends Error {
  override readonly name = 'ChatKitClientError';
  readonly status: number;
  readonly code: string | undefined;

  constructor(message: string, options: { status: number; code?: string | undefined; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.status = options.status;
    this.code = options.code;
  }
}

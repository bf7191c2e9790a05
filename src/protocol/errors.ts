/** The error a bad request raises. */

/**
 * A request the server cannot act on: malformed JSON, a missing or mistyped field, or a request that
 * does not fit the thread's state (retrying after an item that is not a user message, say). `status`
 * is the HTTP status to answer with (400 unless stated) and `field` the offending field path, when
 * one is to blame. Nothing has been written to the store when it is raised.
 */
export class ChatKitRequestError extends Error {
  override readonly name = 'ChatKitRequestError';
  /** HTTP status: 400 for invalid input, 409 for a request that conflicts with the stored state. */
  readonly status: number;
  /** Dotted path of the offending field (`params.input.content`), when one is to blame. */
  readonly field: string | undefined;

  constructor(message: string, options: { status?: number; field?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.status = options.status ?? 400;
    this.field = options.field;
  }
}

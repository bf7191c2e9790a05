/** Errors a responder raises to show the user an error, and errors the server raises about its setup. */

/** The `allow_retry` the client gets for a {@link StreamError} code when none is given. */
const RETRYABLE_BY_DEFAULT: ReadonlySet<string> = new Set(['stream.error']);

/**
 * Ends a response with an error the client translates from its `code` (`stream.error`: "An error
 * occurred"). Thrown from `respond` or `action`, it becomes the event
 * `{"type":"error","code":…,"allow_retry":…}` and the stream ends normally.
 */
export class StreamError extends Error {
  override readonly name = 'StreamError';
  /** The error code sent to the client. */
  readonly code: string;
  /** Whether the UI offers a retry; defaults to true for `stream.error`, false for other codes. */
  readonly allowRetry: boolean;

  constructor(code: string, options: { allowRetry?: boolean | undefined } = {}) {
    super(`Stream error: ${code}`);
    this.code = code;
    this.allowRetry = options.allowRetry ?? RETRYABLE_BY_DEFAULT.has(code);
  }
}

/**
 * Ends a response with a message shown to the user as is (already in their language). Thrown from
 * `respond` or `action`, it becomes `{"type":"error","code":"custom","message":…,"allow_retry":…}`.
 */
export class CustomStreamError extends Error {
  override readonly name = 'CustomStreamError';
  /** Whether the UI offers a retry (default false). */
  readonly allowRetry: boolean;

  constructor(message: string, options: { allowRetry?: boolean | undefined } = {}) {
    super(message);
    this.allowRetry = options.allowRetry ?? false;
  }
}

/**
 * The server was asked for something its integration does not provide: `transcribe` or `syncAction`
 * not overridden, or no attachment store. HTTP status 501; the message says what to add.
 */
export class NotSupportedError extends Error {
  override readonly name = 'NotSupportedError';
  readonly status = 501;
}

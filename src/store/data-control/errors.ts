/** The error `importData` raises for data that is not a valid chatkit-local export. */

/**
 * The data handed to `importData` is not a chatkit-local export this version can read: not JSON, another
 * program's file, a newer format version, or a damaged file. The message names what is wrong and where
 * (`threads[2].items[0].created_at: expected an ISO-8601 timestamp`). Nothing was imported.
 */
export class ExportFormatError extends Error {
  override readonly name = 'ExportFormatError';

  /**
   * @param message what is wrong, starting with where (the path) when there is one.
   * @param path the offending field as a path (`threads[2].items[0].created_at`), or `''` for the whole file.
   * @param options.cause the underlying error (a JSON syntax error, say).
   */
  constructor(
    message: string,
    readonly path = '',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

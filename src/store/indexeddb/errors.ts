/**
 * Errors the IndexedDB stores raise instead of the browser's DOMExceptions, whose names ("QuotaExceededError",
 * "VersionError") say what happened but not what the user or the app should do about it.
 */

/**
 * The browser refused a write because this origin's storage quota is used up. Nothing from the failed call
 * was saved (its transaction was rolled back); the data written before is intact.
 */
export class StorageQuotaError extends Error {
  override readonly name = 'StorageQuotaError';

  /**
   * @param databaseName the IndexedDB database the write went to.
   * @param options.cause the browser's original error.
   */
  constructor(
    readonly databaseName: string,
    options?: { cause?: unknown },
  ) {
    super(
      `The browser's storage quota is exhausted, so the write to IndexedDB database "${databaseName}" was not saved. ` +
        'Free space by deleting old threads or attachments (or other data of this site), or ask the browser to ' +
        'grant more with navigator.storage.persist(); then try again.',
      options,
    );
  }
}

/**
 * The database was upgraded by newer code (usually this app, updated, in another tab), so this code can
 * no longer read it safely. Reloading the page loads the newer code.
 */
export class DatabaseVersionError extends Error {
  override readonly name = 'DatabaseVersionError';

  /**
   * @param databaseName the IndexedDB database.
   * @param version the schema version this code knows.
   * @param options.cause the browser's original error.
   */
  constructor(
    readonly databaseName: string,
    readonly version: number,
    options?: { cause?: unknown },
  ) {
    super(
      `IndexedDB database "${databaseName}" has a newer schema than version ${version}, which this code reads: ` +
        'a newer version of the app has upgraded it (perhaps in another tab). Reload the page to use the newer version.',
      options,
    );
  }
}

/** Whether `error` is the browser's "quota exceeded" (Firefox before version 71 used its own name). */
function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

/**
 * The error a store method should throw for `error`: a quota failure becomes a {@link StorageQuotaError},
 * an attempt to open a newer database a {@link DatabaseVersionError}; anything else (a `NotFoundError`, a
 * bug) passes through unchanged.
 */
export function toStorageError(error: unknown, databaseName: string, version: number): unknown {
  if (isQuotaError(error)) return new StorageQuotaError(databaseName, { cause: error });
  if ((error as { name?: unknown } | null)?.name === 'VersionError') {
    return new DatabaseVersionError(databaseName, version, { cause: error });
  }
  return error;
}

/**
 * The passphrase (or `CryptoKey`) given to `IndexedDBStore.open` does not open the database's data key,
 * or a stored value does not decrypt (it was altered, or written with another key). Nothing was changed.
 */
export class EncryptionKeyError extends Error {
  override readonly name = 'EncryptionKeyError';

  /**
   * @param databaseName the IndexedDB database.
   * @param message what did not open, and what to do.
   * @param options.cause the Web Crypto error.
   */
  constructor(
    readonly databaseName: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The database's passphrase (or key) was changed since this store opened it, by `changePassphrase` on
 * another store (another tab or worker). This store refuses every call rather than use a key the
 * database no longer names; open the store again with the new passphrase. Nothing was changed.
 */
export class StaleEncryptionKeyError extends Error {
  override readonly name = 'StaleEncryptionKeyError';

  /** @param databaseName the IndexedDB database. */
  constructor(readonly databaseName: string) {
    super(
      `The passphrase of IndexedDB database "${databaseName}" was changed elsewhere (another tab or worker) after this ` +
        'store opened it. Open the store again with the new passphrase.',
    );
  }
}

/**
 * The database and the `encryption` option disagree: an encrypted database opened without it, a
 * database holding unencrypted data opened with it, or a passphrase change on a store without
 * encryption. Nothing was changed.
 */
export class EncryptionSetupError extends Error {
  override readonly name = 'EncryptionSetupError';

  /**
   * @param databaseName the IndexedDB database.
   * @param message what disagrees, and what to do.
   */
  constructor(
    readonly databaseName: string,
    message: string,
  ) {
    super(message);
  }
}

/** Raised by a store when a thread, item or attachment does not exist, or the context may not see it. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/**
 * Whether an error says the storage is full: the browser's `QuotaExceededError`, or a store's own
 * error named `StorageQuotaError` (as `IndexedDBStore` raises). Told apart by name so that the core
 * needs no browser store code.
 */
export function isStorageFullError(error: unknown): error is Error {
  // DOMException is an Error in browsers and in Node.
  return error instanceof Error && (error.name === 'QuotaExceededError' || error.name === 'StorageQuotaError');
}

/** What the user is told when a response could not be saved because storage is full. */
export const STORAGE_FULL_MESSAGE =
  'Storage for this chat is full, so the reply could not be saved. Delete old threads or attachments to free space, then try again.';

/** Raised by a store when a thread, item or attachment does not exist, or the context may not see it. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

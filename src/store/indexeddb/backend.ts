/**
 * What an `IndexedDBAttachmentStore` borrows from the `IndexedDBStore` it is built on: the connection
 * and the scope function. Kept in a module-private map rather than on the store, so it is not public API.
 */
import type { Connection } from './connection.ts';

/** The shared parts of a store. */
export interface Backend<TContext> {
  /** The store's database connection. */
  readonly connection: Connection;
  /** The scope of a context: the first key part of every record it may touch. */
  readonly scope: (context: TContext) => string;
}

const backends = new WeakMap<object, Backend<never>>();

/** Records `owner`'s backend. */
export function setBackend<TContext>(owner: object, backend: Backend<TContext>): void {
  backends.set(owner, backend);
}

/** The backend recorded for `owner`. */
export function backendOf<TContext>(owner: object): Backend<TContext> {
  const backend = backends.get(owner);
  if (!backend) throw new TypeError('expected an IndexedDBStore (from IndexedDBStore.open())');
  return backend as unknown as Backend<TContext>;
}

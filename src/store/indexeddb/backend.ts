/**
 * What an `IndexedDBAttachmentStore` borrows from the `IndexedDBStore` it is built on: the connection,
 * the scope function and the record codec. Kept in a module-private map rather than on the store, so it
 * is not public API.
 */
import type { RecordCodec } from './codec.ts';
import type { Connection } from './connection.ts';
import type { StoreName, Transaction } from './schema.ts';
import { originalOf } from '../changes/originals.ts';

/** The shared parts of a store. */
export interface Backend<TContext> {
  /** The store's database connection. */
  readonly connection: Connection;
  /** The scope of a context: the first key part of every record it may touch. */
  readonly scope: (context: TContext) => string;
  /** How values are stored (in clear or sealed), and the check every transaction runs. */
  readonly codec: RecordCodec;
}

const backends = new WeakMap<object, Backend<never>>();

/** Records `owner`'s backend. */
export function setBackend<TContext>(owner: object, backend: Backend<TContext>): void {
  backends.set(owner, backend);
}

/** The backend recorded for `owner`. */
export function backendOf<TContext>(owner: object): Backend<TContext> {
  // A store wrapped by withChanges shares its original's backend.
  const backend = backends.get(originalOf(owner));
  if (!backend) throw new TypeError('expected an IndexedDBStore (from IndexedDBStore.open())');
  return backend as unknown as Backend<TContext>;
}

/**
 * {@link Connection.run} with the codec's check in the same transaction: the check's read is issued
 * first and awaited last, so it costs no extra round trip, and if it fails the transaction is aborted
 * (nothing `work` wrote is kept) and its error is the one thrown.
 */
export function runChecked<Mode extends IDBTransactionMode, T>(
  backend: Pick<Backend<unknown>, 'connection' | 'codec'>,
  stores: StoreName[],
  mode: Mode,
  work: (tx: Transaction<Mode>) => Promise<T>,
): Promise<T> {
  const { codec } = backend;
  const scope = codec.checks(mode) && !stores.includes('meta') ? [...stores, 'meta' as const] : stores;
  return backend.connection.run(scope, mode, async (tx) => {
    const checked = codec.check(tx, mode);
    checked.catch(() => {});
    let result: T;
    try {
      result = await work(tx);
    } catch (error) {
      await checked;
      throw error;
    }
    await checked;
    return result;
  });
}

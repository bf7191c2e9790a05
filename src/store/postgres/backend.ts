/**
 * What a {@link PostgresAttachmentStore} shares with the {@link PostgresStore} it is built on: the
 * pool, the statements, the scope function, and where attachment bytes live when they are not in the
 * store's own table. Kept out of the store's public surface.
 */
import type { AttachmentBytesBackend } from './bytes.ts';
import type { Database } from './database.ts';
import { PostgresStoreError } from './errors.ts';
import type { Statements } from './statements.ts';

/** A store's internals. */
export interface PostgresBackend<TContext> {
  db: Database;
  sql: Statements;
  scope: (context: TContext) => string;
  /**
   * The bytes backend of the store's {@link PostgresAttachmentStore} when it is not the default
   * `bytea` table (which deletions, exports and imports reach inside their own statements); null otherwise.
   */
  externalBytes: AttachmentBytesBackend | null;
}

const backends = new WeakMap<object, PostgresBackend<never>>();

/** Records a store's internals. */
export function setBackend<TContext>(store: object, backend: PostgresBackend<TContext>): void {
  backends.set(store, backend);
}

/**
 * The internals of a store made by `PostgresStore.connect`.
 * @throws {TypeError} for anything else.
 */
export function backendOf<TContext>(store: object): PostgresBackend<TContext> {
  const backend = backends.get(store);
  if (!backend) throw new TypeError('PostgresAttachmentStore needs a PostgresStore made by PostgresStore.connect().');
  return backend as PostgresBackend<TContext>;
}

/**
 * Deletes, from an external bytes backend, the bytes of attachments whose records a committed
 * statement deleted (the default table's rows went in that statement). Nothing to do without one.
 * @param done - what was deleted, for the error: `Thread thr_1 was deleted`.
 * @throws {PostgresStoreError} saying the records are gone but the bytes are not, when the backend fails.
 */
export async function deleteExternalBytes(
  backend: Pick<PostgresBackend<never>, 'externalBytes'>,
  scope: string,
  attachmentIds: readonly string[],
  operation: string,
  done: string,
): Promise<void> {
  const external = backend.externalBytes;
  if (!external || attachmentIds.length === 0) return;
  try {
    await external.delete(attachmentIds.map((attachmentId) => ({ scope, attachmentId })));
  } catch (error) {
    throw new PostgresStoreError(
      `${done}, but the bytes of its attachments (${attachmentIds.join(', ')}) could not be deleted: ${(error as Error).message}`,
      { operation, cause: error },
    );
  }
}

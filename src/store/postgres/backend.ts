/**
 * What a {@link PostgresAttachmentStore} shares with the {@link PostgresStore} it is built on: the
 * pool, the statements, the scope function, and a way to hear which attachments a deleted thread
 * took with it. Kept out of the store's public surface.
 */
import type { Database } from './database.ts';
import type { Statements } from './statements.ts';
import { originalOf } from '../changes/originals.ts';

/** Called after a thread was deleted, with the scope and the ids of the attachment records deleted with it. */
export type ThreadAttachmentsDeleted = (scope: string, attachmentIds: string[]) => Promise<void>;

/** A store's internals. */
export interface PostgresBackend<TContext> {
  db: Database;
  sql: Statements;
  scope: (context: TContext) => string;
  /** Listeners for deleted threads' attachments (bytes kept outside PostgreSQL must be deleted too). */
  attachmentsDeleted: Set<ThreadAttachmentsDeleted>;
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
  // A store wrapped by withChanges shares its original's backend.
  const backend = backends.get(originalOf(store));
  if (!backend) throw new TypeError('PostgresAttachmentStore needs a PostgresStore made by PostgresStore.connect().');
  return backend as PostgresBackend<TContext>;
}

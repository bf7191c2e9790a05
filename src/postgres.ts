/**
 * `chatkit-local/postgres`: durable stores in PostgreSQL for a ChatKit server on Node, shared by every
 * process that connects to the same database. Needs the `pg` package (an optional peer dependency).
 *
 * ```ts
 * const store = await PostgresStore.connect<MyContext>({ connectionString, scope: (context) => context.userId });
 * const server = new MyServer(store, new PostgresAttachmentStore(store));
 * ```
 */
export { PostgresStore, type PostgresStoreOptions, type PostgresConnectionOptions } from './store/postgres/store.ts';
export {
  PostgresAttachmentStore,
  DEFAULT_MAX_ATTACHMENT_BYTES,
  type PostgresAttachmentStoreOptions,
} from './store/postgres/attachment-store.ts';
export type { AttachmentBytesBackend, AttachmentBytesKey } from './store/postgres/bytes.ts';
export { PostgresStoreError } from './store/postgres/errors.ts';
export { DEFAULT_SCHEMA } from './store/postgres/identifiers.ts';
export { SCHEMA_VERSION } from './store/postgres/migrations.ts';
export { PostgresChangeFeed, type PostgresChangeFeedOptions } from './store/postgres/change-feed.ts';

/**
 * `chatkit-local/indexeddb`: persistent stores for a ChatKit server running in a page or a Web Worker.
 *
 * ```ts
 * const store = await IndexedDBStore.open<MyContext>({ scope: (context) => context.userId });
 * const server = new MyServer(store, new IndexedDBAttachmentStore(store));
 * ```
 */
export { IndexedDBStore, DEFAULT_DATABASE_NAME, type IndexedDBStoreOptions } from './store/indexeddb/store.ts';
export { IndexedDBAttachmentStore, type IndexedDBAttachmentStoreOptions } from './store/indexeddb/attachment-store.ts';
export { StorageQuotaError, DatabaseVersionError } from './store/indexeddb/errors.ts';
export { EncryptionKeyError, StaleEncryptionKeyError, EncryptionSetupError } from './store/indexeddb/errors.ts';
export { type EncryptionOptions } from './store/indexeddb/encryption.ts';
export { PBKDF2_ITERATIONS } from './store/indexeddb/cipher.ts';
export { SCHEMA_VERSION } from './store/indexeddb/migrations.ts';

/**
 * The current database layout (schema version 2, reached by `migrations.ts`): record shapes, store and index names, and the key
 * ranges the stores page through. Every record carries its scope as the first key part, so one user's
 * data is a contiguous key range that no other scope's key can reach.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Attachment } from '../../protocol/attachments.ts';
import type { ThreadItem } from '../../protocol/items.ts';
import type { ThreadMetadata } from '../../protocol/thread.ts';

/** Where a record sits in a listing: `created_at` in epoch milliseconds, then the write sequence number. */
export interface Ordered {
  /**
   * `Date.parse(created_at)` (0 when unparseable, like `MemoryStore`), so the index orders by instant,
   * not by string: `…T10:00:00Z` and `…T12:00:00+02:00` tie.
   */
  createdMs: number;
  /** Assigned once, on first write; breaks ties of equal `createdMs` in write order. */
  seq: number;
}

/**
 * An encrypted value (in a database opened with encryption): the 12-byte AES-GCM IV followed by the
 * ciphertext and its 16-byte tag. A record holds either its value in clear or `sealed`, never both.
 */
export type Sealed = ArrayBuffer;

/** A thread's metadata, keyed by `[scope, id]`. */
export interface ThreadRecord extends Ordered {
  scope: string;
  id: string;
  thread?: ThreadMetadata;
  sealed?: Sealed;
}

/** A thread item, keyed by `[scope, threadId, id]`: ids are per thread, as in `MemoryStore`. */
export interface ItemRecord extends Ordered {
  scope: string;
  threadId: string;
  id: string;
  item?: ThreadItem;
  sealed?: Sealed;
}

/**
 * An attachment record, keyed by `[scope, id]`. `threadId` mirrors `attachment.thread_id` and is left
 * out when there is none, which keeps the record out of the `byThread` index.
 */
export interface AttachmentRecord {
  scope: string;
  id: string;
  threadId?: string;
  attachment?: Attachment;
  sealed?: Sealed;
}

/** An attachment's uploaded bytes, keyed by `[scope, id]` (the attachment id). */
export interface BytesRecord {
  scope: string;
  id: string;
  blob?: Blob;
  /** Encrypted: the MIME type and the bytes (see `codec.ts`). */
  sealed?: Sealed;
}

/**
 * How a database opened with encryption keeps its data key: wrapped (AES-GCM) by a key derived from
 * the passphrase (PBKDF2) or by a key the app holds. Stored under {@link ENCRYPTION_KEY} in `meta`.
 */
export interface EncryptionKeyRecord {
  /** The layout of this record. */
  format: 1;
  /**
   * A random id, new each time the data key is wrapped again (a passphrase change). Every transaction
   * of an encrypted store checks it, so a store still holding the old passphrase's key stops at once.
   */
  keyId: string;
  /** What wraps the data key. */
  wrap:
    | { kind: 'passphrase'; algorithm: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: Uint8Array }
    | { kind: 'key' };
  /** The IV of the wrapping (AES-GCM, 12 bytes). */
  iv: Uint8Array;
  /** The data key (AES-GCM, 256 bits), wrapped. */
  wrappedKey: ArrayBuffer;
}

/** The typed layout of schema version 2, checked by idb at compile time. */
export interface ChatKitDB extends DBSchema {
  threads: {
    key: [scope: string, id: string];
    value: ThreadRecord;
    indexes: { byCreated: [scope: string, createdMs: number, seq: number] };
  };
  items: {
    key: [scope: string, threadId: string, id: string];
    value: ItemRecord;
    indexes: { byCreated: [scope: string, threadId: string, createdMs: number, seq: number] };
  };
  attachments: {
    key: [scope: string, id: string];
    value: AttachmentRecord;
    indexes: { byThread: [scope: string, threadId: string] };
  };
  bytes: {
    key: [scope: string, id: string];
    value: BytesRecord;
  };
  /** Values shared by every scope: the sequence counter ({@link SEQ_KEY}) and the key record ({@link ENCRYPTION_KEY}). */
  meta: {
    key: string;
    value: number | EncryptionKeyRecord;
  };
}

/** A store name of the current layout. */
export type StoreName = StoreNames<ChatKitDB>;
/** An open connection to the current layout. */
export type Database = IDBPDatabase<ChatKitDB>;
/** A transaction over some stores of the current layout. */
export type Transaction<Mode extends IDBTransactionMode = IDBTransactionMode> = IDBPTransaction<
  ChatKitDB,
  ArrayLike<StoreName>,
  Mode
>;

/** The `meta` key holding the next write sequence number. */
export const SEQ_KEY = 'seq';

/** The `meta` key holding the {@link EncryptionKeyRecord} of an encrypted database (absent otherwise). */
export const ENCRYPTION_KEY = 'encryption';

/**
 * The scope of a store opened without a `scope` function, and of data migrated from schema version 1,
 * which had no scopes.
 */
export const DEFAULT_SCOPE = '';

/**
 * Every key of the `prefix` partition: arrays compare element by element and a shorter array sorts
 * before its extensions, while an array sorts after every number, so `[...prefix, []]` is above any
 * `[...prefix, createdMs, seq]`.
 */
export function partition(prefix: readonly IDBValidKey[]): IDBKeyRange {
  return IDBKeyRange.bound([...prefix], [...prefix, []]);
}

/**
 * The keys of the `prefix` partition strictly after (`asc`) or strictly before (`desc`) the cursor
 * position, so a page never repeats the cursor entry and never skips one that ties with it.
 */
export function afterPosition(prefix: readonly IDBValidKey[], position: Ordered, order: 'asc' | 'desc'): IDBKeyRange {
  const at = [...prefix, position.createdMs, position.seq];
  return order === 'asc'
    ? IDBKeyRange.bound(at, [...prefix, []], true, false)
    : IDBKeyRange.bound([...prefix], at, false, true);
}

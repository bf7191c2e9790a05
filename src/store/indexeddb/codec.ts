/**
 * How wire objects become stored values and back: in clear ({@link PlainCodec}) or sealed with the
 * database's data key ({@link SealedCodec}). Everything a store method writes or reads goes through
 * one, and every transaction runs its {@link RecordCodec.check}, so a store never mixes clear and
 * sealed data, nor writes with a key the database no longer names.
 *
 * What a sealed database keeps in clear: the key fields (scope, thread id, item id, attachment id), an
 * attachment's thread id (its `byThread` index, so deleting a thread finds its files), and the paging
 * fields (`createdMs`, the `created_at` instant in milliseconds, and `seq`, the write order). Everything
 * else (titles, status, metadata, item content, attachment names, MIME types, URLs, and the bytes) is
 * sealed. AES-GCM does not hide lengths: a sealed value is as long as its JSON plus 28 bytes.
 *
 * Sealing is Web Crypto work, which a transaction cannot wait for (IndexedDB commits a transaction as
 * soon as it waits for anything else), so values are sealed before their transaction starts and opened
 * after it ends.
 */
import type { Attachment } from '../../protocol/attachments.ts';
import type { ThreadItem } from '../../protocol/items.ts';
import type { ThreadMetadata } from '../../protocol/thread.ts';
import { fromUtf8, seal, unseal, utf8 } from './cipher.ts';
import { EncryptionKeyError, EncryptionSetupError, StaleEncryptionKeyError } from './errors.ts';
import {
  ENCRYPTION_KEY,
  type AttachmentRecord,
  type BytesRecord,
  type ItemRecord,
  type Sealed,
  type ThreadRecord,
  type Transaction,
} from './schema.ts';

/** The stored form of a value: in clear under its own field, or sealed. */
type Stored<Field extends string, V> = { [K in Field]?: V } & { sealed?: Sealed };

/** Turns wire objects into stored values and back, and guards every transaction. */
export interface RecordCodec {
  /** Whether values are sealed. */
  readonly encrypted: boolean;
  /** Whether a transaction of `mode` needs the `meta` store for {@link RecordCodec.check}. */
  checks(mode: IDBTransactionMode): boolean;
  /**
   * Runs inside a transaction (which includes `meta` when {@link RecordCodec.checks} says so) and throws
   * when this store may not go on: its key is out of date, or the database's encryption changed.
   */
  check(tx: Transaction, mode: IDBTransactionMode): Promise<void>;
  encodeThread(scope: string, thread: ThreadMetadata): Promise<Stored<'thread', ThreadMetadata>>;
  decodeThread(record: ThreadRecord): Promise<ThreadMetadata>;
  encodeItem(scope: string, threadId: string, item: ThreadItem): Promise<Stored<'item', ThreadItem>>;
  decodeItem(record: ItemRecord): Promise<ThreadItem>;
  encodeAttachment(scope: string, attachment: Attachment): Promise<Stored<'attachment', Attachment>>;
  decodeAttachment(record: AttachmentRecord): Promise<Attachment>;
  encodeBytes(scope: string, id: string, blob: Blob): Promise<Stored<'blob', Blob>>;
  decodeBytes(record: BytesRecord): Promise<Blob>;
}

/** Values in clear: the database must not hold an encryption key record. */
export class PlainCodec implements RecordCodec {
  readonly encrypted = false;

  /** @param databaseName for error messages. */
  constructor(private readonly databaseName: string) {}

  // Reads need no check: a sealed record fails to decode, with the same error.
  checks(mode: IDBTransactionMode): boolean {
    return mode !== 'readonly';
  }

  async check(tx: Transaction, mode: IDBTransactionMode): Promise<void> {
    if (!this.checks(mode)) return;
    if ((await tx.objectStore('meta').get(ENCRYPTION_KEY)) !== undefined) throw this.encryptedError();
  }

  async encodeThread(_scope: string, thread: ThreadMetadata) {
    return { thread };
  }

  async decodeThread(record: ThreadRecord): Promise<ThreadMetadata> {
    return record.thread ?? this.fail();
  }

  async encodeItem(_scope: string, _threadId: string, item: ThreadItem) {
    return { item };
  }

  async decodeItem(record: ItemRecord): Promise<ThreadItem> {
    return record.item ?? this.fail();
  }

  async encodeAttachment(_scope: string, attachment: Attachment) {
    return { attachment };
  }

  async decodeAttachment(record: AttachmentRecord): Promise<Attachment> {
    return record.attachment ?? this.fail();
  }

  async encodeBytes(_scope: string, _id: string, blob: Blob) {
    return { blob };
  }

  async decodeBytes(record: BytesRecord): Promise<Blob> {
    return record.blob ?? this.fail();
  }

  private fail(): never {
    throw this.encryptedError();
  }

  private encryptedError(): EncryptionSetupError {
    return new EncryptionSetupError(
      this.databaseName,
      `IndexedDB database "${this.databaseName}" is encrypted: open it with IndexedDBStore.open({ encryption: ... }).`,
    );
  }
}

/** The key a {@link SealedCodec} seals with, and the key record it was unlocked from. */
export interface UnlockedKey {
  /** The data key (non-extractable). */
  dataKey: CryptoKey;
  /** The wrapping key that opened it: kept for re-wrapping on a passphrase change. */
  wrappingKey: CryptoKey;
  /** The key record's `keyId` when it was unlocked. */
  keyId: string;
}

/** Values sealed with the database's data key; every transaction checks the key record's id. */
export class SealedCodec implements RecordCodec {
  readonly encrypted = true;

  /**
   * @param databaseName for error messages.
   * @param key the unlocked key; replaced in place after a passphrase change ({@link SealedCodec.rekeyed}).
   */
  constructor(
    private readonly databaseName: string,
    private key: UnlockedKey,
  ) {}

  /** The key this codec holds. */
  get unlocked(): UnlockedKey {
    return this.key;
  }

  /** Takes the new wrapping key and key id after this store changed the passphrase. */
  rekeyed(wrappingKey: CryptoKey, keyId: string): void {
    this.key = { ...this.key, wrappingKey, keyId };
  }

  checks(): boolean {
    return true;
  }

  async check(tx: Transaction): Promise<void> {
    const record = await tx.objectStore('meta').get(ENCRYPTION_KEY);
    if (typeof record !== 'object' || record.keyId !== this.key.keyId) {
      throw new StaleEncryptionKeyError(this.databaseName);
    }
  }

  async encodeThread(scope: string, thread: ThreadMetadata) {
    return { sealed: await this.sealJson(thread, ['thread', scope, thread.id]) };
  }

  async decodeThread(record: ThreadRecord): Promise<ThreadMetadata> {
    return this.openJson(record.sealed, ['thread', record.scope, record.id], `thread ${record.id}`);
  }

  async encodeItem(scope: string, threadId: string, item: ThreadItem) {
    return { sealed: await this.sealJson(item, ['item', scope, threadId, item.id]) };
  }

  async decodeItem(record: ItemRecord): Promise<ThreadItem> {
    return this.openJson(record.sealed, ['item', record.scope, record.threadId, record.id], `item ${record.id}`);
  }

  async encodeAttachment(scope: string, attachment: Attachment) {
    return { sealed: await this.sealJson(attachment, ['attachment', scope, attachment.id]) };
  }

  async decodeAttachment(record: AttachmentRecord): Promise<Attachment> {
    return this.openJson(record.sealed, ['attachment', record.scope, record.id], `attachment ${record.id}`);
  }

  /** Seals the MIME type with the bytes: a 4-byte big-endian length, the type in UTF-8, then the bytes. */
  async encodeBytes(scope: string, id: string, blob: Blob) {
    const type = utf8(blob.type);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const plain = new Uint8Array(4 + type.length + bytes.length);
    new DataView(plain.buffer).setUint32(0, type.length);
    plain.set(type, 4);
    plain.set(bytes, 4 + type.length);
    return { sealed: await seal(this.key.dataKey, plain, contextOf(['bytes', scope, id])) };
  }

  async decodeBytes(record: BytesRecord): Promise<Blob> {
    const plain = await this.open(record.sealed, ['bytes', record.scope, record.id], `the bytes of ${record.id}`);
    const typeLength = new DataView(plain).getUint32(0);
    const type = fromUtf8(new Uint8Array(plain, 4, typeLength));
    return new Blob([new Uint8Array(plain, 4 + typeLength)], { type });
  }

  /** Seals the JSON of `value`, bound to `where` (the same `where` opens it). */
  async sealJson(value: unknown, where: string[]): Promise<Sealed> {
    return seal(this.key.dataKey, utf8(JSON.stringify(value)), contextOf(where));
  }

  /**
   * The value {@link SealedCodec.sealJson} sealed under `where`.
   * @throws {EncryptionKeyError} naming `what` when it does not decrypt.
   */
  async openJson<T>(sealed: Sealed | undefined, where: string[], what: string): Promise<T> {
    return JSON.parse(fromUtf8(await this.open(sealed, where, what))) as T;
  }

  private async open(sealed: Sealed | undefined, where: string[], what: string): Promise<ArrayBuffer> {
    if (!sealed) {
      throw new EncryptionSetupError(
        this.databaseName,
        `IndexedDB database "${this.databaseName}" is encrypted, but ${what} is stored in clear: something wrote ` +
          'to it without encryption. Export what opens, and import it into a new database.',
      );
    }
    try {
      return await unseal(this.key.dataKey, sealed, contextOf(where));
    } catch (cause) {
      throw new EncryptionKeyError(
        this.databaseName,
        `Could not decrypt ${what} in IndexedDB database "${this.databaseName}": it was altered, or sealed with another key.`,
        { cause },
      );
    }
  }
}

/** The additional data that binds a sealed value to its record. */
function contextOf(where: string[]): Uint8Array {
  return utf8(JSON.stringify(where));
}

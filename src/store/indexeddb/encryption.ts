/**
 * Encryption at rest for `IndexedDBStore`: setting up a database's data key, unlocking it on open, and
 * wrapping it anew when the passphrase changes. The data key never changes, so a passphrase change
 * re-encrypts nothing: it is one small write of the key record, atomic like any IndexedDB write, so an
 * interruption leaves either the old passphrase working or the new one, never neither.
 */
import {
  deriveWrappingKey,
  generateDataKey,
  PBKDF2_ITERATIONS,
  randomBytes,
  SALT_BYTES,
  unwrapDataKey,
  wrapDataKey,
} from './cipher.ts';
import { PlainCodec, SealedCodec, type RecordCodec, type UnlockedKey } from './codec.ts';
import type { Connection } from './connection.ts';
import { EncryptionKeyError, EncryptionSetupError } from './errors.ts';
import { ENCRYPTION_KEY, type EncryptionKeyRecord, type StoreName } from './schema.ts';

/**
 * The `encryption` option of `IndexedDBStore.open`: a passphrase (the data key is wrapped by a key
 * derived from it), or an AES-GCM `CryptoKey` the app manages (it wraps the data key directly; give it
 * the `wrapKey` and `unwrapKey` usages, and keep it non-extractable).
 */
export type EncryptionOptions =
  | {
      passphrase: string;
      /**
       * PBKDF2 iterations when this passphrase is set (a new database, or `changePassphrase`); default
       * {@link PBKDF2_ITERATIONS}. Fewer make opening faster and guessing cheaper. An existing database
       * keeps the count it was set with.
       */
      iterations?: number | undefined;
    }
  | { key: CryptoKey };

/** The stores holding data: a database with records in any of them is not empty. */
const DATA_STORES: StoreName[] = ['threads', 'items', 'attachments', 'bytes'];

/**
 * The codec a store opened with `encryption` uses, after checking the database agrees: an encrypted
 * database needs the option and the right key; a new (empty) database opened with it is set up for
 * encryption; a database holding unencrypted data is refused.
 * @throws {EncryptionSetupError} when the database and the option disagree.
 * @throws {EncryptionKeyError} when the passphrase or key does not open the data key.
 */
export async function openCodec(
  connection: Connection,
  encryption: EncryptionOptions | undefined,
): Promise<RecordCodec> {
  const name = connection.name;
  if (encryption !== undefined) checkOptions(name, encryption);
  for (;;) {
    const { record, empty } = await readSetup(connection);
    if (!encryption) {
      if (record) {
        throw new EncryptionSetupError(
          name,
          `IndexedDB database "${name}" is encrypted: open it with IndexedDBStore.open({ encryption: ... }).`,
        );
      }
      return new PlainCodec(name);
    }
    if (record) return new SealedCodec(name, await unlock(name, record, encryption));
    if (!empty) {
      throw new EncryptionSetupError(
        name,
        `IndexedDB database "${name}" holds unencrypted data, so it cannot be opened with encryption. To encrypt it, ` +
          'export its data (exportData), open a new database with encryption, and import the data there (importData).',
      );
    }
    const created = await newKeyRecord(encryption);
    // Written only if the database is still empty and unkeyed: two stores setting it up at once agree
    // on the first one's key (the other loops, and unlocks it, or is refused if its passphrase differs).
    const won = await connection.run([...DATA_STORES, 'meta'], 'readwrite', async (tx) => {
      const again = await readSetupIn(tx);
      if (again.record || !again.empty) return false;
      await tx.objectStore('meta').put(created.record, ENCRYPTION_KEY);
      return true;
    });
    if (won) return new SealedCodec(name, created.unlocked);
  }
}

/**
 * Wraps the data key under `next` and replaces the key record, if it is still the one `codec` unlocked.
 * Stores elsewhere that hold the old key then fail their next call with {@link StaleEncryptionKeyError}.
 * @throws {StaleEncryptionKeyError} when the key was already changed elsewhere (nothing is written).
 */
export async function changeKey(connection: Connection, codec: SealedCodec, next: EncryptionOptions): Promise<void> {
  checkOptions(connection.name, next);
  const current = codec.unlocked;
  const exported = await unwrapDataKey(await readRecord(connection, codec), current.wrappingKey, true);
  const { wrap, wrappingKey } = await newWrapping(next);
  const record: EncryptionKeyRecord = {
    format: 1,
    keyId: crypto.randomUUID(),
    wrap,
    ...(await wrapDataKey(exported, wrappingKey)),
  };
  await connection.run(['meta'], 'readwrite', async (tx) => {
    await codec.check(tx);
    await tx.objectStore('meta').put(record, ENCRYPTION_KEY);
  });
  codec.rekeyed(wrappingKey, record.keyId);
}

/** The key record, checked to be the one `codec` holds. */
async function readRecord(connection: Connection, codec: SealedCodec): Promise<EncryptionKeyRecord> {
  return connection.run(['meta'], 'readonly', async (tx) => {
    await codec.check(tx);
    return (await tx.objectStore('meta').get(ENCRYPTION_KEY)) as EncryptionKeyRecord;
  });
}

async function readSetup(connection: Connection): Promise<{ record: EncryptionKeyRecord | null; empty: boolean }> {
  return connection.run([...DATA_STORES, 'meta'], 'readonly', readSetupIn);
}

/** The key record, if any, and whether the data stores are empty (one key read per store, not a count). */
async function readSetupIn(tx: Parameters<Parameters<Connection['run']>[2]>[0]) {
  const [record, ...firstKeys] = await Promise.all([
    tx.objectStore('meta').get(ENCRYPTION_KEY),
    ...DATA_STORES.map((store) => tx.objectStore(store).getAllKeys(null, 1)),
  ]);
  return {
    record: typeof record === 'object' ? record : null,
    empty: firstKeys.every((keys) => keys.length === 0),
  };
}

async function unlock(name: string, record: EncryptionKeyRecord, encryption: EncryptionOptions): Promise<UnlockedKey> {
  let wrappingKey: CryptoKey;
  if (record.wrap.kind === 'passphrase') {
    if (!('passphrase' in encryption)) {
      throw new EncryptionKeyError(
        name,
        `IndexedDB database "${name}" is encrypted with a passphrase, not a CryptoKey.`,
      );
    }
    wrappingKey = await deriveWrappingKey(encryption.passphrase, record.wrap.salt, record.wrap.iterations);
  } else {
    if (!('key' in encryption)) {
      throw new EncryptionKeyError(
        name,
        `IndexedDB database "${name}" is encrypted with a key the app holds (a CryptoKey), not a passphrase.`,
      );
    }
    wrappingKey = encryption.key;
  }
  try {
    return { dataKey: await unwrapDataKey(record, wrappingKey, false), wrappingKey, keyId: record.keyId };
  } catch (cause) {
    throw new EncryptionKeyError(
      name,
      `The ${record.wrap.kind === 'passphrase' ? 'passphrase' : 'key'} does not open IndexedDB database "${name}". ` +
        'Nothing was changed; try again with the right one.',
      { cause },
    );
  }
}

async function newKeyRecord(
  encryption: EncryptionOptions,
): Promise<{ record: EncryptionKeyRecord; unlocked: UnlockedKey }> {
  const { wrap, wrappingKey } = await newWrapping(encryption);
  const extractable = await generateDataKey();
  const record: EncryptionKeyRecord = {
    format: 1,
    keyId: crypto.randomUUID(),
    wrap,
    ...(await wrapDataKey(extractable, wrappingKey)),
  };
  // From here on only a non-extractable copy is kept: the same path every later open takes.
  const dataKey = await unwrapDataKey(record, wrappingKey, false);
  return { record, unlocked: { dataKey, wrappingKey, keyId: record.keyId } };
}

async function newWrapping(
  encryption: EncryptionOptions,
): Promise<{ wrap: EncryptionKeyRecord['wrap']; wrappingKey: CryptoKey }> {
  if ('key' in encryption) return { wrap: { kind: 'key' }, wrappingKey: encryption.key };
  const salt = randomBytes(SALT_BYTES);
  const iterations = encryption.iterations ?? PBKDF2_ITERATIONS;
  return {
    wrap: { kind: 'passphrase', algorithm: 'PBKDF2', hash: 'SHA-256', iterations, salt },
    wrappingKey: await deriveWrappingKey(encryption.passphrase, salt, iterations),
  };
}

/** @throws {TypeError} naming the option that cannot work. */
function checkOptions(name: string, encryption: EncryptionOptions): void {
  if ('key' in encryption) {
    const { key } = encryption;
    const algorithm = (key as Partial<CryptoKey> | null)?.algorithm as { name?: string } | undefined;
    if (algorithm?.name !== 'AES-GCM' || !key.usages.includes('wrapKey') || !key.usages.includes('unwrapKey')) {
      throw new TypeError(
        `encryption.key for IndexedDB database "${name}": expected an AES-GCM CryptoKey with the wrapKey and unwrapKey usages.`,
      );
    }
    return;
  }
  if (typeof encryption.passphrase !== 'string' || encryption.passphrase.length === 0) {
    throw new TypeError(`encryption.passphrase for IndexedDB database "${name}": expected a non-empty string.`);
  }
  const { iterations } = encryption;
  if (iterations !== undefined && (!Number.isInteger(iterations) || iterations < 1)) {
    throw new TypeError(`encryption.iterations for IndexedDB database "${name}": expected a positive whole number.`);
  }
}

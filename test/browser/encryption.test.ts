/**
 * Encryption at rest in real Chromium: the store contracts on an encrypted store, nothing readable in
 * the raw database, the right passphrase (or CryptoKey) reading everything back and the wrong one
 * refused without a change, passphrase changes that re-encrypt nothing and stop stores holding the old
 * key, values that cannot be moved between records, and clear errors when the database and the
 * `encryption` option disagree.
 */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, test } from 'vitest';
import {
  EncryptionKeyError,
  EncryptionSetupError,
  IndexedDBAttachmentStore,
  IndexedDBStore,
  PBKDF2_ITERATIONS,
  StaleEncryptionKeyError,
  type EncryptionOptions,
} from '../../src/indexeddb.ts';
import { describeAttachmentStoreContract } from '../shared/attachment-store-contract.ts';
import { ATTACHMENTS, BINARY, fillScope, readScope } from '../shared/data-control-fixtures.ts';
import { describeStoreContract } from '../shared/store-contract.ts';
import { alice, bob, byUser, makeThread, userMessage, type TestContext } from '../shared/store-fixtures.ts';
import { dumpDatabase, foundInClear } from './support/raw-database.ts';

/** Few PBKDF2 iterations: these tests check behaviour, not the cost of guessing (one test checks the default). */
const ITERATIONS = 1_000;
const PASSPHRASE: EncryptionOptions = { passphrase: 'correct horse battery staple', iterations: ITERATIONS };

const uniqueName = (): string => `chatkit-test-${crypto.randomUUID()}`;

describeStoreContract('IndexedDBStore (encrypted)', async (options) => {
  const name = uniqueName();
  const store = await IndexedDBStore.open<TestContext>({ name, ...options, encryption: PASSPHRASE });
  return { store, dispose: () => dispose(store, name) };
});

describeAttachmentStoreContract(
  'IndexedDBAttachmentStore (encrypted)',
  async ({ scope, ...urls }) => {
    const name = uniqueName();
    const store = await IndexedDBStore.open<TestContext>({ name, scope, encryption: PASSPHRASE });
    return { store, attachments: new IndexedDBAttachmentStore(store, urls), dispose: () => dispose(store, name) };
  },
  { deleteThreadRemovesBytes: true },
);

async function dispose(store: IndexedDBStore<TestContext>, name: string): Promise<void> {
  store.close();
  await deleteDB(name);
}

const created: string[] = [];
const openStores: Array<IndexedDBStore<TestContext>> = [];
afterEach(async () => {
  for (const store of openStores.splice(0)) store.close();
  for (const name of created.splice(0)) await deleteDB(name);
});

async function open(name: string, encryption?: EncryptionOptions): Promise<IndexedDBStore<TestContext>> {
  if (!created.includes(name)) created.push(name);
  const store = await IndexedDBStore.open<TestContext>({ name, scope: byUser, encryption });
  openStores.push(store);
  return store;
}

/** Awaits `promise`, expecting it to reject with an instance of `type`; returns the error. */
async function rejection<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

/** Texts {@link fillScope} writes that must never be stored in clear: titles, message text, names, bytes. */
function secretsOf(tag: string): Array<string | Uint8Array> {
  return [
    `A of ${tag}`,
    `B of ${tag}`,
    `reply one for ${tag}`,
    'Hello, world!',
    `message msg_1 in thr_b`,
    'gpt-test',
    `loose of ${tag}.txt`,
    `${ATTACHMENTS.file}.txt`,
    'image/png',
    'text/plain',
    `/chatkit/attachments/${ATTACHMENTS.image}/content`,
    `text file of ${tag}`,
    `loose bytes of ${tag}`,
    BINARY.subarray(100, 132),
  ];
}

describe('IndexedDBStore encryption — at rest', () => {
  test('the raw database holds none of the texts, names or bytes in clear; the right passphrase reads them back', async () => {
    const name = uniqueName();
    const store = await open(name, PASSPHRASE);
    const attachments = new IndexedDBAttachmentStore(store);
    await fillScope(store, attachments, alice);
    const expected = await readScope(store, attachments, alice);
    store.close();

    const dump = await dumpDatabase(name);
    expect(foundInClear(dump, secretsOf('alice'))).toEqual([]);
    // The scan does find what is documented to stay in clear, so it is not blind.
    expect(foundInClear(dump, ['thr_a', 'msg_user', ATTACHMENTS.image, 'alice'])).toHaveLength(4);
    // The same data written without encryption is found by the same scan.
    const plainName = uniqueName();
    const plain = await open(plainName);
    await fillScope(plain, new IndexedDBAttachmentStore(plain), alice);
    expect(foundInClear(await dumpDatabase(plainName), secretsOf('alice'))).toEqual(secretsOf('alice'));

    const reopened = await open(name, { passphrase: 'correct horse battery staple' });
    expect(reopened.encrypted).toBe(true);
    expect(await readScope(reopened, new IndexedDBAttachmentStore(reopened), alice)).toStrictEqual(expected);
  });

  test('a new thread saved with its first message in one transaction is sealed too', async () => {
    const name = uniqueName();
    const store = await open(name, PASSPHRASE);
    const thread = makeThread('thr_new', 0, { title: 'Secret title of thr_new' });
    const first = userMessage('thr_new', 'msg_first');
    await store.saveThreadWithItem(thread, first, alice);
    store.close();

    const dump = await dumpDatabase(name);
    const secrets = ['Secret title of thr_new', 'Hello, world!', 'gpt-test', 'quoted'];
    expect(foundInClear(dump, secrets)).toEqual([]);
    expect(foundInClear(dump, ['thr_new', 'msg_first'])).toHaveLength(2);
    const reopened = await open(name, PASSPHRASE);
    expect(await reopened.loadThread('thr_new', alice)).toStrictEqual(thread);
    expect(await reopened.loadItem('thr_new', 'msg_first', alice)).toStrictEqual(first);
  });

  test('the key record keeps the documented parameters: PBKDF2-SHA-256, 600,000 iterations by default, a 16-byte salt', async () => {
    const name = uniqueName();
    await open(name, { passphrase: 'default strength' });
    const meta = (await dumpDatabase(name)).meta!;
    const record = meta.find(({ key }) => key === 'encryption')!.value as any;
    expect(PBKDF2_ITERATIONS).toBe(600_000);
    expect(record.wrap).toMatchObject({
      kind: 'passphrase',
      algorithm: 'PBKDF2',
      hash: 'SHA-256',
      iterations: 600_000,
    });
    expect(record.wrap.salt.bytes).toHaveLength(16);
    expect(record.iv.bytes).toHaveLength(12);
    // A 256-bit key wrapped by AES-GCM: 32 bytes and a 16-byte tag.
    expect(record.wrappedKey.bytes).toHaveLength(48);
  });

  test('a wrong passphrase is refused with EncryptionKeyError and changes nothing', async () => {
    const name = uniqueName();
    const store = await open(name, PASSPHRASE);
    await fillScope(store, new IndexedDBAttachmentStore(store), alice);
    store.close();
    const before = await dumpDatabase(name);

    const error = await rejection(
      IndexedDBStore.open({ name, encryption: { passphrase: 'wrong' } }),
      EncryptionKeyError,
    );
    expect(error.message).toMatch(/passphrase does not open IndexedDB database/);
    await rejection(IndexedDBStore.open({ name, encryption: { key: await appKey() } }), EncryptionKeyError);
    expect(await dumpDatabase(name)).toStrictEqual(before);
  });

  test('values are bound to their record: one moved onto another fails to open instead of showing up there', async () => {
    const name = uniqueName();
    const store = await open(name, PASSPHRASE);
    await store.saveThread(makeThread('thr_1', 0, { title: 'first' }), alice);
    await store.saveThread(makeThread('thr_2', 1, { title: 'second' }), alice);
    store.close();
    // Another tab's script swaps the two sealed values.
    const raw = await rawOpen(name);
    const tx = raw.transaction('threads', 'readwrite');
    const threads = tx.objectStore('threads');
    const [one, two] = await Promise.all([
      settled(threads.get(['alice', 'thr_1'])),
      settled(threads.get(['alice', 'thr_2'])),
    ]);
    threads.put({ ...one, sealed: two.sealed });
    await transactionDone(tx);
    raw.close();

    const reopened = await open(name, PASSPHRASE);
    const error = await rejection(reopened.loadThread('thr_1', alice), EncryptionKeyError);
    expect(error.message).toMatch(/Could not decrypt thread thr_1/);
    expect((await reopened.loadThread('thr_2', alice)).title).toBe('second');
  });
});

describe('IndexedDBStore encryption — changing the passphrase', () => {
  test('keeps everything readable, re-encrypts nothing, and only the new passphrase opens the database', async () => {
    const name = uniqueName();
    const store = await open(name, PASSPHRASE);
    const attachments = new IndexedDBAttachmentStore(store);
    await fillScope(store, attachments, alice);
    const expected = await readScope(store, attachments, alice);
    const before = await dumpDatabase(name);

    await store.changePassphrase('a new passphrase', { iterations: ITERATIONS });
    const after = await dumpDatabase(name);
    // One small write: the key record. Every sealed record is byte for byte what it was.
    expect({ ...after, meta: null }).toStrictEqual({ ...before, meta: null });
    const keyRecord = (dump: typeof before) => dump.meta!.find(({ key }) => key === 'encryption')!.value as any;
    expect(keyRecord(after).keyId).not.toBe(keyRecord(before).keyId);
    expect(keyRecord(after).wrap.salt).not.toEqual(keyRecord(before).wrap.salt);

    // The store that changed it goes on, and what it writes now reads back after reopening.
    expect(await readScope(store, attachments, alice)).toStrictEqual(expected);
    await store.saveThread(makeThread('thr_new', 9), alice);
    const latest = await readScope(store, attachments, alice);
    expect(latest.threads.map(({ thread }) => thread.id)).toEqual(['thr_a', 'thr_b', 'thr_new']);
    store.close();
    await rejection(open(name, PASSPHRASE), EncryptionKeyError);
    const reopened = await open(name, { passphrase: 'a new passphrase' });
    expect(await readScope(reopened, new IndexedDBAttachmentStore(reopened), alice)).toStrictEqual(latest);
  });

  test('a store elsewhere holding the old key gets StaleEncryptionKeyError on every call and writes nothing', async () => {
    const name = uniqueName();
    const first = await open(name, PASSPHRASE);
    const other = await open(name, PASSPHRASE);
    const otherAttachments = new IndexedDBAttachmentStore(other);
    await fillScope(first, new IndexedDBAttachmentStore(first), alice);
    expect((await other.loadThread('thr_a', alice)).title).toBe('A of alice');

    await first.changePassphrase('rotated', { iterations: ITERATIONS });
    const before = await dumpDatabase(name);
    const calls: Array<() => Promise<unknown>> = [
      () => other.loadThread('thr_a', alice),
      () => other.loadThreads({ limit: 5, order: 'asc' }, alice),
      () => other.loadThreadItems('thr_a', { limit: 5, order: 'asc' }, alice),
      () => other.saveThread(makeThread('thr_x'), alice),
      () => other.addThreadItem('thr_a', makeItem('thr_a'), alice),
      () => other.deleteThread('thr_a', alice),
      () => other.deleteAll(alice),
      () => otherAttachments.getBytes(ATTACHMENTS.file, alice),
      () => otherAttachments.putBytes('new_file', new Blob(['x']), alice),
      () => other.exportData(alice),
      () => other.changePassphrase('mine now', { iterations: ITERATIONS }),
    ];
    for (const call of calls) {
      const error = await rejection(call(), StaleEncryptionKeyError);
      expect(error.message).toMatch(/was changed elsewhere .* Open the store again with the new passphrase/);
    }
    expect(await dumpDatabase(name)).toStrictEqual(before);
    expect((await first.loadThread('thr_a', alice)).title).toBe('A of alice');
  });

  test('a CryptoKey the app manages: opens, is required, and can be replaced by another key or a passphrase', async () => {
    const name = uniqueName();
    const key = await appKey();
    const store = await open(name, { key });
    await store.saveThread(makeThread('thr_1', 0, { title: 'kept by a key' }), alice);
    store.close();

    const error = await rejection(open(name, PASSPHRASE), EncryptionKeyError);
    expect(error.message).toMatch(/encrypted with a key the app holds/);
    await rejection(open(name, { key: await appKey() }), EncryptionKeyError);

    const reopened = await open(name, { key });
    const next = await appKey();
    await reopened.changeEncryptionKey(next);
    reopened.close();
    expect((await (await open(name, { key: next })).loadThread('thr_1', alice)).title).toBe('kept by a key');
    const withKey = await open(name, { key: next });
    await withKey.changePassphrase('now a passphrase', { iterations: ITERATIONS });
    expect((await (await open(name, { passphrase: 'now a passphrase' })).loadThread('thr_1', alice)).title).toBe(
      'kept by a key',
    );
  });

  test('a key that cannot wrap, or an empty passphrase, is refused at once', async () => {
    const encryptOnly = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    await expect(IndexedDBStore.open({ name: uniqueName(), encryption: { key: encryptOnly } })).rejects.toThrow(
      /expected an AES-GCM CryptoKey with the wrapKey and unwrapKey usages/,
    );
    await expect(IndexedDBStore.open({ name: uniqueName(), encryption: { passphrase: '' } })).rejects.toThrow(
      /encryption\.passphrase .* expected a non-empty string/,
    );
  });
});

describe('IndexedDBStore encryption — app values under the same key', () => {
  test('encryptValue/decryptValue: hidden, bound to their label and database, kept through a passphrase change', async () => {
    const name = uniqueName();
    const store = await open(name, PASSPHRASE);
    const settings = { apiKey: 'sk-very-secret-key', model: 'gpt-test' };
    const encrypted = await store.encryptValue('settings', settings);
    expect(new TextDecoder().decode(encrypted)).not.toContain('sk-very-secret-key');
    expect(await store.decryptValue('settings', encrypted)).toEqual(settings);
    await rejection(store.decryptValue('other label', encrypted), EncryptionKeyError);
    await rejection((await open(uniqueName(), PASSPHRASE)).decryptValue('settings', encrypted), EncryptionKeyError);

    const other = await open(name, PASSPHRASE);
    await store.changePassphrase('rotated', { iterations: ITERATIONS });
    await rejection(other.decryptValue('settings', encrypted), StaleEncryptionKeyError);
    await rejection(other.encryptValue('settings', settings), StaleEncryptionKeyError);
    store.close();
    expect(await (await open(name, { passphrase: 'rotated' })).decryptValue('settings', encrypted)).toEqual(settings);
    await rejection((await open(uniqueName())).encryptValue('settings', settings), EncryptionSetupError);
  });
});

describe('IndexedDBStore encryption — when the database and the option disagree', () => {
  test('an encrypted database opened without encryption: EncryptionSetupError, nothing changed', async () => {
    const name = uniqueName();
    const store = await open(name, PASSPHRASE);
    await store.saveThread(makeThread('thr_1'), alice);
    store.close();
    const before = await dumpDatabase(name);
    const error = await rejection(open(name), EncryptionSetupError);
    expect(error.message).toMatch(/is encrypted: open it with IndexedDBStore\.open\(\{ encryption/);
    expect(await dumpDatabase(name)).toStrictEqual(before);
  });

  test('a database holding unencrypted data opened with encryption: EncryptionSetupError naming the way to migrate', async () => {
    const name = uniqueName();
    const store = await open(name);
    await store.saveThread(makeThread('thr_1'), alice);
    const before = await dumpDatabase(name);
    const error = await rejection(open(name, PASSPHRASE), EncryptionSetupError);
    expect(error.message).toMatch(/holds unencrypted data.*export its data \(exportData\), open a new database/);
    expect(await dumpDatabase(name)).toStrictEqual(before);
    await rejection(store.changePassphrase('anything'), EncryptionSetupError);
  });

  test('an empty database is set up on its first encrypted open; a store already open without encryption may no longer write', async () => {
    const name = uniqueName();
    const plain = await open(name);
    expect(plain.encrypted).toBe(false);
    const sealed = await open(name, PASSPHRASE);
    await sealed.saveThread(makeThread('thr_1', 0, { title: 'secret title' }), bob);
    const before = await dumpDatabase(name);

    await rejection(plain.saveThread(makeThread('thr_2', 0, { title: 'in clear' }), alice), EncryptionSetupError);
    await rejection(plain.loadThread('thr_1', bob), EncryptionSetupError);
    expect(await dumpDatabase(name)).toStrictEqual(before);
  });

  test('two stores setting up one empty database at once agree on one key', async () => {
    const name = uniqueName();
    const [one, two] = await Promise.all([open(name, PASSPHRASE), open(name, PASSPHRASE)]);
    await one.saveThread(makeThread('thr_1', 0, { title: 'from one' }), alice);
    expect((await two.loadThread('thr_1', alice)).title).toBe('from one');
    const meta = (await dumpDatabase(name)).meta!;
    expect(meta.filter(({ key }) => key === 'encryption')).toHaveLength(1);
  });
});

function makeItem(threadId: string) {
  return {
    id: 'msg_new',
    thread_id: threadId,
    created_at: new Date().toISOString(),
    type: 'assistant_message' as const,
    content: [{ type: 'output_text' as const, text: 'new', annotations: [] }],
  };
}

/** A key the app manages: AES-GCM, wrap and unwrap only, non-extractable. */
function appKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['wrapKey', 'unwrapKey']);
}

function settled<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function rawOpen(name: string): Promise<IDBDatabase> {
  return settled(indexedDB.open(name));
}

function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * IndexedDBStore's data control in real Chromium: the shared contract (in clear and encrypted), moving
 * data between MemoryStore and IndexedDBStore both ways, and what only the raw database shows: a refused
 * import leaves it byte-identical, and deleteAll leaves no record of the scope in any object store.
 */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, test } from 'vitest';
import { MemoryAttachmentStore, MemoryStore } from '../../src/index.ts';
import { IndexedDBAttachmentStore, IndexedDBStore, type EncryptionOptions } from '../../src/indexeddb.ts';
import { BAD_EXPORTS, describeDataControlContract } from '../shared/data-control-contract.ts';
import { fillScope, readScope } from '../shared/data-control-fixtures.ts';
import { alice, bob, byUser, type TestContext } from '../shared/store-fixtures.ts';
import { dumpDatabase, recordsOfScope } from './support/raw-database.ts';

/** Few PBKDF2 iterations: these tests check behaviour, not the cost of guessing. */
const ENCRYPTION: EncryptionOptions = { passphrase: 'correct horse battery staple', iterations: 1_000 };

const uniqueName = (): string => `chatkit-test-${crypto.randomUUID()}`;

async function openIndexedDB(encryption?: EncryptionOptions) {
  const name = uniqueName();
  const store = await IndexedDBStore.open<TestContext>({ name, scope: byUser, encryption });
  const attachments = new IndexedDBAttachmentStore(store);
  return {
    name,
    store,
    attachments,
    options: {},
    dispose: async () => {
      store.close();
      await deleteDB(name);
    },
  };
}

describeDataControlContract('IndexedDBStore', () => openIndexedDB());
describeDataControlContract('IndexedDBStore (encrypted)', () => openIndexedDB(ENCRYPTION));

const disposers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (disposers.length) await disposers.pop()!();
});
async function opened(encryption?: EncryptionOptions) {
  const made = await openIndexedDB(encryption);
  disposers.push(made.dispose);
  return made;
}

function memory() {
  const attachments = new MemoryAttachmentStore<TestContext>({ scope: byUser });
  return { store: new MemoryStore<TestContext>({ scope: byUser }), attachments, options: { attachments } };
}

describe('moving data between stores', () => {
  test('MemoryStore -> IndexedDBStore: identical threads, items, attachments and bytes', async () => {
    const source = memory();
    await fillScope(source.store, source.attachments, alice);
    const target = await opened();
    const json = JSON.stringify(await source.store.exportData(alice, source.options));
    await target.store.importData(json, alice);
    expect(await readScope(target.store, target.attachments, alice)).toStrictEqual(
      await readScope(source.store, source.attachments, alice),
    );
  });

  test('IndexedDBStore (encrypted) -> MemoryStore: identical, and the export is plain JSON', async () => {
    const source = await opened(ENCRYPTION);
    await fillScope(source.store, source.attachments, alice);
    const json = JSON.stringify(await source.store.exportData(alice));
    expect(json).toContain('reply one for alice');
    const target = memory();
    await target.store.importData(json, alice, target.options);
    expect(await readScope(target.store, target.attachments, alice)).toStrictEqual(
      await readScope(source.store, source.attachments, alice),
    );
  });

  test('IndexedDBStore -> encrypted IndexedDBStore and back: identical', async () => {
    const plain = await opened();
    await fillScope(plain.store, plain.attachments, alice);
    const sealed = await opened(ENCRYPTION);
    await sealed.store.importData(await plain.store.exportData(alice), alice);
    const again = await opened();
    await again.store.importData(await sealed.store.exportData(alice), alice);
    const expected = await readScope(plain.store, plain.attachments, alice);
    expect(await readScope(sealed.store, sealed.attachments, alice)).toStrictEqual(expected);
    expect(await readScope(again.store, again.attachments, alice)).toStrictEqual(expected);
  });
});

describe('IndexedDBStore data control — the raw database', () => {
  for (const encryption of [undefined, ENCRYPTION]) {
    const kind = encryption ? 'encrypted' : 'in clear';

    test(`${kind}: every refused import leaves the database byte-identical`, async () => {
      const { name, store, attachments } = await opened(encryption);
      await fillScope(store, attachments, alice);
      const valid = JSON.stringify(await store.exportData(alice));
      const before = await dumpDatabase(name);
      for (const { spoil } of BAD_EXPORTS) {
        await expect(store.importData(spoil(JSON.parse(valid)), bob)).rejects.toThrow();
      }
      expect(await dumpDatabase(name)).toStrictEqual(before);
    });

    test(`${kind}: deleteAll leaves no record of the scope in any object store, and another scope as it was`, async () => {
      const { name, store, attachments } = await opened(encryption);
      await fillScope(store, attachments, alice);
      await fillScope(store, attachments, bob);
      const before = await dumpDatabase(name);
      expect(new Set(recordsOfScope(before, 'alice').map(({ store: objectStore }) => objectStore))).toEqual(
        new Set(['threads', 'items', 'attachments', 'bytes']),
      );

      await store.deleteAll(alice);
      const after = await dumpDatabase(name);
      expect(recordsOfScope(after, 'alice')).toEqual([]);
      for (const objectStore of ['threads', 'items', 'attachments', 'bytes']) {
        expect(after[objectStore]).toStrictEqual(
          before[objectStore]!.filter(({ key }) => (key as string[])[0] !== 'alice'),
        );
      }
      // Besides the scopes' records, only the shared counters (and the key record) remain.
      expect(after.meta).toStrictEqual(before.meta);
    });
  }
});

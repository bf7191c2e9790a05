/**
 * IndexedDBStore and IndexedDBAttachmentStore in real Chromium: the shared store contracts, then what
 * only a database has: persistence, schema migration from version 1, other tabs upgrading or deleting
 * the database, blocked upgrades, and the mapping of quota errors. Every test uses its own database and
 * deletes it afterwards.
 */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, test } from 'vitest';
import {
  DatabaseVersionError,
  IndexedDBAttachmentStore,
  IndexedDBStore,
  SCHEMA_VERSION,
  StorageQuotaError,
} from '../../src/indexeddb.ts';
import { NotFoundError } from '../../src/store/errors.ts';
import { Connection } from '../../src/store/indexeddb/connection.ts';
import { toStorageError } from '../../src/store/indexeddb/errors.ts';
import { describeAttachmentStoreContract } from '../shared/attachment-store-contract.ts';
import { describeStoreContract } from '../shared/store-contract.ts';
import { describeSaveThreadWithItemContract, uncloneableItem } from '../shared/save-thread-with-item-contract.ts';
import {
  alice,
  assistantMessage,
  at,
  fileAttachment,
  imageAttachment,
  makeThread,
  userMessage,
  type TestContext,
} from '../shared/store-fixtures.ts';

const uniqueName = (): string => `chatkit-test-${crypto.randomUUID()}`;

describeStoreContract('IndexedDBStore', async (options) => {
  const name = uniqueName();
  const store = await IndexedDBStore.open<TestContext>({ name, ...options });
  return { store, dispose: () => dispose(store, name) };
});

describeSaveThreadWithItemContract(
  'IndexedDBStore',
  async (options) => {
    const name = uniqueName();
    const store = await IndexedDBStore.open<TestContext>({ name, ...options });
    return { store, dispose: () => dispose(store, name) };
  },
  uncloneableItem,
);

describeAttachmentStoreContract(
  'IndexedDBAttachmentStore',
  async ({ scope, ...urls }) => {
    const name = uniqueName();
    const store = await IndexedDBStore.open<TestContext>({ name, scope });
    return { store, attachments: new IndexedDBAttachmentStore(store, urls), dispose: () => dispose(store, name) };
  },
  { deleteThreadRemovesBytes: true },
);

async function dispose(store: IndexedDBStore<TestContext>, name: string): Promise<void> {
  store.close();
  await deleteDB(name);
}

/** Databases a test created outside the factories; deleted after each test. */
const created: string[] = [];
const openStores: Array<IndexedDBStore<TestContext>> = [];
afterEach(async () => {
  for (const store of openStores.splice(0)) store.close();
  for (const name of created.splice(0)) await deleteDB(name);
});

async function openStore(
  name = uniqueName(),
  options: { onBlocked?: () => void } = {},
): Promise<IndexedDBStore<TestContext>> {
  if (!created.includes(name)) created.push(name);
  const store = await IndexedDBStore.open<TestContext>({ name, ...options });
  openStores.push(store);
  return store;
}

/** A request's outcome as a promise (raw IndexedDB, so the tests do not lean on the code under test). */
function settled<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Opens `name` at `version` with raw IndexedDB, as another tab would. Rejects if the open is blocked,
 * which happens only when some connection ignores the `versionchange` asking it to close.
 */
function rawOpen(name: string, version: number, upgrade: (db: IDBDatabase) => void = () => {}): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = () => upgrade(request.result);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error(`opening ${name} at version ${version} was blocked`));
  });
}

function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * Schema version 1 as it shipped, written out by hand: wire objects keyed by id, ordered by the
 * created_at string, attachment bytes as bare Blobs.
 */
function createVersion1Layout(db: IDBDatabase): void {
  db.createObjectStore('threads', { keyPath: 'id' }).createIndex('by_created_at', 'created_at');
  db.createObjectStore('items', { keyPath: 'id' }).createIndex('by_thread', ['thread_id', 'created_at']);
  db.createObjectStore('attachments', { keyPath: 'id' });
  db.createObjectStore('files');
}

const ids = (entries: Array<{ id: string }>): string[] => entries.map((entry) => entry.id);

describe('IndexedDBStore — database behaviour', () => {
  test('a new database has the version 2 layout and nothing left of version 1', async () => {
    const name = uniqueName();
    await openStore(name);
    const raw = await rawOpen(name, SCHEMA_VERSION);
    try {
      expect(SCHEMA_VERSION).toBe(2);
      expect(raw.version).toBe(2);
      expect([...raw.objectStoreNames]).toEqual(['attachments', 'bytes', 'items', 'meta', 'threads']);
      const tx = raw.transaction(['threads', 'items', 'attachments']);
      expect(tx.objectStore('threads').keyPath).toEqual(['scope', 'id']);
      expect(tx.objectStore('threads').index('byCreated').keyPath).toEqual(['scope', 'createdMs', 'seq']);
      expect(tx.objectStore('items').keyPath).toEqual(['scope', 'threadId', 'id']);
      expect(tx.objectStore('items').index('byCreated').keyPath).toEqual(['scope', 'threadId', 'createdMs', 'seq']);
      expect(tx.objectStore('attachments').index('byThread').keyPath).toEqual(['scope', 'threadId']);
    } finally {
      raw.close();
    }
  });

  test('data persists across close and reopen, and new ties sort after old ones', async () => {
    const name = uniqueName();
    const first = await openStore(name);
    await first.saveThread(makeThread('thr_a'), alice);
    await first.addThreadItem('thr_a', assistantMessage('thr_a', 'msg_z', 1), alice);
    first.close();
    await expect(first.loadThread('thr_a', alice)).rejects.toThrow(/was closed; open a new one/);

    const second = await openStore(name);
    await second.addThreadItem('thr_a', assistantMessage('thr_a', 'msg_a', 1), alice);
    expect(await second.loadThread('thr_a', alice)).toStrictEqual(makeThread('thr_a'));
    expect(ids((await second.loadThreadItems('thr_a', { limit: 5, order: 'asc' }, alice)).data)).toEqual([
      'msg_z',
      'msg_a',
    ]);
  });

  test("two stores on one database (two tabs) see each other's writes", async () => {
    const name = uniqueName();
    const tabA = await openStore(name);
    const tabB = await openStore(name);
    await tabA.saveThread(makeThread('thr_a'), alice);
    await tabB.addThreadItem('thr_a', assistantMessage('thr_a', 'msg_1'), alice);
    expect(ids((await tabA.loadThreadItems('thr_a', { limit: 5, order: 'asc' }, alice)).data)).toEqual(['msg_1']);
  });

  test('a subclass opens as itself and its generator overrides apply', async () => {
    class CountingStore extends IndexedDBStore<TestContext> {
      private count = 0;
      override generateThreadId(_context: TestContext): string {
        return `thr_custom_${++this.count}`;
      }
    }
    const name = uniqueName();
    created.push(name);
    const store = await CountingStore.open<TestContext>({ name });
    openStores.push(store);
    expect(store).toBeInstanceOf(CountingStore);
    expect(store.generateThreadId(alice)).toBe('thr_custom_1');
    expect(store.generateItemId('workflow', makeThread('t'), alice)).toMatch(/^wf_[0-9a-f]{16}$/);
  });

  test('an attachment store needs a store from IndexedDBStore.open()', () => {
    expect(() => new IndexedDBAttachmentStore({} as IndexedDBStore<TestContext>)).toThrow(/IndexedDBStore\.open/);
  });
});

describe('IndexedDBStore — migration from schema version 1', () => {
  const threads = [
    makeThread('thr_tie_b', 10, { title: 'tie b' }),
    makeThread('thr_old', 0, { title: 'Old', metadata: { kept: true } }),
    makeThread('thr_tie_a', 10, { title: 'tie a', status: { type: 'locked', reason: 'archived' } }),
    makeThread('thr_mid', 5),
    // One instant written two ways: version 1 listed them by string, so `…Z` came first.
    { ...makeThread('thr_a_second'), created_at: '2025-01-01T14:00:20+02:00' },
    makeThread('thr_z_first', 20),
  ];
  const oldItems = [
    assistantMessage('thr_old', 'msg_c', 1),
    userMessage('thr_old', 'msg_user', 3),
    assistantMessage('thr_old', 'msg_a', 1),
    assistantMessage('thr_old', 'msg_b', 2),
    assistantMessage('thr_old', 'msg_0', 0),
    { ...assistantMessage('thr_old', 'msg_x'), created_at: '2025-01-01T14:00:04+02:00' },
    assistantMessage('thr_old', 'msg_y', 4),
  ];
  const midItems = [assistantMessage('thr_mid', 'msg_m1', 5), assistantMessage('thr_mid', 'msg_m2', 6)];
  const attachedFile = fileAttachment('atc_file', { thread_id: 'thr_old' });
  const looseImage = imageAttachment('atc_image');

  async function createVersion1Database(name: string): Promise<void> {
    created.push(name);
    const db = await rawOpen(name, 1, createVersion1Layout);
    const tx = db.transaction(['threads', 'items', 'attachments', 'files'], 'readwrite');
    for (const thread of threads) tx.objectStore('threads').put(thread);
    for (const item of [...oldItems, ...midItems]) tx.objectStore('items').put(item);
    tx.objectStore('attachments').put(attachedFile);
    tx.objectStore('attachments').put(looseImage);
    tx.objectStore('files').put(new Blob(['file bytes'], { type: 'text/plain' }), 'atc_file');
    tx.objectStore('files').put(new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'atc_image');
    await transactionDone(tx);
    db.close();
  }

  test('every record survives, in the order version 1 showed it', async () => {
    const name = uniqueName();
    await createVersion1Database(name);
    const store = await openStore(name);
    const attachments = new IndexedDBAttachmentStore(store);

    const asc = ['thr_old', 'thr_mid', 'thr_tie_a', 'thr_tie_b', 'thr_z_first', 'thr_a_second'];
    expect(ids((await store.loadThreads({ limit: 10, order: 'asc' }, alice)).data)).toEqual(asc);
    expect(ids((await store.loadThreads({ limit: 10, order: 'desc' }, alice)).data)).toEqual([...asc].reverse());
    const firstPage = await store.loadThreads({ limit: 3, order: 'asc' }, alice);
    expect(ids((await store.loadThreads({ after: firstPage.after, limit: 3, order: 'asc' }, alice)).data)).toEqual(
      asc.slice(3),
    );
    for (const thread of threads) expect(await store.loadThread(thread.id, alice)).toStrictEqual(thread);

    const byId = new Map(oldItems.map((item) => [item.id, item]));
    const oldOrder = ['msg_0', 'msg_a', 'msg_c', 'msg_b', 'msg_user', 'msg_y', 'msg_x'];
    const oldPage = await store.loadThreadItems('thr_old', { limit: 10, order: 'asc' }, alice);
    expect(oldPage.data).toStrictEqual(oldOrder.map((id) => byId.get(id)));
    expect(
      ids((await store.loadThreadItems('thr_old', { after: 'msg_c', limit: 10, order: 'desc' }, alice)).data),
    ).toEqual(['msg_a', 'msg_0']);
    expect((await store.loadThreadItems('thr_mid', { limit: 10, order: 'desc' }, alice)).data).toStrictEqual(
      [...midItems].reverse(),
    );

    expect(await store.loadAttachment('atc_file', alice)).toStrictEqual(attachedFile);
    expect(await store.loadAttachment('atc_image', alice)).toStrictEqual(looseImage);
    const fileBytes = await attachments.getBytes('atc_file', alice);
    expect([fileBytes?.type, await fileBytes?.text()]).toEqual(['text/plain', 'file bytes']);
    const imageBytes = await attachments.getBytes('atc_image', alice);
    expect([...new Uint8Array(await imageBytes!.arrayBuffer())]).toEqual([137, 80, 78, 71]);

    const raw = await rawOpen(name, SCHEMA_VERSION);
    expect([raw.version, [...raw.objectStoreNames]]).toEqual([2, ['attachments', 'bytes', 'items', 'meta', 'threads']]);
    raw.close();
  });

  test('migrated data takes part in writes: new ties follow old ones, deleteThread cascades to old files', async () => {
    const name = uniqueName();
    await createVersion1Database(name);
    const store = await openStore(name);
    const attachments = new IndexedDBAttachmentStore(store);

    await store.addThreadItem('thr_old', assistantMessage('thr_old', 'msg_new', 1), alice);
    await store.saveThread(makeThread('thr_new', 10), alice);
    expect(ids((await store.loadThreadItems('thr_old', { limit: 10, order: 'asc' }, alice)).data)).toEqual([
      'msg_0',
      'msg_a',
      'msg_c',
      'msg_new',
      'msg_b',
      'msg_user',
      'msg_y',
      'msg_x',
    ]);
    expect(ids((await store.loadThreads({ limit: 10, order: 'desc' }, alice)).data)).toEqual([
      'thr_a_second',
      'thr_z_first',
      'thr_new',
      'thr_tie_b',
      'thr_tie_a',
      'thr_mid',
      'thr_old',
    ]);

    await store.deleteThread('thr_old', alice);
    expect(await attachments.getBytes('atc_file', alice)).toBeNull();
    await expect(store.loadAttachment('atc_file', alice)).rejects.toBeInstanceOf(NotFoundError);
    expect(await attachments.getBytes('atc_image', alice)).not.toBeNull();
    expect(ids((await store.loadThreadItems('thr_mid', { limit: 10, order: 'asc' }, alice)).data)).toEqual([
      'msg_m1',
      'msg_m2',
    ]);
  });
});

describe('IndexedDBStore — failed migration', () => {
  test('a version 1 database the migration cannot read is left as it was', async () => {
    const name = uniqueName();
    created.push(name);
    // Damaged: only the threads store of version 1 exists.
    const damaged = await rawOpen(name, 1, (db) =>
      db.createObjectStore('threads', { keyPath: 'id' }).createIndex('by_created_at', 'created_at'),
    );
    const tx = damaged.transaction('threads', 'readwrite');
    tx.objectStore('threads').put(makeThread('thr_v1'));
    await transactionDone(tx);
    damaged.close();

    await expect(IndexedDBStore.open({ name })).rejects.toThrow(
      /Could not upgrade IndexedDB database ".*" to schema version 2; it was left as it was/,
    );

    const raw = await rawOpen(name, 1);
    expect([...raw.objectStoreNames]).toEqual(['threads']);
    expect(await settled(raw.transaction('threads').objectStore('threads').get('thr_v1'))).toStrictEqual(
      makeThread('thr_v1'),
    );
    raw.close();
  });
});

describe('IndexedDBStore — other tabs', () => {
  test('closes when another tab upgrades the database, then says to reload', async () => {
    const name = uniqueName();
    const store = await openStore(name);
    await store.saveThread(makeThread('thr_a'), alice);

    // Resolves only if the store let go of its connection; a store that held on would block it.
    const newerTab = await rawOpen(name, SCHEMA_VERSION + 1);
    expect(newerTab.version).toBe(SCHEMA_VERSION + 1);
    newerTab.close();

    const error = await store.loadThread('thr_a', alice).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatabaseVersionError);
    expect((error as Error).message).toMatch(/newer schema than version 2.*Reload the page/);
    await expect(IndexedDBStore.open({ name })).rejects.toBeInstanceOf(DatabaseVersionError);
  });

  test('reopens by itself on the next call after another tab deleted the database', async () => {
    const name = uniqueName();
    const store = await openStore(name);
    await store.saveThread(makeThread('thr_a'), alice);

    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('deleting the database was blocked by the open store'));
    });

    expect((await store.loadThreads({ limit: 10, order: 'asc' }, alice)).data).toEqual([]);
    await store.saveThread(makeThread('thr_b'), alice);
    expect(await store.loadThread('thr_b', alice)).toStrictEqual(makeThread('thr_b'));
  });

  test('an upgrade blocked by an old tab reports it, and completes once that tab closes', async () => {
    const name = uniqueName();
    created.push(name);
    // A tab running old code holds version 1 open and ignores versionchange.
    const oldTab = await rawOpen(name, 1, createVersion1Layout);
    const tx = oldTab.transaction('threads', 'readwrite');
    tx.objectStore('threads').put(makeThread('thr_v1'));
    await transactionDone(tx);

    let reportBlocked!: () => void;
    const blocked = new Promise<void>((resolve) => {
      reportBlocked = resolve;
    });
    const opening = openStore(name, { onBlocked: () => reportBlocked() });
    await blocked;
    oldTab.close();
    const store = await opening;
    expect(await store.loadThread('thr_v1', alice)).toStrictEqual(makeThread('thr_v1'));
  });
});

describe('IndexedDBStore — storage errors', () => {
  test('a QuotaExceededError becomes a StorageQuotaError that says what to do', () => {
    const quota = new DOMException('Quota exceeded.', 'QuotaExceededError');
    const mapped = toStorageError(quota, 'my-db', SCHEMA_VERSION);
    expect(mapped).toBeInstanceOf(StorageQuotaError);
    expect(mapped).toMatchObject({ name: 'StorageQuotaError', databaseName: 'my-db', cause: quota });
    expect((mapped as Error).message).toMatch(
      /storage quota is exhausted.*"my-db".*Free space.*navigator\.storage\.persist\(\)/,
    );
  });

  test('a VersionError becomes a DatabaseVersionError; other errors pass through unchanged', () => {
    const version = new DOMException(
      'The requested version (2) is less than the existing version (3).',
      'VersionError',
    );
    expect(toStorageError(version, 'my-db', 2)).toBeInstanceOf(DatabaseVersionError);
    const notFound = new NotFoundError('Thread x not found');
    expect(toStorageError(notFound, 'my-db', 2)).toBe(notFound);
    const constraint = new DOMException('Key already exists.', 'ConstraintError');
    expect(toStorageError(constraint, 'my-db', 2)).toBe(constraint);
  });

  test('a quota failure inside a write rolls the transaction back and surfaces as StorageQuotaError', async () => {
    const name = uniqueName();
    const store = await openStore(name);
    const connection = new Connection(name);
    const failing = connection.run(['threads'], 'readwrite', async (tx) => {
      await tx
        .objectStore('threads')
        .put({ scope: '', id: 'thr_partial', createdMs: 0, seq: 0, thread: makeThread('thr_partial') });
      throw new DOMException('Quota exceeded.', 'QuotaExceededError');
    });
    await expect(failing).rejects.toBeInstanceOf(StorageQuotaError);
    connection.close();
    await expect(store.loadThread('thr_partial', alice)).rejects.toBeInstanceOf(NotFoundError);
  });
});

test('timestamps for the fixtures are ISO strings', () => {
  expect(at(1)).toBe('2025-01-01T12:00:01.000Z');
});

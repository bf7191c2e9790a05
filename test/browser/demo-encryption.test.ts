/**
 * The demo's encryption setting on real IndexedDB: turning it on moves every chat, file and the
 * settings (API key included) into an encrypted database and leaves nothing readable in clear; a new
 * worker finds the chats locked until the right passphrase; changing the passphrase and turning
 * encryption off keep everything; a move the tab did not finish is tidied up on the next start
 * without losing anything; and the HTTP route answers each case with the right status.
 */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, test } from 'vitest';
import { IndexedDBAttachmentStore, EncryptionKeyError, IndexedDBStore } from '../../src/indexeddb.ts';
import { ENCRYPTION_PATH } from '../../demo/encryption-setting.ts';
import { ResponderSettingsStore } from '../../demo/worker/settings/settings-store.ts';
import { DEFAULT_SETTINGS, type StoredResponderSettings } from '../../demo/worker/settings/settings-record.ts';
import { ChatStorage, EncryptionStateError } from '../../demo/worker/storage/chat-storage.ts';
import { handleEncryptionRequest } from '../../demo/worker/storage/encryption-route.ts';
import { isChatDatabase } from '../../demo/worker/storage/chat-databases.ts';
import { ChatsLockedError } from '../../demo/worker/storage/locked.ts';
import { handleSettingsRequest } from '../../demo/worker/settings/settings-route.ts';
import { dumpDatabase, foundInClear } from './support/raw-database.ts';
import { BINARY, fillScope, readScope } from '../shared/data-control-fixtures.ts';
import { alice, assistantMessage, type TestContext } from '../shared/store-fixtures.ts';

const PASSPHRASE = 'correct horse battery staple';
const API_KEY = 'sk-demo-encryption-SECRET-0123456789';

const modelSettings: StoredResponderSettings = {
  responder: 'model',
  baseURL: 'http://localhost:11434/v1',
  model: 'llama3.2',
  api: 'chat_completions',
  apiKey: API_KEY,
};

/** Texts and bytes `fillScope` writes for alice: none may be found in clear once encrypted. */
const SECRETS: Array<string | Uint8Array> = [
  'A of alice',
  'reply one for alice',
  'text file of alice',
  'loose of alice.txt',
  BINARY.slice(0, 64),
];

/** One demo "installation": its base database name and settings database, and the workers opened on them. */
interface Demo {
  base: string;
  settingsName: string;
  storages: ChatStorage<TestContext>[];
  settingsStores: ResponderSettingsStore[];
}

const demos: Demo[] = [];

afterEach(async () => {
  for (const demo of demos.splice(0)) {
    for (const storage of demo.storages) storage.close();
    for (const settings of demo.settingsStores) settings.close();
    for (const name of await chatDatabases(demo)) await deleteDB(name);
    await deleteDB(demo.settingsName);
  }
});

function newDemo(): Demo {
  const base = `demo-enc-test-${crypto.randomUUID()}`;
  const demo: Demo = { base, settingsName: `${base}-settings`, storages: [], settingsStores: [] };
  demos.push(demo);
  return demo;
}

/** A worker of `demo` (a new one is what a reload starts): its storage and settings store. */
function worker(demo: Demo, settle?: () => Promise<unknown>, settleTimeoutMs?: number) {
  const settings = new ResponderSettingsStore(demo.settingsName);
  const storage = new ChatStorage<TestContext>({
    settings,
    context: alice,
    baseName: demo.base,
    iterations: 1_000,
    settle,
    settleTimeoutMs,
  });
  demo.settingsStores.push(settings);
  demo.storages.push(storage);
  return { settings, storage };
}

/** The chats' databases of `demo` that exist now. */
async function chatDatabases(demo: Demo): Promise<string[]> {
  return (await indexedDB.databases())
    .map((info) => info.name ?? '')
    .filter((name) => isChatDatabase(demo.base, name))
    .sort();
}

/** A worker whose chats are the fixture's, with a model key saved. */
async function filledWorker(demo: Demo, settle?: () => Promise<unknown>) {
  const opened = worker(demo, settle);
  const store = await opened.storage.store();
  await fillScope(store, new IndexedDBAttachmentStore(store), alice);
  await opened.settings.save(modelSettings);
  return { ...opened, before: await readScope(store, new IndexedDBAttachmentStore(store), alice) };
}

async function contents(storage: ChatStorage<TestContext>) {
  const store = await storage.store();
  return readScope(store, new IndexedDBAttachmentStore(store), alice);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('demo chat storage', () => {
  test('turning encryption on moves everything into one encrypted database, with nothing left in clear', async () => {
    const demo = newDemo();
    const { storage, settings, before } = await filledWorker(demo);
    // The scan finds the texts while they are in clear (so its silence below means something).
    expect(foundInClear(await dumpDatabase(demo.base), SECRETS)).toEqual(SECRETS);
    expect(foundInClear(await dumpDatabase(demo.settingsName), [API_KEY])).toEqual([API_KEY]);

    expect(await storage.encrypt(PASSPHRASE)).toEqual({ encrypted: true, locked: false });

    // Same threads, items, attachments and bytes, ids included, read through the new store.
    expect(await contents(storage)).toStrictEqual(before);
    expect(await settings.load()).toEqual(modelSettings);
    // One database left, not the old one; none of the texts, bytes or the key readable on disk.
    const databases = await chatDatabases(demo);
    expect(databases).toHaveLength(1);
    expect(databases[0]).not.toBe(demo.base);
    expect(foundInClear(await dumpDatabase(databases[0]!), SECRETS)).toEqual([]);
    expect(foundInClear(await dumpDatabase(demo.settingsName), [API_KEY, 'llama3.2'])).toEqual([]);
  });

  test('a new worker finds the chats locked; a wrong passphrase changes nothing; the right one opens chats and settings', async () => {
    const demo = newDemo();
    const first = await filledWorker(demo);
    await first.storage.encrypt(PASSPHRASE);
    const onDisk = await dumpDatabase((await chatDatabases(demo))[0]!);

    const { storage, settings } = worker(demo);
    expect(await storage.status()).toEqual({ encrypted: true, locked: true });
    expect(await rejection(storage.store())).toBeInstanceOf(ChatsLockedError);
    expect(await rejection(settings.load())).toBeInstanceOf(ChatsLockedError);
    // Saving in clear now would put the key back on disk unencrypted: refused.
    expect(await rejection(settings.save(modelSettings))).toBeInstanceOf(ChatsLockedError);

    expect(await rejection(storage.unlock('not the passphrase'))).toBeInstanceOf(EncryptionKeyError);
    expect(await storage.status()).toEqual({ encrypted: true, locked: true });
    expect(await dumpDatabase((await chatDatabases(demo))[0]!)).toStrictEqual(onDisk);

    expect(await storage.unlock(PASSPHRASE)).toEqual({ encrypted: true, locked: false });
    expect(await contents(storage)).toStrictEqual(first.before);
    expect(await settings.load()).toEqual(modelSettings);
  });

  test('a passphrase change keeps everything readable, under the new passphrase only', async () => {
    const demo = newDemo();
    const first = await filledWorker(demo);
    await first.storage.encrypt(PASSPHRASE);
    await first.storage.changePassphrase(PASSPHRASE, 'a brand new passphrase');
    expect(await first.settings.load()).toEqual(modelSettings);

    const { storage, settings } = worker(demo);
    expect(await rejection(storage.unlock(PASSPHRASE))).toBeInstanceOf(EncryptionKeyError);
    await storage.unlock('a brand new passphrase');
    expect(await contents(storage)).toStrictEqual(first.before);
    expect(await settings.load()).toEqual(modelSettings);
  });

  test('changing or removing the passphrase needs the current one; a wrong one changes nothing', async () => {
    const demo = newDemo();
    const first = await filledWorker(demo);
    await first.storage.encrypt(PASSPHRASE);
    const databases = await chatDatabases(demo);
    const onDisk = await dumpDatabase(databases[0]!);

    expect(
      await rejection(first.storage.changePassphrase('not the passphrase', 'a brand new passphrase')),
    ).toBeInstanceOf(EncryptionKeyError);
    expect(await rejection(first.storage.decrypt('not the passphrase'))).toBeInstanceOf(EncryptionKeyError);
    expect(await chatDatabases(demo)).toEqual(databases);
    expect(await dumpDatabase(databases[0]!)).toStrictEqual(onDisk);
    // Still open here, and still under the old passphrase in a new worker.
    expect(await contents(first.storage)).toStrictEqual(first.before);
    const { storage } = worker(demo);
    expect(await storage.unlock(PASSPHRASE)).toEqual({ encrypted: true, locked: false });
  });

  test('a forgotten passphrase: starting over deletes the encrypted chats and their settings, locked or not', async () => {
    const demo = newDemo();
    const first = await filledWorker(demo);
    await first.storage.encrypt(PASSPHRASE);
    const [encrypted] = await chatDatabases(demo);

    // A new tab's worker, which never had the passphrase.
    const { storage, settings } = worker(demo);
    expect(await storage.status()).toEqual({ encrypted: true, locked: true });
    expect(await storage.startOver()).toEqual({ encrypted: false, locked: false });
    const databases = await chatDatabases(demo);
    expect(databases).toHaveLength(1);
    expect(databases[0]).not.toBe(encrypted);
    const store = await storage.store();
    expect((await store.loadThreads({ limit: 10, order: 'asc' }, alice)).data).toEqual([]);
    expect(await settings.load()).toEqual(DEFAULT_SETTINGS);
    expect(foundInClear(await dumpDatabase(demo.settingsName), [API_KEY])).toEqual([]);

    // The next worker opens the new start without asking; there is nothing left to start over from.
    const next = worker(demo).storage;
    expect(await next.status()).toEqual({ encrypted: false, locked: false });
    expect(await rejection(next.startOver())).toBeInstanceOf(EncryptionStateError);
    expect(await chatDatabases(demo)).toEqual(databases);
  });

  test('turning encryption off moves everything back into a database in clear', async () => {
    const demo = newDemo();
    const first = await filledWorker(demo);
    await first.storage.encrypt(PASSPHRASE);
    const encrypted = (await chatDatabases(demo))[0]!;

    expect(await first.storage.decrypt(PASSPHRASE)).toEqual({ encrypted: false, locked: false });
    expect(await contents(first.storage)).toStrictEqual(first.before);
    const databases = await chatDatabases(demo);
    expect(databases).toHaveLength(1);
    expect(databases[0]).not.toBe(encrypted);

    // A new worker opens it without asking, and the settings are in clear again.
    const { storage, settings } = worker(demo);
    expect(await storage.status()).toEqual({ encrypted: false, locked: false });
    expect(await contents(storage)).toStrictEqual(first.before);
    expect(await settings.load()).toEqual(modelSettings);
    expect(foundInClear(await dumpDatabase(demo.settingsName), [API_KEY])).toEqual([API_KEY]);
  });

  test('asking for what makes no sense is refused and changes nothing', async () => {
    const demo = newDemo();
    const { storage } = await filledWorker(demo);
    expect(await rejection(storage.changePassphrase(PASSPHRASE, PASSPHRASE))).toBeInstanceOf(EncryptionStateError);
    expect(await rejection(storage.decrypt(PASSPHRASE))).toBeInstanceOf(EncryptionStateError);
    await storage.encrypt(PASSPHRASE);
    expect(await rejection(storage.encrypt(PASSPHRASE))).toBeInstanceOf(EncryptionStateError);
    const locked = worker(demo).storage;
    expect(await rejection(locked.encrypt(PASSPHRASE))).toBeInstanceOf(ChatsLockedError);
    expect(await rejection(locked.decrypt(PASSPHRASE))).toBeInstanceOf(ChatsLockedError);
    expect(await chatDatabases(demo)).toHaveLength(1);
  });

  test('a move refused because a response never ends changes nothing, and the storage goes on', async () => {
    const demo = newDemo();
    const never = new Promise<never>(() => undefined);
    const opened = worker(demo, () => never, 50);
    const store = await opened.storage.store();
    await fillScope(store, new IndexedDBAttachmentStore(store), alice);
    const before = await contents(opened.storage);

    const refused = await rejection(opened.storage.encrypt(PASSPHRASE));
    expect(refused).toBeInstanceOf(EncryptionStateError);
    expect((refused as Error).message).toMatch(/still being written.*nothing was changed/);
    expect(await chatDatabases(demo)).toEqual([demo.base]);
    expect(await opened.storage.status()).toEqual({ encrypted: false, locked: false });
    expect(await contents(opened.storage)).toStrictEqual(before);
  });

  test('a move waits for the responses still streaming, so what they write last moves too', async () => {
    const demo = newDemo();
    const lastItem = assistantMessage('thr_b', 'msg_last', 99, 'the last words');
    // The response streaming when the move is asked for writes its last item behind whatever the
    // move starts at once (the lock it takes to export): a move that did not wait would export first.
    let writer: IndexedDBStore<TestContext> | null = null;
    const { storage } = await filledWorker(demo, async () => {
      await Promise.resolve();
      await navigator.locks.request(`${demo.base}:chat-databases`, () =>
        writer!.addThreadItem('thr_b', lastItem, alice),
      );
    });
    writer = await storage.store();
    await storage.encrypt(PASSPHRASE);

    const items = await (await storage.store()).loadThreadItems('thr_b', { limit: 10, order: 'desc' }, alice);
    expect(items.data[0]).toStrictEqual(lastItem);
  });

  test('another worker drops its store when the chats move, and finds them locked', async () => {
    const demo = newDemo();
    const first = await filledWorker(demo);
    const other = worker(demo);
    expect(await other.storage.status()).toEqual({ encrypted: false, locked: false });
    const moved = new Promise<void>((resolve) => {
      const channel = new BroadcastChannel(`${demo.base}:chats-moved`);
      channel.onmessage = () => {
        channel.close();
        resolve();
      };
    });
    await first.storage.encrypt(PASSPHRASE);
    await moved;
    expect(await other.storage.status()).toEqual({ encrypted: true, locked: true });
  });
});

describe('a move the tab did not finish', () => {
  test('died before the switch: the half-written copy is deleted on the next start, the chats stay', async () => {
    const demo = newDemo();
    const first = await filledWorker(demo);
    first.storage.close();
    // What a move leaves when the tab dies while importing: a new encrypted database the location
    // record does not name.
    const half = await IndexedDBStore.open({
      name: `${demo.base}-chats-${crypto.randomUUID()}`,
      encryption: { passphrase: PASSPHRASE, iterations: 1_000 },
    });
    await half.saveThread(first.before.threads[0]!.thread, alice);
    half.close();
    expect(await chatDatabases(demo)).toHaveLength(2);

    const { storage, settings } = worker(demo);
    expect(await storage.status()).toEqual({ encrypted: false, locked: false });
    expect(await chatDatabases(demo)).toEqual([demo.base]);
    expect(await contents(storage)).toStrictEqual(first.before);
    expect(await settings.load()).toEqual(modelSettings);
  });

  test('died after the switch: the old database in clear is deleted on the next start', async () => {
    const demo = newDemo();
    const first = await filledWorker(demo);
    await first.storage.encrypt(PASSPHRASE);
    // What a move leaves when the tab dies after the switch, before deleting the source.
    const old = await IndexedDBStore.open({ name: demo.base });
    await fillScope(old, new IndexedDBAttachmentStore(old), alice);
    old.close();
    expect(await chatDatabases(demo)).toHaveLength(2);

    const { storage } = worker(demo);
    expect(await storage.status()).toEqual({ encrypted: true, locked: true });
    expect(await chatDatabases(demo)).not.toContain(demo.base);
    await storage.unlock(PASSPHRASE);
    expect(await contents(storage)).toStrictEqual(first.before);
  });
});

describe('demo encryption route', () => {
  const url = `http://localhost${ENCRYPTION_PATH}`;
  const post = (body: unknown) =>
    new Request(url, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });

  test('answers each case with its status and a message naming the field', async () => {
    const demo = newDemo();
    const { storage } = await filledWorker(demo);
    const answer = async (request: Request) => {
      const response = await handleEncryptionRequest(request, storage);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    expect(await answer(new Request(url))).toEqual({ status: 200, body: { encrypted: false, locked: false } });
    const short = await answer(post({ action: 'encrypt', passphrase: 'short' }));
    expect(short.status).toBe(400);
    expect(short.body.message).toMatch(/^passphrase: use at least 8 characters/);
    expect((await answer(post('not json'))).status).toBe(400);
    expect((await answer(post({ action: 'explode' }))).body.message).toMatch(/^action: /);
    expect((await answer(post({ action: 'change', current: PASSPHRASE, passphrase: PASSPHRASE }))).status).toBe(409);
    const put = await handleEncryptionRequest(new Request(url, { method: 'PUT', body: '{}' }), storage);
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
    expect(await chatDatabases(demo)).toEqual([demo.base]);

    expect(await answer(post({ action: 'encrypt', passphrase: PASSPHRASE }))).toEqual({
      status: 200,
      body: { encrypted: true, locked: false },
    });

    const next = worker(demo);
    const locked = await handleSettingsRequest(new Request('http://localhost/chatkit/demo/settings'), next.settings)
      .then(() => 'answered')
      .catch((error: unknown) => error);
    expect(locked).toBeInstanceOf(ChatsLockedError);
    const wrong = await handleEncryptionRequest(post({ action: 'unlock', passphrase: 'wrong one' }), next.storage);
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { message: string }).message).toMatch(/^passphrase: .*Nothing was changed/);
    const right = await handleEncryptionRequest(post({ action: 'unlock', passphrase: PASSPHRASE }), next.storage);
    expect(await right.json()).toEqual({ encrypted: true, locked: false });

    // Changing or removing the passphrase: the current one is asked for, and checked.
    const withoutCurrent = await answer(post({ action: 'decrypt' }));
    expect(withoutCurrent.status).toBe(400);
    expect(withoutCurrent.body.message).toMatch(/^current: /);
    const wrongCurrent = await answer(post({ action: 'change', current: 'wrong one', passphrase: 'a new passphrase' }));
    expect(wrongCurrent.status).toBe(403);
    expect(wrongCurrent.body.message).toMatch(/^current: this is not your current passphrase\. Nothing was changed/);
    expect(await chatDatabases(demo)).toHaveLength(1);

    // Starting over needs no passphrase: it is for when the passphrase is lost.
    const restart = await handleEncryptionRequest(post({ action: 'start-over' }), worker(demo).storage);
    expect(restart.status).toBe(200);
    expect(await restart.json()).toEqual({ encrypted: false, locked: false });
  });
});

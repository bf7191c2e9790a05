/**
 * The demo's settings store on real IndexedDB: defaults before anything is saved, a saved setting
 * read back by a new connection (a reloaded worker), and another tab deleting the database without
 * waiting on this one.
 */
import { deleteDB } from 'idb';
import { afterEach, expect, test } from 'vitest';
import { ResponderSettingsStore } from '../../demo/worker/settings/settings-store.ts';
import { DEFAULT_SETTINGS, type StoredResponderSettings } from '../../demo/worker/settings/settings-record.ts';

const opened: ResponderSettingsStore[] = [];

afterEach(async () => {
  for (const store of opened.splice(0)) {
    store.close();
    await deleteDB(store.name);
  }
});

function openStore(name = `demo-settings-test-${crypto.randomUUID()}`): ResponderSettingsStore {
  const store = new ResponderSettingsStore(name);
  opened.push(store);
  return store;
}

const local: StoredResponderSettings = {
  responder: 'model',
  baseURL: 'http://localhost:11434/v1',
  model: 'llama3.2',
  api: 'chat_completions',
  apiKey: 'sk-browser-test',
};

test('loads the defaults until something is saved, then what was saved, from any connection', async () => {
  const store = openStore();
  expect(await store.load()).toEqual(DEFAULT_SETTINGS);
  await store.save(local);
  expect(await store.load()).toEqual(local);

  // A new worker (after a reload) opens its own connection and finds the same setting.
  const reopened = new ResponderSettingsStore(store.name);
  expect(await reopened.load()).toEqual(local);
  reopened.close();
});

test('another tab deleting the database does not wait on this connection', async () => {
  const store = openStore();
  await store.save(local);
  // deleteDB resolves only once every open connection has closed.
  await deleteDB(store.name);
  expect(await store.load()).toEqual(DEFAULT_SETTINGS);
});

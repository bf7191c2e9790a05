/** The storage helpers where there is no storage manager (Node, an insecure page): a plain answer, no throw. */
import { expect, test } from 'vitest';
import { requestPersistentStorage, storageStatus } from '../../src/client.ts';

test('without navigator.storage both helpers answer "not persisted, unknown usage and quota"', async () => {
  expect((globalThis as { navigator?: { storage?: unknown } }).navigator?.storage).toBeUndefined();
  const expected = { persisted: false, usage: null, quota: null };
  expect(await requestPersistentStorage()).toEqual(expected);
  expect(await storageStatus()).toEqual(expected);
});

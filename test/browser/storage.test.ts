/**
 * `requestPersistentStorage` and `storageStatus` in real Chromium. Headless Chromium does not grant
 * persistence, so this checks the call path and the numbers, not the grant: whatever the browser
 * answers is what the helpers report.
 */
import { expect, test } from 'vitest';
import { requestPersistentStorage, storageStatus } from '../../src/client.ts';

test('asks for persistent storage and reports what the browser says, with usage and quota', async () => {
  const status = await requestPersistentStorage();
  expect(status.persisted).toBe(await navigator.storage.persisted());
  expect(status.quota).toBeGreaterThan(0);
  expect(status.usage).toBeGreaterThanOrEqual(0);
  expect(status.usage!).toBeLessThanOrEqual(status.quota!);
});

test('storageStatus reports the same without asking', async () => {
  const [status, estimate] = await Promise.all([storageStatus(), navigator.storage.estimate()]);
  expect(status.persisted).toBe(await navigator.storage.persisted());
  expect(status.quota).toBe(estimate.quota);
});

/**
 * Storage that lasts, and how much of it is used. Browsers may evict a site's IndexedDB under storage
 * pressure unless the site holds persistent storage, which only the page can ask for
 * (`navigator.storage.persist()` does not exist in workers); so the page asks, and shows the numbers.
 */

/** What {@link requestPersistentStorage} and {@link storageStatus} report. */
export interface StorageStatus {
  /**
   * Whether the origin's storage is persistent: the browser will not evict it under pressure (the user
   * still can). Browsers decide by their own rules (Chromium grants it to sites with engagement or
   * installed as apps, and answers `false` in headless and private windows; Firefox asks the user).
   */
  persisted: boolean;
  /** Bytes the origin uses (all its storage, not only chats), or null when the browser does not say. */
  usage: number | null;
  /** Bytes the origin may use, or null when the browser does not say. */
  quota: number | null;
}

/** The storage manager, where this runtime has one (secure pages and workers). */
function storageManager(): StorageManager | null {
  return (globalThis as { navigator?: { storage?: StorageManager } }).navigator?.storage ?? null;
}

/**
 * Asks the browser to keep this origin's storage (chats included) through storage pressure, unless it
 * already does, then reports usage and quota. Call it on the page, ideally after a user gesture (some
 * browsers ask the user, or weigh engagement). Never throws: without a storage manager (an insecure
 * page, an old browser) it reports `{ persisted: false, usage: null, quota: null }`.
 */
export async function requestPersistentStorage(): Promise<StorageStatus> {
  const storage = storageManager();
  if (!storage) return { persisted: false, usage: null, quota: null };
  let persisted = await storage.persisted?.().catch(() => false);
  if (!persisted) persisted = await storage.persist?.().catch(() => false);
  return { ...(await estimate(storage)), persisted: persisted ?? false };
}

/** Reports whether storage is persistent, with usage and quota, without asking for anything. */
export async function storageStatus(): Promise<StorageStatus> {
  const storage = storageManager();
  if (!storage) return { persisted: false, usage: null, quota: null };
  const persisted = (await storage.persisted?.().catch(() => false)) ?? false;
  return { ...(await estimate(storage)), persisted };
}

async function estimate(storage: StorageManager): Promise<Pick<StorageStatus, 'usage' | 'quota'>> {
  const estimate = await storage.estimate?.().catch(() => null);
  return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}

/** What the page's IndexedDB databases hold, read with the raw API, for tests that look for text in clear. */
import type { Page } from '@playwright/test';

/** Every IndexedDB database of the page, read with the raw API: names, and all values as text (bytes decoded). */
export async function rawDatabases(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const asText = async (value: unknown): Promise<unknown> => {
      if (value instanceof Blob) return new TextDecoder().decode(await value.arrayBuffer());
      if (value instanceof ArrayBuffer) return new TextDecoder().decode(value);
      if (ArrayBuffer.isView(value)) return new TextDecoder().decode(value);
      if (Array.isArray(value)) return Promise.all(value.map(asText));
      if (value && typeof value === 'object') {
        const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await asText(v)]));
        return Object.fromEntries(entries);
      }
      return value;
    };
    const dump = (name: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const stores = [...db.objectStoreNames];
          if (stores.length === 0) return resolve([]);
          const tx = db.transaction(stores, 'readonly');
          const values: unknown[] = [];
          for (const store of stores)
            tx.objectStore(store).getAll().onsuccess = (event) => values.push((event.target as IDBRequest).result);
          tx.oncomplete = () => {
            db.close();
            resolve(values);
          };
          tx.onerror = () => reject(tx.error);
        };
      });
    const result: Record<string, string> = {};
    for (const { name } of await indexedDB.databases())
      if (name) result[name] = JSON.stringify(await asText(await dump(name)));
    return result;
  });
}

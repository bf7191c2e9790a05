/** Starting the bench's server workers from the page, and the shim in front of them. */
import { createChatKitFetch } from '../../src/client.ts';

export type StoreKind = 'indexeddb' | 'memory';

/** A scripted-server worker on `store`; `name` names its IndexedDB database (and the worker, for the heap probe). */
export function startServerWorker(store: StoreKind, name: string): Worker {
  // Literal URLs, one per file: Vite finds and serves workers by `new URL('…', import.meta.url)`.
  const url =
    store === 'indexeddb'
      ? new URL('../workers/indexeddb-worker.ts', import.meta.url)
      : new URL('../workers/memory-worker.ts', import.meta.url);
  return new Worker(url, { type: 'module', name });
}

/** The fetch shim the page uses to reach `worker`, at the default `/chatkit` URL. */
export const shimFor = (worker: Worker): typeof fetch => createChatKitFetch({ worker, url: '/chatkit' });

/** A fresh database name, so runs never see each other's data. */
export const databaseName = (purpose: string): string => `chatkit-bench-${purpose}-${crypto.randomUUID()}`;

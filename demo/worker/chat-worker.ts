/**
 * The demo's server worker: the whole ChatKit server runs here, on IndexedDB, so threads, items
 * and files survive reloads. The page reaches it only through `createChatKitFetch`; it never
 * touches the network.
 */
import { createChatKitHandler } from 'chatkit-local';
import { IndexedDBAttachmentStore, IndexedDBStore } from 'chatkit-local/indexeddb';
import { exposeChatKit } from 'chatkit-local/worker';
import { DemoServer, type DemoContext } from './demo-server.ts';

/** The database every tab of the demo shares. */
const DATABASE_NAME = 'chatkit-local-demo';

async function createHandler() {
  const store = await IndexedDBStore.open<DemoContext>({ name: DATABASE_NAME });
  const server = new DemoServer(store, new IndexedDBAttachmentStore(store));
  return createChatKitHandler(server, { getContext: () => ({ userId: 'local' }) });
}

// Exposed at once, before the database is open: a request that arrives meanwhile waits for it
// instead of reaching a worker that is not listening yet.
const handler = createHandler();
exposeChatKit(async (request) => (await handler)(request));

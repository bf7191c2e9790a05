/**
 * The demo's server worker: the whole ChatKit server runs here, on IndexedDB, so threads, items
 * and files survive reloads. The page reaches it only through `createChatKitFetch`. It touches the
 * network only when the user picks a model in the settings, and then only that model's base URL.
 */
import { createChatKitHandler } from 'chatkit-local';
import { IndexedDBAttachmentStore, IndexedDBStore } from 'chatkit-local/indexeddb';
import { exposeChatKit } from 'chatkit-local/worker';
import { DemoServer, type DemoContext } from './demo-server.ts';
import { handleDataRequest, isDataRequest } from './data/data-route.ts';
import { handleSettingsRequest, isSettingsRequest } from './settings/settings-route.ts';
import { ResponderSettingsStore } from './settings/settings-store.ts';

/** The database every tab of the demo shares. */
const DATABASE_NAME = 'chatkit-local-demo';

/** The responder setting and the model's API key, in a database of their own. */
const settings = new ResponderSettingsStore();

/** The demo has one user. */
const CONTEXT: DemoContext = { userId: 'local' };

async function createHandler(): Promise<(request: Request) => Promise<Response>> {
  const store = await IndexedDBStore.open<DemoContext>({ name: DATABASE_NAME });
  const server = new DemoServer(store, new IndexedDBAttachmentStore(store), () => settings.load());
  const chatkit = createChatKitHandler(server, { getContext: () => CONTEXT });
  return (request) => (isDataRequest(request) ? handleDataRequest(request, store, CONTEXT) : chatkit(request));
}

// Exposed at once, before the database is open: a request that arrives meanwhile waits for it
// instead of reaching a worker that is not listening yet. The settings and data routes are the
// demo's own, answered here so that the library's handler stays as it is.
const handler = createHandler();
exposeChatKit(async (request) =>
  isSettingsRequest(request) ? handleSettingsRequest(request, settings) : (await handler)(request),
);

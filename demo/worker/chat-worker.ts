/**
 * The demo's server worker: the whole ChatKit server runs here, on IndexedDB, so threads, items
 * and files survive reloads. Every tab shares it as a SharedWorker where the browser has them. The page reaches it only through `createChatKitFetch`. It touches the
 * network only when the user picks a model in the settings, and then only that model's base URL.
 */
import { BroadcastChangeFeed, createChatKitHandler, withChanges } from 'chatkit-local';
import { IndexedDBAttachmentStore, type IndexedDBStore } from 'chatkit-local/indexeddb';
import { exposeChatKit } from 'chatkit-local/worker';
import { DemoServer, type DemoContext } from './demo-server.ts';
import { handleDataRequest, isDataRequest } from './data/data-route.ts';
import { handleSettingsRequest, isSettingsRequest } from './settings/settings-route.ts';
import { ResponderSettingsStore } from './settings/settings-store.ts';
import { ChatStorage } from './storage/chat-storage.ts';
import { handleEncryptionRequest, isEncryptionRequest } from './storage/encryption-route.ts';
import { ChatsLockedError, lockedResponse } from './storage/locked.ts';

/** The database every tab of the demo shares (until encryption moves the chats to another one). */
const DATABASE_NAME = 'chatkit-local-demo';

/** The responder setting and the model's API key, in a database of their own. */
const settings = new ResponderSettingsStore();

/** The demo has one user. */
const CONTEXT: DemoContext = { userId: 'local' };

/** The responses streaming now, each until its body ends or is cancelled. */
const streaming = new Set<Promise<void>>();

/** Where the chats are, encrypted or not; it holds the open store. */
const storage = new ChatStorage<DemoContext>({
  settings,
  context: CONTEXT,
  baseName: DATABASE_NAME,
  // A move waits for the responses under way: what they still write must move with the chats.
  settle: () => Promise.all(streaming),
});

// Announces every write, so that other tabs update live: within this SharedWorker, and across
// dedicated workers (where SharedWorker is missing). One feed for every store the chats live in, so
// a tab's watch goes on across a move.
const feed = new BroadcastChangeFeed(`chatkit-local:changes:${DATABASE_NAME}`);

/** The ChatKit handler of the store the chats are in now; a move (encryption on or off) makes a new one. */
let current: { store: IndexedDBStore<DemoContext>; handle: (request: Request) => Promise<Response> } | null = null;

function chatkitFor(store: IndexedDBStore<DemoContext>): (request: Request) => Promise<Response> {
  if (current?.store !== store) {
    const observed = withChanges(store, { feed });
    const server = new DemoServer(observed, new IndexedDBAttachmentStore(observed), () => settings.load());
    current = { store, handle: createChatKitHandler(server, { getContext: () => CONTEXT }) };
  }
  return current.handle;
}

// Opening starts now, not on the first request: the page's first requests then wait less.
void storage.status();

// Exposed at once, before the database is open: a request that arrives meanwhile waits for it
// instead of reaching a worker that is not listening yet. The encryption, settings and data routes
// are the demo's own, answered here so that the library's handler stays as it is. Until the page
// unlocks encrypted chats, everything but the encryption route answers 423.
exposeChatKit(async (request) => {
  if (isEncryptionRequest(request)) return handleEncryptionRequest(request, storage);
  try {
    const store = await storage.store();
    if (isSettingsRequest(request)) return await handleSettingsRequest(request, settings);
    if (isDataRequest(request)) return await handleDataRequest(request, store, CONTEXT);
    const response = await chatkitFor(store)(request);
    // Only a POST streams a response that writes; a GET stream (the changes watch) never ends.
    return request.method === 'POST' && response.headers.get('content-type')?.startsWith('text/event-stream')
      ? tracked(response)
      : response;
  } catch (error) {
    if (error instanceof ChatsLockedError) return lockedResponse();
    throw error;
  }
});

/** `response` with its body counted in {@link streaming} until it ends, fails or is cancelled. */
function tracked(response: Response): Response {
  const reader = response.body!.getReader();
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  streaming.add(ended);
  void ended.then(() => streaming.delete(ended));
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          end();
        } else {
          controller.enqueue(value);
        }
      } catch (error) {
        end();
        throw error;
      }
    },
    async cancel(reason) {
      end();
      await reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

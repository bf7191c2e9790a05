/**
 * `ChatKitClient` against the Node adapter on a real socket, with Node's own `fetch`: leaving a
 * stream early (a `break` out of `for await`) must reach the server as a client that went away.
 * Synchronisation is by promises the responder and the server settle, never by sleeping.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { createChatKitHandler, MemoryStore } from '../../src/index.ts';
import { toNodeListener } from '../../src/node.ts';
import { closeServers, listenLocal } from '../support/local-http.ts';
import { ChatKitClient } from '../../src/client.ts';
import { TestServer, testContext, type TestContext } from '../support/test-server.ts';
import { parkedReply } from '../support/parked-reply.ts';

afterEach(closeServers);

async function serve() {
  const store = new MemoryStore<TestContext>();
  const chatkit = new TestServer(store);
  const context = testContext();
  const port = await listenLocal(toNodeListener(createChatKitHandler(chatkit, { getContext: () => context })));
  return { client: new ChatKitClient({ url: `http://127.0.0.1:${port}/chatkit` }), chatkit, store, context };
}

describe('ChatKitClient over the Node handler', () => {
  test('breaking out of a stream cancels it on the server', async () => {
    const { client, chatkit, store, context } = await serve();
    const reply = parkedReply<TestContext>();
    chatkit.respondWith = reply.respond;

    let threadId = '';
    for await (const event of client.createThread('tell me a story')) {
      if (event.type === 'thread.created') threadId = event.thread.id;
      if (event.type === 'thread.item.updated') break;
    }

    const cancelled = await chatkit.whenCancelled();
    await reply.finished.promise;
    expect(reply.signal?.aborted).toBe(true);
    expect(cancelled.pendingItems.map((item) => item.id)).toEqual(['partial']);
    expect(await store.loadItem(threadId, 'partial', context)).toMatchObject({ content: [{ text: 'Once upon' }] });
    expect(chatkit.reportedErrors).toEqual([]);
  });
});

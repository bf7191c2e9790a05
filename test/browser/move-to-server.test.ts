/**
 * Moving a user's history from the browser to a server, end to end: a page with IndexedDBStore (real
 * Chromium, real IndexedDB) gets a conversation and an uploaded file through its own handler, exports
 * it, and hands the JSON text to Node (the `moveToPostgres` browser command), which imports it into a
 * PostgresStore on a real PostgreSQL and answers the same reads through the Node handler. Both sides
 * must answer `threads.get_by_id`, `items.list` and the file's bytes identically.
 *
 * Vitest's browser mode runs both halves in one run: the page code comes straight from src/ (no build,
 * no preview server, no port), and a browser command is Node code in the same process, next to the
 * run's PostgreSQL cluster.
 */
import { deleteDB } from 'idb';
import { afterEach, expect, test } from 'vitest';
import { commands } from 'vitest/browser';
import { createChatKitHandler, type Attachment } from '../../src/index.ts';
import { IndexedDBAttachmentStore, IndexedDBStore } from '../../src/indexeddb.ts';
import { chatKitRequest, MOVE_BASE, MoveServer, readThrough, type MoveContext } from '../shared/move-to-server.ts';
import { req, userInput } from '../support/fixtures.ts';
import type { MoveResult } from './support/postgres-move.node.ts';

declare module 'vitest/browser' {
  interface BrowserCommands {
    /** Imports an export into a fresh PostgresStore and reads the thread and file back through the Node handler. */
    moveToPostgres(
      exported: string,
      userId: string,
      read: { threadId: string; attachmentId: string },
    ): Promise<MoveResult>;
  }
}

const user: MoveContext = { userId: 'ada' };
const name = `chatkit-move-${crypto.randomUUID()}`;
afterEach(() => deleteDB(name));

/** Every byte value, so nothing on the way may treat the file as text. */
const BYTES = Uint8Array.from({ length: 700 }, (_, i) => (i * 7) % 256);

test('export from IndexedDB + import into PostgreSQL: the Node handler serves the same thread, items and file', async () => {
  const store = await IndexedDBStore.open<MoveContext>({ name, scope: (context) => context.userId });
  const handler = createChatKitHandler(new MoveServer(store, new IndexedDBAttachmentStore(store)), {
    getContext: () => user,
    imagePreview: false,
  });

  // The user uploads a file (two phases) and sends it with a message, then sends another.
  const created = await chatKitRequest(handler, 'attachments.create', {
    name: 'notes.bin',
    size: BYTES.length,
    mime_type: 'application/octet-stream',
  });
  const attachment = (await created.json()) as Attachment;
  const upload = await handler(
    new Request(new URL(attachment.upload_descriptor!.url, MOVE_BASE), { method: 'PUT', body: BYTES }),
  );
  expect(upload.status).toBe(200);
  const first = await handler(
    new Request(MOVE_BASE, {
      method: 'POST',
      body: JSON.stringify(req.create(userInput('Here are my notes', { attachments: [attachment.id] }))),
    }),
  );
  const threadId = /"thread":\{"id":"([^"]+)"/.exec(await first.text())![1]!;
  const second = await handler(
    new Request(MOVE_BASE, { method: 'POST', body: JSON.stringify(req.addUserMessage(threadId, userInput('Thanks'))) }),
  );
  expect(await second.text()).toContain('You said: Thanks');

  const inBrowser = await readThrough(handler, threadId, attachment.id);
  const exported = JSON.stringify(await store.exportData(user));
  store.close();

  const { summary, answers } = await commands.moveToPostgres(exported, user.userId, {
    threadId,
    attachmentId: attachment.id,
  });

  expect(summary).toEqual({
    threads: 1,
    items: 4,
    attachments: 1,
    files: 1,
    threadIds: [threadId],
    renamed: { threads: {}, attachments: {} },
  });
  // What the browser served, item by item: the two messages, each with its streamed reply.
  expect(inBrowser.thread.status).toBe(200);
  const items = (JSON.parse(inBrowser.items.body) as { data: { type: string }[] }).data;
  expect(items.map((item) => item.type)).toEqual([
    'user_message',
    'assistant_message',
    'user_message',
    'assistant_message',
  ]);
  expect(inBrowser.file).toEqual({ status: 200, type: 'application/octet-stream', bytes: [...BYTES] });
  // And the server serves exactly that, to the byte.
  expect(answers).toStrictEqual(inBrowser);
});

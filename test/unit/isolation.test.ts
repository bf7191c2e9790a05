/**
 * Isolation through the handler: with a scoped store, user B tries every request type and route on
 * user A's real ids (and on guessed ones). Nothing of A's may be read, changed or deleted.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { createChatKitHandler, MemoryAttachmentStore, MemoryStore, type ChatKitHandler } from '../../src/index.ts';
import { ScriptedServer, type TestContext } from '../support/scripted-server.ts';
import { snapshotStore } from '../support/store-snapshot.ts';

let store: MemoryStore<TestContext>;
let attachments: MemoryAttachmentStore<TestContext>;
let handler: ChatKitHandler;
const alice: TestContext = { userId: 'alice' };

function call(user: string, body: unknown): Promise<Response> {
  return handler(
    new Request('http://localhost/chatkit', {
      method: 'POST',
      headers: { 'x-user': user, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}
const input = (text: string, attachmentIds: string[] = []) => ({
  content: [{ type: 'input_text', text }],
  attachments: attachmentIds,
  inference_options: {},
});

/** Alice's data: a thread with a widget, a question, a pending tool call, and an uploaded file. */
async function aliceData() {
  const file = JSON.parse(
    await (
      await call('alice', {
        type: 'attachments.create',
        params: { name: 'secret.txt', size: 6, mime_type: 'text/plain' },
      })
    ).text(),
  ) as { id: string };
  const upload = await handler(
    new Request(`http://localhost/chatkit/attachments/${file.id}/upload`, {
      method: 'PUT',
      headers: { 'x-user': 'alice' },
      body: 'secret',
    }),
  );
  expect(upload.status).toBe(200);
  const stream = await (
    await call('alice', { type: 'threads.create', params: { input: input('widget', [file.id]) } })
  ).text();
  const threadId = JSON.parse(stream.split('\n\n')[0]!.slice(6)).thread.id as string;
  for (const text of ['question', 'tool'])
    await (
      await call('alice', { type: 'threads.add_user_message', params: { thread_id: threadId, input: input(text) } })
    ).text();
  const items = (await store.loadThreadItems(threadId, { limit: 50, order: 'asc' }, alice)).data;
  return { threadId, fileId: file.id, items };
}

beforeEach(() => {
  store = new MemoryStore<TestContext>({ scope: (context) => context.userId });
  attachments = new MemoryAttachmentStore<TestContext>();
  const server = new ScriptedServer(store, attachments);
  handler = createChatKitHandler(server, {
    getContext: (request) => ({ userId: request.headers.get('x-user') ?? 'anonymous' }),
  });
});

describe('per-user isolation through every request type', () => {
  test("bob can neither read, change nor delete alice's data, with real or guessed ids", async () => {
    const { threadId, fileId, items } = await aliceData();
    const widgetId = items.find((item) => item.type === 'widget')!.id;
    const questionId = items.find((item) => item.type === 'structured_input')!.id;
    const userMessageId = items.find((item) => item.type === 'user_message')!.id;
    const before = JSON.stringify(await snapshotStore(store, alice, [fileId]));

    for (const id of [threadId, 'thr_0000000000000000']) {
      const attempts: [string, unknown][] = [
        ['threads.add_user_message', { thread_id: id, input: input('hi') }],
        ['threads.add_client_tool_output', { thread_id: id, result: 'x' }],
        ['threads.add_structured_input', { thread_id: id, item_id: questionId, input: {} }],
        ['threads.retry_after_item', { thread_id: id, item_id: userMessageId }],
        ['threads.custom_action', { thread_id: id, item_id: widgetId, action: { type: 'choose' } }],
        ['threads.sync_custom_action', { thread_id: id, item_id: widgetId, action: { type: 'choose' } }],
        ['threads.get_by_id', { thread_id: id }],
        ['threads.update', { thread_id: id, title: 'pwned' }],
        ['items.feedback', { thread_id: id, item_ids: [userMessageId], kind: 'negative' }],
      ];
      for (const [type, params] of attempts) {
        const response = await call('bob', { type, params });
        expect(response.status, `${type} on ${id}`).toBe(404);
        expect(await response.text()).not.toContain('secret');
      }
      const deleted = await call('bob', { type: 'threads.delete', params: { thread_id: id } });
      expect(deleted.status).toBe(200);
      const listed = JSON.parse(await (await call('bob', { type: 'items.list', params: { thread_id: id } })).text());
      expect(listed).toEqual({ data: [], has_more: false });
    }

    expect(JSON.parse(await (await call('bob', { type: 'threads.list', params: {} })).text())).toEqual({
      data: [],
      has_more: false,
    });
    expect((await call('bob', { type: 'attachments.delete', params: { attachment_id: fileId } })).status).toBe(404);
    const useFile = await call('bob', { type: 'threads.create', params: { input: input('steal', [fileId]) } });
    expect(useFile.status).toBe(404);
    for (const [method, path] of [
      ['GET', 'content'],
      ['PUT', 'upload'],
      ['POST', 'upload'],
    ] as const) {
      const response = await handler(
        new Request(`http://localhost/chatkit/attachments/${fileId}/${path}`, {
          method,
          headers: { 'x-user': 'bob' },
          ...(method === 'GET' ? {} : { body: 'overwrite' }),
        }),
      );
      expect(response.status, `${method} ${path}`).toBe(404);
    }

    // Bob's own data lives beside alice's without touching it.
    const own = await (await call('bob', { type: 'threads.create', params: { input: input('echo: mine') } })).text();
    expect(own).toContain('"text":"mine"');

    expect(JSON.stringify(await snapshotStore(store, alice, [fileId]))).toBe(before);
    expect(await (await attachments.getBytes(fileId, alice))!.text()).toBe('secret');
    const aliceThreads = JSON.parse(await (await call('alice', { type: 'threads.list', params: {} })).text());
    expect(aliceThreads.data.map((thread: { id: string }) => thread.id)).toEqual([threadId]);
    const content = await handler(
      new Request(`http://localhost/chatkit/attachments/${fileId}/content`, { headers: { 'x-user': 'alice' } }),
    );
    expect(await content.text()).toBe('secret');
  });
});

/**
 * How the server writes a new thread: through `Store.saveThreadWithItem` when the store has it (one
 * atomic write of the thread and its first message), else `saveThread` then `addThreadItem`.
 */
import { describe, expect, test } from 'vitest';
import {
  createChatKitHandler,
  MemoryAttachmentStore,
  MemoryStore,
  type Attachment,
  type Store,
  type ThreadItem,
  type ThreadMetadata,
} from '../../src/index.ts';
import { ScriptedServer, type TestContext } from '../support/scripted-server.ts';

const context: TestContext = { userId: 'u' };

/** A MemoryStore that records the writes made through it, and can fail saveThreadWithItem. */
class RecordingStore extends MemoryStore<TestContext> {
  readonly calls: string[] = [];
  failAtomic: Error | null = null;

  override async saveThread(thread: ThreadMetadata, ctx: TestContext): Promise<void> {
    this.calls.push(`saveThread ${thread.id}`);
    return super.saveThread(thread, ctx);
  }
  override async addThreadItem(threadId: string, item: ThreadItem, ctx: TestContext): Promise<void> {
    this.calls.push(`addThreadItem ${item.type}`);
    return super.addThreadItem(threadId, item, ctx);
  }
  override async saveAttachment(attachment: Attachment, ctx: TestContext): Promise<void> {
    this.calls.push(`saveAttachment ${attachment.id} thread=${attachment.thread_id ?? 'none'}`);
    return super.saveAttachment(attachment, ctx);
  }
  override async saveThreadWithItem(thread: ThreadMetadata, item: ThreadItem, ctx: TestContext): Promise<void> {
    this.calls.push(`saveThreadWithItem ${thread.id} ${item.type}`);
    if (this.failAtomic) throw this.failAtomic;
    return super.saveThreadWithItem(thread, item, ctx);
  }
}

function setup(store: RecordingStore) {
  const server = new ScriptedServer(store, new MemoryAttachmentStore());
  const reported: unknown[] = [];
  server.reportError = (error) => void reported.push(error);
  const handler = createChatKitHandler(server, { getContext: () => context });
  const post = (body: unknown) =>
    handler(new Request('http://localhost/chatkit', { method: 'POST', body: JSON.stringify(body) }));
  const create = (text: string, attachments: string[] = []) =>
    post({
      type: 'threads.create',
      params: { input: { content: [{ type: 'input_text', text }], attachments, inference_options: {} } },
    });
  const events = async (response: Response) =>
    (await response.text())
      .split('\n\n')
      .filter(Boolean)
      .map((frame) => JSON.parse(frame.slice(6)));
  return { server, reported, post, create, events };
}

async function attach(post: (body: unknown) => Promise<Response>): Promise<string> {
  const response = await post({
    type: 'attachments.create',
    params: { name: 'a.txt', size: 1, mime_type: 'text/plain' },
  });
  return ((await response.json()) as { id: string }).id;
}

describe('threads.create with saveThreadWithItem', () => {
  test('the thread and its message are written in that one call; the reply as usual', async () => {
    const store = new RecordingStore();
    const { create, events } = setup(store);
    const stream = await events(await create('echo: hi'));
    const threadId = stream[0].thread.id;
    expect(store.calls).toEqual([`saveThreadWithItem ${threadId} user_message`, 'addThreadItem assistant_message']);
    const items = (await store.loadThreadItems(threadId, { limit: 10, order: 'asc' }, context)).data;
    expect(items.map((item) => item.type)).toEqual(['user_message', 'assistant_message']);
    expect(items[0]).toEqual(stream[1].item);
  });

  test('the attachments are tied to the thread before the atomic write', async () => {
    const store = new RecordingStore();
    const { post, create, events } = setup(store);
    const fileId = await attach(post);
    store.calls.length = 0;
    const threadId = (await events(await create('echo: with file', [fileId])))[0].thread.id;
    expect(store.calls.slice(0, 2)).toEqual([
      `saveAttachment ${fileId} thread=${threadId}`,
      `saveThreadWithItem ${threadId} user_message`,
    ]);
  });

  test('when it fails: 500 before any event, no thread, and the attachment stays usable for a retry', async () => {
    const store = new RecordingStore();
    const { post, create, events, reported } = setup(store);
    const fileId = await attach(post);
    const failure = new Error('database down');
    store.failAtomic = failure;
    const response = await create('echo: lost', [fileId]);
    expect(response.status).toBe(500);
    expect(reported).toEqual([failure]);
    expect((await store.loadThreads({ limit: 10, order: 'asc' }, context)).data).toEqual([]);
    store.failAtomic = null;
    const retried = await events(await create('echo: again', [fileId]));
    expect(retried[1].item.attachments.map((attachment: Attachment) => attachment.id)).toEqual([fileId]);
    expect((await store.loadAttachment(fileId, context)).thread_id).toBe(retried[0].thread.id);
  });
});

test('threads.create without saveThreadWithItem: saveThread, then addThreadItem', async () => {
  const store = new RecordingStore();
  (store as Store<TestContext>).saveThreadWithItem = undefined;
  const { create, events } = setup(store);
  const threadId = (await events(await create('echo: hi')))[0].thread.id;
  expect(store.calls).toEqual([
    `saveThread ${threadId}`,
    'addThreadItem user_message',
    'addThreadItem assistant_message',
  ]);
});

/**
 * The server's side of `Store.holdThread`: every response in an existing thread holds that thread from
 * before its first event until it ends, however it ends; a new thread is not held (it has just been
 * made). Stores that delete threads on their own (retention) rely on this.
 */
import { describe, expect, test } from 'vitest';
import { ChatKitServer, MemoryStore, type ThreadMetadata, type ThreadStreamEventInput } from '../../src/index.ts';
import { streamFrames } from '../support/run.ts';

type Context = { userId: string };
const context: Context = { userId: 'u' };

/** A MemoryStore that records each hold and whether it was released while the response ran. */
class HoldingStore extends MemoryStore<Context> {
  readonly log: string[] = [];

  async holdThread(threadId: string, holder: Context): Promise<() => void> {
    this.log.push(`hold ${threadId} for ${holder.userId}`);
    return () => this.log.push(`release ${threadId}`);
  }
}

class Server extends ChatKitServer<Context> {
  failNext = false;

  async *respond(thread: ThreadMetadata): AsyncIterable<ThreadStreamEventInput> {
    (this.store as HoldingStore).log.push(`respond in ${thread.id}`);
    if (this.failNext) throw new Error('model unavailable');
    yield { type: 'progress_update', text: 'thinking' };
  }

  override async *action(thread: ThreadMetadata): AsyncIterable<ThreadStreamEventInput> {
    (this.store as HoldingStore).log.push(`act in ${thread.id}`);
  }

  readonly errors: unknown[] = [];
  override reportError(error: unknown): void {
    this.errors.push(error);
  }
}

const input = { content: [{ type: 'input_text', text: 'hi' }], attachments: [], inference_options: {} };

describe('ChatKitServer holds the thread a response streams into', () => {
  test('not for a new thread; for a message, a retry and an action, around the whole response', async () => {
    const store = new HoldingStore();
    const server = new Server(store);
    const created = await streamFrames(server, { type: 'threads.create', params: { input } }, context);
    const threadId = JSON.parse(created[0]!).thread.id as string;
    expect(store.log).toEqual([`respond in ${threadId}`]);

    store.log.length = 0;
    await streamFrames(server, { type: 'threads.add_user_message', params: { thread_id: threadId, input } }, context);
    expect(store.log).toEqual([`hold ${threadId} for u`, `respond in ${threadId}`, `release ${threadId}`]);

    const [message] = (await store.loadThreadItems(threadId, { limit: 1, order: 'asc' }, context)).data;
    store.log.length = 0;
    await streamFrames(
      server,
      { type: 'threads.retry_after_item', params: { thread_id: threadId, item_id: message!.id } },
      context,
    );
    expect(store.log).toEqual([`hold ${threadId} for u`, `respond in ${threadId}`, `release ${threadId}`]);

    store.log.length = 0;
    await streamFrames(
      server,
      { type: 'threads.custom_action', params: { thread_id: threadId, action: { type: 'noop' } } },
      context,
    );
    expect(store.log).toEqual([`hold ${threadId} for u`, `act in ${threadId}`, `release ${threadId}`]);
  });

  test('released when the responder fails, and when the thread does not exist', async () => {
    const store = new HoldingStore();
    const server = new Server(store);
    await store.saveThread(
      { id: 'thr_1', created_at: new Date().toISOString(), status: { type: 'active' }, metadata: {} },
      context,
    );
    server.failNext = true;
    const frames = await streamFrames(
      server,
      { type: 'threads.add_user_message', params: { thread_id: 'thr_1', input } },
      context,
    );
    expect(frames.at(-1)).toContain('"error"');
    expect(server.errors).toEqual([new Error('model unavailable')]);
    expect(store.log).toEqual(['hold thr_1 for u', 'respond in thr_1', 'release thr_1']);

    store.log.length = 0;
    await expect(
      streamFrames(server, { type: 'threads.add_user_message', params: { thread_id: 'thr_missing', input } }, context),
    ).rejects.toThrow('Thread thr_missing not found');
    expect(store.log).toEqual(['hold thr_missing for u', 'release thr_missing']);
  });
});

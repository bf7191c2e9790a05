/**
 * Reply checkpoints in the Node handler: a streaming reply is checkpointed (throttled) as a hidden
 * item, invisible while the reply lives and deleted when it ends as usual; a checkpoint whose reply
 * died (another process, gone) is recovered on the next load as a cancellation stores it, exactly
 * once, without duplicating what was stored already.
 */
import { describe, expect, test } from 'vitest';
import {
  CANCELLED_STREAM_NOTE,
  createChatKitHandler,
  MemoryStore,
  withChanges,
  type ChatKitChange,
  type ChatKitHandler,
  type ThreadItem,
  type ThreadStreamEvent,
} from '../../src/index.ts';
import { ChatKitClient } from '../../src/client.ts';
import { checkpointItem } from '../../src/server/checkpoint.ts';
import { ScriptedServer, type TestContext } from '../support/scripted-server.ts';

const context: TestContext = { userId: 'tester' };

/** A MemoryStore that records the item types it was asked ids for. */
class RecordingStore extends MemoryStore<TestContext> {
  readonly idsAskedFor: string[] = [];
  override generateItemId(...args: Parameters<MemoryStore<TestContext>['generateItemId']>): string {
    this.idsAskedFor.push(args[0]);
    return super.generateItemId(...args);
  }
}

function setup() {
  const recording = new RecordingStore();
  const store = withChanges(recording);
  const handler: ChatKitHandler = createChatKitHandler(new ScriptedServer(store), { getContext: () => context });
  const fetch = (input: RequestInfo | URL, init?: RequestInit) =>
    handler(new Request(new URL(input instanceof Request ? input.url : input, 'http://localhost'), init));
  return { store, recording, client: new ChatKitClient({ fetch: fetch }) };
}

/** Every stored item of a thread, hidden ones included, as types (hidden ones as their content). */
async function stored(store: MemoryStore<TestContext>, threadId: string): Promise<string[]> {
  const page = await store.loadThreadItems(threadId, { limit: 100, order: 'asc' }, context);
  return page.data.map((item) =>
    item.type === 'sdk_hidden_context'
      ? item.content.startsWith('chatkit-local:reply-checkpoint:')
        ? 'checkpoint'
        : item.content
      : item.type,
  );
}

async function threadIdFrom(events: AsyncIterable<ThreadStreamEvent>): Promise<string> {
  let id = '';
  for await (const event of events) if (event.type === 'thread.created') id = event.thread.id;
  return id;
}

function partialReply(threadId: string, id: string, text: string): ThreadItem {
  return {
    id,
    thread_id: threadId,
    created_at: new Date().toISOString(),
    type: 'assistant_message',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
}

describe('reply checkpoints', () => {
  test('a streaming reply is checkpointed, invisible while it lives, and a stop stores exactly what it did', async () => {
    const { store, recording, client } = setup();
    const changes: ChatKitChange[] = [];
    const checkpointed = new Promise<void>((resolve) =>
      store.watchChanges(context, (change) => {
        changes.push(change);
        // The thread and its first message are one change; the next one is the checkpoint.
        if (changes.length === 2) resolve();
      }),
    );
    const stop = new AbortController();
    const events = client.createThread('hang', { signal: stop.signal })[Symbol.asyncIterator]();
    let threadId = '';
    for (;;) {
      const step = await events.next();
      if (step.done) throw new Error('the reply ended early');
      if (step.value.type === 'thread.created') threadId = step.value.thread.id;
      if (step.value.type === 'thread.item.updated') break;
    }
    await checkpointed;
    expect(await stored(store, threadId)).toEqual(['user_message', 'checkpoint']);
    // Its id is not the store's to give: a store numbering ids in sequence would shift them all.
    expect(recording.idsAskedFor).not.toContain('sdk_hidden_context');
    // Alive in this process: loading the thread recovers nothing and shows nothing of it.
    expect((await client.getThread(threadId)).items.data.map((item) => item.type)).toEqual(['user_message']);
    expect(await stored(store, threadId)).toEqual(['user_message', 'checkpoint']);

    stop.abort();
    await expect(events.next()).rejects.toMatchObject({ name: 'AbortError' });
    // As before checkpoints existed: the partial reply, then the note; no checkpoint left.
    await expect
      .poll(() => stored(store, threadId))
      .toEqual(['user_message', 'assistant_message', CANCELLED_STREAM_NOTE]);
  });

  test("a dead reply's checkpoint is recovered on the next load, once, without duplicating stored items", async () => {
    const { store, client } = setup();
    const threadId = await threadIdFrom(client.createThread('echo: before'));
    const [, finished] = (await store.loadThreadItems(threadId, { limit: 10, order: 'asc' }, context)).data;
    // A process died mid-reply a minute ago: its reply had finished one item and was streaming another.
    const dead = checkpointItem(
      'shcx_dead',
      threadId,
      [finished!, partialReply(threadId, 'msg_partial', 'half a rep')],
      Date.now() - 60_000,
    );
    await store.addThreadItem(threadId, dead, context);

    const loaded = await client.getThread(threadId);
    expect(loaded.items.data.map((item) => item.id)).toEqual([loaded.items.data[0]!.id, finished!.id, 'msg_partial']);
    expect(await stored(store, threadId)).toEqual([
      'user_message',
      'assistant_message',
      'assistant_message',
      CANCELLED_STREAM_NOTE,
    ]);
    // Loading again, either way, recovers nothing more.
    await client.getThread(threadId);
    await client.listItems(threadId);
    expect(await stored(store, threadId)).toHaveLength(4);
  });

  test("a recent checkpoint of another process's live reply is left alone and never shown", async () => {
    const { store, client } = setup();
    const threadId = await threadIdFrom(client.createThread('echo: before'));
    const live = checkpointItem(
      'shcx_elsewhere',
      threadId,
      [partialReply(threadId, 'msg_live', 'still go')],
      Date.now(),
    );
    await store.addThreadItem(threadId, live, context);
    const page = await client.listItems(threadId, { order: 'asc' });
    expect(page.data.map((item) => item.type)).toEqual(['user_message', 'assistant_message']);
    expect(await stored(store, threadId)).toEqual(['user_message', 'assistant_message', 'checkpoint']);
  });
});

import { describe, expect, test } from 'vitest';
import { ChatKitClient, ChatKitClientError, createChatKitFetch, WorkerDiedError } from '../../src/client.ts';
import { cancellationOf, collect, threadIdOf, useTestWorkers } from './support/test-workers.ts';

const startWorker = useTestWorkers();

function clientFor(worker: Worker | (() => Worker)) {
  const fetch = createChatKitFetch({ worker, url: '/chatkit' });
  return { fetch, client: new ChatKitClient({ url: '/chatkit', fetch }) };
}

describe('ChatKitClient -> createChatKitFetch -> worker -> server', () => {
  test('threads.create streams the user message and the reply, in order', async () => {
    const { client } = clientFor(startWorker());
    const events = await collect(client.createThread('echo: hello there'));
    expect(events.map((event) => event.type)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'thread.item.added',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.done',
    ]);
    const done = events.at(-1);
    expect(
      done?.type === 'thread.item.done' && done.item.type === 'assistant_message' && done.item.content[0]?.text,
    ).toBe('hello there');
  });

  test('every non-streaming request type answers through the worker', async () => {
    const { client } = clientFor(startWorker());
    const threadId = threadIdOf(await collect(client.createThread('first')));
    await collect(client.addUserMessage(threadId, 'second'));

    const thread = await client.getThread(threadId);
    expect(thread.items.data.map((item) => item.type)).toEqual([
      'user_message',
      'assistant_message',
      'user_message',
      'assistant_message',
    ]);
    expect(thread.metadata).toEqual({});

    const renamed = await client.updateThread(threadId, 'Renamed');
    expect(renamed.title).toBe('Renamed');
    const page = await client.listThreads({ limit: 5 });
    expect(page.data.map((entry) => entry.id)).toEqual([threadId]);
    expect(page.data[0]?.title).toBe('Renamed');

    const items = await client.listItems(threadId, { limit: 2, order: 'desc' });
    expect(items.data).toHaveLength(2);
    expect(items.has_more).toBe(true);
    expect(items.after).toBe(items.data[1]?.id);

    await client.sendFeedback(threadId, [items.data[0]!.id], 'positive');
    expect((await client.getThread(threadId)).title).toBe(`feedback positive on ${items.data[0]!.id}`);

    const transcript = await client.transcribe(new TextEncoder().encode('hello audio'), 'audio/webm;codecs=opus');
    expect(transcript).toEqual({ text: 'audio/webm: hello audio' });

    await client.deleteThread(threadId);
    await expect(client.getThread(threadId)).rejects.toMatchObject({ status: 404, code: 'not_found' });
    expect((await client.listThreads()).data).toEqual([]);
  });

  test('retry, client tool output, structured input, custom and sync actions', async () => {
    const { client } = clientFor(startWorker());
    const created = await collect(client.createThread('echo: one'));
    const threadId = threadIdOf(created);
    const userMessage = created[1];
    if (userMessage?.type !== 'thread.item.done') throw new Error('expected the user message');

    const retried = await collect(client.retryAfterItem(threadId, userMessage.item.id));
    expect(retried[0]).toEqual({ type: 'stream_options', stream_options: { allow_cancel: true } });
    expect((await client.listItems(threadId)).data).toHaveLength(2);

    const tool = await collect(client.addUserMessage(threadId, 'tool'));
    expect(tool.at(-1)).toMatchObject({
      type: 'thread.item.done',
      item: { type: 'client_tool_call', status: 'pending', name: 'get_selection' },
    });
    const afterTool = await collect(client.addClientToolOutput(threadId, { selection: [1, 2] }));
    expect(afterTool.map((event) => event.type)).toEqual([
      'stream_options',
      'thread.item.added',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.done',
    ]);
    const storedCall = (await client.listItems(threadId, { limit: 2 })).data[1];
    expect(storedCall).toMatchObject({ type: 'client_tool_call', status: 'completed', output: { selection: [1, 2] } });

    const question = await collect(client.addUserMessage(threadId, 'question'));
    const questionItem = question.at(-1);
    if (questionItem?.type !== 'thread.item.done') throw new Error('expected the question');
    const answered = await collect(
      client.addStructuredInput(threadId, questionItem.item.id, {
        answers: { colour: { values: ['green', 'red'], skipped: false } },
      }),
    );
    expect(answered[1]).toMatchObject({
      type: 'thread.item.replaced',
      item: {
        status: 'answered',
        inputs: [{ answer: { values: ['green'], skipped: false } }, { answer: { values: [], skipped: true } }],
      },
    });

    const widget = await collect(client.addUserMessage(threadId, 'widget'));
    const widgetEvent = widget.at(-1);
    if (widgetEvent?.type !== 'thread.item.done') throw new Error('expected the widget');
    const action = await collect(
      client.customAction(threadId, { type: 'choose', payload: { choice: 2 } }, widgetEvent.item.id),
    );
    expect(action[1]).toMatchObject({
      type: 'thread.item.updated',
      item_id: widgetEvent.item.id,
      update: { type: 'widget.root.updated' },
    });
    const synced = await client.syncCustomAction(threadId, { type: 'choose', payload: 3 }, widgetEvent.item.id);
    expect(synced.updated_item?.widget.children).toEqual([
      { type: 'Text', value: 'Synced 3' },
      expect.objectContaining({ type: 'Button' }),
    ]);
  });

  test('an error before the stream starts is a typed client error; one during it is an error event', async () => {
    const { client } = clientFor(startWorker());
    const missing = collect(client.addUserMessage('thr_missing', 'hello'));
    await expect(missing).rejects.toBeInstanceOf(ChatKitClientError);
    await expect(missing).rejects.toMatchObject({ status: 404, message: 'Thread thr_missing not found' });

    const failed = await collect(client.createThread('fail'));
    expect(failed.at(-1)).toEqual({
      type: 'error',
      code: 'custom',
      message: 'The scripted failure happened.',
      allow_retry: true,
    });

    await expect(client.json({ type: 'threads.list' } as never)).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('params'),
    });
  });

  test('two-phase and direct uploads land in the store, and the bytes read back', async () => {
    const { client, fetch } = clientFor(startWorker());
    const bytes = new TextEncoder().encode('file body');
    const twoPhase = await client.uploadAttachment(new File([bytes], 'notes.txt', { type: 'text/plain' }));
    expect(twoPhase).toMatchObject({ type: 'file', name: 'notes.txt', mime_type: 'text/plain' });
    expect(twoPhase.upload_descriptor).toBeUndefined();
    const read = await fetch(`/chatkit/attachments/${twoPhase.id}/content`);
    expect(read.headers.get('content-type')).toBe('application/octet-stream');
    expect(await read.text()).toBe('file body');

    const direct = await client.uploadAttachment(new File([bytes], 'direct.txt', { type: 'text/plain' }), {
      type: 'direct',
      uploadUrl: '/chatkit/attachments',
    });
    expect(direct).toMatchObject({ type: 'file', name: 'direct.txt' });
    expect(await (await fetch(`/chatkit/attachments/${direct.id}/content`)).text()).toBe('file body');

    const events = await collect(
      client.createThread({ content: 'echo: with files', attachments: [twoPhase.id, direct.id] }),
    );
    const message = events[1];
    expect(
      message?.type === 'thread.item.done' &&
        message.item.type === 'user_message' &&
        message.item.attachments.map((a) => a.id),
    ).toEqual([twoPhase.id, direct.id]);

    await client.deleteAttachment(direct.id);
    expect((await fetch(`/chatkit/attachments/${direct.id}/content`)).status).toBe(404);
  });

  test('aborting mid-stream stores the partial reply and the cancellation note', async () => {
    const { client } = clientFor(startWorker());
    const abort = new AbortController();
    const stream = client.createThread('hang', { signal: abort.signal });
    let threadId = '';
    const seen: { cancelled?: Promise<void> } = {};
    await expect(
      (async () => {
        for await (const event of stream) {
          if (event.type === 'thread.created') {
            threadId = event.thread.id;
            seen.cancelled = cancellationOf(threadId);
          }
          if (event.type === 'thread.item.updated') abort.abort();
        }
      })(),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen.cancelled).toBeDefined();
    await seen.cancelled;
    const items = (await client.listItems(threadId, { order: 'asc' })).data;
    expect(items.map((item) => item.type)).toEqual(['user_message', 'assistant_message']);
    expect(items[1]).toMatchObject({ content: [{ text: 'partial' }] });
    // The hidden note is stored but never listed; a later request on the thread works.
    const next = await collect(client.addUserMessage(threadId, 'echo: again'));
    expect(next.at(-1)).toMatchObject({ type: 'thread.item.done', item: { content: [{ text: 'again' }] } });
  });

  test('a terminated worker fails pending requests clearly, and a factory replaces it', async () => {
    let current: Worker | null = null;
    const { client } = clientFor(() => (current = startWorker()));
    const stream = client.createThread('hang');
    const first = await stream.next();
    expect(first.value).toMatchObject({ type: 'thread.created' });
    current!.terminate();
    await expect(collect(stream)).rejects.toBeInstanceOf(WorkerDiedError);
    const before = current;
    const events = await collect(client.createThread('echo: revived'));
    expect(current).not.toBe(before);
    expect(events.at(-1)).toMatchObject({ type: 'thread.item.done', item: { content: [{ text: 'revived' }] } });
    // The new worker opens the same database: the thread started before the crash is still there.
    const hungThreadId = (first.value as { thread: { id: string } }).thread.id;
    const threads = await client.listThreads({ order: 'asc' });
    expect(threads.data.map((thread) => thread.id)).toEqual([hungThreadId, threadIdOf(events)]);
    expect((await client.listItems(hungThreadId)).data.map((item) => item.type)).toEqual(['user_message']);
  });

  test('without a factory, a dead worker gives a clear error', async () => {
    const worker = startWorker();
    const { client } = clientFor(worker);
    await collect(client.createThread('echo: alive'));
    worker.terminate();
    await expect(collect(client.createThread('hang'))).rejects.toBeInstanceOf(WorkerDiedError);
    await expect(client.listThreads()).rejects.toThrow(/worker has stopped|worker stopped/);
  });

  test('requests outside the base path go to the fallback fetch untouched', async () => {
    const seen: [RequestInfo | URL, RequestInit | undefined][] = [];
    const fallback = (async (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push([input, init]);
      return new Response('from the network');
    }) as typeof fetch;
    const fetch = createChatKitFetch({ worker: startWorker(), url: '/chatkit', fallbackFetch: fallback });
    const init = { method: 'POST', body: 'x', headers: { 'x-test': '1' } };
    const response = await fetch('/api/other', init);
    expect(await response.text()).toBe('from the network');
    expect(seen).toEqual([['/api/other', init]]);
    await fetch('/chatkitten');
    expect(seen).toHaveLength(2);
  });
});

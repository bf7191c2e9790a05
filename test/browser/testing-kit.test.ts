/**
 * `chatkit-local/testing/browser` in real Chromium: the scripted server in a worker behind
 * `createChatKitFetch`, set up in one call. The first test is the README's component-test recipe: the
 * chat element (`<chatkit-local-chat>`) mounted against the worker mock.
 */
import { afterEach, describe, expect, onTestFinished, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ChatKitClient } from 'chatkit-local/client';
import {
  assistantMessage,
  mockChatKitWorker,
  on,
  pause,
  reply,
  userMessage,
  type ChatKitWorkerMock,
  type ChatKitWorkerMockOptions,
} from 'chatkit-local/testing/browser';
import 'chatkit-local/ui';

const mocks: ChatKitWorkerMock[] = [];
afterEach(() => {
  for (const mock of mocks.splice(0)) mock.close();
});

async function start(options: ChatKitWorkerMockOptions): Promise<ChatKitWorkerMock> {
  const mock = await mockChatKitWorker(options);
  mocks.push(mock);
  return mock;
}

async function collect<T>(events: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const event of events) out.push(event);
  return out;
}

describe('a component test against the worker mock', () => {
  test('the chat element shows seeded chats, streams a scripted reply, and the store has it', async () => {
    const chatkit = await start({
      url: '/api/chatkit',
      script: [on('hi', reply(['Hello ', pause(), 'from the worker']))],
    });
    await chatkit.seedThread({ title: 'Earlier chat', items: [userMessage('before'), assistantMessage('after')] });

    const chat = document.createElement('chatkit-local-chat');
    chat.setOptions({ api: { url: '/api/chatkit', fetch: chatkit.fetch } });
    document.body.append(chat);
    onTestFinished(() => chat.remove());

    await expect.element(page.getByText('Earlier chat')).toBeVisible();
    await userEvent.fill(page.getByRole('textbox', { name: 'Message' }), 'hi');
    await userEvent.keyboard('{Enter}');
    const conversation = page.getByRole('log', { name: 'Conversation' });
    await expect.element(conversation).toHaveTextContent('Hello');
    await expect.element(conversation).not.toHaveTextContent('from the worker');
    await chatkit.resume();
    await expect.element(conversation).toHaveTextContent('Hello from the worker');

    const response = await chatkit.nextResponse();
    expect(response).toMatchObject({ type: 'threads.create', outcome: 'completed' });
    expect(chatkit.sentMessages().map((message) => message.text)).toEqual(['hi']);
    const items = await chatkit.items(response.threadId!);
    expect(items.map((item) => item.type)).toEqual(['user_message', 'assistant_message']);
  });
});

describe('mockChatKitWorker', () => {
  test('functions in the script run on the page, with the turn', async () => {
    const seen: string[] = [];
    const chatkit = await start({
      script: [
        on(
          (turn) => {
            seen.push(turn.text);
            return turn.text.startsWith('count');
          },
          reply(async (turn) => `${turn.text.split(' ').length - 1} words after "count"`),
        ),
      ],
    });
    const client = new ChatKitClient({ url: '/chatkit', fetch: chatkit.fetch });
    const events = await collect(client.createThread('count one two three'));
    expect(events.at(-1)).toMatchObject({ item: { content: [{ text: '3 words after "count"' }] } });
    expect(seen).toEqual(['count one two three']);
    await chatkit.use(on('count', reply('overridden')));
    expect((await collect(client.createThread('count'))).at(-1)).toMatchObject({
      item: { content: [{ text: 'overridden' }] },
    });
  });

  test('install makes it the global fetch until close; other URLs pass through', async () => {
    const original = globalThis.fetch;
    const chatkit = await start({ url: '/api/chatkit', install: true });
    expect(globalThis.fetch).toBe(chatkit.fetch);
    const client = new ChatKitClient({ url: '/api/chatkit' });
    expect((await collect(client.createThread('hello'))).at(-1)).toMatchObject({
      item: { content: [{ text: 'You said: hello' }] },
    });
    // Not the endpoint: the page's own server answers (the test page itself).
    expect((await fetch(location.href)).ok).toBe(true);
    expect(chatkit.requests.map((request) => request.type)).toEqual(['threads.create']);
    chatkit.close();
    expect(globalThis.fetch).toBe(original);
  });

  test('uploads are recorded on the page and stored in the worker, with a preview made there', async () => {
    const chatkit = await start({ url: '/api/chatkit' });
    const client = new ChatKitClient({ url: '/api/chatkit', fetch: chatkit.fetch });
    const canvas = new OffscreenCanvas(2, 2);
    canvas.getContext('2d')!.fillRect(0, 0, 2, 2);
    const png = new File([await canvas.convertToBlob({ type: 'image/png' })], 'dot.png', { type: 'image/png' });
    const twoPhase = await client.uploadAttachment(png);
    const direct = await client.uploadAttachment(new File(['text'], 'a.txt', { type: 'text/plain' }), {
      type: 'direct',
      uploadUrl: '/api/chatkit/attachments',
    });
    expect(twoPhase).toMatchObject({
      type: 'image',
      name: 'dot.png',
      preview_url: expect.stringMatching(/^data:image\//),
    });
    expect(direct).toMatchObject({ type: 'file', name: 'a.txt' });
    expect(chatkit.requests.map((request) => request.type)).toEqual([
      'attachments.create',
      'attachments.upload',
      'attachments.direct_upload',
    ]);
    expect(chatkit.requests[2]?.params).toEqual({ name: 'a.txt', mime_type: 'text/plain', size: 4 });
  });

  test('stopping mid-reply ends the response as cancelled, with the partial reply stored', async () => {
    const chatkit = await start({ script: [on('long', reply(['partial', pause()]))] });
    const client = new ChatKitClient({ url: '/chatkit', fetch: chatkit.fetch });
    const stop = new AbortController();
    await (async () => {
      for await (const event of client.createThread('long', { signal: stop.signal })) {
        if (event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.text_delta')
          stop.abort();
      }
    })().catch(() => undefined);
    const response = await chatkit.nextResponse();
    expect(response.outcome).toBe('cancelled');
    expect((await chatkit.items(response.threadId!)).map((item) => item.type)).toEqual([
      'user_message',
      'assistant_message',
      'sdk_hidden_context',
    ]);
  });

  test('the same seed gives the same store', async () => {
    const run = async () => {
      const chatkit = await start({ seed: 'browser' });
      const client = new ChatKitClient({ url: '/chatkit', fetch: chatkit.fetch });
      await collect(client.createThread('one'));
      await collect(client.createThread('two'));
      const snapshot = await chatkit.snapshot();
      chatkit.close();
      return snapshot;
    };
    const first = await run();
    expect(first).toHaveLength(2);
    expect(await run()).toEqual(first);
  });
});

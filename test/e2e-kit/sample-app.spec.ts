/**
 * The sample app (its own UI over `fetch`, no chatkit-local code) driven entirely through
 * `mockChatKit`: every scripted step type, uploads, stopping mid-stream, seeding, and the same store
 * on every run.
 */
import { Button, Card, Text } from 'chatkit-local/widgets';
import {
  clientToolCall,
  delay,
  error,
  mockChatKit,
  on,
  onAction,
  once,
  pause,
  progress,
  reply,
  title,
  userMessage,
  assistantMessage,
  widget,
  workflow,
  type ChatKitMock,
} from 'chatkit-local/testing';
import { APP_ENDPOINT, expect, routeSampleApp, SampleApp, test } from './fixtures.ts';

/** A 1x1 PNG. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test.describe('mockChatKit drives an app with its own UI', () => {
  test('a reply streams to the page chunk by chunk, held mid-way by a pause', async ({ page, app }) => {
    const chatkit = await mockChatKit(page, {
      url: APP_ENDPOINT,
      script: [on('tell me', progress('Thinking'), reply(['Once ', 'upon ', pause(), 'a time.']))],
    });
    await app.open();
    await app.send('tell me');
    // The server holds the rest of the reply: what the page shows came through an open stream.
    await expect(app.replies).toHaveText(['Once upon']);
    await expect(app.progress).toHaveText('Thinking');
    await expect(page.locator('body')).toHaveAttribute('data-busy', 'true');
    chatkit.resume();
    const response = await chatkit.nextResponse();
    expect(response.outcome).toBe('completed');
    await expect(app.replies).toHaveText(['Once upon a time.']);
    await expect(app.progress).toHaveText('');
    expect(chatkit.sentMessages().map((message) => message.text)).toEqual(['tell me']);
  });

  test('an unscripted message gets the echo; a title step names the thread', async ({ page, app }) => {
    const chatkit = await mockChatKit(page, {
      url: APP_ENDPOINT,
      script: [on('name it', title('Named'), reply('Done'))],
    });
    await app.open();
    await app.send('hello');
    await expect(app.replies).toHaveText(['You said: hello']);
    await app.send('name it');
    await expect(page.getByRole('heading')).toHaveText('Named');
    await expect(app.chats.getByRole('button')).toHaveText(['Named']);
    await chatkit.nextResponse();
    expect((await chatkit.nextResponse()).events.some((event) => event.type === 'thread.updated')).toBe(true);
  });

  test('a widget, its button answered by an action rule, and a workflow', async ({ page, app }) => {
    const chatkit = await mockChatKit(page, {
      url: APP_ENDPOINT,
      script: [
        on(
          'show',
          workflow(['Search', 'Read', 'Write'], { summary: { title: 'Researched' } }),
          widget(
            Card({
              children: [
                Text({ value: 'Pick a size' }),
                Button({ label: 'Large', onClickAction: { type: 'pick', payload: { size: 'L' } } }),
              ],
            }),
          ),
        ),
        onAction(
          'pick',
          reply((turn) => `You picked ${(turn.action?.payload as { size: string }).size}`),
        ),
      ],
    });
    await app.open();
    await app.send('show');
    await expect(app.conversation.getByRole('list', { name: 'Workflow' }).getByRole('listitem')).toHaveText([
      'Search',
      'Read',
      'Write',
    ]);
    await expect(app.conversation.getByText('Pick a size')).toBeVisible();
    await app.conversation.getByRole('button', { name: 'Large' }).click();
    await expect(app.replies).toHaveText(['You picked L']);
    await chatkit.nextResponse();
    const action = await chatkit.nextResponse();
    expect(action).toMatchObject({ type: 'threads.custom_action', outcome: 'completed' });
    expect(action.params).toMatchObject({ action: { type: 'pick', payload: { size: 'L' } } });
  });

  test('a client tool call is answered by the page, and the script answers its output', async ({ page, app }) => {
    const chatkit = await mockChatKit(page, {
      url: APP_ENDPOINT,
      script: [
        on(
          'where am I?',
          clientToolCall('get_page_title'),
          reply((turn) => `This page is "${(turn.toolOutput as { title: string }).title}".`),
        ),
      ],
    });
    await app.open();
    await app.send('where am I?');
    await expect(app.replies).toHaveText(['This page is "Sample chat".']);
    expect((await chatkit.nextResponse()).events.at(-1)).toMatchObject({
      type: 'thread.item.done',
      item: { type: 'client_tool_call', name: 'get_page_title', status: 'pending' },
    });
    const answer = await chatkit.nextResponse();
    expect(answer).toMatchObject({
      type: 'threads.add_client_tool_output',
      params: { result: { title: 'Sample chat' } },
    });
    const items = await chatkit.items(answer.threadId!);
    expect(items.find((item) => item.type === 'client_tool_call')).toMatchObject({
      status: 'completed',
      output: { title: 'Sample chat' },
    });
  });

  test('errors: one without a retry, and one whose retry succeeds', async ({ page, app }) => {
    const chatkit = await mockChatKit(page, {
      url: APP_ENDPOINT,
      script: [
        on('fail', error('The kitchen is closed')),
        once('book', error('Busy, try again', { allowRetry: true })),
        on('book', reply('Booked for two')),
      ],
    });
    await app.open();
    await app.send('fail');
    await expect(app.error).toContainText('The kitchen is closed');
    await expect(app.error.getByRole('button', { name: 'Retry' })).toBeHidden();
    expect((await chatkit.nextResponse()).outcome).toBe('failed');

    await app.send('book');
    await expect(app.error).toContainText('Busy, try again');
    expect((await chatkit.nextResponse()).outcome).toBe('failed');
    await app.error.getByRole('button', { name: 'Retry' }).click();
    await expect(app.replies).toHaveText(['Booked for two']);
    expect(await chatkit.nextResponse()).toMatchObject({ type: 'threads.retry_after_item', outcome: 'completed' });
    await expect(app.error).toBeHidden();
  });

  test('stop mid-stream: the server sees the cancellation and stores the partial reply', async ({ page, app }) => {
    const chatkit = await mockChatKit(page, {
      url: APP_ENDPOINT,
      script: [on('long story', reply(['It was ', 'a dark ', 'and stormy', delay(Infinity), ' night.']))],
    });
    await app.open();
    await app.send('long story');
    await expect(app.replies).toHaveText(['It was a dark and stormy']);
    await page.getByRole('button', { name: 'Stop' }).click();
    const response = await chatkit.nextResponse();
    expect(response.outcome).toBe('cancelled');
    const items = await chatkit.items(response.threadId!);
    expect(items.map((item) => item.type)).toEqual(['user_message', 'assistant_message', 'sdk_hidden_context']);
    expect(items[1]).toMatchObject({ content: [{ text: 'It was a dark and stormy' }] });
    await expect(page.locator('body')).toHaveAttribute('data-busy', 'false');
  });

  test('uploads, two-phase and direct, reach the store and the message', async ({ page, app }) => {
    const chatkit = await mockChatKit(page, { url: APP_ENDPOINT });
    await app.open();
    await app.attach({ name: 'pixel.png', mimeType: 'image/png', buffer: PIXEL }, 'two_phase');
    await app.attach({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('remember the milk') }, 'direct');
    await app.send('see attached');
    await expect(app.replies).toHaveText(['You said: see attached']);
    const image = app.conversation.getByRole('img', { name: 'pixel.png' });
    await expect(image).toBeVisible();
    // The preview URL is served by the mock from the uploaded bytes.
    expect(await image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBe(1);
    await expect(app.conversation.getByText('notes.txt')).toBeVisible();

    const uploads = chatkit.requests.filter((request) => request.type.startsWith('attachments.'));
    expect(uploads.map(({ type, method, params }) => ({ type, method, params }))).toEqual([
      {
        type: 'attachments.create',
        method: 'POST',
        params: { name: 'pixel.png', size: PIXEL.length, mime_type: 'image/png' },
      },
      {
        type: 'attachments.upload',
        method: 'PUT',
        params: {
          attachment_id: expect.stringMatching(/^atc_/),
          name: 'pixel.png',
          mime_type: 'image/png',
          size: PIXEL.length,
        },
      },
      {
        type: 'attachments.direct_upload',
        method: 'POST',
        params: { name: 'notes.txt', mime_type: 'text/plain', size: 17 },
      },
      { type: 'attachments.content', method: 'GET', params: { attachment_id: expect.stringMatching(/^atc_/) } },
    ]);
    const [message] = chatkit.sentMessages();
    expect(message?.input.attachments).toHaveLength(2);
    const response = await chatkit.nextResponse();
    const [user] = await chatkit.items(response.threadId!);
    expect(user).toMatchObject({
      type: 'user_message',
      attachments: [
        { name: 'pixel.png', type: 'image', thread_id: response.threadId },
        { name: 'notes.txt', type: 'file', thread_id: response.threadId },
      ],
    });
  });

  test('seeded threads, items and attachments are there when the page loads', async ({ page, app }) => {
    const chatkit = await mockChatKit(page, { url: APP_ENDPOINT });
    const photo = await chatkit.seedAttachment({ name: 'beach.png', mimeType: 'image/png', bytes: PIXEL });
    await chatkit.seedThread({ title: 'Older chat', items: [userMessage('first'), assistantMessage('hello')] });
    await chatkit.seedThread({
      title: 'Holiday',
      items: [userMessage('Look at this', { attachments: [photo] }), assistantMessage('Lovely beach!')],
    });
    await app.open();
    await expect(app.chats.getByRole('button')).toHaveText(['Holiday', 'Older chat']);
    await app.chats.getByRole('button', { name: 'Holiday' }).click();
    await expect(app.replies).toHaveText(['Lovely beach!']);
    const image = app.conversation.getByRole('img', { name: 'beach.png' });
    await expect(image).toBeVisible();
    expect(await image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBe(1);
    await app.send('and now?');
    await expect(app.replies).toHaveText(['Lovely beach!', 'You said: and now?']);
    const holiday = (await chatkit.threads()).find((thread) => thread.title === 'Holiday')!;
    expect((await chatkit.items(holiday.id)).map((item) => item.type)).toEqual([
      'user_message',
      'assistant_message',
      'user_message',
      'assistant_message',
    ]);
  });
});

test.describe('determinism', () => {
  /** One session touching ids and times everywhere: seeds, an upload, a tool call, a widget, a stop. */
  async function session(chatkit: ChatKitMock, app: SampleApp) {
    await chatkit.seedThread({ title: 'Seeded', items: [userMessage('before'), assistantMessage('after')] });
    await app.open();
    await app.attach({ name: 'pixel.png', mimeType: 'image/png', buffer: PIXEL }, 'two_phase');
    await app.send('hello');
    await chatkit.nextResponse();
    await app.send('tool');
    await chatkit.nextResponse();
    await chatkit.nextResponse();
    await app.send('long');
    await expect(app.replies.last()).toHaveText('partial');
    await app.page.getByRole('button', { name: 'Stop' }).click();
    expect((await chatkit.nextResponse()).outcome).toBe('cancelled');
    return {
      snapshot: await chatkit.snapshot(),
      requests: chatkit.requests.map(({ type, params }) => ({ type, params })),
      shown: await app.conversation.getByRole('listitem').allTextContents(),
    };
  }
  const script = [
    on('tool', clientToolCall('get_page_title'), widget(Card({ children: [Text({ value: 'Done' })] }))),
    on('long', reply(['partial', delay(Infinity)])),
  ];

  test('two runs of the same session store the same items, ids and times', async ({ browser, appServer }) => {
    const runs = [];
    for (let run = 0; run < 2; run++) {
      const context = await browser.newContext({ baseURL: 'http://sample-app.test' });
      const page = await context.newPage();
      await routeSampleApp(page, appServer);
      const chatkit = await mockChatKit(page, { url: APP_ENDPOINT, script, seed: 'determinism' });
      runs.push(await session(chatkit, new SampleApp(page)));
      await context.close();
    }
    const [first, second] = runs as [Awaited<ReturnType<typeof session>>, Awaited<ReturnType<typeof session>>];
    expect(first.snapshot).toHaveLength(2);
    expect(first.snapshot[1]!.items.map((item) => item.type)).toEqual([
      'user_message',
      'assistant_message',
      'user_message',
      'client_tool_call',
      'widget',
      'user_message',
      'assistant_message',
      'sdk_hidden_context',
    ]);
    expect(second.snapshot).toEqual(first.snapshot);
    expect(second.requests).toEqual(first.requests);
    expect(second.shown).toEqual(first.shown);
  });
});

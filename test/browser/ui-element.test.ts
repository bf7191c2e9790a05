/**
 * `<chatkit-local-chat>` (chatkit-local/ui) as a drop-in for the official `<openai-chatkit>`: its
 * options, methods and events checked against `@openai/chatkit`'s declarations (at compile time, by
 * the typecheck step), then each driven in Chromium against the scripted server in a worker.
 */
import type { ChatKitEvents, ChatKitOptions, OpenAIChatKit } from '@openai/chatkit';
import { afterEach, describe, expect, expectTypeOf, onTestFinished, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { mockChatKitWorker, on, reply, type ChatKitWorkerMock } from 'chatkit-local/testing/browser';
import { ChatKitClient } from 'chatkit-local/client';
import { ChatKitLocalChat, type ChatKitLocalOptions } from 'chatkit-local/ui';

/** The official element's methods, each of which ours has with the same parameters. */
const METHODS = {
  setOptions: true,
  focusComposer: true,
  setThreadId: true,
  sendCustomAction: true,
  sendUserMessage: true,
  setComposerValue: true,
  showHistory: true,
  hideHistory: true,
  fetchUpdates: true,
} as const satisfies Record<Exclude<keyof OpenAIChatKit, keyof HTMLElement>, true>;
type Method = keyof typeof METHODS;

/** Every official option, set (a new official option fails to compile here until it is listed). */
const EVERY_OFFICIAL_OPTION = {
  api: { url: '/api/chatkit', domainKey: 'domain_pk_test', uploadStrategy: { type: 'two_phase' } },
  locale: 'fr-FR',
  theme: {
    colorScheme: 'dark',
    radius: 'soft',
    density: 'compact',
    color: { accent: { primary: '#0f766e', level: 2 }, grayscale: { hue: 220, tint: 3 } },
    typography: { baseSize: 16, fontFamily: 'Inter, sans-serif' },
  },
  frameTitle: 'Support chat',
  initialThread: null,
  onClientTool: () => ({ ok: true }),
  header: { enabled: true, title: { enabled: true, text: 'Support' } },
  history: { enabled: true, showDelete: false, showRename: false },
  startScreen: { greeting: 'Bonjour', prompts: [{ label: 'Say hi', prompt: 'hi', icon: 'sparkle' }] },
  threadItemActions: { feedback: true, retry: true },
  composer: {
    placeholder: 'Ask support',
    attachments: {
      enabled: true,
      maxSize: { 'image/*': 1024, '*': 2048 },
      maxCount: 2,
      accept: { 'image/*': ['.png'] },
    },
    tools: [{ id: 'search', label: 'Search', icon: 'search' }],
    models: [{ id: 'fast', label: 'Fast', default: true }],
    dictation: { enabled: false },
  },
  disclaimer: { text: 'Answers may be **wrong**.', highContrast: true },
  entities: { onClick: () => undefined },
  commands: { enabled: false },
  widgets: { onAction: async () => undefined },
  thread: { autoScroll: true },
} satisfies Required<ChatKitOptions>;

describe('the official interface, at compile time', () => {
  test('every ChatKitOptions value is an options value of ours, and the tag is declared', () => {
    expectTypeOf<ChatKitOptions>().toExtend<ChatKitLocalOptions>();
    expectTypeOf<ChatKitOptions>().toExtend<Parameters<ChatKitLocalChat['setOptions']>[0]>();
    expectTypeOf<HTMLElementTagNameMap['chatkit-local-chat']>().toEqualTypeOf<ChatKitLocalChat>();
    expectTypeOf(document.createElement('chatkit-local-chat')).toEqualTypeOf<ChatKitLocalChat>();
    expect(Object.keys(EVERY_OFFICIAL_OPTION)).toHaveLength(16);
  });

  test('each method takes the official parameters and returns what the official one does', () => {
    type Accepts<M extends Method> =
      Parameters<OpenAIChatKit[M]> extends Parameters<ChatKitLocalChat[M]> ? true : false;
    type Returns<M extends Method> =
      ReturnType<ChatKitLocalChat[M]> extends ReturnType<OpenAIChatKit[M]> ? true : false;
    expectTypeOf<{ [M in Method]: Accepts<M> }>().toEqualTypeOf<{ [M in Method]: true }>();
    expectTypeOf<{ [M in Method]: Returns<M> }>().toEqualTypeOf<{ [M in Method]: true }>();
    // The element itself is usable wherever an app expects the official one.
    expectTypeOf<ChatKitLocalChat>().toExtend<Pick<OpenAIChatKit, Method>>();
    for (const method of Object.keys(METHODS) as Method[]) {
      expect(typeof ChatKitLocalChat.prototype[method], method).toBe('function');
    }
  });

  test('listeners of chatkit.* events get the official event types', () => {
    const chat = document.createElement('chatkit-local-chat');
    const listener = (event: ChatKitEvents['chatkit.thread.change']) => event.detail.threadId;
    chat.addEventListener('chatkit.thread.change', listener);
    chat.addEventListener('chatkit.error', (event) => expectTypeOf(event.detail.error).toEqualTypeOf<Error>());
    chat.removeEventListener('chatkit.thread.change', listener);
    expect(chat).toBeInstanceOf(ChatKitLocalChat);
  });
});

const mocks: ChatKitWorkerMock[] = [];
afterEach(() => {
  for (const mock of mocks.splice(0)) mock.close();
});

/** The scripted server in a worker, and the element mounted against it with `options`. */
async function mount(options: Omit<ChatKitLocalOptions, 'api'> = {}) {
  const chatkit = await mockChatKitWorker({ url: '/api/chatkit', script: [on('hi', reply('Hello from the worker'))] });
  mocks.push(chatkit);
  const chat = document.createElement('chatkit-local-chat');
  const events: string[] = [];
  for (const type of [
    'chatkit.ready',
    'chatkit.thread.change',
    'chatkit.thread.load.start',
    'chatkit.thread.load.end',
    'chatkit.response.start',
    'chatkit.response.end',
    'chatkit.history.open',
    'chatkit.history.close',
    'chatkit.tool.change',
    'chatkit.error',
  ] as const) {
    chat.addEventListener(type, () => events.push(type));
  }
  const ready = new Promise((resolve) => chat.addEventListener('chatkit.ready', resolve, { once: true }));
  chat.setOptions({ ...options, api: { url: '/api/chatkit', fetch: chatkit.fetch } });
  chat.style.height = '600px';
  document.body.append(chat);
  onTestFinished(() => chat.remove());
  await ready;
  return { chatkit, chat, events, root: chat.shadowRoot! };
}

describe('<chatkit-local-chat> driven through the official interface', () => {
  test('the official options object shows up: greeting, prompts, placeholder, title, disclaimer, limits', async () => {
    const { api: _api, ...official } = EVERY_OFFICIAL_OPTION;
    const { root } = await mount({ ...official, theme: { ...official.theme, colorScheme: 'light' } });
    const app = root.querySelector<HTMLElement>('.app')!;
    expect(app.getAttribute('aria-label')).toBe('Support chat');
    expect(app.lang).toBe('fr-FR');
    expect(app.dataset.radius).toBe('soft');
    expect(app.dataset.density).toBe('compact');
    expect(app.style.getPropertyValue('--ck-accent')).toBe('#0f766e');
    expect(root.querySelector('.topbar-title')!.textContent).toBe('Support');
    expect(root.querySelector('.start-screen h2')!.textContent).toBe('Bonjour');
    expect(root.querySelector('.suggestion')!.textContent).toBe('Say hi');
    expect(root.querySelector<HTMLTextAreaElement>('.composer-input')!.placeholder).toBe('Ask support');
    expect(root.querySelector('.disclaimer strong')!.textContent).toBe('wrong');
    expect(root.querySelector<HTMLInputElement>('input[type=file]')!.accept).toBe('image/*,.png');
    expect([...root.querySelectorAll('select option')].map((option) => option.textContent)).toEqual([
      'Tools',
      'Search',
      'Fast',
    ]);
  });

  test('each theme.radius draws the corners of the controls differently', async () => {
    const { chat, root } = await mount();
    const composer = root.querySelector<HTMLElement>('.composer')!;
    const corners: Record<string, string> = {};
    for (const radius of ['pill', 'round', 'soft', 'sharp'] as const) {
      chat.setOptions({ ...chat.options!, theme: { radius } });
      corners[radius] = getComputedStyle(composer).borderTopLeftRadius;
    }
    expect(corners).toEqual({ pill: '22px', round: '14px', soft: '8px', sharp: '3px' });
  });

  test('sendUserMessage streams a reply; events say when it starts and ends and which thread is open', async () => {
    const { chat, chatkit, events } = await mount({ threadItemActions: { feedback: true, retry: true } });
    expect(events).toEqual(['chatkit.ready']);
    await chat.sendUserMessage({ text: 'hi' });
    await expect.element(page.getByRole('log', { name: 'Conversation' })).toHaveTextContent('Hello from the worker');
    expect(events).toEqual([
      'chatkit.ready',
      'chatkit.response.start',
      'chatkit.thread.change',
      'chatkit.response.end',
    ]);
    const response = await chatkit.nextResponse();
    expect(response).toMatchObject({ type: 'threads.create', outcome: 'completed' });
    await expect.element(page.getByRole('button', { name: 'Good response' })).toBeVisible();

    // Back to a new thread, then the first one again, by id.
    await chat.setThreadId(null);
    await chat.setThreadId(response.threadId);
    expect(events.slice(4)).toEqual([
      'chatkit.thread.change',
      'chatkit.thread.load.start',
      'chatkit.thread.change',
      'chatkit.thread.load.end',
    ]);
    await expect.element(page.getByRole('log', { name: 'Conversation' })).toHaveTextContent('Hello from the worker');
    await expect(chat.setThreadId('thr_missing')).rejects.toThrow();
  });

  test('setComposerValue fills the composer, and the tool choice is sent with the message', async () => {
    const { chat, chatkit, events } = await mount({
      composer: { tools: [{ id: 'search', label: 'Search', icon: 'search', pinned: true }] },
    });
    await chat.setComposerValue({ text: 'hi', selectedToolId: 'search', reply: 'an earlier answer' });
    expect(events).toContain('chatkit.tool.change');
    await expect.element(page.getByRole('button', { name: 'Search' })).toHaveAttribute('aria-pressed', 'true');
    await expect.element(page.getByText('Replying to: an earlier answer')).toBeVisible();
    await chat.focusComposer();
    await userEvent.keyboard('{Enter}');
    const response = await chatkit.nextResponse();
    expect(response.outcome).toBe('completed');
    const [message] = await chatkit.items(response.threadId!);
    expect(message).toMatchObject({
      type: 'user_message',
      quoted_text: 'an earlier answer',
      inference_options: { tool_choice: { id: 'search' } },
    });
    await expect.element(page.getByRole('button', { name: 'Search' })).toHaveAttribute('aria-pressed', 'false');
  });

  test('showHistory and hideHistory open and close the history, beside the chat or as a drawer', async () => {
    await page.viewport(1100, 700);
    const { chat, events, root } = await mount();
    const menu = root.querySelector('.menu-button')!;
    const sidebar = root.querySelector<HTMLElement>('.sidebar')!;
    await chat.hideHistory();
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    expect(sidebar.checkVisibility()).toBe(false);
    await chat.showHistory();
    expect(menu.getAttribute('aria-expanded')).toBe('true');
    expect(sidebar.checkVisibility()).toBe(true);
    expect(events.slice(1)).toEqual(['chatkit.history.close', 'chatkit.history.open']);

    // A phone: the history is a drawer, closed (and inert) until asked for.
    await page.viewport(390, 700);
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
    expect(sidebar.inert).toBe(true);
    await chat.showHistory();
    expect(menu.getAttribute('aria-expanded')).toBe('true');
    expect(sidebar.inert).toBe(false);
    await chat.hideHistory();
    expect(events.slice(3)).toEqual(['chatkit.history.open', 'chatkit.history.close']);
  });

  test('fetchUpdates shows a thread made on the server meanwhile', async () => {
    const { chat, chatkit } = await mount();
    await chatkit.seedThread({ title: 'Made elsewhere', items: [] });
    await expect.element(page.getByText('Made elsewhere')).not.toBeInTheDocument();
    await chat.fetchUpdates();
    await expect.element(page.getByText('Made elsewhere')).toBeVisible();
  });

  test('fetchUpdates adds what another client sent and keeps the elements (and a selection) of unchanged items', async () => {
    const { chat, chatkit, root } = await mount();
    await chat.sendUserMessage({ text: 'hi' });
    const { threadId } = await chatkit.nextResponse();
    await expect.element(page.getByRole('log', { name: 'Conversation' })).toHaveTextContent('Hello from the worker');
    const message = root.querySelector('.item[data-item-type="user_message"]')!;
    const selection = document.getSelection()!;
    selection.selectAllChildren(message);
    const selected = selection.toString();
    expect(selected).toContain('hi');

    // Another tab answers in the same thread; this element is told to catch up.
    const elsewhere = new ChatKitClient({ url: '/api/chatkit', fetch: chatkit.fetch });
    for await (const _event of elsewhere.addUserMessage(threadId!, 'hi'));
    await chat.fetchUpdates(threadId!);
    await expect.poll(() => root.querySelectorAll('.item[data-item-type="user_message"]').length).toBe(2);
    expect(root.querySelector('.item[data-item-type="user_message"]')).toBe(message);
    expect(message.isConnected).toBe(true);
    expect(selection.toString()).toBe(selected);
  });

  test('a hosted api config (getClientSecret) has no server here: the element says so and reports it', async () => {
    const chat = document.createElement('chatkit-local-chat');
    const errors: Error[] = [];
    chat.addEventListener('chatkit.error', (event) => errors.push(event.detail.error));
    chat.setOptions({ api: { getClientSecret: async () => 'secret' } });
    document.body.append(chat);
    onTestFinished(() => chat.remove());
    expect(errors.map((error) => error.message)).toEqual([expect.stringContaining('getClientSecret')]);
    await expect.element(page.getByRole('textbox', { name: 'Message' })).toBeDisabled();
  });
});

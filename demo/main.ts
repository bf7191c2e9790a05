/**
 * The demo page: starts the server worker, makes the fetch that talks to it, and mounts the chat UI
 * from `chatkit-local/ui` (or, with `?ui=official`, OpenAI's ChatKit web component with the very
 * same options, against the same worker). What is the demo's own: the start screen's prompts, the
 * theme switch, the settings button and dialog, keeping the open thread in the URL, and, when the
 * chats are encrypted, asking for the passphrase before any of it.
 */
import { createChatKitFetch } from 'chatkit-local/client';
import type { ChatKitLocalOptions } from 'chatkit-local/ui';
import { clientTools, handleClientAction } from './client-tools.ts';
import { enforceOfflinePolicy } from './csp.ts';
import { h, icon } from './dom.ts';
import type { ResponderSettingsView } from './responder-settings.ts';
import { createSettingsClient } from './settings-client.ts';
import { dataButtons } from './data-buttons.ts';
import { createDataControls } from './data-client.ts';
import { createEncryptionClient } from './encryption-client.ts';
import { keepLive } from './live-refresh.ts';
import { unlockChats } from './unlock-prompt.ts';
import './styles/settings.css';
import './styles/unlock.css';

const CHATKIT_URL = '/chatkit';
const THEME_KEY = 'chatkit-local-demo:theme';
const ROUTE = /^#\/t\/([\w-]+)$/;

const params = new URLSearchParams(location.search);
const official = params.get('ui') === 'official';
if (!official) enforceOfflinePolicy();

// Every request to /chatkit is answered by this worker; a worker that dies is restarted on the next one.
// All tabs share one SharedWorker (one server) where the browser has them, else each runs its own;
// `?worker=dedicated` picks the fallback on purpose.
const shared = typeof SharedWorker === 'function' && params.get('worker') !== 'dedicated';
const workerFetch = createChatKitFetch({
  worker: () =>
    shared
      ? new SharedWorker(new URL('./worker/chat-worker.ts', import.meta.url), {
          type: 'module',
          name: 'chatkit-server',
        })
      : new Worker(new URL('./worker/chat-worker.ts', import.meta.url), { type: 'module', name: 'chatkit-server' }),
  url: CHATKIT_URL,
});

/**
 * The worker's fetch; a 423 means the chats got locked after this page opened (another tab, with a
 * worker of its own, turned encryption on, or a restarted worker lost the key): reloading asks for
 * the passphrase again.
 */
const chatKitFetch: typeof fetch = async (input, init) => {
  const response = await workerFetch(input, init);
  if (response.status === 423) location.reload();
  return response;
};

const root = document.getElementById('app')!;
let theme = initialTheme();
document.documentElement.dataset.theme = theme;

// Encrypted chats open only with the passphrase: nothing else reads them until then.
const encryption = createEncryptionClient(chatKitFetch);
await unlockChats(encryption, root);

/** The options both elements take. */
function options(notify: (message: string) => void): ChatKitLocalOptions {
  return {
    api: { url: CHATKIT_URL, fetch: chatKitFetch, uploadStrategy: { type: 'two_phase' } },
    theme: { colorScheme: theme },
    history: { enabled: true, showDelete: true, showRename: true },
    threadItemActions: { feedback: true, retry: true },
    composer: { placeholder: 'Ask anything, or type /help', attachments: { enabled: true } },
    startScreen: {
      greeting: 'What can I help with today?',
      prompts: [
        { label: 'Show a widget', prompt: '/widget', icon: 'cube' },
        { label: 'Fill in a form', prompt: '/form', icon: 'write' },
        { label: 'Run a workflow', prompt: '/workflow', icon: 'bolt' },
        { label: 'Use a client tool', prompt: '/tool', icon: 'compass' },
        { label: 'Ask me a question', prompt: '/question', icon: 'info' },
        { label: 'Long answer (try Stop)', prompt: '/long', icon: 'book-open' },
        { label: 'Markdown tour', prompt: '/markdown', icon: 'document' },
        { label: 'Everything else', prompt: '/help', icon: 'sparkle' },
      ],
    },
    disclaimer: { text: 'Runs entirely in your browser: the server is a Web Worker, your chats stay in IndexedDB.' },
    onClientTool: ({ name, params }) => {
      const tool = clientTools[name];
      return tool ? tool(params) : { error: `This page has no client tool named "${name}".` };
    },
    widgets: { onAction: (action) => handleClientAction(action, notify) },
  };
}

if (official) {
  const { mountOfficialChatKit } = await import('./official.ts');
  mountOfficialChatKit(
    root,
    options((message) => console.info(message)),
  ).catch((error: unknown) => {
    root.textContent = error instanceof Error ? error.message : String(error);
  });
} else {
  await import('chatkit-local/ui');
  const chat = document.createElement('chatkit-local-chat');
  const settings = createSettingsClient(chatKitFetch);
  const note = h('p', { class: 'sidebar-note' }, footerText(null));
  const footer = h(
    'div',
    { slot: 'history-footer', class: 'sidebar-footer' },
    dataButtons(createDataControls(chatKitFetch), chat),
    note,
  );
  const { SettingsDialog } = await import('./settings-dialog.ts');
  const responder = h(
    'button',
    { type: 'button', class: 'responder-button', 'aria-haspopup': 'dialog', title: 'Settings: who answers' },
    // The icon is all a phone shows (the name is hidden there).
    icon('settings'),
    h('span', { class: 'visually-hidden' }, 'Settings: '),
    h('span', { class: 'responder-name' }, 'Scripted'),
  );
  const dialog = new SettingsDialog({
    source: settings,
    encryption,
    onEncryptionChanged: (message) => chat.showToast(message),
    onSaved: (view) => {
      showResponder(view);
      chat.showToast(
        view.responder === 'model'
          ? `Settings saved: ${view.model.model} answers from now on`
          : 'Settings saved: the scripted assistant answers',
      );
    },
  });
  responder.addEventListener('click', () => {
    dialog
      .open(responder)
      .catch((error: unknown) => chat.showToast(`Could not open the settings: ${messageOf(error)}`));
  });
  chat.append(h('span', { slot: 'header-end', class: 'header-end' }, responder, dialog.element), footer);

  /** Says who answers: on the header's button and in the history's footer. */
  const showResponder = (view: ResponderSettingsView) => {
    note.textContent = footerText(view);
    const name = view.responder === 'model' ? view.model.model : 'Scripted';
    responder.querySelector('.responder-name')!.textContent = name;
    responder.dataset.responder = view.responder;
    responder.title =
      view.responder === 'model'
        ? `Settings: ${view.model.model} at ${view.model.baseURL} answers`
        : 'Settings: the scripted assistant answers';
  };

  const configure = () => {
    chat.setOptions({
      ...options((message) => chat.showToast(message)),
      initialThread: threadInHash(),
      header: {
        rightAction: {
          icon: theme === 'dark' ? 'light-mode' : 'dark-mode',
          label: theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme',
          onClick: () => {
            theme = theme === 'dark' ? 'light' : 'dark';
            document.documentElement.dataset.theme = theme;
            localStorage.setItem(THEME_KEY, theme);
            configure();
          },
        },
      },
    });
  };

  // The chat is the page: typing goes to it from the start.
  chat.addEventListener('chatkit.ready', () => void chat.focusComposer());
  chat.addEventListener('chatkit.effect', (event) => {
    const { name, data } = event.detail;
    chat.showToast(typeof data?.message === 'string' ? data.message : `Effect: ${name}`);
  });
  // The open thread lives in the URL, so a reload (or a second tab) opens it again.
  chat.addEventListener('chatkit.thread.change', (event) => {
    const hash = event.detail.threadId ? `#/t/${event.detail.threadId}` : '';
    if (location.hash !== hash) history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
  });
  window.addEventListener('hashchange', () => {
    const threadId = threadInHash();
    chat.setThreadId(threadId).catch(() => {
      history.replaceState(null, '', location.pathname + location.search);
      void chat.setThreadId(null);
    });
  });
  configure();
  root.replaceChildren(chat);
  // What other tabs change shows up here without a reload.
  void keepLive(chatKitFetch, CHATKIT_URL, chat, new AbortController().signal);
  settings
    .load()
    .then(showResponder, (error: unknown) => chat.showToast(`Could not read the settings: ${messageOf(error)}`));
}

function threadInHash(): string | null {
  return ROUTE.exec(location.hash)?.[1] ?? null;
}

/** `?theme=` wins, then the last choice, then the system setting. */
function initialTheme(): 'light' | 'dark' {
  const asked = params.get('theme') ?? localStorage.getItem(THEME_KEY);
  if (asked === 'light' || asked === 'dark') return asked;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The history's one line about where things run (and, with a model, where answers come from). */
function footerText(view: ResponderSettingsView | null): string {
  const base = 'Server in a Web Worker · data in IndexedDB';
  if (view?.responder !== 'model') return `${base} · no network`;
  return `${base} · answers from ${view.model.model} at ${hostOf(view.model.baseURL)}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

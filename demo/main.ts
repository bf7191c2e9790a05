/**
 * The demo page: starts the server worker, makes the fetch that talks to it, and mounts the chat UI
 * (or, with `?ui=official`, OpenAI's ChatKit web component against the same worker).
 */
import { createChatKitFetch } from 'chatkit-local/client';
import { clientTools, handleClientAction } from './client-tools.ts';
import { enforceOfflinePolicy } from './csp.ts';
import { createSettingsClient } from './settings-client.ts';
import { keepLive } from './live-refresh.ts';
import { defineChatElement, type ChatKitLocalChat } from './ui/chat-element.ts';

const CHATKIT_URL = '/chatkit';
const THEME_KEY = 'chatkit-local-demo:theme';

const params = new URLSearchParams(location.search);
const official = params.get('ui') === 'official';
if (!official) enforceOfflinePolicy();

// Every request to /chatkit is answered by this worker; a worker that dies is restarted on the next one.
// All tabs share one SharedWorker (one server) where the browser has them, else each runs its own;
// `?worker=dedicated` picks the fallback on purpose.
const shared = typeof SharedWorker === 'function' && params.get('worker') !== 'dedicated';
const chatKitFetch = createChatKitFetch({
  worker: () =>
    shared
      ? new SharedWorker(new URL('./worker/chat-worker.ts', import.meta.url), {
          type: 'module',
          name: 'chatkit-server',
        })
      : new Worker(new URL('./worker/chat-worker.ts', import.meta.url), { type: 'module', name: 'chatkit-server' }),
  url: CHATKIT_URL,
});

const root = document.getElementById('app')!;
const theme = initialTheme();
document.documentElement.dataset.theme = theme;

if (official) {
  const { mountOfficialChatKit } = await import('./official.ts');
  mountOfficialChatKit(root, {
    fetch: chatKitFetch,
    url: CHATKIT_URL,
    theme,
    tools: clientTools,
    onClientAction: (action) => handleClientAction(action, (message) => console.info(message)),
  }).catch((error: unknown) => {
    root.textContent = error instanceof Error ? error.message : String(error);
  });
} else {
  defineChatElement();
  const chat = document.createElement('chatkit-local-chat') as ChatKitLocalChat;
  chat.fetch = chatKitFetch;
  chat.tools = clientTools;
  chat.onClientAction = (action) => handleClientAction(action, (message) => chat.showToast(message));
  // Who answers (scripted or a model), kept by the worker; read and written through the same fetch.
  chat.settings = createSettingsClient(chatKitFetch);
  chat.setAttribute('url', CHATKIT_URL);
  chat.setAttribute('theme', theme);
  chat.setAttribute('hash-routing', '');
  chat.addEventListener('chatkit-theme-change', (event) => {
    const picked = (event as CustomEvent<'light' | 'dark'>).detail;
    document.documentElement.dataset.theme = picked;
    localStorage.setItem(THEME_KEY, picked);
  });
  chat.addEventListener('chatkit-effect', (event) => {
    const { name, data } = (event as CustomEvent<{ name: string; data: Record<string, unknown> }>).detail;
    chat.showToast(typeof data.message === 'string' ? data.message : `Effect: ${name}`);
  });
  root.replaceChildren(chat);
  // What other tabs change shows up here without a reload.
  void keepLive(chatKitFetch, CHATKIT_URL, chat, new AbortController().signal);
}

/** `?theme=` wins, then the last choice, then the system setting. */
function initialTheme(): 'light' | 'dark' {
  const asked = params.get('theme') ?? localStorage.getItem(THEME_KEY);
  if (asked === 'light' || asked === 'dark') return asked;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

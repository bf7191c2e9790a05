/**
 * The switch to the official ChatKit web component (`?ui=official`), driving the same worker
 * through `api.fetch`. It loads `chatkit.js` from OpenAI's CDN, so it needs a network and sends
 * data to OpenAI's hosts; the demo never loads it unless asked.
 */

/** Where the official component is published (it cannot be installed from npm or pinned). */
export const CHATKIT_SCRIPT_URL = 'https://cdn.platform.openai.com/deployments/chatkit/chatkit.js';

/** The part of `<openai-chatkit>` used here. */
interface OpenAIChatKitElement extends HTMLElement {
  setOptions(options: Record<string, unknown>): void;
}

/** What the official component gets from the page. */
export interface OfficialOptions {
  /** The fetch from `createChatKitFetch`: every ChatKit call is answered by the worker. */
  fetch: typeof fetch;
  /** The ChatKit endpoint the worker answers. */
  url: string;
  theme: 'light' | 'dark';
  tools: Record<string, (args: Record<string, unknown>) => Record<string, unknown>>;
  onClientAction: (action: { type: string; payload?: unknown }) => Promise<void>;
}

/** Loads the official component and mounts it in `container`. */
export async function mountOfficialChatKit(container: HTMLElement, options: OfficialOptions): Promise<void> {
  await loadScript(CHATKIT_SCRIPT_URL);
  await customElements.whenDefined('openai-chatkit');
  const chatkit = document.createElement('openai-chatkit') as OpenAIChatKitElement;
  chatkit.setOptions({
    api: {
      url: new URL(options.url, location.href).href,
      domainKey: 'local-dev', // any placeholder is accepted on localhost
      fetch: options.fetch,
      uploadStrategy: { type: 'two_phase' },
    },
    theme: { colorScheme: options.theme },
    history: { enabled: true, showDelete: true, showRename: true },
    threadItemActions: { feedback: true, retry: true },
    composer: { placeholder: 'Message the offline assistant, or type /help', attachments: { enabled: true } },
    startScreen: {
      greeting: 'The same offline server, in the official UI',
      prompts: [
        { label: 'Show a widget', prompt: '/widget', icon: 'sparkle' },
        { label: 'Run a workflow', prompt: '/workflow', icon: 'bolt' },
        { label: 'Use a client tool', prompt: '/tool', icon: 'compass' },
        { label: 'Everything else', prompt: '/help', icon: 'circle-question' },
      ],
    },
    onClientTool: ({ name, params }: { name: string; params: Record<string, unknown> }) => {
      const tool = options.tools[name];
      return tool ? tool(params) : { error: `This page has no client tool named "${name}".` };
    },
    widgets: { onAction: (action: { type: string; payload?: unknown }) => options.onClientAction(action) },
  });
  chatkit.style.display = 'block';
  chatkit.style.height = '100%';
  container.replaceChildren(chatkit);
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () =>
      reject(new Error(`Could not load ${src}: the official ChatKit UI needs a network connection.`));
    document.head.append(script);
  });
}

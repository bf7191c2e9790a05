/**
 * The switch to the official ChatKit web component (`?ui=official`), driving the same worker
 * through `api.fetch`. It loads `chatkit.js` from OpenAI's CDN, so it needs a network and sends
 * data to OpenAI's hosts; the demo never loads it unless asked.
 */

import type { ChatKitOptions, OpenAIChatKit } from '@openai/chatkit';
import type { ChatKitLocalApiConfig, ChatKitLocalOptions } from 'chatkit-local/ui';

/** Where the official component is published (it cannot be installed from npm or pinned). */
export const CHATKIT_SCRIPT_URL = 'https://cdn.platform.openai.com/deployments/chatkit/chatkit.js';

/**
 * Loads the official component and mounts it in `container` with `options`, the very object
 * `<chatkit-local-chat>` takes: only the API's URL becomes absolute and gets a domain key (any
 * placeholder is accepted on localhost).
 */
export async function mountOfficialChatKit(container: HTMLElement, options: ChatKitLocalOptions): Promise<void> {
  await loadScript(CHATKIT_SCRIPT_URL);
  await customElements.whenDefined('openai-chatkit');
  const chatkit = document.createElement('openai-chatkit') as OpenAIChatKit;
  const api = options.api as ChatKitLocalApiConfig;
  chatkit.setOptions({
    ...(options as ChatKitOptions),
    api: { ...api, url: new URL(api.url, location.href).href, domainKey: 'local-dev' },
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

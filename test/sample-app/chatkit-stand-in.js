// A stand-in for OpenAI's chatkit.js, which is loaded from OpenAI's CDN and so cannot run without a
// network. It defines <openai-chatkit> with the part of the real element's interface a test needs
// to check an app's wiring: setOptions({ api: { url, fetch? } }) and sendUserMessage({ text }),
// speaking the ChatKit protocol to api.url as the real element does, and firing
// chatkit.response.start / chatkit.response.end. It renders the assistant's text and nothing else.

class OpenAIChatKitStandIn extends HTMLElement {
  #options = null;
  #threadId = null;

  connectedCallback() {
    if (!this.shadowRoot) this.attachShadow({ mode: 'open' }).innerHTML = '<ol aria-label="Messages"></ol>';
  }

  setOptions(options) {
    this.#options = options;
    void this.#request('threads.list', { limit: 20, order: 'desc' });
  }

  async sendUserMessage({ text }) {
    const input = { content: [{ type: 'input_text', text }], attachments: [], inference_options: {} };
    const response = await (this.#threadId
      ? this.#request('threads.add_user_message', { thread_id: this.#threadId, input })
      : this.#request('threads.create', { input }));
    this.dispatchEvent(new CustomEvent('chatkit.response.start'));
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (let step = await reader.read(); !step.done; step = await reader.read()) {
      buffer += step.value;
      const frames = buffer.split('\n\n');
      buffer = frames.pop();
      for (const frame of frames) this.#apply(JSON.parse(frame.replace(/^data: /, '')));
    }
    this.dispatchEvent(new CustomEvent('chatkit.response.end'));
  }

  #apply(event) {
    if (event.type === 'thread.created') this.#threadId = event.thread.id;
    if (event.type === 'thread.item.done' && event.item.type === 'assistant_message') {
      const entry = document.createElement('li');
      entry.textContent = event.item.content.map((part) => part.text).join('');
      this.shadowRoot.querySelector('ol').append(entry);
    }
  }

  #request(type, params) {
    const { url, fetch: customFetch } = this.#options.api;
    return (customFetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type, params }),
    });
  }
}

customElements.define('openai-chatkit', OpenAIChatKitStandIn);

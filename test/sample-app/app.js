// A small chat app with its own UI, speaking the ChatKit protocol to its backend at /api/chatkit
// with nothing but `fetch`. It stands for any app whose end-to-end suite replaces that backend with
// `mockChatKit`: nothing here knows about chatkit-local.

const ENDPOINT = '/api/chatkit';

/** Client tools this page answers, by name. */
const TOOLS = {
  get_page_title: () => ({ title: document.title }),
};

const $ = (id) => document.getElementById(id);
const state = {
  threadId: null,
  /** Items in order of arrival, by id. */
  items: new Map(),
  /** Attachments uploaded for the next message. */
  attachments: [],
  /** Aborts the response in flight (the Stop button). */
  stop: null,
};

async function request(type, params) {
  const response = await fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type, params }),
  });
  if (!response.ok) throw new Error(`${type} failed: ${response.status}`);
  return response;
}

async function call(type, params) {
  return (await request(type, params)).json();
}

/** Sends a streaming request and applies each event as it arrives; then answers a pending client tool call. */
async function stream(type, params) {
  const stop = new AbortController();
  state.stop = stop;
  setBusy(true);
  showError(null);
  try {
    const response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type, params }),
      signal: stop.signal,
    });
    if (!response.ok) throw new Error(`${type} failed: ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trimStart())
          .join('\n');
        if (data) apply(JSON.parse(data));
      }
    }
  } catch (error) {
    if (error.name !== 'AbortError') showError({ message: error.message, allow_retry: false });
  } finally {
    state.stop = null;
    $('progress').textContent = '';
    setBusy(false);
  }
  const last = [...state.items.values()].at(-1);
  if (!stop.signal.aborted && last?.type === 'client_tool_call' && last.status === 'pending') {
    const tool = TOOLS[last.name];
    const result = tool ? tool(last.arguments) : { error: `No tool named ${last.name}` };
    await stream('threads.add_client_tool_output', { thread_id: state.threadId, result });
  }
}

/** Applies one stream event to the page. */
function apply(event) {
  switch (event.type) {
    case 'thread.created':
      state.threadId = event.thread.id;
      setTitle(event.thread.title);
      // Tests wait for this: the thread list has loaded once.
      void loadThreads().then(() => (document.body.dataset.ready = 'true'));
      break;
    case 'thread.updated':
      setTitle(event.thread.title);
      // Tests wait for this: the thread list has loaded once.
      void loadThreads().then(() => (document.body.dataset.ready = 'true'));
      break;
    case 'thread.item.added':
    case 'thread.item.done':
    case 'thread.item.replaced':
      state.items.set(event.item.id, event.item);
      render();
      break;
    case 'thread.item.removed':
      state.items.delete(event.item_id);
      render();
      break;
    case 'thread.item.updated':
      update(state.items.get(event.item_id), event.update);
      render();
      break;
    case 'stream_options':
      $('stop').disabled = !event.stream_options.allow_cancel;
      break;
    case 'progress_update':
      $('progress').textContent = event.text;
      break;
    case 'error':
      showError(event);
      break;
    default:
      break;
  }
}

function update(item, change) {
  if (!item) return;
  switch (change.type) {
    case 'assistant_message.content_part.added':
    case 'assistant_message.content_part.done':
      item.content[change.content_index] = change.content;
      break;
    case 'assistant_message.content_part.text_delta': {
      const part = (item.content[change.content_index] ??= { type: 'output_text', text: '', annotations: [] });
      part.text += change.delta;
      break;
    }
    case 'workflow.task.added':
      item.workflow.tasks.push(change.task);
      break;
    case 'widget.root.updated':
      item.widget = change.widget;
      break;
    default:
      break;
  }
}

function render() {
  $('messages').replaceChildren(...[...state.items.values()].map(renderItem));
}

function renderItem(item) {
  const li = document.createElement('li');
  li.className = item.type;
  li.dataset.itemId = item.id;
  switch (item.type) {
    case 'user_message':
      li.append(item.content.map((part) => part.text).join(''));
      for (const attachment of item.attachments) li.append(' ', renderAttachment(attachment));
      break;
    case 'assistant_message':
      li.textContent = item.content.map((part) => part.text).join('');
      break;
    case 'widget':
      li.append(renderWidget(item.widget, item));
      break;
    case 'workflow': {
      const tasks = document.createElement('ul');
      tasks.setAttribute('aria-label', 'Workflow');
      for (const task of item.workflow.tasks) {
        const entry = document.createElement('li');
        entry.textContent = task.title ?? task.content ?? task.type;
        tasks.append(entry);
      }
      li.append(tasks);
      break;
    }
    case 'client_tool_call':
      li.textContent = `Tool ${item.name}: ${item.status}`;
      break;
    default:
      li.textContent = item.type;
  }
  return li;
}

function renderAttachment(attachment) {
  if (attachment.type === 'image') {
    const image = document.createElement('img');
    image.alt = attachment.name;
    image.src = attachment.preview_url;
    return image;
  }
  const name = document.createElement('span');
  name.className = 'file';
  name.textContent = attachment.name;
  return name;
}

function renderWidget(component, item) {
  if (component.type === 'Button') {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = component.label;
    button.onclick = () =>
      void stream('threads.custom_action', {
        thread_id: state.threadId,
        item_id: item.id,
        action: component.onClickAction,
      });
    return button;
  }
  const element = document.createElement('div');
  element.className = `widget-${component.type}`;
  if (typeof component.value === 'string') element.textContent = component.value;
  for (const child of component.children ?? []) element.append(renderWidget(child, item));
  return element;
}

function setTitle(text) {
  $('title').textContent = text || 'New chat';
}

function setBusy(busy) {
  document.body.dataset.busy = String(busy);
  $('send').disabled = busy;
  if (!busy) $('stop').disabled = true;
}

function showError(error) {
  $('error').hidden = !error;
  $('error-text').textContent = error ? (error.message ?? `Error: ${error.code}`) : '';
  $('retry').hidden = !error?.allow_retry;
}

async function loadThreads() {
  const page = await call('threads.list', { limit: 20, order: 'desc' });
  $('threads').replaceChildren(
    ...page.data.map((thread) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = thread.title || 'Untitled';
      button.onclick = () => void openThread(thread.id);
      li.append(button);
      return li;
    }),
  );
}

async function openThread(threadId) {
  const thread = await call('threads.get_by_id', { thread_id: threadId });
  state.threadId = thread.id;
  state.items = new Map(thread.items.data.map((item) => [item.id, item]));
  setTitle(thread.title);
  showError(null);
  render();
}

async function upload(file) {
  if ($('upload-strategy').value === 'direct') {
    const form = new FormData();
    form.append('file', file);
    const response = await fetch(`${ENDPOINT}/attachments`, { method: 'POST', body: form });
    return response.json();
  }
  const created = await call('attachments.create', { name: file.name, size: file.size, mime_type: file.type });
  const form = new FormData();
  form.append('file', file);
  const { url, method } = created.upload_descriptor;
  const response = await fetch(url, { method, body: form });
  return response.json();
}

$('file').addEventListener('change', async () => {
  const file = $('file').files[0];
  if (!file) return;
  const attachment = await upload(file);
  state.attachments.push(attachment);
  const li = document.createElement('li');
  li.textContent = attachment.name;
  $('attachments').append(li);
  $('file').value = '';
});

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('message').value.trim();
  if (!text) return;
  $('message').value = '';
  const input = {
    content: [{ type: 'input_text', text }],
    attachments: state.attachments.map((attachment) => attachment.id),
    inference_options: {},
  };
  state.attachments = [];
  $('attachments').replaceChildren();
  void (state.threadId
    ? stream('threads.add_user_message', { thread_id: state.threadId, input })
    : stream('threads.create', { input }));
});

$('stop').addEventListener('click', () => state.stop?.abort());

$('retry').addEventListener('click', () => {
  const items = [...state.items.values()];
  const lastUser = items.findLast((item) => item.type === 'user_message');
  if (!lastUser) return;
  for (const item of items.slice(items.indexOf(lastUser) + 1)) state.items.delete(item.id);
  render();
  void stream('threads.retry_after_item', { thread_id: state.threadId, item_id: lastUser.id });
});

$('new-chat').addEventListener('click', () => {
  state.threadId = null;
  state.items = new Map();
  setTitle(null);
  render();
});

// Tests wait for this: the thread list has loaded once.
void loadThreads().then(() => (document.body.dataset.ready = 'true'));

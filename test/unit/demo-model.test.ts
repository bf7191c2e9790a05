/**
 * The demo's model responder without a browser: a real Agents SDK run on the OpenAI client, whose
 * `fetch` is a stand-in server; the attachment conversion; the fetch
 * that stays under the base URL; and the error messages (which never carry the key).
 */
import { AuthenticationError, APIConnectionError, APIError } from 'openai';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  CustomStreamError,
  type ThreadItem,
  type ThreadStreamEventInput,
  type UserMessageItem,
} from '../../src/index.ts';
import { DemoThreadItemConverter } from '../../demo/worker/model/demo-converter.ts';
import { fetchOnlyUnder } from '../../demo/worker/model/model-client.ts';
import { modelErrorMessage, scrub } from '../../demo/worker/model/model-errors.ts';
import { respondWithModel } from '../../demo/worker/model/model-responder.ts';
import type { ModelSettings } from '../../demo/worker/settings/settings-record.ts';
import { collect, countingStore, ctx, thread } from './agents-harness.ts';

const KEY = 'sk-unit-SECRET-0123456789';
const LOCAL: ModelSettings = {
  baseURL: 'http://localhost:11434/v1',
  model: 'llama3.2',
  api: 'chat_completions',
  apiKey: null,
};

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A Chat Completions SSE body streaming `pieces`. */
function chatStream(pieces: string[], extra: Record<string, unknown>[] = []): string {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const events = [
    chunk({ role: 'assistant', content: '' }),
    ...pieces.map((content) => chunk({ content })),
    ...extra.map((delta) => chunk(delta)),
    chunk({}, 'stop'),
  ];
  return `${events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('')}data: [DONE]\n\n`;
}

/** Stubs the global fetch (the OpenAI client's) with `answer`, recording each request. */
function stubFetch(answer: (request: Request) => Response | Promise<Response>): Request[] {
  const requests: Request[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request.clone());
    return answer(request);
  });
  return requests;
}

const sse = (body: string) => new Response(body, { headers: { 'content-type': 'text/event-stream' } });

function userMessage(text: string, extra: Partial<UserMessageItem> = {}): UserMessageItem {
  return {
    id: 'msg_user',
    thread_id: 'thr_1',
    created_at: '2025-01-02T03:04:05.000Z',
    type: 'user_message',
    content: [{ type: 'input_text', text }],
    attachments: [],
    inference_options: {},
    ...extra,
  };
}

async function turnWith(settings: ModelSettings, items: ThreadItem[] = [userMessage('Hi')]) {
  const store = countingStore();
  const answered = thread();
  await store.saveThread(answered, ctx);
  for (const item of items) await store.addThreadItem(answered.id, item, ctx);
  return { thread: answered, store, context: ctx, signal: new AbortController().signal, settings };
}

function kinds(events: ThreadStreamEventInput[]): string[] {
  return events.map((event) =>
    event.type === 'thread.item.updated'
      ? event.update.type
      : `${event.type}:${'item' in event ? event.item.type : ''}`,
  );
}

describe('respondWithModel on Chat Completions', () => {
  test('streams the reply as an assistant message, with no Authorization header when there is no key', async () => {
    const requests = stubFetch(() => sse(chatStream(['Hel', 'lo!'])));
    const events = await collect(respondWithModel(await turnWith(LOCAL)));

    expect(kinds(events)).toEqual([
      'thread.item.added:assistant_message',
      'assistant_message.content_part.added',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.done',
      'thread.item.done:assistant_message',
    ]);
    const done = events.at(-1)!;
    expect(done.type === 'thread.item.done' && done.item).toMatchObject({
      id: 'message_1',
      type: 'assistant_message',
      content: [{ text: 'Hello!' }],
    });

    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe('http://localhost:11434/v1/chat/completions');
    expect(requests[0]!.headers.has('authorization')).toBe(false);
    const body = (await requests[0]!.json()) as { model: string; stream: boolean; messages: { role: string }[] };
    expect(body).toMatchObject({ model: 'llama3.2', stream: true });
    expect(body.messages.map((message) => message.role)).toEqual(['system', 'user']);
  });

  test('sends the key as a bearer token when there is one', async () => {
    const requests = stubFetch(() => sse(chatStream(['ok'])));
    await collect(respondWithModel(await turnWith({ ...LOCAL, apiKey: KEY })));
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  test('a refused key becomes a CustomStreamError that names the problem, not the key', async () => {
    stubFetch(() =>
      Response.json(
        { error: { message: `Incorrect API key provided: ${KEY}`, code: 'invalid_api_key' } },
        { status: 401 },
      ),
    );
    const failure = collect(respondWithModel(await turnWith({ ...LOCAL, apiKey: KEY })));
    await expect(failure).rejects.toThrow(CustomStreamError);
    await expect(failure).rejects.toThrow(
      'The model server at http://localhost:11434/v1 refused the API key (401). Check the key in Settings.',
    );
    const error = (await failure.catch((caught: unknown) => caught)) as CustomStreamError;
    expect(error.allowRetry).toBe(true);
    expect(error.message).not.toContain('sk-');
  });

  test('a stopped response ends quietly and cancels the model request', async () => {
    let requestSignal: AbortSignal | null = null;
    stubFetch((request) => {
      requestSignal = request.signal;
      // A model that has not answered yet: the body never comes.
      return new Promise<Response>((_resolve, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason)),
      );
    });
    const stop = new AbortController();
    const events = respondWithModel({ ...(await turnWith(LOCAL)), signal: stop.signal });
    const collected = collect(events);
    await vi.waitFor(() => expect(requestSignal).not.toBeNull());
    stop.abort();
    await expect(collected).resolves.toEqual([]);
    expect(requestSignal!.aborted).toBe(true);
  });
});

describe('DemoThreadItemConverter', () => {
  const converter = new DemoThreadItemConverter();
  const base = { upload_descriptor: null, thread_id: 'thr_1', metadata: null };

  test('an image goes as its data: preview; other files and linked images as a note', async () => {
    const image = await converter.attachmentToMessageContent({
      ...base,
      id: 'a1',
      type: 'image',
      name: 'cat.png',
      mime_type: 'image/png',
      preview_url: 'data:image/png;base64,AAAA',
    });
    expect(image).toEqual({ type: 'input_image', image: 'data:image/png;base64,AAAA', detail: 'auto' });
    const file = await converter.attachmentToMessageContent({
      ...base,
      id: 'a2',
      type: 'file',
      name: 'notes.txt',
      mime_type: 'text/plain',
    });
    expect(file).toEqual({
      type: 'input_text',
      text: '[The user attached a file, notes.txt (text/plain); its content is not available to you.]',
    });
    const linked = await converter.attachmentToMessageContent({
      ...base,
      id: 'a3',
      type: 'image',
      name: 'far.png',
      mime_type: 'image/png',
      preview_url: 'https://example.com/far.png',
    });
    expect(linked).toMatchObject({ type: 'input_text' });
  });

  test('a user message with attachments and a tag converts without throwing', async () => {
    const input = await converter.toAgentInput(
      userMessage('', {
        content: [
          { type: 'input_text', text: 'Look at ' },
          { type: 'input_tag', id: 't1', text: 'Ada', data: { role: 'engineer' }, interactive: false },
        ],
        attachments: [{ ...base, id: 'a2', type: 'file', name: 'notes.txt', mime_type: 'text/plain' }],
      }),
    );
    expect(JSON.stringify(input)).toContain('Look at @Ada');
    expect(JSON.stringify(input)).toContain('@Ada: {\\"role\\":\\"engineer\\"}');
    expect(JSON.stringify(input)).toContain('notes.txt');
  });
});

describe('fetchOnlyUnder', () => {
  test('passes requests under the base URL and refuses every other one', async () => {
    const reached: string[] = [];
    const guarded = fetchOnlyUnder('http://localhost:11434/v1', async (input) => {
      reached.push(String(input instanceof Request ? input.url : input));
      return new Response('ok');
    });
    await guarded('http://localhost:11434/v1/chat/completions');
    await guarded(new Request('http://localhost:11434/v1/models'));
    for (const outside of [
      'http://localhost:11434/v10/chat',
      'http://localhost:11434/api/tags',
      'http://localhost:11435/v1/chat',
      'https://api.openai.com/v1/traces/ingest',
    ]) {
      await expect(guarded(outside)).rejects.toThrow(/outside the model's base URL/);
    }
    expect(reached).toEqual(['http://localhost:11434/v1/chat/completions', 'http://localhost:11434/v1/models']);
  });
});

describe('modelErrorMessage', () => {
  const withKey: ModelSettings = { ...LOCAL, apiKey: KEY };

  test('explains each kind of failure and never quotes the key', () => {
    const auth = new AuthenticationError(
      401,
      { message: `Incorrect API key provided: ${KEY}` },
      undefined,
      new Headers(),
    );
    expect(modelErrorMessage(auth, withKey)).toBe(
      'The model server at http://localhost:11434/v1 refused the API key (401). Check the key in Settings.',
    );
    expect(modelErrorMessage(auth, LOCAL)).toContain('needs an API key (401)');
    expect(modelErrorMessage(new APIConnectionError({ message: 'fetch failed' }), LOCAL)).toContain(
      'Could not reach the model at http://localhost:11434/v1',
    );
    const missing = APIError.generate(
      404,
      { error: { message: `model "llama3.2" not found, key ${KEY}` } },
      undefined,
      new Headers(),
    );
    const message = modelErrorMessage(missing, withKey);
    expect(message).toContain('has no model "llama3.2" on the Chat Completions API (404)');
    expect(message).toContain('[key]');
    expect(message).not.toContain(KEY);
    expect(modelErrorMessage(new Error(`boom ${KEY}`), withKey)).toBe('The model run failed: boom [key]');
  });

  test('scrub removes the key, key-shaped text and length', () => {
    expect(scrub('abc sk-proj-AbC123**** def', { apiKey: null })).toBe('abc [key] def');
    expect(scrub('my-own-key-xyz was wrong', { apiKey: 'my-own-key-xyz' })).toBe('[key] was wrong');
    expect(scrub('x'.repeat(500), { apiKey: null })).toHaveLength(300);
  });

  test('scrub also removes the key spaced out or base64-encoded, at any alignment', () => {
    const key = 'my-own-key-0123456789-SECRET';
    const spaced = [...key].join(' ');
    const zeroWidth = [...key].join('\u200b');
    expect(scrub(`server said: ${spaced} is bad`, { apiKey: key })).toBe('server said: [key] is bad');
    expect(scrub(`(${zeroWidth})`, { apiKey: key })).toBe('([key])');
    for (const wrapped of [key, `:${key}`, `user:${key}`, `Bearer ${key}`, `${key}!`]) {
      const base64 = btoa(wrapped);
      const urlSafe = base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      for (const encoded of [base64, urlSafe]) {
        const out = scrub(`Authorization: Basic ${encoded} refused`, { apiKey: key });
        expect(out, wrapped).toContain('[key]');
        // What is left of the encoding is the wrapper's own characters (and a partial one either side).
        const left = out
          .replace(/^Authorization: Basic /, '')
          .replace(/ refused$/, '')
          .replace('[key]', '');
        expect(left.length, wrapped).toBeLessThanOrEqual(encoded.length - Math.floor((key.length * 4) / 3) + 4);
      }
    }
    // A short key is only removed where it stands as is (spacing out a short key would match anything).
    expect(scrub('a b c d', { apiKey: 'abcd' })).toBe('a b c d');
  });
});

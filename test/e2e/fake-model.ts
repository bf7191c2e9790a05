/**
 * A fake OpenAI-compatible model on the page's own origin (`/fake-llm/v1`), answered by
 * `page.route`. In Chromium, Playwright intercepts a dedicated worker's requests too, so the
 * demo's server worker reaches this stand-in exactly as it would reach a real endpoint, and the
 * "no request leaves the page's origin" guard stays on.
 */
import type { Page, Request, Route } from '@playwright/test';

/** The base URL to enter in the settings dialog. */
export const FAKE_BASE_PATH = '/fake-llm/v1';

/** One request the fake model received. */
export interface ModelCall {
  request: Request;
  /** The JSON body: `messages` on Chat Completions, `input` on Responses. */
  body: { model?: string; stream?: boolean; messages?: { role: string; content: unknown }[]; input?: unknown[] };
}

/** A Chat Completions SSE body that streams `pieces` as separate chunks, then usage and `[DONE]`. */
export function chatCompletionsStream(pieces: string[]): string {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'fake-model',
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const events = [
    chunk({ role: 'assistant', content: '' }),
    ...pieces.map((content) => chunk({ content })),
    chunk({}, 'stop'),
    {
      id: 'chatcmpl-fake',
      object: 'chat.completion.chunk',
      created: 0,
      model: 'fake-model',
      choices: [],
      usage: { prompt_tokens: 12, completion_tokens: pieces.length, total_tokens: 12 + pieces.length },
    },
  ];
  return `${events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('')}data: [DONE]\n\n`;
}

let responsesCount = 0;

/**
 * A Responses API SSE body streaming one message made of `pieces`, ending with `response.completed`.
 * Each body gets a new message id, since the id becomes the ChatKit item's.
 */
export function responsesStream(pieces: string[]): string {
  responsesCount += 1;
  const id = `msg_fake_${responsesCount}`;
  const text = pieces.join('');
  const done = {
    id,
    type: 'message',
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
  const response = (status: string, output: unknown[], usage: unknown) => ({
    id: `resp_fake_${responsesCount}`,
    object: 'response',
    created_at: 0,
    status,
    model: 'fake-model',
    output,
    usage,
  });
  const events = [
    { type: 'response.created', response: response('in_progress', [], null) },
    { type: 'response.output_item.added', output_index: 0, item: { ...done, status: 'in_progress', content: [] } },
    {
      type: 'response.content_part.added',
      item_id: id,
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', text: '', annotations: [] },
    },
    ...pieces.map((delta) => ({
      type: 'response.output_text.delta',
      item_id: id,
      output_index: 0,
      content_index: 0,
      delta,
    })),
    { type: 'response.output_text.done', item_id: id, output_index: 0, content_index: 0, text },
    { type: 'response.content_part.done', item_id: id, output_index: 0, content_index: 0, part: done.content[0] },
    { type: 'response.output_item.done', output_index: 0, item: done },
    {
      type: 'response.completed',
      response: response('completed', [done], {
        input_tokens: 12,
        output_tokens: pieces.length,
        total_tokens: 12 + pieces.length,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens_details: { reasoning_tokens: 0 },
      }),
    },
  ];
  return events
    .map((event, index) => `event: ${event.type}\ndata: ${JSON.stringify({ ...event, sequence_number: index })}\n\n`)
    .join('');
}

/** How the fake answers one call. */
export type FakeAnswer = (route: Route) => Promise<void> | void;

/** Answers with a streamed reply. */
export const streamReply =
  (pieces: string[]): FakeAnswer =>
  (route) =>
    route.fulfill({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: chatCompletionsStream(pieces),
    });

/** Answers with a streamed reply on the Responses API. */
export const streamResponsesReply =
  (pieces: string[]): FakeAnswer =>
  (route) =>
    route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream' }, body: responsesStream(pieces) });

/**
 * Routes `/fake-llm/**` on `page` to `answer` and records every call. `next()` resolves with the
 * next call (already received or still to come), so a test waits on requests, not on time.
 */
export async function fakeModel(
  page: Page,
  answer: FakeAnswer,
): Promise<{ calls: ModelCall[]; next(): Promise<ModelCall> }> {
  const calls: ModelCall[] = [];
  const waiting: ((call: ModelCall) => void)[] = [];
  let read = 0;
  await page.route('**/fake-llm/**', async (route) => {
    const request = route.request();
    const call: ModelCall = { request, body: JSON.parse(request.postData() ?? '{}') as ModelCall['body'] };
    calls.push(call);
    waiting.shift()?.(call);
    await answer(route);
  });
  return {
    calls,
    next() {
      const index = read++;
      if (index < calls.length) return Promise.resolve(calls[index]!);
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
}

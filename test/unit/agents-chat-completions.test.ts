/**
 * Chat Completions runs through the bridge: the JS SDK's Chat Completions model streams raw
 * `chat.completion.chunk`s, which the adapter turns into the Responses events the mapper reads.
 */
import { describe, expect, test } from 'vitest';
import { RunRawModelStreamEvent, type RunStreamEvent } from '@openai/agents';
import { ChatCompletionsAdapter } from '../../src/agents/chat-completions.ts';
import { AgentContext, streamAgentResponse } from '../../src/agents.ts';
import { collect, countingStore, ctx, thread } from './agents-harness.ts';

const chunkEvent = (delta: Record<string, unknown>) =>
  new RunRawModelStreamEvent(
    {
      type: 'model',
      event: { id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta }] },
      providerData: { rawModelEventSource: 'openai-chat-completions' },
    },
    'openai-chat-completions',
  );
const done = (content: unknown[]) =>
  new RunRawModelStreamEvent({
    type: 'response_done',
    response: {
      id: 'c',
      usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
      output: [{ type: 'message', role: 'assistant', id: 'c', status: 'completed', content }],
    },
  } as never);

function adaptAll(adapter: ChatCompletionsAdapter, list: RunStreamEvent[]): RunStreamEvent[] {
  return list.flatMap((event) => [...adapter.adapt(event)]);
}

function rawTypes(list: RunStreamEvent[]): string[] {
  return list.map((event) =>
    event.type === 'raw_model_stream_event'
      ? event.data.type === 'model'
        ? String((event.data.event as { type?: string }).type)
        : event.data.type
      : event.type,
  );
}

describe('ChatCompletionsAdapter', () => {
  test('one message per model call, under a fresh id, closed by the final output', () => {
    let n = 0;
    const out = adaptAll(new ChatCompletionsAdapter(() => `m${++n}`), [
      chunkEvent({ role: 'assistant', content: '' }),
      chunkEvent({ content: 'A' }),
      chunkEvent({ content: 'B' }),
      done([{ type: 'output_text', text: 'AB', providerData: {} }]),
      chunkEvent({ content: 'C' }),
      done([{ type: 'output_text', text: 'C' }]),
    ]);
    expect(rawTypes(out)).toEqual([
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.output_item.done',
      'response_done',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.output_item.done',
      'response_done',
    ]);
    const finished = out.filter(
      (event) =>
        event.type === 'raw_model_stream_event' &&
        event.data.type === 'model' &&
        (event.data.event as { type: string }).type === 'response.output_item.done',
    );
    expect(finished.map((event) => (event as RunRawModelStreamEvent).data)).toMatchObject([
      { event: { item: { id: 'm1', content: [{ type: 'output_text', text: 'AB', annotations: [] }] } } },
      { event: { item: { id: 'm2', content: [{ type: 'output_text', text: 'C', annotations: [] }] } } },
    ]);
  });

  test('a refusal with no text still makes a message; a call with no message makes none', () => {
    const out = adaptAll(new ChatCompletionsAdapter(() => 'm1'), [
      chunkEvent({ refusal: 'No.' }),
      done([{ type: 'refusal', refusal: 'No.' }]),
      chunkEvent({ role: 'assistant' }),
      done([]),
    ]);
    expect(rawTypes(out)).toEqual([
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.done',
      'response.output_item.done',
      'response_done',
      'response_done',
    ]);
  });

  test('a Responses run passes through untouched, its response_done included', () => {
    const responsesDone = done([{ type: 'output_text', text: 'already streamed' }]);
    const out = adaptAll(new ChatCompletionsAdapter(() => 'unused'), [responsesDone]);
    expect(out).toEqual([responsesDone]);
  });
});

describe('streamAgentResponse over a Chat Completions run', () => {
  test('the chunks become an assistant message streamed and done', async () => {
    const store = countingStore();
    const context = new AgentContext({ thread: thread(), store, requestContext: ctx });
    async function* run(): AsyncGenerator<RunStreamEvent> {
      yield chunkEvent({ role: 'assistant', content: '' });
      yield chunkEvent({ content: 'Hel' });
      yield chunkEvent({ content: 'lo' });
      yield done([{ type: 'output_text', text: 'Hello' }]);
    }
    const events = await collect(streamAgentResponse(context, run()));
    expect(events.map((event) => event.type)).toEqual([
      'thread.item.added',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.done',
    ]);
    expect(events.at(-1)).toMatchObject({
      type: 'thread.item.done',
      item: { type: 'assistant_message', content: [{ text: 'Hello' }] },
    });
  });
});

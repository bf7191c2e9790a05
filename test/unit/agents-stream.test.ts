/**
 * `streamAgentResponse` over real Agents SDK runs (a real `Agent` and `run()`, a scripted model, no
 * network): the ChatKit events of protocol.md §8.2 for text, tool calls, client tools, reasoning,
 * widgets, generated images and guardrails, and what a real `ChatKitServer` stores from them.
 */
import { Agent, InputGuardrailTripwireTriggered, tool, type RunContext } from '@openai/agents';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import type { ThreadStreamEvent, ThreadStreamEventInput } from '../../src/index.ts';
import { Card, Text } from '../../src/widgets.ts';
import { accumulateText, AgentContext, ResponseStreamConverter, streamAgentResponse } from '../../src/agents.ts';
import { advanceClock, useFixedClock } from '../support/clock.ts';
import { deferred } from '../support/deferred.ts';
import {
  AgentServer,
  BLOCKED_MESSAGE,
  addClientToolOutput,
  addUserMessage,
  collect,
  countingStore,
  createThread,
  createdThreadId,
  startRun,
  ctx,
  storedItems,
  streamOf,
  type Ctx,
} from './agents-harness.ts';
import type { StreamingResult } from '../../src/index.ts';
import { functionCall, imageGeneration, message, pause, reasoning, ScriptedModel } from './agents-scripted-model.ts';

const T0 = '2025-01-02T03:04:05.000Z';

afterEach(() => {
  vi.useRealTimers();
});

function agentWith(
  model: ScriptedModel,
  options: Partial<ConstructorParameters<typeof Agent<AgentContext<Ctx>>>[0]> = {},
) {
  return new Agent<AgentContext<Ctx>>({ name: 'Assistant', instructions: 'Be brief.', model, ...options });
}

/** The stream events without the server's own framing events and ids that vary. */
function typesOf(events: readonly ThreadStreamEventInput[]): string[] {
  return events.map((event) =>
    event.type === 'thread.item.updated'
      ? `updated:${event.update.type}`
      : `${event.type}:${'item' in event ? event.item.type : ''}`,
  );
}

describe('text', () => {
  test('a message becomes an assistant message with its Responses id, parts, deltas, citations and a refusal', async () => {
    useFixedClock(T0);
    const model = new ScriptedModel([
      message(
        'msg_1',
        {
          deltas: ['Hello ', 'world'],
          annotations: [
            // No filename: dropped, and it does not use up annotation index 0.
            { type: 'file_citation', file_id: 'file_0', filename: '', index: 0 },
            {
              type: 'container_file_citation',
              container_id: 'cntr',
              file_id: 'file_1',
              filename: 'data.csv',
              start_index: 0,
              end_index: 5,
            },
            { type: 'url_citation', url: 'https://example.com', title: 'Example', start_index: 6, end_index: 11 },
            // Not a citation ChatKit knows: dropped.
            { type: 'file_path', file_id: 'file_2', index: 3 },
          ],
        },
        { refusal: 'I cannot add more.' },
      ),
    ]);
    const { context, result } = await startRun(agentWith(model), 'Hi');

    const events = await collect(streamAgentResponse(context, result));

    const container = {
      type: 'annotation',
      source: { type: 'file', filename: 'data.csv', title: 'data.csv' },
      index: 5,
    };
    const url = {
      type: 'annotation',
      source: { type: 'url', url: 'https://example.com', title: 'Example' },
      index: 11,
    };
    const update = (update: object) => ({ type: 'thread.item.updated', item_id: 'msg_1', update });
    expect(events).toEqual([
      {
        type: 'thread.item.added',
        item: { id: 'msg_1', thread_id: 'thr_1', created_at: T0, type: 'assistant_message', content: [] },
      },
      update({
        type: 'assistant_message.content_part.added',
        content_index: 0,
        content: { annotations: [], text: '', type: 'output_text' },
      }),
      update({ type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'Hello ' }),
      update({ type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'world' }),
      update({
        type: 'assistant_message.content_part.annotation_added',
        content_index: 0,
        annotation_index: 0,
        annotation: container,
      }),
      update({
        type: 'assistant_message.content_part.annotation_added',
        content_index: 0,
        annotation_index: 1,
        annotation: url,
      }),
      update({
        type: 'assistant_message.content_part.done',
        content_index: 0,
        content: { annotations: [], text: 'Hello world', type: 'output_text' },
      }),
      update({
        type: 'assistant_message.content_part.added',
        content_index: 1,
        content: { annotations: [], text: '', type: 'output_text' },
      }),
      {
        type: 'thread.item.done',
        item: {
          id: 'msg_1',
          thread_id: 'thr_1',
          created_at: T0,
          type: 'assistant_message',
          content: [
            { annotations: [container, url], text: 'Hello world', type: 'output_text' },
            { annotations: [], text: 'I cannot add more.', type: 'output_text' },
          ],
        },
      },
    ]);
  });

  test('through a ChatKitServer: the reply is stored, and the next turn gives the model the whole conversation', async () => {
    useFixedClock(T0);
    const store = countingStore();
    const model = new ScriptedModel([message('msg_a', 'Hi there')], [message('msg_b', 'Still here')]);
    const server = new AgentServer(store, agentWith(model));

    const first = await streamOf(server, createThread('Hello'));
    const threadId = createdThreadId(first);
    expect(typesOf(first)).toEqual([
      'thread.created:',
      'thread.item.done:user_message',
      'stream_options:',
      'thread.item.added:assistant_message',
      'updated:assistant_message.content_part.added',
      'updated:assistant_message.content_part.text_delta',
      'updated:assistant_message.content_part.text_delta',
      'updated:assistant_message.content_part.done',
      'thread.item.done:assistant_message',
    ]);
    await streamOf(server, addUserMessage(threadId, 'Are you there?'));

    expect(model.requests[1]?.input).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello' }] },
      { type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Hi there' }] },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Are you there?' }] },
    ]);
    const items = await storedItems(store, threadId);
    expect(items.map((item) => [item.type, item.id])).toEqual([
      ['user_message', 'message_1'],
      ['assistant_message', 'msg_a'],
      ['user_message', 'message_2'],
      ['assistant_message', 'msg_b'],
    ]);
    expect(items[3]).toEqual({
      id: 'msg_b',
      thread_id: threadId,
      created_at: T0,
      type: 'assistant_message',
      content: [{ annotations: [], text: 'Still here', type: 'output_text' }],
    });
  });
});

describe('tool calls', () => {
  test('a server tool runs without showing anything; the model then answers with its result', async () => {
    const getWeather = tool({
      name: 'get_weather',
      description: 'The weather in a city.',
      parameters: z.object({ city: z.string() }),
      execute: async ({ city }) => `Sunny in ${city}`,
    });
    const model = new ScriptedModel(
      [functionCall('fc_1', 'call_1', 'get_weather', { city: 'Paris' })],
      [message('msg_1', 'It is sunny.')],
    );
    const { context, result } = await startRun(agentWith(model, { tools: [getWeather] }), 'Weather in Paris?');

    const events = await collect(streamAgentResponse(context, result));

    expect(typesOf(events)).toEqual([
      'thread.item.added:assistant_message',
      'updated:assistant_message.content_part.added',
      'updated:assistant_message.content_part.text_delta',
      'updated:assistant_message.content_part.text_delta',
      'updated:assistant_message.content_part.text_delta',
      'updated:assistant_message.content_part.done',
      'thread.item.done:assistant_message',
    ]);
    expect(model.requests[1]?.input).toContainEqual(
      expect.objectContaining({
        type: 'function_call_result',
        callId: 'call_1',
        output: { type: 'text', text: 'Sunny in Paris' },
      }),
    );
  });

  test('a client tool ends the stream with a pending client_tool_call that reuses the raw function call ids', async () => {
    useFixedClock(T0);
    const getSelection = tool({
      name: 'get_selection',
      description: 'The text the user selected on the page.',
      parameters: z.object({ scope: z.string() }),
      execute: async (args, runContext?: RunContext<AgentContext<Ctx>>) => {
        runContext!.context.clientToolCall = { name: 'get_selection', arguments: args };
        return 'The page will answer.';
      },
    });
    const model = new ScriptedModel([functionCall('fc_7', 'call_7', 'get_selection', { scope: 'page' })]);
    const agent = agentWith(model, { tools: [getSelection], toolUseBehavior: { stopAtToolNames: ['get_selection'] } });
    const { context, result } = await startRun(agent, 'What did I select?');

    const events = await collect(streamAgentResponse(context, result));

    expect(events).toEqual([
      {
        type: 'thread.item.done',
        item: {
          id: 'fc_7',
          thread_id: 'thr_1',
          created_at: T0,
          type: 'client_tool_call',
          status: 'pending',
          call_id: 'call_7',
          name: 'get_selection',
          arguments: { scope: 'page' },
        },
      },
    ]);
    expect(model.requests).toHaveLength(1);
  });

  test('through a ChatKitServer: reasoning before a client tool stays open, is stored, and the answer after the output ends it', async () => {
    useFixedClock(T0);
    const store = countingStore();
    const getSelection = tool({
      name: 'get_selection',
      description: 'The text the user selected on the page.',
      parameters: z.object({}),
      execute: async (_args, runContext?: RunContext<AgentContext<Ctx>>) => {
        runContext!.context.clientToolCall = { name: 'get_selection', arguments: {} };
        return 'pending';
      },
    });
    const model = new ScriptedModel(
      [reasoning('rs_1', ['I need ', 'the selection']), functionCall('fc_1', 'call_1', 'get_selection', {})],
      [pause(() => advanceClock(2900)), message('msg_1', 'You selected "cats".')],
    );
    const server = new AgentServer(
      store,
      agentWith(model, { tools: [getSelection], toolUseBehavior: { stopAtToolNames: ['get_selection'] } }),
    );

    const first = await streamOf(server, createThread('Summarise my selection'));
    const threadId = createdThreadId(first);
    expect(typesOf(first).slice(3)).toEqual([
      'thread.item.added:workflow',
      'updated:workflow.task.added',
      'updated:workflow.task.updated',
      'updated:workflow.task.updated',
      'thread.item.done:client_tool_call',
    ]);
    const thought = { status_indicator: 'none', type: 'thought', content: 'I need the selection' };
    // Saved without a done event, so that the next response continues it.
    expect(await storedItems(store, threadId)).toEqual([
      expect.objectContaining({ type: 'user_message' }),
      {
        id: 'workflow_1',
        thread_id: threadId,
        created_at: T0,
        type: 'workflow',
        workflow: { type: 'reasoning', tasks: [thought], expanded: false },
      },
      expect.objectContaining({ id: 'fc_1', type: 'client_tool_call', call_id: 'call_1', status: 'pending' }),
    ]);

    const second = await streamOf(server, addClientToolOutput(threadId, { text: 'cats' }));

    expect(model.requests[1]?.input).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Summarise my selection' }] },
      { type: 'function_call', callId: 'call_1', name: 'get_selection', arguments: '{}' },
      {
        type: 'function_call_result',
        callId: 'call_1',
        name: 'get_selection',
        status: 'completed',
        output: '{"text":"cats"}',
      },
    ]);
    expect(second[1]).toEqual({
      type: 'thread.item.done',
      item: {
        id: 'workflow_1',
        thread_id: threadId,
        created_at: T0,
        type: 'workflow',
        workflow: { type: 'reasoning', tasks: [thought], summary: { duration: 2 }, expanded: false },
      },
    });
    expect(typesOf(second).slice(2)).toEqual([
      'thread.item.added:assistant_message',
      'updated:assistant_message.content_part.added',
      'updated:assistant_message.content_part.text_delta',
      'updated:assistant_message.content_part.text_delta',
      'updated:assistant_message.content_part.text_delta',
      'updated:assistant_message.content_part.done',
      'thread.item.done:assistant_message',
    ]);
    const items = await storedItems(store, threadId);
    expect(items.map((item) => [item.type, item.id, item.type === 'client_tool_call' ? item.status : ''])).toEqual([
      ['user_message', 'message_1', ''],
      ['workflow', 'workflow_1', ''],
      ['client_tool_call', 'fc_1', 'completed'],
      ['assistant_message', 'msg_1', ''],
    ]);
    expect(items[1]).toEqual(second[1] && 'item' in second[1] ? second[1].item : null);
  });
});

describe('reasoning', () => {
  test('the first summary streams, later ones arrive whole, and the message ends the workflow with its duration', async () => {
    useFixedClock(T0);
    const model = new ScriptedModel([
      reasoning('rs_1', ['Think', 'ing 1'], ['Think', 'ing 2']),
      pause(() => advanceClock(3700)),
      message('msg_1', 'Answer'),
    ]);
    const { context, result } = await startRun(agentWith(model), 'Think hard');

    const events = await collect(streamAgentResponse(context, result));

    const thought = (content: string) => ({ status_indicator: 'none', type: 'thought', content });
    const workflow = (update: object) => ({ type: 'thread.item.updated', item_id: 'workflow_1', update });
    expect(events.slice(0, 6)).toEqual([
      {
        type: 'thread.item.added',
        item: {
          id: 'workflow_1',
          thread_id: 'thr_1',
          created_at: T0,
          type: 'workflow',
          workflow: { type: 'reasoning', tasks: [], expanded: false },
        },
      },
      workflow({ type: 'workflow.task.added', task_index: 0, task: thought('Think') }),
      workflow({ type: 'workflow.task.updated', task_index: 0, task: thought('Thinking 1') }),
      workflow({ type: 'workflow.task.updated', task_index: 0, task: thought('Thinking 1') }),
      workflow({ type: 'workflow.task.added', task_index: 1, task: thought('Thinking 2') }),
      {
        type: 'thread.item.done',
        item: {
          id: 'workflow_1',
          thread_id: 'thr_1',
          created_at: T0,
          type: 'workflow',
          workflow: {
            type: 'reasoning',
            tasks: [thought('Thinking 1'), thought('Thinking 2')],
            summary: { duration: 3 },
            expanded: false,
          },
        },
      },
    ]);
    expect(typesOf(events.slice(6))[0]).toBe('thread.item.added:assistant_message');
    expect(context.workflowItem).toBeNull();
  });
});

describe('widgets', () => {
  test('a widget a tool streams through the context shows as added, text deltas and done, and is stored', async () => {
    useFixedClock(T0);
    const store = countingStore();
    const showGreeting = tool({
      name: 'show_greeting',
      description: 'Shows a greeting card.',
      parameters: z.object({}),
      execute: async (_args, runContext?: RunContext<AgentContext<Ctx>>) => {
        const render = (value: string) => Card({ children: [Text({ id: 'greeting', value, streaming: true })] });
        await runContext!.context.streamWidget(
          (async function* () {
            yield render('');
            yield render('Hel');
            yield render('Hello!');
          })(),
          'Hello!',
        );
        return 'The card is shown.';
      },
    });
    const model = new ScriptedModel([functionCall('fc_1', 'call_1', 'show_greeting', {})], [message('msg_1', 'Done.')]);
    const server = new AgentServer(store, agentWith(model, { tools: [showGreeting] }));

    const events = await streamOf(server, createThread('Greet me'));
    const threadId = createdThreadId(events);

    const card = (value: string) => ({
      type: 'Card',
      children: [{ type: 'Text', id: 'greeting', value, streaming: true }],
    });
    const widgetItem = (value: string) => ({
      id: 'message_2',
      thread_id: threadId,
      created_at: T0,
      type: 'widget',
      widget: card(value),
      copy_text: 'Hello!',
    });
    expect(events.slice(3, 7)).toEqual([
      { type: 'thread.item.added', item: widgetItem('') },
      {
        type: 'thread.item.updated',
        item_id: 'message_2',
        update: { type: 'widget.streaming_text.value_delta', component_id: 'greeting', delta: 'Hel', done: false },
      },
      {
        type: 'thread.item.updated',
        item_id: 'message_2',
        update: { type: 'widget.streaming_text.value_delta', component_id: 'greeting', delta: 'lo!', done: false },
      },
      { type: 'thread.item.done', item: widgetItem('Hello!') },
    ]);
    expect(typesOf(events.slice(7))).toEqual([
      'thread.item.added:assistant_message',
      'updated:assistant_message.content_part.added',
      'updated:assistant_message.content_part.text_delta',
      'updated:assistant_message.content_part.done',
      'thread.item.done:assistant_message',
    ]);
    expect((await storedItems(store, threadId)).map((item) => [item.type, item.id])).toEqual([
      ['user_message', 'message_1'],
      ['widget', 'message_2'],
      ['assistant_message', 'msg_1'],
    ]);
  });

  test('a widget shown while a reasoning workflow is open ends that workflow first', async () => {
    useFixedClock(T0);
    const turnShown = deferred();
    const showCard = tool({
      name: 'show_card',
      description: 'Shows a card.',
      parameters: z.object({}),
      execute: async (_args, runContext?: RunContext<AgentContext<Ctx>>) => {
        // Wait until the reasoning is on screen, so the order below is the causal one.
        await turnShown.promise;
        await runContext!.context.streamWidget(Card({ children: [Text({ value: 'Card' })] }));
        return 'shown';
      },
    });
    const model = new ScriptedModel(
      [reasoning('rs_1', ['Plan']), functionCall('fc_1', 'call_1', 'show_card', {})],
      [message('msg_1', 'Done.')],
    );
    const { context, result } = await startRun(agentWith(model, { tools: [showCard] }), 'Show me');

    const events: ThreadStreamEventInput[] = [];
    for await (const event of streamAgentResponse(context, result)) {
      events.push(event);
      if (event.type === 'thread.item.updated' && event.update.type === 'workflow.task.updated') turnShown.resolve();
    }

    expect(typesOf(events).slice(0, 6)).toEqual([
      'thread.item.added:workflow',
      'updated:workflow.task.added',
      'updated:workflow.task.updated',
      'thread.item.done:workflow',
      'thread.item.done:widget',
      'thread.item.added:assistant_message',
    ]);
    expect(events[3]).toMatchObject({
      item: { id: 'workflow_1', workflow: { summary: { duration: 0 }, expanded: false } },
    });
  });
});

describe('generated images', () => {
  class UploadingConverter extends ResponseStreamConverter {
    readonly calls: [string, string, number | null | undefined][] = [];
    override async base64ImageToUrl(imageId: string, base64Image: string, partialImageIndex?: number | null) {
      this.calls.push([imageId, base64Image, partialImageIndex]);
      return `https://images.example/${imageId}/${partialImageIndex ?? 'final'}.png`;
    }
  }

  test('partial images report progress and the final image is done; a custom converter makes the URLs', async () => {
    useFixedClock(T0);
    const converter = new UploadingConverter({ partialImages: 2 });
    const model = new ScriptedModel([
      imageGeneration('ig_1', ['AAAA', 'BBBB'], 'CCCC'),
      message('msg_1', 'Here it is.'),
    ]);
    const { context, result } = await startRun(agentWith(model), 'Draw a cat');

    const events = await collect(streamAgentResponse(context, result, { converter }));

    const image = (url: string) => ({ id: 'ig_1', url });
    expect(events.slice(0, 4)).toEqual([
      {
        type: 'thread.item.added',
        item: { id: 'message_1', thread_id: 'thr_1', created_at: T0, type: 'generated_image', image: null },
      },
      {
        type: 'thread.item.updated',
        item_id: 'message_1',
        update: { type: 'generated_image.updated', image: image('https://images.example/ig_1/0.png'), progress: 0 },
      },
      {
        type: 'thread.item.updated',
        item_id: 'message_1',
        update: { type: 'generated_image.updated', image: image('https://images.example/ig_1/1.png'), progress: 0.5 },
      },
      {
        type: 'thread.item.done',
        item: {
          id: 'message_1',
          thread_id: 'thr_1',
          created_at: T0,
          type: 'generated_image',
          image: image('https://images.example/ig_1/final.png'),
        },
      },
    ]);
    expect(converter.calls).toEqual([
      ['ig_1', 'AAAA', 0],
      ['ig_1', 'BBBB', 1],
      ['ig_1', 'CCCC', undefined],
    ]);
    expect(context.generatedImageItem).toBeNull();
  });

  test('through a ChatKitServer with the default converter: the image is stored as a data: URL', async () => {
    const store = countingStore();
    const model = new ScriptedModel([imageGeneration('ig_1', ['AAAA'], 'Q0FU'), message('msg_1', 'A cat.')]);
    const server = new AgentServer(store, agentWith(model));

    const events = await streamOf(server, createThread('Draw a cat'));

    const progress = events.find(
      (event) => event.type === 'thread.item.updated' && event.update.type === 'generated_image.updated',
    );
    expect(progress).toMatchObject({
      update: { image: { id: 'ig_1', url: 'data:image/png;base64,AAAA' }, progress: 0 },
    });
    const items = await storedItems(store, createdThreadId(events));
    expect(items.find((item) => item.type === 'generated_image')).toMatchObject({
      id: 'message_2',
      image: { id: 'ig_1', url: 'data:image/png;base64,Q0FU' },
    });
  });
});

describe('guardrails', () => {
  test("an input guardrail trip removes every item the response showed, the context's included, and is thrown again", async () => {
    const release = deferred();
    const agent = agentWith(new ScriptedModel([message('msg_1', 'Hello')]), {
      inputGuardrails: [
        {
          name: 'blocker',
          execute: async () => (await release.promise, { tripwireTriggered: true, outputInfo: null }),
        },
      ],
    });
    const { context, result } = await startRun(agent, 'Something bad');
    await context.stream({
      type: 'thread.item.added',
      item: { id: 'msg_ctx', thread_id: 'thr_1', created_at: T0, type: 'assistant_message', content: [] },
    });
    await context.streamWidget(Card({ children: [Text({ value: 'Hi' })] }));

    const stream = streamAgentResponse(context, result);
    const shown = new Set<string>();
    const events: ThreadStreamEventInput[] = [];
    // Read until the model's message is done and both context items are shown, then let the guardrail trip.
    while (!(shown.has('msg_1') && shown.has('msg_ctx') && shown.has('message_1'))) {
      const step = await stream.next();
      if (step.done) throw new Error('the stream ended before the guardrail tripped');
      events.push(step.value);
      if (step.value.type === 'thread.item.done' || step.value.type === 'thread.item.added') {
        if (
          step.value.item.type !== 'assistant_message' ||
          step.value.type === 'thread.item.done' ||
          step.value.item.id === 'msg_ctx'
        )
          shown.add(step.value.item.id);
      }
    }
    release.resolve();
    const rest: ThreadStreamEventInput[] = [];
    const failure = await (async () => {
      try {
        for (let step = await stream.next(); !step.done; step = await stream.next()) rest.push(step.value);
      } catch (error) {
        return error;
      }
      return null;
    })();

    expect(failure).toBeInstanceOf(InputGuardrailTripwireTriggered);
    expect(rest).toHaveLength(3);
    expect(new Set(rest.map((event) => event.type === 'thread.item.removed' && event.item_id))).toEqual(
      new Set(['msg_1', 'msg_ctx', 'message_1']),
    );
  });

  test('through a ChatKitServer: an output guardrail trip deletes the stored reply and the integrator shows an error', async () => {
    const store = countingStore();
    const replyShown = deferred();
    const agent = agentWith(new ScriptedModel([message('msg_1', 'Something unsafe')]), {
      outputGuardrails: [
        {
          name: 'checker',
          execute: async () => (await replyShown.promise, { tripwireTriggered: true, outputInfo: null }),
        },
      ],
    });
    const server = new AgentServer(store, agent);
    server.observe = (event) => {
      if (event.type === 'thread.item.done') replyShown.resolve();
    };

    const events = await streamOf(server, createThread('Say something unsafe'));
    const threadId = createdThreadId(events);

    expect(events.slice(-2)).toEqual([
      { type: 'thread.item.removed', item_id: 'msg_1' },
      { type: 'error', code: 'custom', message: BLOCKED_MESSAGE, allow_retry: false },
    ]);
    expect(typesOf(events)).toContain('thread.item.done:assistant_message');
    expect((await storedItems(store, threadId)).map((item) => item.type)).toEqual(['user_message']);
  });

  test('any other run error is thrown as is, without removing anything', async () => {
    // The model has no turn scripted, so its call fails.
    const { context, result } = await startRun(agentWith(new ScriptedModel()), 'Hi');
    await context.stream({ type: 'progress_update', text: 'Working' });

    const events: ThreadStreamEvent[] = [];
    const run = async () => {
      for await (const event of streamAgentResponse(context, result)) events.push(event as ThreadStreamEvent);
    };

    await expect(run()).rejects.toThrow('ScriptedModel: no turn scripted for request 1.');
    expect(events.filter((event) => event.type === 'thread.item.removed')).toEqual([]);
  });
});

describe('cancellation', () => {
  test('a client that goes away aborts the model request, and the server keeps the partial reply', async () => {
    const store = countingStore();
    const model = new ScriptedModel([
      {
        events: [
          ...message('msg_1', 'Partial').events.slice(0, 3),
          // The model is still "thinking" when the client leaves; only the abort ends this wait.
          (request) => new Promise<void>((resolve) => request.signal?.addEventListener('abort', () => resolve())),
        ],
        output: [],
      },
    ]);
    const server = new AgentServer(store, agentWith(model));
    const stream = (await server.process(JSON.stringify(createThread('Tell me a story')), ctx)) as StreamingResult;
    const seen: string[] = [];
    for (let step = await stream.nextEvent(); !step.done; step = await stream.nextEvent()) {
      seen.push(step.value.type === 'thread.item.updated' ? step.value.update.type : step.value.type);
      if (seen.at(-1) === 'assistant_message.content_part.text_delta') break;
    }

    await stream.close();

    expect(model.requests[0]?.signal?.aborted).toBe(true);
    const threadId = (await store.loadThreads({ limit: 1, order: 'desc' }, ctx)).data[0]!.id;
    const items = await storedItems(store, threadId);
    expect(items.map((item) => item.type)).toEqual(['user_message', 'assistant_message', 'sdk_hidden_context']);
    expect(items[1]).toMatchObject({ id: 'msg_1', content: [{ text: 'Partial' }] });
  });
});

describe('accumulateText', () => {
  test('yields the base, the text so far after each delta, and finally the text with streaming off', async () => {
    const model = new ScriptedModel([message('msg_1', 'Hello, world!')]);
    const { result } = await startRun(agentWith(model), 'Hi');

    const renderings = await collect(accumulateText(result, { type: 'Text', id: 'out', value: '', streaming: true }));

    expect(renderings).toEqual([
      { type: 'Text', id: 'out', value: '', streaming: true },
      { type: 'Text', id: 'out', value: 'Hello, ', streaming: true },
      { type: 'Text', id: 'out', value: 'Hello, world!', streaming: true },
      { type: 'Text', id: 'out', value: 'Hello, world!', streaming: false },
    ]);
  });
});

/**
 * The testing kit's scripted server: every step type, rule matching and precedence, client tool
 * continuations, actions, pauses and stops, through the mock's recording handler.
 */
import { describe, expect, test } from 'vitest';
import { CANCELLED_STREAM_NOTE, type ThreadStreamEvent } from '../../src/index.ts';
import { Card, Text } from '../../src/widgets.ts';
import {
  clientToolCall,
  delay,
  error,
  events,
  on,
  onAction,
  once,
  pause,
  progress,
  reply,
  title,
  widget,
  workflow,
} from '../../src/testing/script.ts';
import { collect, createdThreadId, responderEvents, scriptedMock, shapeOf } from './testing-harness.ts';

describe('steps', () => {
  test('reply streams an assistant message one chunk per word, opened and closed like a model reply', async () => {
    const { client, core } = scriptedMock({ script: [on('hi', reply('Hello there, friend'))] });
    const streamed = responderEvents(await collect(client.createThread('hi')));
    expect(shapeOf(streamed)).toEqual([
      'thread.item.added:assistant_message',
      'updated:assistant_message.content_part.added',
      'updated:assistant_message.content_part.text_delta',
      'updated:assistant_message.content_part.text_delta',
      'updated:assistant_message.content_part.text_delta',
      'updated:assistant_message.content_part.done',
      'thread.item.done:assistant_message',
    ]);
    const deltas = streamed.flatMap((event) =>
      event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.text_delta'
        ? [event.update.delta]
        : [],
    );
    expect(deltas).toEqual(['Hello ', 'there, ', 'friend']);
    const stored = await core.items(createdThreadId(await collect(client.createThread('x'))));
    expect(stored.map((item) => item.type)).toEqual(['user_message', 'assistant_message']);
  });

  test('reply takes explicit chunks, fixed-size chunks, and text computed from the turn', async () => {
    const { client } = scriptedMock({
      script: [
        on('parts', reply(['Once ', 'upon', delay(1), ' a time'])),
        on('sized', reply('abcdefg', { chunkSize: 3 })),
        on(
          /^name (\w+)$/,
          reply(async (turn) => `Hi ${turn.text.split(' ')[1]}!`),
        ),
      ],
    });
    const deltasOf = async (text: string) =>
      responderEvents(await collect(client.createThread(text))).flatMap((event) =>
        event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.text_delta'
          ? [event.update.delta]
          : [],
      );
    expect(await deltasOf('parts')).toEqual(['Once ', 'upon', ' a time']);
    expect(await deltasOf('sized')).toEqual(['abc', 'def', 'g']);
    expect(await deltasOf('name Ada')).toEqual(['Hi ', 'Ada!']);
  });

  test('widget, workflow, progress, title and raw events', async () => {
    const { client, core } = scriptedMock({
      script: [
        on(
          'all',
          progress('Thinking', { icon: 'atom' }),
          workflow(['Search', { type: 'thought', content: 'Hmm' }], { summary: { title: 'Done' }, expanded: true }),
          widget(Card({ children: [Text({ value: 'A card' })] }), { copyText: 'A card' }),
          title('Everything'),
          events([{ type: 'notice', level: 'info', message: 'FYI' }]),
        ),
      ],
    });
    const all = await collect(client.createThread('all'));
    const streamed = responderEvents(all);
    expect(shapeOf(streamed)).toEqual([
      'progress_update',
      'thread.item.added:workflow',
      'updated:workflow.task.added',
      'updated:workflow.task.added',
      'thread.item.done:workflow',
      'thread.item.done:widget',
      // A title change is noticed after the next event the responder yields.
      'notice',
      'thread.updated',
    ]);
    expect(streamed[0]).toEqual({ type: 'progress_update', text: 'Thinking', icon: 'atom' });
    const workflowDone = streamed[4];
    expect(workflowDone?.type === 'thread.item.done' && workflowDone.item).toMatchObject({
      type: 'workflow',
      workflow: {
        type: 'custom',
        expanded: true,
        summary: { title: 'Done' },
        tasks: [
          { type: 'custom', title: 'Search' },
          { type: 'thought', content: 'Hmm' },
        ],
      },
    });
    const updated = streamed[7];
    expect(updated?.type === 'thread.updated' && updated.thread.title).toBe('Everything');
    const threadId = createdThreadId(all);
    expect((await core.items(threadId)).map((item) => item.type)).toEqual(['user_message', 'workflow', 'widget']);
    expect((await core.threads())[0]?.title).toBe('Everything');
  });

  test('raw events and seeded items may be written `as const` (read-only all the way down)', async () => {
    const notice = { type: 'notice', level: 'warning', message: 'Read only', title: 'Heads up' } as const;
    const removal = { type: 'thread.item.removed', item_id: 'msg_nothing' } as const;
    const { client, core } = scriptedMock({ script: [on('const', events([notice, removal] as const))] });
    const streamed = responderEvents(await collect(client.createThread('const')));
    expect(streamed).toEqual([notice, removal]);

    const reply = { type: 'assistant_message', content: [{ text: 'Seeded reply', annotations: [] }] } as const;
    const { items } = await core.seedThread({ title: 'Seeded', items: [reply] as const });
    expect(items).toMatchObject([
      { type: 'assistant_message', content: [{ type: 'output_text', text: 'Seeded reply' }] },
    ]);
  });

  test('error ends the response with an error event, with or without a retry and a message', async () => {
    const { client } = scriptedMock({
      script: [
        on('custom', reply('before'), error('Out of tea', { allowRetry: true }), reply('never')),
        on('coded', error(undefined, { code: 'stream.error' })),
      ],
    });
    const custom = responderEvents(await collect(client.createThread('custom')));
    expect(shapeOf(custom).at(-2)).toBe('thread.item.done:assistant_message');
    expect(custom.at(-1)).toEqual({ type: 'error', code: 'custom', message: 'Out of tea', allow_retry: true });
    const coded = responderEvents(await collect(client.createThread('coded')));
    expect(coded).toEqual([{ type: 'error', code: 'stream.error', allow_retry: false }]);
  });

  test('a client tool call ends the response; the steps after it answer the page output', async () => {
    const { client, core } = scriptedMock({
      script: [
        on(
          'what time is it?',
          reply('Checking.'),
          clientToolCall('get_time', (turn) => ({ asked: turn.text })),
          reply((turn) => `It is ${(turn.toolOutput as { time: string }).time} (you asked "${turn.text}").`),
        ),
      ],
    });
    const first = await collect(client.createThread('what time is it?'));
    const call = first.at(-1);
    expect(call?.type === 'thread.item.done' && call.item).toMatchObject({
      type: 'client_tool_call',
      status: 'pending',
      name: 'get_time',
      arguments: { asked: 'what time is it?' },
    });
    const threadId = createdThreadId(first);
    const answer = responderEvents(await collect(client.addClientToolOutput(threadId, { time: 'noon' })));
    const done = answer.at(-1);
    expect(
      done?.type === 'thread.item.done' && done.item.type === 'assistant_message' && done.item.content[0]?.text,
    ).toBe('It is noon (you asked "what time is it?").');
    const stored = await core.items(threadId);
    expect(stored.map((item) => item.type)).toEqual([
      'user_message',
      'assistant_message',
      'client_tool_call',
      'assistant_message',
    ]);
    expect(stored[2]).toMatchObject({ status: 'completed', output: { time: 'noon' } });
  });

  test('widget actions are answered by action rules, with the action and sender in the turn', async () => {
    const { client } = scriptedMock({
      script: [
        on('card', widget(Card({ children: [Text({ value: 'Pick' })] }))),
        onAction(
          'pick',
          reply((turn) => `Picked ${JSON.stringify(turn.action?.payload)} from ${turn.sender?.type}`),
        ),
      ],
    });
    const created = await collect(client.createThread('card'));
    const widgetDone = created.at(-1);
    if (widgetDone?.type !== 'thread.item.done') throw new Error('expected the widget');
    const threadId = createdThreadId(created);
    const answer = await collect(
      client.customAction(threadId, { type: 'pick', payload: { n: 2 } }, widgetDone.item.id),
    );
    const done = answer.at(-1);
    expect(
      done?.type === 'thread.item.done' && done.item.type === 'assistant_message' && done.item.content[0]?.text,
    ).toBe('Picked {"n":2} from widget');
    const unknown = await collect(client.customAction(threadId, { type: 'other' }, widgetDone.item.id));
    expect(unknown.at(-1)).toEqual({
      type: 'error',
      code: 'custom',
      message: 'No scripted rule handles the action "other".',
      allow_retry: false,
    });
  });
});

describe('rules', () => {
  test('strings match the whole trimmed text, RegExps anywhere, predicates anything; the first match answers', async () => {
    const { client } = scriptedMock({
      script: [
        on('hello', reply('exact')),
        on(/weather/i, reply('regexp')),
        on(async (turn) => turn.text.length > 20, reply('predicate')),
      ],
    });
    const textOf = async (text: string) => {
      const done = (await collect(client.createThread(text))).at(-1);
      return done?.type === 'thread.item.done' && done.item.type === 'assistant_message'
        ? done.item.content[0]?.text
        : null;
    };
    expect(await textOf('  hello ')).toBe('exact');
    expect(await textOf('hello there')).toBe('You said: hello there');
    expect(await textOf('How is the WEATHER?')).toBe('regexp');
    expect(await textOf('a message that is rather long')).toBe('predicate');
  });

  test('once answers one turn, so a retry after a scripted error succeeds', async () => {
    const { client, core } = scriptedMock({
      script: [once('book', error('Busy, try again', { allowRetry: true })), on('book', reply('Booked'))],
    });
    const first = await collect(client.createThread('book'));
    expect(first.at(-1)).toMatchObject({ type: 'error', allow_retry: true });
    const threadId = createdThreadId(first);
    const userMessage = first[1];
    if (userMessage?.type !== 'thread.item.done') throw new Error('expected the user message');
    const retried = await collect(client.retryAfterItem(threadId, userMessage.item.id));
    expect(retried.at(-1)).toMatchObject({ type: 'thread.item.done', item: { content: [{ text: 'Booked' }] } });
    expect((await core.nextResponse()).outcome).toBe('failed');
    expect(await core.nextResponse()).toMatchObject({
      type: 'threads.retry_after_item',
      outcome: 'completed',
      threadId,
    });
  });

  test('use() puts rules ahead of the script; an unmatched message gets the fallback', async () => {
    const { client, core } = scriptedMock({ script: [on('hi', reply('script'))], fallback: [reply('fallback')] });
    const textOf = async (text: string) => {
      const done = (await collect(client.createThread(text))).at(-1);
      return done?.type === 'thread.item.done' && done.item.type === 'assistant_message'
        ? done.item.content[0]?.text
        : null;
    };
    expect(await textOf('hi')).toBe('script');
    core.use(on('hi', reply('override')));
    expect(await textOf('hi')).toBe('override');
    expect(await textOf('anything')).toBe('fallback');
  });
});

describe('pauses and stops', () => {
  test('pause holds a reply mid-stream until resume; a resume that comes first is kept', async () => {
    const { client, core } = scriptedMock({ script: [on('wait', reply(['first ', pause('gate'), 'second']))] });
    core.resume('gate');
    const early = responderEvents(await collect(client.createThread('wait')));
    expect(shapeOf(early).at(-1)).toBe('thread.item.done:assistant_message');

    const iterator = client.createThread('wait')[Symbol.asyncIterator]();
    const seen: ThreadStreamEvent[] = [];
    for (;;) {
      const step = await iterator.next();
      if (step.done) throw new Error('the stream ended before the pause');
      seen.push(step.value);
      if (
        step.value.type === 'thread.item.updated' &&
        step.value.update.type === 'assistant_message.content_part.text_delta'
      )
        break;
    }
    core.resume('gate');
    const rest = [];
    for (let step = await iterator.next(); !step.done; step = await iterator.next()) rest.push(step.value);
    expect(rest.at(-1)).toMatchObject({ type: 'thread.item.done', item: { content: [{ text: 'first second' }] } });
  });

  test('stopping mid-reply ends the response as cancelled once the partial reply and the note are stored', async () => {
    const { client, core } = scriptedMock({
      script: [on('long', reply(['The partial ', 'answer', delay(Infinity), ' never']))],
    });
    const stop = new AbortController();
    const seen: ThreadStreamEvent[] = [];
    const events = client.createThread('long', { signal: stop.signal });
    await expect(
      (async () => {
        for await (const event of events) {
          seen.push(event);
          if (
            event.type === 'thread.item.updated' &&
            event.update.type === 'assistant_message.content_part.text_delta' &&
            event.update.delta === 'answer'
          )
            stop.abort();
        }
      })(),
    ).rejects.toThrow();
    const response = await core.nextResponse();
    expect(response.outcome).toBe('cancelled');
    const threadId = createdThreadId(seen);
    expect(response.threadId).toBe(threadId);
    const stored = await core.items(threadId);
    expect(stored.map((item) => item.type)).toEqual(['user_message', 'assistant_message', 'sdk_hidden_context']);
    expect(stored[1]).toMatchObject({ content: [{ text: 'The partial answer' }] });
    expect(stored[2]).toMatchObject({ content: CANCELLED_STREAM_NOTE });
  });
});

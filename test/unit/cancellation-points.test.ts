/**
 * Cancellation at every point: a scripted response is stopped after each of its events in turn, by
 * each of the ways a client goes away. Afterwards the store must be consistent: every item whose
 * `done` went out stored exactly once, the partial reply (if it has text) and the cancellation note
 * stored exactly once, nothing else, and the thread still usable.
 */
import { describe, expect, test } from 'vitest';
import {
  CANCELLED_STREAM_NOTE,
  ChatKitServer,
  MemoryStore,
  StreamingResult,
  type ThreadMetadata,
  type ThreadStreamEvent,
  type ThreadStreamEventInput,
  type UserMessageItem,
} from '../../src/index.ts';

type Context = Record<string, never>;
const context: Context = {};
const T0 = Date.parse('2026-01-01T00:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

/** The scripted response: a bit of everything a responder streams. */
function script(threadId: string): ThreadStreamEventInput[] {
  const message = (id: string, text: string) => ({
    id,
    thread_id: threadId,
    created_at: at(1),
    type: 'assistant_message' as const,
    content: text ? [{ text }] : [],
  });
  return [
    { type: 'progress_update', text: 'thinking' },
    {
      type: 'thread.item.added',
      item: {
        id: 'wf',
        thread_id: threadId,
        created_at: at(2),
        type: 'workflow',
        workflow: { type: 'reasoning', tasks: [] },
      },
    },
    {
      type: 'thread.item.updated',
      item_id: 'wf',
      update: { type: 'workflow.task.added', task_index: 0, task: { type: 'thought', content: 'hmm' } },
    },
    {
      type: 'thread.item.done',
      item: {
        id: 'wf',
        thread_id: threadId,
        created_at: at(2),
        type: 'workflow',
        workflow: { type: 'reasoning', tasks: [{ type: 'thought', content: 'hmm' }] },
      },
    },
    { type: 'thread.item.added', item: message('a1', '') },
    {
      type: 'thread.item.updated',
      item_id: 'a1',
      update: { type: 'assistant_message.content_part.added', content_index: 0, content: { text: '' } },
    },
    {
      type: 'thread.item.updated',
      item_id: 'a1',
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: '   ' },
    },
    {
      type: 'thread.item.updated',
      item_id: 'a1',
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'Hello' },
    },
    {
      type: 'thread.item.updated',
      item_id: 'a1',
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: ', world' },
    },
    { type: 'thread.item.done', item: message('a1', '   Hello, world') },
    {
      type: 'thread.item.done',
      item: {
        id: 'w1',
        thread_id: threadId,
        created_at: at(3),
        type: 'widget',
        widget: { type: 'Card', children: [] },
      },
    },
    {
      type: 'thread.item.replaced',
      item: {
        id: 'w1',
        thread_id: threadId,
        created_at: at(3),
        type: 'widget',
        widget: { type: 'Card', children: [{ type: 'Text', value: 'v2' }] },
      },
    },
    {
      type: 'thread.item.done',
      item: { id: 'h1', thread_id: threadId, created_at: at(4), type: 'hidden_context_item', content: 'secret' },
    },
    { type: 'thread.item.removed', item_id: 'h1' },
    { type: 'thread.item.added', item: message('a2', '') },
    {
      type: 'thread.item.updated',
      item_id: 'a2',
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'Second' },
    },
    { type: 'thread.item.done', item: message('a2', 'Second reply') },
  ];
}

class ScriptServer extends ChatKitServer<Context> {
  /** Set while a response runs: resolved by the responder's finally block. */
  closed: Promise<void> = Promise.resolve();
  abortedSignals = 0;

  async *respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    _context: Context,
    { signal }: { signal: AbortSignal },
  ): AsyncIterable<ThreadStreamEventInput> {
    let markClosed!: () => void;
    this.closed = new Promise((resolve) => (markClosed = resolve));
    try {
      const text = input?.content[0]?.type === 'input_text' ? input.content[0].text : '';
      if (text === 'again') {
        yield {
          type: 'thread.item.done',
          item: {
            id: 'later',
            thread_id: thread.id,
            created_at: at(10),
            type: 'assistant_message',
            content: [{ text: 'ok' }],
          },
        };
        return;
      }
      for (const event of script(thread.id)) yield event;
    } finally {
      if (signal.aborted) this.abortedSignals++;
      markClosed();
    }
  }

  override reportError(error: unknown): void {
    throw new Error(`no error was expected, got ${String(error)}`);
  }
}

/** What the store must hold after the client left right after the response's event `index`. */
function expectedItems(events: ThreadStreamEvent[]): { id: string; text?: string; type: string }[] {
  const stored = new Map<string, { id: string; text?: string; type: string }>();
  const pending = new Map<string, string>();
  for (const event of events) {
    if (event.type === 'thread.item.done' || event.type === 'thread.item.replaced') {
      stored.set(event.item.id, { id: event.item.id, type: event.item.type });
      pending.delete(event.item.id);
    } else if (event.type === 'thread.item.removed') {
      stored.delete(event.item_id);
      pending.delete(event.item_id);
    } else if (event.type === 'thread.item.added' && event.item.type === 'assistant_message') {
      pending.set(event.item.id, '');
    } else if (
      event.type === 'thread.item.updated' &&
      event.update.type === 'assistant_message.content_part.text_delta' &&
      pending.has(event.item_id)
    ) {
      pending.set(event.item_id, pending.get(event.item_id)! + event.update.delta);
    }
  }
  for (const [id, text] of pending) if (text.trim()) stored.set(id, { id, text, type: 'assistant_message' });
  return [...stored.values()];
}

const ways = {
  'return() on the iterator': (result: StreamingResult) => result.close(),
  'cancelling the ReadableStream': async (_result: StreamingResult, stream: ReadableStream<Uint8Array>) =>
    stream.cancel(),
  'aborting the process() signal': async (
    _result: StreamingResult,
    _stream: ReadableStream<Uint8Array>,
    abort: AbortController,
  ) => abort.abort(),
} as const;

describe('cancellation at every point of a response', () => {
  // stream_options, then the script less the hidden item's done (stored, never sent).
  const responseLength = script('t').length;
  let pointsTried = 0;

  for (const [way, cancel] of Object.entries(ways)) {
    test(`after each of the ${responseLength} events, by ${way}`, async () => {
      for (let index = 0; index < responseLength; index++) {
        const store = new MemoryStore<Context>();
        const server = new ScriptServer(store);
        const abort = new AbortController();
        const thread: ThreadMetadata = { id: 'thr', created_at: at(0), status: { type: 'active' }, metadata: {} };
        await store.saveThread(thread, context);
        const request = JSON.stringify({
          type: 'threads.add_user_message',
          params: {
            thread_id: 'thr',
            input: { content: [{ type: 'input_text', text: 'go' }], attachments: [], inference_options: {} },
          },
        });
        const result = (await server.process(request, context, { signal: abort.signal })) as StreamingResult;

        // Read through the same path a client uses for the stream variant, else event by event.
        const seen: ThreadStreamEvent[] = [];
        const userMessage = await result.nextEvent();
        expect(userMessage.value).toMatchObject({ type: 'thread.item.done', item: { type: 'user_message' } });
        for (let i = 0; i <= index; i++) {
          const step = await result.nextEvent();
          expect(step.done, `${way}: event ${i} of ${index} (after ${JSON.stringify(seen.map((e) => e.type))})`).toBe(
            false,
          );
          seen.push(step.value as ThreadStreamEvent);
        }
        const stream = result.toReadableStream();
        await cancel(result, stream, abort);
        if (way === 'aborting the process() signal') {
          // Nobody is pulling: the next pull notices the abort and ends the stream with it.
          const outcome = await result.nextEvent().then(
            (step) => ({ step }),
            (error: unknown) => ({ error }),
          );
          expect(outcome, `pull after abort at event ${index}`).toMatchObject({ error: { name: 'AbortError' } });
        }
        await server.closed;
        pointsTried++;

        const items = (await store.loadThreadItems('thr', { limit: 100, order: 'asc' }, context)).data;
        const notes = items.filter((item) => item.type === 'sdk_hidden_context');
        expect(notes, `note after event ${index}`).toHaveLength(1);
        expect(notes[0]).toMatchObject({ content: CANCELLED_STREAM_NOTE });
        const rest = items.filter((item) => item.type !== 'sdk_hidden_context' && item.type !== 'user_message');
        const expected = expectedItems(seen);
        expect(rest.map((item) => item.id).sort(), `items after event ${index}`).toEqual(
          expected.map((item) => item.id).sort(),
        );
        for (const item of expected) {
          if (item.text !== undefined)
            expect(rest.find((stored) => stored.id === item.id)).toMatchObject({ content: [{ text: item.text }] });
        }
        expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
        // The responder starts after stream_options; from then on its signal must have aborted.
        expect(server.abortedSignals).toBe(index === 0 ? 0 : 1);

        // The thread still works.
        const again = (await server.process(request.replace('"go"', '"again"'), context)) as StreamingResult;
        const events: string[] = [];
        for (let step = await again.nextEvent(); !step.done; step = await again.nextEvent())
          events.push(step.value.type);
        expect(events).toEqual(['thread.item.done', 'stream_options', 'thread.item.done']);
      }
    });
  }

  test('every point was tried by every way', () => {
    console.log(
      `cancellation: ${pointsTried} cancellation points tried (${responseLength} events x ${Object.keys(ways).length} ways)`,
    );
    expect(pointsTried).toBe(responseLength * Object.keys(ways).length);
  });
});

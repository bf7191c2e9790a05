/**
 * Cancellation (protocol.md §5.6) and pending-item tracking (§5.5). The client going away is any of
 * three triggers: the `signal` given to `process()` aborting, `return()` on the StreamingResult's
 * iterator, or cancelling `toReadableStream()`. Each is exercised while a read is waiting on the
 * responder and between two reads. Every hand-off is a promise the responder settles: no sleeps.
 */
import { describe, expect, test } from 'vitest';
import {
  CANCELLED_STREAM_NOTE,
  NotFoundError,
  StreamingResult,
  type ThreadItem,
  type ThreadMetadata,
  type ThreadStreamEventInput,
} from '../../src/index.ts';
import { createTestServer, type TestContext, type TestServer } from '../support/test-server.ts';
import { deferred, whenAborted } from '../support/deferred.ts';
import { decodeFrame, streamEvents, typesOf, type Wire } from '../support/run.ts';
import { assistantMessage, req, userInput } from '../support/fixtures.ts';
import { allItems } from '../support/store-snapshot.ts';

type Trigger = 'process signal' | 'iterator return()' | 'ReadableStream cancel';
type Phase = 'while a read waits on the responder' | 'between two reads';

/** The frames of a byte-stream chunk: a chunk holds whole frames, as many as were ready together. */
function framesOf(chunk: Uint8Array): Uint8Array[] {
  const text = new TextDecoder().decode(chunk);
  return text
    .split(/(?<=\n\n)/)
    .filter(Boolean)
    .map((frame) => new TextEncoder().encode(frame));
}

/** Reads frames of a streaming result and ends it the way `trigger` does. */
function consumer(result: StreamingResult, trigger: Trigger, controller: AbortController) {
  const reader = trigger === 'ReadableStream cancel' ? result.toReadableStream().getReader() : null;
  const iterator = reader ? null : result[Symbol.asyncIterator]();
  // Frames of the byte stream's last chunk not read yet.
  const unread: Uint8Array[] = [];
  const next = async (): Promise<IteratorResult<Uint8Array>> => {
    if (reader) {
      while (unread.length === 0) {
        const step = await reader.read();
        if (step.done) return { done: true, value: undefined };
        unread.push(...framesOf(step.value));
      }
      return { done: false, value: unread.shift()! };
    }
    return iterator!.next();
  };
  return {
    /** The JSON of the next `count` frames. */
    async read(count: number): Promise<Wire[]> {
      const events: Wire[] = [];
      for (let i = 0; i < count; i++) {
        const step = await next();
        if (step.done) throw new Error('the stream ended early');
        events.push(JSON.parse(decodeFrame(step.value)));
      }
      return events;
    },
    /** Starts a read, waits until the responder is parked, then cancels; checks what the read gets. */
    async cancelDuringRead(parked: Promise<void>): Promise<void> {
      const pending = next();
      await parked;
      if (trigger === 'process signal') {
        controller.abort();
        await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
      } else if (trigger === 'iterator return()') {
        await iterator!.return!();
        await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
      } else {
        await reader!.cancel();
        await expect(pending).resolves.toEqual({ done: true, value: undefined });
      }
    },
    /** Cancels while no read is in progress. */
    async cancelBetweenReads(): Promise<void> {
      if (trigger === 'process signal') controller.abort();
      else if (trigger === 'iterator return()') await iterator!.return!();
      else await reader!.cancel();
    },
    next,
  };
}

/** Starts a streaming request whose stream the test reads and cancels through `trigger`. */
async function start(server: TestServer, request: unknown, context: TestContext, trigger: Trigger) {
  const controller = new AbortController();
  const result = await server.process(JSON.stringify(request), context, { signal: controller.signal });
  expect(result).toBeInstanceOf(StreamingResult);
  return consumer(result as StreamingResult, trigger, controller);
}

/** Probes a responder settles: parked (waiting for the abort), and its finally block. */
function probes() {
  return { parked: deferred(), finished: deferred(), signal: null as AbortSignal | null };
}

const triggers: Trigger[] = ['process signal', 'iterator return()', 'ReadableStream cancel'];
const phases: Phase[] = ['while a read waits on the responder', 'between two reads'];

async function expectCancelledTurn(
  server: TestServer,
  context: TestContext,
  threadId: string,
  assistant: { id: string; text: string | null },
) {
  const store = server.store;
  const newest = await store.loadThreadItems(threadId, { limit: 1, order: 'desc' }, context);
  expect(newest.data[0]).toMatchObject({
    type: 'sdk_hidden_context',
    content: CANCELLED_STREAM_NOTE,
    thread_id: threadId,
  });
  expect(newest.data[0]!.id).toMatch(/^shcx_[0-9a-f]{16,}$/);
  const items = await allItems(store, threadId, context);
  expect(items.filter((item) => item.type === 'sdk_hidden_context')).toHaveLength(1);
  if (assistant.text === null) {
    await expect(store.loadItem(threadId, assistant.id, context)).rejects.toThrow(NotFoundError);
  } else {
    const stored = await store.loadItem(threadId, assistant.id, context);
    expect(stored.type === 'assistant_message' && stored.content.map((part) => part.text).join('')).toBe(
      assistant.text,
    );
  }
}

describe('§9.1 #1: cancelling while an assistant message is pending stores it with its deltas, and the note', () => {
  for (const trigger of triggers) {
    for (const phase of phases) {
      test(`${trigger}, ${phase}`, async () => {
        const { server, store, context } = createTestServer();
        const probe = probes();
        server.respondWith = async function* (thread, _input, _context, { signal }) {
          probe.signal = signal;
          try {
            yield {
              type: 'thread.item.added',
              item: {
                id: 'msg_pending',
                thread_id: thread.id,
                created_at: new Date().toISOString(),
                type: 'assistant_message',
                content: [{ text: 'Hello, ' }],
              },
            };
            // A thread change the pipeline has not yet acted on when the client leaves: the cancel
            // path must not save it (§5.6).
            if (phase === 'between two reads') thread.title = 'Never saved';
            yield {
              type: 'thread.item.updated',
              item_id: 'msg_pending',
              update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'World!' },
            };
            thread.title = 'Never saved';
            probe.parked.resolve();
            await whenAborted(signal);
          } finally {
            probe.finished.resolve();
          }
        };
        const stream = await start(server, req.create(), context, trigger);
        const events = await stream.read(5);
        expect(typesOf(events)).toEqual([
          'thread.created',
          'thread.item.done',
          'stream_options',
          'thread.item.added',
          'thread.item.updated',
        ]);
        const threadId = events[0].thread.id;

        if (phase === 'while a read waits on the responder') await stream.cancelDuringRead(probe.parked.promise);
        else await stream.cancelBetweenReads();
        const cancelled = await server.whenCancelled();
        await probe.finished.promise;

        expect(probe.signal!.aborted).toBe(true);
        expect(server.cancelledCalls).toHaveLength(1);
        expect(cancelled.context).toBe(context);
        expect(cancelled.pendingItems).toEqual([
          {
            id: 'msg_pending',
            thread_id: threadId,
            created_at: events[3].item.created_at,
            type: 'assistant_message',
            content: [{ annotations: [], text: 'Hello, World!', type: 'output_text' }],
          },
        ]);
        await expectCancelledTurn(server, context, threadId, { id: 'msg_pending', text: 'Hello, World!' });
        // A byte stream reads ahead of its reader by a chunk: between two reads, its pipeline has
        // already acted on the change (saved it, and sent thread.updated in the chunk) when the
        // reader stops. Read one frame at a time, the change is never acted on.
        const actedOn = trigger === 'ReadableStream cancel' && phase === 'between two reads';
        expect((await store.loadThread(threadId, context)).title ?? null).toBe(actedOn ? 'Never saved' : null);
        expect(server.reportedErrors).toEqual([]);
        // The stream is over for the consumer: nothing more is sent. After an abort a read rejects
        // with the abort reason (as a read in progress does); after return() it is simply done.
        if (trigger === 'process signal') await expect(stream.next()).rejects.toMatchObject({ name: 'AbortError' });
        if (trigger === 'iterator return()') await expect(stream.next()).resolves.toMatchObject({ done: true });

        // A later request on the thread works and sees the stored items.
        server.respondWith = async function* (thread) {
          yield { type: 'thread.item.done', item: assistantMessage('after_cancel', thread.id, 'Fresh start') };
        };
        const next = await streamEvents(server, req.addUserMessage(threadId, userInput('again')), context);
        expect(typesOf(next)).toEqual(['thread.item.done', 'stream_options', 'thread.item.done']);
        expect((await allItems(store, threadId, context)).map((item) => item.type)).toEqual([
          'user_message',
          'assistant_message',
          'sdk_hidden_context',
          'user_message',
          'assistant_message',
        ]);
      });
    }
  }
});

describe('§9.1 #2: an empty pending assistant message is not stored; the note is', () => {
  for (const [name, content] of [
    ['no content', []],
    ['whitespace only', [{ text: ' \n\t ' }]],
  ] as const) {
    test(name, async () => {
      const { server, context } = createTestServer();
      const probe = probes();
      server.respondWith = async function* (thread, _input, _context, { signal }) {
        yield {
          type: 'thread.item.added',
          item: {
            id: 'msg_empty',
            thread_id: thread.id,
            created_at: new Date().toISOString(),
            type: 'assistant_message',
            content: [...content],
          },
        };
        probe.parked.resolve();
        await whenAborted(signal);
      };
      const stream = await start(server, req.create(), context, 'process signal');
      const events = await stream.read(4);
      await stream.cancelDuringRead(probe.parked.promise);
      await server.whenCancelled();
      await expectCancelledTurn(server, context, events[0].thread.id, { id: 'msg_empty', text: null });
    });
  }
});

describe('a responder that throws once the client is gone is part of the cancellation, not an error', () => {
  for (const trigger of triggers) {
    test(`${trigger}: no error event, nothing reported, cancellation handled once`, async () => {
      const { server, context } = createTestServer();
      const probe = probes();
      server.respondWith = async function* (thread, _input, _context, { signal }) {
        try {
          yield { type: 'thread.item.added', item: assistantMessage('m', thread.id, 'partial') };
          probe.parked.resolve();
          await whenAborted(signal);
          throw new DOMException('The model call was aborted.', 'AbortError');
        } finally {
          probe.finished.resolve();
        }
      };
      const stream = await start(server, req.create(), context, trigger);
      const events = await stream.read(4);
      await stream.cancelDuringRead(probe.parked.promise);
      await server.whenCancelled();
      await probe.finished.promise;
      expect(server.reportedErrors).toEqual([]);
      expect(server.cancelledCalls).toHaveLength(1);
      await expectCancelledTurn(server, context, events[0].thread.id, { id: 'm', text: 'partial' });
    });
  }

  test('a responder whose finally block throws while it is closed between reads', async () => {
    const { server, context } = createTestServer();
    server.respondWith = async function* (thread) {
      try {
        yield { type: 'thread.item.added', item: assistantMessage('m', thread.id, 'partial') };
        yield { type: 'progress_update', text: 'never pulled' };
      } finally {
        // eslint-disable-next-line no-unsafe-finally
        throw new Error('cleanup failed');
      }
    };
    const stream = await start(server, req.create(), context, 'iterator return()');
    const events = await stream.read(4);
    await stream.cancelBetweenReads();
    await server.whenCancelled();
    expect(server.reportedErrors).toEqual([]);
    await expectCancelledTurn(server, context, events[0].thread.id, { id: 'm', text: 'partial' });
  });
});

describe('cancellation outside a response', () => {
  test('a signal aborted before the stream is read writes nothing and never calls respond', async () => {
    const { server, store, context } = createTestServer();
    const controller = new AbortController();
    controller.abort();
    const result = (await server.process(JSON.stringify(req.create()), context, {
      signal: controller.signal,
    })) as StreamingResult;
    const frames: Uint8Array[] = [];
    const failure = await (async () => {
      for await (const frame of result) frames.push(frame);
    })().catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'AbortError' });
    expect(frames).toEqual([]);
    expect(server.respondCalls).toEqual([]);
    expect(server.cancelledCalls).toEqual([]);
    expect((await store.loadThreads({ limit: 10, order: 'asc' }, context)).data).toEqual([]);
  });

  test('a signal aborted while nobody reads ends the stream at once: no further read is needed', async () => {
    const { server, store, context } = createTestServer();
    const probe = probes();
    server.respondWith = async function* (thread) {
      try {
        yield { type: 'thread.item.added', item: assistantMessage('m', thread.id, 'partial') };
        yield { type: 'progress_update', text: 'never pulled' };
      } finally {
        probe.finished.resolve();
      }
    };
    const stream = await start(server, req.create(), context, 'process signal');
    const events = await stream.read(4);
    await stream.cancelBetweenReads();
    // No read follows: the abort alone closes the responder and stores the partial turn.
    await probe.finished.promise;
    await server.whenCancelled();
    await expectCancelledTurn(server, context, events[0].thread.id, { id: 'm', text: 'partial' });
    expect((await allItems(store, events[0].thread.id, context)).map((item) => item.type)).toEqual([
      'user_message',
      'assistant_message',
      'sdk_hidden_context',
    ]);
  });

  test('a stream read to its end is not cancelled by a later return()', async () => {
    const { server, context } = createTestServer();
    const result = (await server.process(JSON.stringify(req.create()), context)) as StreamingResult;
    const iterator = result[Symbol.asyncIterator]();
    while (!(await iterator.next()).done);
    await iterator.return!();
    expect(server.cancelledCalls).toEqual([]);
  });
});

const at = () => new Date().toISOString();

/** Runs `events` through a response, then cancels while the responder waits; the pending items handed over. */
async function pendingAfter(
  events: (thread: ThreadMetadata) => ThreadStreamEventInput[],
): Promise<{ pending: ThreadItem[]; server: TestServer; threadId: string; context: TestContext }> {
  const { server, store, context } = createTestServer();
  store.generateThreadId = () => 'thr_pending';
  const probe = probes();
  const script = events({ id: 'thr_pending', created_at: at(), status: { type: 'active' }, metadata: {} });
  server.respondWith = async function* (_thread, _input, _context, { signal }) {
    yield* script;
    probe.parked.resolve();
    await whenAborted(signal);
  };
  const stream = await start(server, req.create(), context, 'process signal');
  await stream.read(3 + script.length);
  await stream.cancelDuringRead(probe.parked.promise);
  const cancelled = await server.whenCancelled();
  return { pending: cancelled.pendingItems, server, threadId: 'thr_pending', context };
}

const annotation = (title: string) => ({
  type: 'annotation' as const,
  source: { type: 'file' as const, title, filename: `${title}.pdf` },
});

describe('pending-item tracking (§5.5)', () => {
  test('content parts are padded with empty parts up to content_index', async () => {
    const { pending } = await pendingAfter((thread) => [
      {
        type: 'thread.item.added',
        item: { id: 'a', thread_id: thread.id, created_at: at(), type: 'assistant_message', content: [] },
      },
      {
        type: 'thread.item.updated',
        item_id: 'a',
        update: { type: 'assistant_message.content_part.text_delta', content_index: 2, delta: 'third' },
      },
    ]);
    expect(pending[0]!.type === 'assistant_message' && pending[0].content).toEqual([
      { annotations: [], text: '', type: 'output_text' },
      { annotations: [], text: '', type: 'output_text' },
      { annotations: [], text: 'third', type: 'output_text' },
    ]);
  });

  test('part added sets the part, deltas append to it, part done replaces it', async () => {
    const { pending } = await pendingAfter((thread) => [
      {
        type: 'thread.item.added',
        item: { id: 'a', thread_id: thread.id, created_at: at(), type: 'assistant_message', content: [] },
      },
      {
        type: 'thread.item.updated',
        item_id: 'a',
        update: { type: 'assistant_message.content_part.added', content_index: 0, content: { text: 'Hel' } },
      },
      {
        type: 'thread.item.updated',
        item_id: 'a',
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'lo' },
      },
      {
        type: 'thread.item.updated',
        item_id: 'a',
        update: { type: 'assistant_message.content_part.added', content_index: 1, content: { text: 'draft' } },
      },
      {
        type: 'thread.item.updated',
        item_id: 'a',
        update: {
          type: 'assistant_message.content_part.done',
          content_index: 1,
          content: { text: 'final', annotations: [annotation('f')] },
        },
      },
    ]);
    expect(pending[0]!.type === 'assistant_message' && pending[0].content).toEqual([
      { annotations: [], text: 'Hello', type: 'output_text' },
      {
        annotations: [{ type: 'annotation', source: { type: 'file', title: 'f', filename: 'f.pdf' } }],
        text: 'final',
        type: 'output_text',
      },
    ]);
  });

  test('annotation_added inserts at annotation_index when it is within the list, else appends', async () => {
    const { pending } = await pendingAfter((thread) => [
      {
        type: 'thread.item.added',
        item: {
          id: 'a',
          thread_id: thread.id,
          created_at: at(),
          type: 'assistant_message',
          content: [{ text: 'x', annotations: [annotation('A0'), annotation('A1')] }],
        },
      },
      {
        type: 'thread.item.updated',
        item_id: 'a',
        update: {
          type: 'assistant_message.content_part.annotation_added',
          content_index: 0,
          annotation_index: 1,
          annotation: annotation('mid'),
        },
      },
      {
        type: 'thread.item.updated',
        item_id: 'a',
        update: {
          type: 'assistant_message.content_part.annotation_added',
          content_index: 0,
          annotation_index: 3,
          annotation: annotation('end'),
        },
      },
      {
        type: 'thread.item.updated',
        item_id: 'a',
        update: {
          type: 'assistant_message.content_part.annotation_added',
          content_index: 0,
          annotation_index: 9,
          annotation: annotation('far'),
        },
      },
      {
        type: 'thread.item.updated',
        item_id: 'a',
        update: {
          type: 'assistant_message.content_part.annotation_added',
          content_index: 1,
          annotation_index: 4,
          annotation: annotation('new part'),
        },
      },
    ]);
    const content = pending[0]!.type === 'assistant_message' ? pending[0].content : [];
    expect(content[0]!.annotations.map((a) => a.source.title)).toEqual(['A0', 'mid', 'A1', 'end', 'far']);
    expect(content[1]).toEqual({ text: '', type: 'output_text', annotations: [annotation('new part')] });
  });

  test('workflow.task.added appends whatever task_index says; task.updated replaces in range', async () => {
    const { pending, server, threadId, context } = await pendingAfter((thread) => [
      {
        type: 'thread.item.added',
        item: {
          id: 'wf',
          thread_id: thread.id,
          created_at: at(),
          type: 'workflow',
          workflow: { type: 'custom', tasks: [{ type: 'custom', title: 'first' }] },
        },
      },
      {
        type: 'thread.item.updated',
        item_id: 'wf',
        update: { type: 'workflow.task.added', task_index: 7, task: { type: 'custom', title: 'second' } },
      },
      {
        type: 'thread.item.updated',
        item_id: 'wf',
        update: { type: 'workflow.task.added', task_index: 0, task: { type: 'thought', content: 'third' } },
      },
      {
        type: 'thread.item.updated',
        item_id: 'wf',
        update: {
          type: 'workflow.task.updated',
          task_index: 0,
          task: { type: 'custom', title: 'first, done', status_indicator: 'complete' },
        },
      },
    ]);
    expect(pending[0]!.type === 'workflow' && pending[0].workflow.tasks).toEqual([
      { type: 'custom', title: 'first, done', status_indicator: 'complete' },
      { type: 'custom', title: 'second', status_indicator: 'none' },
      { type: 'thought', content: 'third', status_indicator: 'none' },
    ]);
    // Pending workflows are handed over but not stored by the default handler (§5.6 step 2).
    await expect(server.store.loadItem(threadId, 'wf', context)).rejects.toThrow(NotFoundError);
  });

  test('workflow.task.updated out of range becomes an error event; the update is not sent', async () => {
    const { server, context } = createTestServer();
    server.respondWith = async function* (thread) {
      yield {
        type: 'thread.item.added',
        item: {
          id: 'wf',
          thread_id: thread.id,
          created_at: at(),
          type: 'workflow',
          workflow: { type: 'reasoning', tasks: [] },
        },
      };
      yield {
        type: 'thread.item.updated',
        item_id: 'wf',
        update: { type: 'workflow.task.updated', task_index: 0, task: { type: 'thought', content: 'x' } },
      };
      yield { type: 'progress_update', text: 'never sent' };
    };
    const events = await streamEvents(server, req.create(), context);
    expect(typesOf(events).slice(3)).toEqual(['thread.item.added', 'error']);
    expect(events.at(-1)).toEqual({ type: 'error', code: 'stream.error', allow_retry: true });
    expect(server.reportedErrors[0]).toBeInstanceOf(RangeError);
  });

  test('updates of untracked items, widgets, images and mismatched kinds are ignored', async () => {
    const { pending, server } = await pendingAfter((thread) => [
      {
        type: 'thread.item.updated',
        item_id: 'unknown',
        update: { type: 'workflow.task.updated', task_index: 5, task: { type: 'image' } },
      },
      {
        type: 'thread.item.added',
        item: {
          id: 'a',
          thread_id: thread.id,
          created_at: at(),
          type: 'assistant_message',
          content: [{ text: 'kept' }],
        },
      },
      {
        type: 'thread.item.updated',
        item_id: 'a',
        update: { type: 'workflow.task.added', task_index: 0, task: { type: 'image' } },
      },
      {
        type: 'thread.item.added',
        item: {
          id: 'w',
          thread_id: thread.id,
          created_at: at(),
          type: 'widget',
          widget: { type: 'Card', children: [{ type: 'Text', id: 't', value: 'v' }] },
        },
      },
      {
        type: 'thread.item.updated',
        item_id: 'w',
        update: { type: 'widget.streaming_text.value_delta', component_id: 't', delta: '+', done: false },
      },
      { type: 'thread.item.added', item: { id: 'g', thread_id: thread.id, created_at: at(), type: 'generated_image' } },
      {
        type: 'thread.item.updated',
        item_id: 'g',
        update: { type: 'generated_image.updated', image: { id: 'i', url: 'u' } },
      },
      {
        type: 'thread.item.updated',
        item_id: 'g',
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'x' },
      },
    ]);
    expect(server.reportedErrors).toEqual([]);
    expect(pending.map((item) => item.id)).toEqual(['a', 'w', 'g']);
    expect(pending[0]).toMatchObject({ content: [{ text: 'kept' }] });
    expect(pending[1]).toMatchObject({ widget: { children: [{ value: 'v' }] } });
    expect(pending[2]).not.toHaveProperty('image');
  });

  test('done, replaced and removed items stop being pending', async () => {
    const { pending } = await pendingAfter((thread) => [
      { type: 'thread.item.added', item: assistantMessage('done', thread.id, 'x') },
      { type: 'thread.item.added', item: assistantMessage('replaced', thread.id, 'x') },
      { type: 'thread.item.added', item: assistantMessage('removed', thread.id, 'x') },
      { type: 'thread.item.added', item: assistantMessage('still', thread.id, 'x') },
      { type: 'thread.item.done', item: assistantMessage('done', thread.id, 'x') },
      { type: 'thread.item.replaced', item: assistantMessage('replaced', thread.id, 'x') },
      { type: 'thread.item.removed', item_id: 'removed' },
    ]);
    expect(pending.map((item) => item.id)).toEqual(['still']);
  });

  test("the pending copy is the server's own: later changes to the responder's object do not reach it", async () => {
    let mine: { content: { text: string }[] } | null = null;
    const { pending, server, threadId, context } = await pendingAfter((thread) => {
      const item = {
        id: 'a',
        thread_id: thread.id,
        created_at: at(),
        type: 'assistant_message' as const,
        content: [{ text: 'server copy' }],
      };
      mine = item;
      return [{ type: 'thread.item.added', item }];
    });
    mine!.content[0]!.text = 'changed by the responder';
    expect(pending[0]).toMatchObject({ content: [{ text: 'server copy' }] });
    const stored = await server.store.loadItem(threadId, 'a', context);
    expect(stored).toMatchObject({ content: [{ text: 'server copy' }] });
  });

  test('only assistant messages with text are stored on cancel; several may be', async () => {
    const { server, threadId, context } = await pendingAfter((thread) => [
      { type: 'thread.item.added', item: assistantMessage('one', thread.id, 'first') },
      {
        type: 'thread.item.added',
        item: {
          id: 'blank',
          thread_id: thread.id,
          created_at: at(),
          type: 'assistant_message',
          content: [{ text: '' }, { text: '  ' }],
        },
      },
      {
        type: 'thread.item.added',
        item: {
          id: 'two',
          thread_id: thread.id,
          created_at: at(),
          type: 'assistant_message',
          content: [{ text: '' }, { text: 'second' }],
        },
      },
    ]);
    const items = await allItems(server.store, threadId, context);
    expect(
      items
        .filter((item) => item.type === 'assistant_message')
        .map((item) => item.id)
        .sort(),
    ).toEqual(['one', 'two']);
    expect(items.map((item) => item.type).sort()).toEqual([
      'assistant_message',
      'assistant_message',
      'sdk_hidden_context',
      'user_message',
    ]);
  });
});

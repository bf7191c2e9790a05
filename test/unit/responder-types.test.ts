/**
 * Responders compile in both forms a user writes without help: plain literals under a
 * `ResponseStream` annotation, and unannotated literals `as const` (whose arrays are `readonly`). The
 * type checks happen in the typecheck step (`tsc` reads this file, `@ts-expect-error` lines
 * included); the tests then run both servers to show they answer the same, and that the server never
 * writes to what a responder yields (it validates and copies).
 */
import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  ChatKitServer,
  MemoryStore,
  now,
  type ResponseEvent,
  type ResponseOptions,
  type ResponseStream,
  type ThreadMetadata,
  type ThreadStreamEventInput,
  type UserMessageItem,
} from '../../src/index.ts';
import { req, userInput } from '../support/fixtures.ts';
import { streamEvents, typesOf } from '../support/run.ts';

type Ctx = { userId: string };

function textOf(input: UserMessageItem | null): string {
  return input?.content.map((part) => part.text).join('') ?? '';
}

/** Plain literals, checked against the protocol through the return-type annotation. */
class AnnotatedServer extends ChatKitServer<Ctx> {
  async *respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: Ctx,
    _options: ResponseOptions,
  ): ResponseStream {
    const id = this.store.generateItemId('message', thread, context);
    const text = textOf(input);
    const created_at = now();
    yield {
      type: 'thread.item.added',
      item: { id, thread_id: thread.id, created_at, type: 'assistant_message', content: [] },
    };
    yield {
      type: 'thread.item.updated',
      item_id: id,
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: text },
    };
    yield {
      type: 'thread.item.done',
      item: { id, thread_id: thread.id, created_at, type: 'assistant_message', content: [{ text }] },
    };
  }
}

/** The same reply without an annotation: `as const` keeps the literal types (and makes `content: []` readonly). */
class AsConstServer extends ChatKitServer<Ctx> {
  async *respond(thread: ThreadMetadata, input: UserMessageItem | null, context: Ctx, _options: ResponseOptions) {
    const id = this.store.generateItemId('message', thread, context);
    const text = textOf(input);
    const created_at = now();
    yield {
      type: 'thread.item.added',
      item: { id, thread_id: thread.id, created_at, type: 'assistant_message', content: [] },
    } as const;
    yield {
      type: 'thread.item.updated',
      item_id: id,
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: text },
    } as const;
    yield {
      type: 'thread.item.done',
      item: { id, thread_id: thread.id, created_at, type: 'assistant_message', content: [{ text }] },
    } as const;
  }
}

/** The annotation still catches mistakes: each line below must fail to compile. */
class CheckedServer extends ChatKitServer<Ctx> {
  async *respond(thread: ThreadMetadata): ResponseStream {
    // @ts-expect-error -- not an event type
    yield { type: 'thread.item.finished', item_id: 'x' };
    // @ts-expect-error -- `text` must be a string
    yield { type: 'progress_update', text: 42 };
    yield {
      type: 'thread.item.done',
      item: {
        id: 'x',
        thread_id: thread.id,
        created_at: now(),
        type: 'assistant_message',
        // @ts-expect-error -- an assistant message's content parts need `text`
        content: [{ annotations: [] }],
      },
    };
  }
}

/** Deep-frozen events: writing to any of them would throw. */
class FrozenServer extends ChatKitServer<Ctx> {
  async *respond(thread: ThreadMetadata): ResponseStream {
    const created_at = now();
    yield deepFreeze({ type: 'progress_update', text: 'thinking' } as const);
    yield deepFreeze({
      type: 'thread.item.added',
      item: { id: 'msg_frozen', thread_id: thread.id, created_at, type: 'assistant_message', content: [] },
    } as const);
    yield deepFreeze({
      type: 'thread.item.done',
      item: {
        id: 'msg_frozen',
        thread_id: thread.id,
        created_at,
        type: 'assistant_message',
        content: [{ text: 'cold' }],
      },
    } as const);
    yield deepFreeze({
      type: 'client_effect',
      name: 'confetti',
      data: { colours: ['red', 'blue'] },
    } as const);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe('responder types', () => {
  test('ResponseEvent accepts the input form and its read-only view, nothing looser', () => {
    expectTypeOf<ThreadStreamEventInput>().toExtend<ResponseEvent>();
    expectTypeOf<{
      readonly type: 'thread.item.done';
      readonly item: {
        readonly id: string;
        readonly thread_id: string;
        readonly created_at: string;
        readonly type: 'assistant_message';
        readonly content: readonly [];
      };
    }>().toExtend<ResponseEvent>();
    expectTypeOf<{ type: string; text: string }>().not.toExtend<ResponseEvent>();
    expectTypeOf<ResponseStream>().toEqualTypeOf<AsyncIterable<ResponseEvent>>();
  });

  test('the annotated and the as-const responder stream the same reply', async () => {
    const context = { userId: 'u1' };
    const run = async (server: ChatKitServer<Ctx>) => {
      const events = await streamEvents(server, req.create(userInput('echo me')), context);
      return { types: typesOf(events), reply: events.at(-1) };
    };
    const annotated = await run(new AnnotatedServer(new MemoryStore()));
    const asConst = await run(new AsConstServer(new MemoryStore()));
    expect(annotated.types).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'thread.item.added',
      'thread.item.updated',
      'thread.item.done',
    ]);
    expect(asConst.types).toEqual(annotated.types);
    for (const { reply } of [annotated, asConst]) {
      expect(reply.item.content).toEqual([{ type: 'output_text', text: 'echo me', annotations: [] }]);
    }
  });

  test('the server validates what is yielded: a wrong event is an error event, not a stored item', async () => {
    const store = new MemoryStore<Ctx>();
    const server = new CheckedServer(store);
    server.reportError = () => undefined;
    const events = await streamEvents(server, req.create(), { userId: 'u1' });
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'stream.error' });
    const items = await store.loadThreadItems(events[0].thread.id, { limit: 10, order: 'asc' }, { userId: 'u1' });
    expect(items.data.map((item) => item.type)).toEqual(['user_message']);
  });

  test('deep-frozen events are validated and copied, never written to', async () => {
    const store = new MemoryStore<Ctx>();
    const context = { userId: 'u1' };
    const events = await streamEvents(new FrozenServer(store), req.create(), context);
    expect(typesOf(events).slice(2)).toEqual([
      'stream_options',
      'progress_update',
      'thread.item.added',
      'thread.item.done',
      'client_effect',
    ]);
    // Defaults are filled in on the server's copy.
    expect(events[5].item.content).toEqual([{ type: 'output_text', text: 'cold', annotations: [] }]);
    const stored = await store.loadItem(events[0].thread.id, 'msg_frozen', context);
    expect(Object.isFrozen(stored)).toBe(false);
    expect(stored).toMatchObject({ content: [{ text: 'cold', annotations: [] }] });
  });
});

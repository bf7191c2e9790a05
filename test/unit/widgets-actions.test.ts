/**
 * `defineAction`: typed widget actions. The configs it makes match the protocol's defaults, the
 * payload is typed where the app declares it (checked by `tsc`, `@ts-expect-error` lines included),
 * and a validator checks payloads at run time.
 */
import { describe, expect, expectTypeOf, test } from 'vitest';
import { z } from 'zod';
import {
  ActionConfig,
  ChatKitRequestError,
  ChatKitServer,
  MemoryStore,
  progressUpdate,
  type Action,
  type ResponseStream,
  type SyncCustomActionResponse,
  type ThreadMetadata,
  type UserMessageItem,
  type WidgetItem,
} from '../../src/index.ts';
import { Button, Card, defineAction, Text } from '../../src/widgets.ts';
import { req } from '../support/fixtures.ts';
import { requestJson, streamEvents } from '../support/run.ts';

type Vote = Action<'vote', { option: string }>;
const vote = defineAction<Vote>('vote');
const rate = defineAction('rate', z.object({ stars: z.number().int().min(1).max(5), note: z.string().default('') }));

describe('defineAction', () => {
  test('create makes the action config a widget declares, defaults from the protocol', () => {
    expect(vote.create({ option: 'yes' })).toEqual({
      type: 'vote',
      payload: { option: 'yes' },
      handler: 'server',
      loadingBehavior: 'auto',
      streaming: true,
    });
    expect(vote.create({ option: 'no' }, { handler: 'client', loadingBehavior: 'self', streaming: false })).toEqual({
      type: 'vote',
      payload: { option: 'no' },
      handler: 'client',
      loadingBehavior: 'self',
      streaming: false,
    });
    const card = Card({ children: [Button({ label: 'Yes', onClickAction: vote.create({ option: 'yes' }) })] });
    expect(ActionConfig.parse((card.children as { onClickAction: unknown }[])[0]!.onClickAction)).toMatchObject({
      type: 'vote',
    });
  });

  test('payloads are typed as declared', () => {
    expectTypeOf(vote.create({ option: 'yes' })).toEqualTypeOf<ActionConfig<'vote', { option: string }>>();
    // @ts-expect-error -- option must be a string
    vote.create({ option: 1 });
    // The validator's type (stars is required), checked at run time too.
    // @ts-expect-error -- stars is missing
    expect(() => rate.create({ note: 'meh' })).toThrow();
    const incoming: Action = { type: 'vote', payload: { option: 'yes' } };
    if (vote.is(incoming)) expectTypeOf(incoming.payload).toEqualTypeOf<{ option: string }>();
    expectTypeOf<ReturnType<typeof rate.parse>['payload']>().toEqualTypeOf<{ stars: number; note: string }>();
    expectTypeOf(vote.type).toEqualTypeOf<'vote'>();
  });

  test('is matches the type and, with a validator, the payload', () => {
    expect(vote.is({ type: 'vote', payload: { option: 'yes' } })).toBe(true);
    expect(vote.is({ type: 'other', payload: { option: 'yes' } })).toBe(false);
    expect(rate.is({ type: 'rate', payload: { stars: 4 } })).toBe(true);
    expect(rate.is({ type: 'rate', payload: { stars: 9 } })).toBe(false);
    expect(rate.is({ type: 'rate', payload: null })).toBe(false);
  });

  test('parse returns the validated payload, or a 400 naming the field', () => {
    expect(rate.parse({ type: 'rate', payload: { stars: 4 } })).toEqual({
      type: 'rate',
      payload: { stars: 4, note: '' },
    });
    const invalid = (() => {
      try {
        rate.parse({ type: 'rate', payload: { stars: 'four' } });
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(invalid).toBeInstanceOf(ChatKitRequestError);
    expect(invalid).toMatchObject({ status: 400, field: 'params.action' });
    expect((invalid as Error).message).toMatch(/^params\.action\.payload\.stars: /);
    expect(() => vote.parse({ type: 'rate', payload: null })).toThrow(
      'params.action.type: expected "vote", got "rate"',
    );
  });

  test('a server tells its actions apart with them', async () => {
    class PollServer extends ChatKitServer<{ userId: string }> {
      async *respond(thread: ThreadMetadata, _input: UserMessageItem | null): ResponseStream {
        yield {
          type: 'thread.item.done',
          item: {
            id: 'msg_poll',
            thread_id: thread.id,
            created_at: new Date().toISOString(),
            type: 'widget',
            widget: Card({ children: [Button({ label: 'Yes', onClickAction: vote.create({ option: 'yes' }) })] }),
          },
        };
      }
      override async *action(_thread: ThreadMetadata, action: Action, _sender: WidgetItem | null): ResponseStream {
        if (vote.is(action)) yield progressUpdate(`Counted ${action.payload.option}`);
        else yield progressUpdate(`Unknown action ${action.type}`);
      }
      override async syncAction(
        _thread: ThreadMetadata,
        action: Action,
        sender: WidgetItem | null,
      ): Promise<SyncCustomActionResponse> {
        const { payload } = rate.parse(action);
        return sender
          ? { updated_item: { ...sender, widget: Card({ children: [Text({ value: `${payload.stars} stars` })] }) } }
          : {};
      }
    }
    const server = new PollServer(new MemoryStore());
    const context = { userId: 'u1' };
    const created = await streamEvents(server, req.create(), context);
    const threadId = created[0].thread.id;
    const voted = await streamEvents(
      server,
      req.customAction(threadId, 'msg_poll', { type: 'vote', payload: { option: 'yes' } }),
      context,
    );
    expect(voted.at(-1)).toEqual({ type: 'progress_update', text: 'Counted yes' });
    const other = await streamEvents(server, req.customAction(threadId, 'msg_poll', { type: 'skip' }), context);
    expect(other.at(-1)).toEqual({ type: 'progress_update', text: 'Unknown action skip' });
    const rated = await requestJson(
      server,
      req.syncCustomAction(threadId, 'msg_poll', { type: 'rate', payload: { stars: 5 } }),
      context,
    );
    expect(rated.updated_item.widget.children).toEqual([{ type: 'Text', value: '5 stars' }]);
    await expect(
      server.process(
        JSON.stringify(req.syncCustomAction(threadId, 'msg_poll', { type: 'rate', payload: { stars: 0 } })),
        context,
      ),
    ).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/^params\.action\.payload\.stars: /) });
  });
});

/**
 * `AgentContext` helpers (protocol.md §8.1) and how `streamAgentResponse` merges the context's queue
 * with the run (§8.2, §8.5): the events each helper queues, the active workflow, the merge and drain,
 * and the steps after the run. The run here is driven by hand, event by event.
 */
import { Agent, tool, type RunContext } from '@openai/agents';
import { afterEach, describe, expect, expectTypeOf, test, vi } from 'vitest';
import { z } from 'zod';
import type { ResponseEvent, ThreadStreamEventInput } from '../../src/index.ts';
import { Card, Text } from '../../src/widgets.ts';
import { AgentContext, streamAgentResponse } from '../../src/agents.ts';
import { advanceClock, useFixedClock } from '../support/clock.ts';
import {
  collect,
  countingStore,
  ctx,
  manualContext,
  manualRun,
  raw,
  startRun,
  storedItems,
  thread,
  type Ctx,
} from './agents-harness.ts';
import { functionCall, message, ScriptedModel } from './agents-scripted-model.ts';

const T0 = '2025-01-02T03:04:05.000Z';

afterEach(() => {
  vi.useRealTimers();
});

/** What the context queued, as `streamAgentResponse` forwards it over a run that emits nothing. */
async function queued(context: AgentContext<Ctx>): Promise<ThreadStreamEventInput[]> {
  const run = manualRun();
  run.end();
  return collect(streamAgentResponse(context, run.iterable));
}

const messageAdded = (id: string) =>
  raw({
    type: 'response.output_item.added',
    output_index: 0,
    item: { type: 'message', id, role: 'assistant', status: 'in_progress', content: [] },
  });

describe('workflow helpers', () => {
  test('a custom workflow is shown with its first task; later tasks are added and updated by position; it ends with its duration', async () => {
    useFixedClock(T0);
    const context = await manualContext();

    await context.startWorkflow({ type: 'custom', tasks: [] });
    await context.addWorkflowTask({ type: 'custom', title: 'Search' });
    await context.addWorkflowTask({ type: 'custom', title: 'Search' });
    await context.updateWorkflowTask({ type: 'custom', title: 'Search', status_indicator: 'complete' }, 1);
    advanceClock(2999);
    await context.endWorkflow();

    const task = { status_indicator: 'none', type: 'custom', title: 'Search' };
    const done = { ...task, status_indicator: 'complete' };
    const item = (workflow: object) => ({
      id: 'workflow_1',
      thread_id: 'thr_1',
      created_at: T0,
      type: 'workflow',
      workflow,
    });
    expect(await queued(context)).toEqual([
      { type: 'thread.item.added', item: item({ type: 'custom', tasks: [task], expanded: false }) },
      {
        type: 'thread.item.updated',
        item_id: 'workflow_1',
        update: { type: 'workflow.task.added', task_index: 1, task },
      },
      {
        type: 'thread.item.updated',
        item_id: 'workflow_1',
        update: { type: 'workflow.task.updated', task_index: 1, task: done },
      },
      {
        type: 'thread.item.done',
        item: item({ type: 'custom', tasks: [task, done], summary: { duration: 2 }, expanded: false }),
      },
    ]);
    expect(context.workflowItem).toBeNull();
  });

  test('a reasoning workflow, or one started with tasks, is shown at once', async () => {
    const context = await manualContext();
    await context.startWorkflow({ type: 'reasoning', tasks: [] });
    const reasoning = await queued(context);
    await context.startWorkflow({ type: 'custom', tasks: [{ type: 'thought', content: 'Hm' }] });
    const withTasks = await queued(context);

    expect(reasoning).toEqual([
      {
        type: 'thread.item.added',
        item: expect.objectContaining({
          id: 'workflow_1',
          workflow: { type: 'reasoning', tasks: [], expanded: false },
        }),
      },
    ]);
    expect(withTasks).toEqual([
      expect.objectContaining({ type: 'thread.item.added', item: expect.objectContaining({ id: 'workflow_2' }) }),
    ]);
  });

  test('a task with no workflow starts a custom one; a reasoning workflow gets task.added even for its first task', async () => {
    const context = await manualContext();
    await context.addWorkflowTask({ type: 'custom', content: 'Step' });
    const implicit = await queued(context);
    await context.endWorkflow({ title: 'Done', icon: 'check' }, true);
    await context.startWorkflow({ type: 'reasoning', tasks: [] });
    await context.addWorkflowTask({ type: 'thought', content: 'Why' });

    expect(implicit).toEqual([
      {
        type: 'thread.item.added',
        item: expect.objectContaining({
          workflow: {
            type: 'custom',
            tasks: [{ status_indicator: 'none', type: 'custom', content: 'Step' }],
            expanded: false,
          },
        }),
      },
    ]);
    expect(await queued(context)).toEqual([
      {
        type: 'thread.item.done',
        item: expect.objectContaining({
          id: 'workflow_1',
          workflow: expect.objectContaining({ summary: { title: 'Done', icon: 'check' }, expanded: true }),
        }),
      },
      { type: 'thread.item.added', item: expect.objectContaining({ id: 'workflow_2' }) },
      {
        type: 'thread.item.updated',
        item_id: 'workflow_2',
        update: {
          type: 'workflow.task.added',
          task_index: 0,
          task: { status_indicator: 'none', type: 'thought', content: 'Why' },
        },
      },
    ]);
  });

  test('an existing summary is kept when the workflow ends without one; ending with no workflow does nothing', async () => {
    const context = await manualContext();
    await context.endWorkflow();
    await context.startWorkflow({ type: 'custom', tasks: [], summary: { title: 'Planned' } });
    await context.addWorkflowTask({ type: 'image' });
    await context.endWorkflow();

    const events = await queued(context);
    expect(events.map((event) => event.type)).toEqual(['thread.item.added', 'thread.item.done']);
    expect(events[1]).toMatchObject({ item: { workflow: { summary: { title: 'Planned' } } } });
  });

  test('updating a task needs an active workflow and an existing task', async () => {
    const context = await manualContext();
    await expect(context.updateWorkflowTask({ type: 'image' }, 0)).rejects.toThrow('no workflow is active');
    await context.addWorkflowTask({ type: 'image' });
    await expect(context.updateWorkflowTask({ type: 'image' }, 1)).rejects.toThrow(
      'the workflow has no task 1 (it has 1)',
    );
  });

  test('events carry copies: changing the workflow later does not change what was queued', async () => {
    const context = await manualContext();
    await context.addWorkflowTask({ type: 'custom', title: 'One' });
    await context.addWorkflowTask({ type: 'custom', title: 'Two' });

    const [added] = await queued(context);
    expect(added).toMatchObject({ item: { workflow: { tasks: [{ title: 'One' }] } } });
    expect((added as { item: { workflow: { tasks: unknown[] } } }).item.workflow.tasks).toHaveLength(1);
  });
});

describe('other helpers', () => {
  test('stream() forwards any event as is; streamWidget() of a finished root is one done item with store ids', async () => {
    useFixedClock(T0);
    const context = await manualContext();
    await context.stream({ type: 'progress_update', icon: 'search', text: 'Searching' });
    await context.streamWidget(Card({ children: [Text({ value: 'Hi' })] }), 'Hi');

    expect(await queued(context)).toEqual([
      { type: 'progress_update', icon: 'search', text: 'Searching' },
      {
        type: 'thread.item.done',
        item: {
          id: 'message_1',
          thread_id: 'thr_1',
          created_at: T0,
          type: 'widget',
          widget: { type: 'Card', children: [{ type: 'Text', value: 'Hi' }] },
          copy_text: 'Hi',
        },
      },
    ]);
  });

  test('stream() takes events written `as const` (read-only all the way down), and queues its own copy', async () => {
    useFixedClock(T0);
    const context = await manualContext();
    const item = {
      id: 'msg_const',
      thread_id: 'thr_1',
      created_at: T0,
      type: 'assistant_message',
      content: [{ text: 'Fixed text', annotations: [] }],
    } as const;
    const added = { type: 'thread.item.added', item: { ...item, content: [] } } as const;
    const done = Object.freeze({ type: 'thread.item.done', item } as const);
    // Both compile only because stream() accepts the read-only event type.
    expectTypeOf<Parameters<AgentContext<Ctx>['stream']>[0]>().toEqualTypeOf<ResponseEvent>();
    await context.stream(added);
    await context.stream(done);

    const events = await queued(context);
    expect(events).toEqual([added, done]);
    // A copy was queued: the frozen original is not what comes out, and later changes cannot reach it.
    expect(events[1]).not.toBe(done);
  });

  test('generateId() asks the store: thread ids for "thread", item ids in this or another thread', () => {
    const store = countingStore();
    const calls: string[] = [];
    store.generateItemId = (type, inThread) => (calls.push(inThread.id), `${type}@${inThread.id}`);
    const context = new AgentContext<Ctx>({ thread: thread('thr_a'), store, requestContext: ctx });

    expect(context.generateId('thread')).toBe('thread_1');
    expect(context.generateId('tool_call')).toBe('tool_call@thr_a');
    expect(context.generateId('task', thread('thr_b'))).toBe('task@thr_b');
    expect(calls).toEqual(['thr_a', 'thr_b']);
  });
});

describe('the active workflow in the stream', () => {
  test('an item shown through the context ends the active workflow first; client tool calls and hidden context do not', async () => {
    useFixedClock(T0);
    const context = await manualContext();
    await context.addWorkflowTask({ type: 'custom', title: 'Working' });
    await context.stream({
      type: 'thread.item.done',
      item: { id: 'h1', thread_id: 'thr_1', created_at: T0, type: 'hidden_context_item', content: 'note' },
    });
    await context.streamWidget(Card({ children: [Text({ value: 'Result' })] }));

    const events = await queued(context);

    expect(events.map((event) => `${event.type}:${'item' in event ? event.item.id : ''}`)).toEqual([
      'thread.item.added:workflow_1',
      'thread.item.done:h1',
      'thread.item.done:workflow_1',
      'thread.item.done:message_1',
    ]);
    expect(events[2]).toMatchObject({ item: { workflow: { summary: { duration: 0 }, expanded: false } } });
    expect(context.workflowItem).toBeNull();
  });

  test('workflows a tool ends and starts keep their own lives: each ends once, the one left open ends at the message', async () => {
    const trackWork = tool({
      name: 'track_work',
      description: 'Shows the work done.',
      parameters: z.object({}),
      execute: async (_args, runContext?: RunContext<AgentContext<Ctx>>) => {
        const context = runContext!.context;
        await context.startWorkflow({ type: 'custom', tasks: [] });
        await context.addWorkflowTask({ type: 'custom', title: 'Looked it up' });
        await context.endWorkflow({ title: 'Research' }, true);
        // A second workflow, left open for the message to end.
        await context.addWorkflowTask({ type: 'custom', title: 'Writing' });
        return 'done';
      },
    });
    const model = new ScriptedModel(
      [functionCall('fc_1', 'call_1', 'track_work', {})],
      [message('msg_1', 'Found it.')],
    );
    const agent = new Agent<AgentContext<Ctx>>({ name: 'A', instructions: 'x', model, tools: [trackWork] });
    const { context, result } = await startRun(agent, 'Research this');

    const events = await collect(streamAgentResponse(context, result));

    expect(events.slice(0, 4)).toEqual([
      { type: 'thread.item.added', item: expect.objectContaining({ id: 'workflow_1' }) },
      {
        type: 'thread.item.done',
        item: expect.objectContaining({
          id: 'workflow_1',
          workflow: expect.objectContaining({ summary: { title: 'Research' }, expanded: true }),
        }),
      },
      { type: 'thread.item.added', item: expect.objectContaining({ id: 'workflow_2' }) },
      {
        type: 'thread.item.done',
        item: expect.objectContaining({
          id: 'workflow_2',
          workflow: expect.objectContaining({ summary: { duration: 0 }, expanded: false }),
        }),
      },
    ]);
    expect(
      events.slice(4).filter((event) => event.type === 'thread.item.done' && event.item.type === 'workflow'),
    ).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'thread.item.done', item: { id: 'msg_1' } });
  });

  test('a workflow streamed by hand becomes the active one, and the next message ends it', async () => {
    useFixedClock(T0);
    const context = await manualContext();
    await context.stream({
      type: 'thread.item.added',
      item: {
        id: 'wf_hand',
        thread_id: 'thr_1',
        created_at: T0,
        type: 'workflow',
        workflow: { type: 'custom', tasks: [{ type: 'custom', title: 'Manual' }] },
      },
    });
    const run = manualRun();
    const stream = streamAgentResponse(context, run.iterable);

    const first = await stream.next();
    run.push(messageAdded('msg_1'));
    run.end();
    const rest = await collect({ [Symbol.asyncIterator]: () => stream });

    expect(first.value).toMatchObject({ type: 'thread.item.added', item: { id: 'wf_hand' } });
    expect(rest.map((event) => event.type)).toEqual(['thread.item.done', 'thread.item.added']);
    expect(rest[0]).toMatchObject({ item: { id: 'wf_hand', workflow: { summary: { duration: 0 }, expanded: false } } });
  });

  test('a workflow streamed by hand and then done by hand is no longer active', async () => {
    const context = await manualContext();
    const item = {
      id: 'wf_hand',
      thread_id: 'thr_1',
      created_at: T0,
      type: 'workflow' as const,
      workflow: { type: 'custom' as const, tasks: [] },
    };
    await context.stream({ type: 'thread.item.added', item });
    await context.stream({
      type: 'thread.item.done',
      item: { ...item, workflow: { ...item.workflow, summary: { title: 'Mine' }, expanded: true } },
    });
    const run = manualRun();
    const stream = streamAgentResponse(context, run.iterable);
    await stream.next();
    await stream.next();
    run.push(messageAdded('msg_1'));
    run.end();

    const rest = await collect({ [Symbol.asyncIterator]: () => stream });

    expect(rest.map((event) => `${event.type}:${'item' in event ? event.item.id : ''}`)).toEqual([
      'thread.item.added:msg_1',
    ]);
  });

  test('an existing summary is not overwritten when a message ends the workflow', async () => {
    const context = await manualContext();
    context.workflowItem = {
      id: 'wf_1',
      thread_id: 'thr_1',
      created_at: T0,
      type: 'workflow',
      workflow: { type: 'custom', tasks: [], summary: { title: 'Test' }, expanded: true },
    };
    const run = manualRun(messageAdded('m_1'));
    run.end();

    const events = await collect(streamAgentResponse(context, run.iterable));

    expect(events[0]).toEqual({
      type: 'thread.item.done',
      item: {
        id: 'wf_1',
        thread_id: 'thr_1',
        created_at: T0,
        type: 'workflow',
        workflow: { type: 'custom', tasks: [], summary: { title: 'Test' }, expanded: false },
      },
    });
    expect(context.workflowItem).toBeNull();
  });

  test("the thread's last workflow (or the one before a trailing client tool call) is continued", async () => {
    const store = countingStore();
    await store.saveThread(thread(), ctx);
    const workflow = {
      id: 'wf_old',
      thread_id: 'thr_1',
      created_at: T0,
      type: 'workflow' as const,
      workflow: { type: 'reasoning' as const, tasks: [], expanded: false },
    };
    await store.addThreadItem('thr_1', workflow, ctx);
    await store.addThreadItem(
      'thr_1',
      {
        id: 'tc',
        thread_id: 'thr_1',
        created_at: T0,
        type: 'client_tool_call',
        status: 'completed',
        call_id: 'c',
        name: 'n',
        arguments: {},
        output: 1,
      },
      ctx,
    );
    const context = await manualContext(store);
    const run = manualRun(
      raw({ type: 'response.reasoning_summary_text.done', item_id: 'rs', summary_index: 0, text: 'More' }),
    );
    run.end();

    const events = await collect(streamAgentResponse(context, run.iterable));

    expect(events).toEqual([
      {
        type: 'thread.item.updated',
        item_id: 'wf_old',
        update: {
          type: 'workflow.task.added',
          task_index: 0,
          task: { status_indicator: 'none', type: 'thought', content: 'More' },
        },
      },
    ]);
    // Still open after the run: stored again (an upsert) so a later response can continue it.
    expect(await storedItems(store, 'thr_1')).toContainEqual({
      ...workflow,
      workflow: { ...workflow.workflow, tasks: [{ status_indicator: 'none', type: 'thought', content: 'More' }] },
    });
  });
});

describe('merging the run with the queue', () => {
  test('context events come out while the run is silent, and the stream ends only when the run does', async () => {
    const context = await manualContext();
    await context.stream({ type: 'notice', level: 'info', message: 'Early' });
    const run = manualRun();
    const stream = streamAgentResponse(context, run.iterable);

    const first = await stream.next();
    let settled: boolean;
    const second = stream.next().then((step) => ((settled = true), step));
    await context.stream({ type: 'notice', level: 'info', message: 'Later' });
    const third = await second;
    const fourth = stream.next().then((step) => ((settled = true), step));
    settled = false;
    await Promise.resolve();

    expect(first.value).toMatchObject({ message: 'Early' });
    expect(third.value).toMatchObject({ message: 'Later' });
    expect(settled).toBe(false);
    run.end();
    expect(await fourth).toEqual({ done: true, value: undefined });
  });

  test('events queued as the run ends are all forwarded before the end', async () => {
    const context = await manualContext();
    const run = manualRun(messageAdded('m_1'));
    const stream = streamAgentResponse(context, run.iterable);
    const first = await stream.next();

    // Queued in the same tick as the end of the run: nothing may be lost.
    await context.stream({ type: 'progress_update', text: 'a' });
    await context.stream({ type: 'progress_update', text: 'b' });
    run.end();
    const rest = await collect({ [Symbol.asyncIterator]: () => stream });

    expect(first.value).toMatchObject({ type: 'thread.item.added', item: { id: 'm_1' } });
    expect(rest).toEqual([
      { type: 'progress_update', text: 'a' },
      { type: 'progress_update', text: 'b' },
    ]);
  });

  test('closing the response early closes the run', async () => {
    const context = await manualContext();
    const run = manualRun(messageAdded('m_1'));
    const stream = streamAgentResponse(context, run.iterable);
    await stream.next();

    await stream.return(undefined);
    await Promise.resolve();
    await Promise.resolve();

    expect(run.returned).toBe(true);
  });

  test('a context can serve a second run: what it queues between runs waits for the next one', async () => {
    const context = await manualContext();
    const firstRun = manualRun();
    firstRun.end();
    await collect(streamAgentResponse(context, firstRun.iterable));
    await context.stream({ type: 'progress_update', text: 'between' });
    const secondRun = manualRun();
    secondRun.end();

    expect(await collect(streamAgentResponse(context, secondRun.iterable))).toEqual([
      { type: 'progress_update', text: 'between' },
    ]);
  });

  test('a client tool call with no function call seen gets ids from the store', async () => {
    useFixedClock(T0);
    const context = await manualContext();
    context.clientToolCall = { name: 'pick_color', arguments: { palette: 'warm' } };

    expect(await queued(context)).toEqual([
      {
        type: 'thread.item.done',
        item: {
          id: 'tool_call_1',
          thread_id: 'thr_1',
          created_at: T0,
          type: 'client_tool_call',
          status: 'pending',
          call_id: 'tool_call_2',
          name: 'pick_color',
          arguments: { palette: 'warm' },
        },
      },
    ]);
  });
});

describe('the per-event mapping', () => {
  async function mapped(...events: { type: string; [field: string]: unknown }[]): Promise<ThreadStreamEventInput[]> {
    const run = manualRun(...events.map(raw));
    run.end();
    return collect(streamAgentResponse(await manualContext(), run.iterable));
  }

  test('annotation indices count converted annotations per message and content part', async () => {
    const citation = (filename: string, item_id: string, content_index: number) => ({
      type: 'response.output_text.annotation.added',
      item_id,
      content_index,
      output_index: 0,
      annotation_index: 0,
      annotation: { type: 'file_citation', file_id: 'f', filename, index: 1 },
    });

    const events = await mapped(
      citation('a.txt', 'm1', 0),
      citation('', 'm1', 0),
      citation('b.txt', 'm1', 0),
      citation('c.txt', 'm1', 1),
      citation('d.txt', 'm2', 0),
    );

    expect(
      events.map((event) =>
        event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.annotation_added'
          ? [event.item_id, event.update.content_index, event.update.annotation_index]
          : null,
      ),
    ).toEqual([
      ['m1', 0, 0],
      ['m1', 0, 1],
      ['m1', 1, 0],
      ['m2', 0, 0],
    ]);
  });

  test("a refusal part becomes text; reasoning text parts, unknown events and the SDK's own summaries are ignored", async () => {
    const run = manualRun(
      raw({
        type: 'response.content_part.added',
        item_id: 'm',
        content_index: 0,
        part: { type: 'refusal', refusal: 'No' },
      }),
      raw({
        type: 'response.content_part.added',
        item_id: 'm',
        content_index: 1,
        part: { type: 'reasoning_text', text: 'x' },
      }),
      raw({ type: 'response.created', response: {} }),
      raw({ type: 'response.reasoning_summary_text.delta', item_id: 'rs', summary_index: 0, delta: 'no workflow' }),
      raw({
        type: 'response.image_generation_call.partial_image',
        item_id: 'ig',
        partial_image_b64: 'x',
        partial_image_index: 0,
      }),
    );
    const { RunRawModelStreamEvent } = await import('@openai/agents');
    run.push(new RunRawModelStreamEvent({ type: 'output_text_delta', delta: 'dup' }));
    run.end();

    const events = await collect(streamAgentResponse(await manualContext(), run.iterable));

    expect(events).toEqual([
      {
        type: 'thread.item.updated',
        item_id: 'm',
        update: {
          type: 'assistant_message.content_part.added',
          content_index: 0,
          content: { annotations: [], text: 'No', type: 'output_text' },
        },
      },
    ]);
  });
});

/**
 * `streamAgentResponse`: a streamed Agents SDK run as ChatKit stream events, merged with what the
 * run's {@link AgentContext} helpers queue, as the Python SDK's `stream_agent_response`.
 */
import { InputGuardrailTripwireTriggered, OutputGuardrailTripwireTriggered, type RunStreamEvent } from '@openai/agents';
import { now } from '../protocol/common.ts';
import type { ThreadStreamEventInput } from '../protocol/events.ts';
import type { AgentContext } from './context.ts';
import { eventQueueOf } from './context.ts';
import { mergeRunWithQueue } from './merge.ts';
import { ResponseStreamConverter } from './response-converter.ts';
import { RunEventMapper } from './run-event-mapper.ts';
import { StreamState } from './stream-state.ts';
import { ChatCompletionsAdapter } from './chat-completions.ts';

/** Options of {@link streamAgentResponse}. */
export interface StreamAgentResponseOptions {
  /** Converts images and citations; default: a plain {@link ResponseStreamConverter}. */
  converter?: ResponseStreamConverter | undefined;
}

const defaultConverter = new ResponseStreamConverter();

/**
 * Streams a run as ChatKit events: yield them from `respond`. Pass the result of
 * `run(agent, input, { stream: true, context })` with the same `context`.
 *
 * - Text, refusals and citations of the model's messages become an `assistant_message` (whose id is
 *   the Responses message id) with its content-part updates; reasoning summaries become a reasoning
 *   workflow, ended when the message starts; image generation becomes a `generated_image` with
 *   partial images and progress.
 * - Events queued through the context (widgets, workflows, progress...) are yielded as they come.
 * - A workflow still active when the run ends is saved to the store without a `done` event, so the
 *   next response continues it; if a tool set `context.clientToolCall`, a pending `client_tool_call`
 *   item ends the stream.
 * - When an input or output guardrail trips, every item this response showed is removed
 *   (`thread.item.removed`) and the tripwire error is thrown again: catch it in `respond` to show
 *   an error of your own.
 *
 * @param result - the streamed run (`StreamedRunResult`, or any async iterable of run events).
 */
export async function* streamAgentResponse<TContext>(
  context: AgentContext<TContext>,
  result: AsyncIterable<RunStreamEvent>,
  options: StreamAgentResponseOptions = {},
): AsyncGenerator<ThreadStreamEventInput, void, undefined> {
  const state = new StreamState(context);
  // Runs on a Chat Completions model stream chunks; they are read as the Responses events they stand for.
  const chatCompletions = new ChatCompletionsAdapter(() => context.generateId('message'));
  const mapper = new RunEventMapper(state, options.converter ?? defaultConverter);
  const queue = eventQueueOf(context);
  const { thread, store, requestContext } = context;

  await continueRecentWorkflow(context);

  try {
    for await (const next of mergeRunWithQueue(result, queue)) {
      if (next.source === 'queue') yield* state.fromQueue(next.entry);
      else for (const event of chatCompletions.adapt(next.event)) yield* mapper.map(event);
    }
  } catch (error) {
    if (error instanceof InputGuardrailTripwireTriggered || error instanceof OutputGuardrailTripwireTriggered) {
      // Whatever the blocked response showed goes away, including what tools streamed.
      for (const itemId of state.producedIds) yield { type: 'thread.item.removed', item_id: itemId };
      queue.clear();
    }
    throw error;
  }

  // The next response continues a workflow the run left open (after a client tool call, say).
  if (context.workflowItem) await store.addThreadItem(thread.id, structuredClone(context.workflowItem), requestContext);

  const clientToolCall = context.clientToolCall;
  if (clientToolCall) {
    const { callId, itemId } = mapper.lastToolCall;
    yield {
      type: 'thread.item.done',
      item: {
        id: itemId ?? store.generateItemId('tool_call', thread, requestContext),
        thread_id: thread.id,
        created_at: now(),
        type: 'client_tool_call',
        status: 'pending',
        call_id: callId ?? store.generateItemId('tool_call', thread, requestContext),
        name: clientToolCall.name,
        arguments: clientToolCall.arguments,
      },
    };
  }
}

/**
 * Makes the thread's last workflow the active one when the thread ends with it, or with a client
 * tool call right after it: the previous response left it open.
 */
async function continueRecentWorkflow<TContext>(context: AgentContext<TContext>): Promise<void> {
  const recent = await context.store.loadThreadItems(
    context.thread.id,
    { after: null, limit: 2, order: 'desc' },
    context.requestContext,
  );
  const [last, secondLast] = recent.data;
  const open =
    last?.type === 'workflow'
      ? last
      : last?.type === 'client_tool_call' && secondLast?.type === 'workflow'
        ? secondLast
        : null;
  // A copy: the stream changes the active workflow in place, and the store's object is not ours.
  if (open) context.workflowItem = structuredClone(open);
}

/**
 * Turning scripted steps into stream events, in order. A client tool call ends the response; the
 * steps after it are handed back so the server can run them once the page has answered.
 */
import type { ResponseEvent } from '../../protocol/events.ts';
import type { StoreItemType } from '../../store/types.ts';
import { CustomStreamError, StreamError } from '../../server/errors.ts';
import { progressUpdate, threadItemAdded, threadItemDone, threadItemUpdated } from '../../server/event-builders.ts';
import { clientToolCall } from '../../server/item-builders.ts';
import { streamText } from '../../server/stream-text.ts';
import { streamWidget } from '../../widgets/stream.ts';
import { isWait, taskOf, type Dynamic, type ReplyParts, type Step, type Turn } from './steps.ts';
import { runWait, type PauseGates } from './waits.ts';

/** What running steps needs besides the turn. */
export interface StepContext {
  /** Aborts when the page stops the response. */
  signal: AbortSignal;
  /** A new item id of a kind. */
  newId(kind: StoreItemType): string;
  /** A new client tool call id. */
  newCallId(): string;
  /** The next timestamp. */
  now(): string;
  gates: PauseGates;
}

/** Steps left to run after a client tool call the page has not answered yet. */
export interface Continuation {
  /** The id of the pending `client_tool_call` item. */
  itemId: string;
  steps: Step[];
}

/**
 * Streams the events of `steps`. Returns the steps that follow a client tool call (with the call's
 * item id), or null when every step ran.
 */
export async function* runSteps(
  steps: readonly Step[],
  turn: Turn,
  context: StepContext,
): AsyncGenerator<ResponseEvent, Continuation | null, undefined> {
  for (const [index, step] of steps.entries()) {
    if (isWait(step)) {
      await runWait(step, context.gates, context.signal);
      continue;
    }
    switch (step.kind) {
      case 'reply':
        yield* replyEvents(await resolve(step.text, turn), step.chunkSize, turn, context);
        break;
      case 'widget':
        yield* streamWidget(turn.thread, await resolve(step.widget, turn), {
          copyText: step.copyText,
          generateId: (kind) => context.newId(kind),
          createdAt: context.now(),
        });
        break;
      case 'workflow':
        yield* workflowEvents(step, turn, context);
        break;
      case 'client_tool_call': {
        const itemId = context.newId('tool_call');
        yield threadItemDone(
          clientToolCall({
            thread: turn.thread,
            id: itemId,
            createdAt: context.now(),
            callId: context.newCallId(),
            name: step.name,
            arguments: await resolve(step.arguments, turn),
          }),
        );
        return { itemId, steps: steps.slice(index + 1) };
      }
      case 'progress':
        yield progressUpdate(step.text, step.icon);
        break;
      case 'error':
        if (step.message !== undefined) throw new CustomStreamError(step.message, { allowRetry: step.allowRetry });
        throw new StreamError(step.code ?? 'stream.error', { allowRetry: step.allowRetry });
      case 'title':
        // The server notices the change, saves the thread and sends `thread.updated`.
        turn.thread.title = await resolve(step.title, turn);
        break;
      case 'events':
        yield* await resolve(step.events, turn);
        break;
    }
  }
  return null;
}

/** Resolves a value that may be computed from the turn. */
export async function resolve<T>(value: Dynamic<T>, turn: Turn): Promise<T> {
  return typeof value === 'function' ? await (value as (turn: Turn) => T | Promise<T>)(turn) : value;
}

/**
 * An assistant message, streamed by the core's `streamText` (added, its content part opened, one
 * delta per chunk, closed, done) with the scripted ids and clock; waits run between the chunks.
 */
async function* replyEvents(
  text: ReplyParts,
  chunkSize: number | undefined,
  turn: Turn,
  context: StepContext,
): AsyncGenerator<ResponseEvent, void, undefined> {
  const parts = typeof text === 'string' ? chunksOf(text, chunkSize) : text;
  async function* chunks(): AsyncGenerator<string, void, undefined> {
    for (const part of parts) {
      if (isWait(part)) await runWait(part, context.gates, context.signal);
      else yield part;
    }
  }
  yield* streamText(turn.thread, chunks(), {
    store: { generateItemId: (kind) => context.newId(kind) },
    context: undefined,
    signal: context.signal,
    createdAt: context.now(),
  });
}

/** A workflow: added empty, one `workflow.task.added` per task (waits between), then done. */
async function* workflowEvents(
  step: Extract<Step, { kind: 'workflow' }>,
  turn: Turn,
  context: StepContext,
): AsyncGenerator<ResponseEvent, void, undefined> {
  const base = {
    id: context.newId('workflow'),
    thread_id: turn.thread.id,
    created_at: context.now(),
    type: 'workflow' as const,
  };
  const workflowType = step.workflowType ?? 'custom';
  const expanded = step.expanded ?? false;
  yield threadItemAdded({ ...base, workflow: { type: workflowType, tasks: [], expanded } });
  const tasks = [];
  for (const entry of step.tasks) {
    if (isWait(entry)) {
      await runWait(entry, context.gates, context.signal);
      continue;
    }
    const task = taskOf(entry);
    yield threadItemUpdated(base.id, { type: 'workflow.task.added', task_index: tasks.length, task });
    tasks.push(task);
  }
  yield threadItemDone({
    ...base,
    workflow: { type: workflowType, tasks, expanded, ...(step.summary ? { summary: step.summary } : {}) },
  });
}

/** A string as the chunks a reply streams: words (with their trailing space), or fixed-size pieces. */
export function chunksOf(text: string, chunkSize?: number): string[] {
  if (chunkSize && chunkSize > 0) {
    const chunks = [];
    for (let i = 0; i < text.length; i += chunkSize) chunks.push(text.slice(i, i + chunkSize));
    return chunks;
  }
  return text.split(/(?<=\s)(?=\S)/);
}

/**
 * The steps of a scripted response: what the assistant does, one step after another. Each builder
 * returns a plain object, so a script can be written as data, logged, and sent to a worker.
 */
import type { IconName } from '../../protocol/common.ts';
import type { ResponseEvent } from '../../protocol/events.ts';
import type { ClientToolCallItem, UserMessageItem, WidgetItem } from '../../protocol/items.ts';
import type { Action } from '../../protocol/requests.ts';
import type { ThreadMetadata } from '../../protocol/thread.ts';
import type { WidgetRoot } from '../../protocol/widgets.ts';
import type { Task, WorkflowSummary } from '../../protocol/workflow.ts';
import type { z } from 'zod';

/**
 * What a step knows about the turn it answers. Plain data only (it crosses to a worker in the
 * browser variant).
 */
export interface Turn {
  /** The user's text (its text parts joined); '' when answering a tool output or an action. */
  text: string;
  /** The user message being answered, or null (after a client tool output, or for an action). */
  input: UserMessageItem | null;
  /** The thread, as the server holds it when the turn starts. */
  thread: ThreadMetadata;
  /** The client tool call the page just answered (with its `output`), when continuing after one. */
  toolCall: ClientToolCallItem | null;
  /** The page's answer to that call (`toolCall.output`); undefined otherwise. */
  toolOutput: unknown;
  /** The widget action being handled (action rules only). */
  action: Action | null;
  /** The widget item that sent the action, if any (action rules only). */
  sender: WidgetItem | null;
}

/**
 * A value written in the script, or computed from the {@link Turn} when the step runs (sync or
 * async). In the browser variant the function runs on the page and must return plain data.
 */
export type Dynamic<T> = T | ((turn: Turn) => T | Promise<T>);

/** Waits `ms` milliseconds; `Infinity` waits until the page stops the response. */
export interface DelayStep {
  kind: 'delay';
  ms: number;
}

/** Waits until the test calls `resume(name)` (or the page stops the response). */
export interface PauseStep {
  kind: 'pause';
  name: string;
}

/** A wait: between steps, between the chunks of a reply, or between a workflow's tasks. */
export type Wait = DelayStep | PauseStep;

/** A reply's text: the chunks it streams, with optional waits between them. */
export type ReplyParts = string | (string | Wait)[];

/** An assistant message streamed in chunks. */
export interface ReplyStep {
  kind: 'reply';
  /** A string (streamed word by word, or in `chunkSize` pieces) or explicit chunks and waits. */
  text: Dynamic<ReplyParts>;
  /** Chunk length in characters for a string `text` (default: one chunk per word). */
  chunkSize?: number | undefined;
}

/** A widget item. */
export interface WidgetStep {
  kind: 'widget';
  widget: Dynamic<WidgetRoot>;
  /** What the UI's copy action copies. */
  copyText?: string | undefined;
}

/** A task as a script writes it: a wire task (defaults may be left out) or just its title. */
export type TaskInput = z.input<typeof Task> | string;

/** A workflow item whose tasks appear one by one. */
export interface WorkflowStep {
  kind: 'workflow';
  /** The tasks, in order, with optional waits between them. */
  tasks: (TaskInput | Wait)[];
  /** The summary shown once it is done (default none). */
  summary?: WorkflowSummary | undefined;
  /** Whether the UI shows it open (default false). */
  expanded?: boolean | undefined;
  /** `custom` (default) or `reasoning`. */
  workflowType?: 'custom' | 'reasoning' | undefined;
}

/** A client tool call the page answers; the rest of the rule's steps run once it has. */
export interface ClientToolCallStep {
  kind: 'client_tool_call';
  name: string;
  arguments: Dynamic<Record<string, unknown>>;
}

/** A transient status line (`progress_update`). */
export interface ProgressStep {
  kind: 'progress';
  text: string;
  icon?: IconName | undefined;
}

/** Ends the response with an error event. */
export interface ErrorStep {
  kind: 'error';
  /** Shown as is (`code: "custom"`); without it the client shows its own text for `code`. */
  message?: string | undefined;
  /** The error code when there is no message (default `stream.error`). */
  code?: string | undefined;
  /** Whether the UI offers a retry. */
  allowRetry: boolean;
}

/** Sets the thread's title (the page gets `thread.updated`). */
export interface TitleStep {
  kind: 'title';
  title: Dynamic<string>;
}

/** Raw stream events, for anything the other steps do not cover. */
export interface EventsStep {
  kind: 'events';
  /** The events as a responder yields them (plain literals or `as const`). */
  events: Dynamic<readonly ResponseEvent[]>;
}

/** One thing the scripted assistant does. */
export type Step =
  ReplyStep | WidgetStep | WorkflowStep | ClientToolCallStep | ProgressStep | ErrorStep | TitleStep | EventsStep | Wait;

/**
 * An assistant message, streamed: `reply('Hello there')` sends one chunk per word;
 * `reply(['Hel', 'lo', pause(), ' there'])` sends exactly those chunks and waits between them;
 * `reply((turn) => ...)` computes the text when the step runs.
 * @param text - the text, its chunks (strings and waits), or a function of the turn giving either.
 * @param options.chunkSize - for a string, stream it in pieces of this many characters instead of words.
 */
export function reply(text: Dynamic<ReplyParts>, options: { chunkSize?: number | undefined } = {}): ReplyStep {
  return { kind: 'reply', text, ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}) };
}

/**
 * A widget item (build the root with `chatkit-local/widgets`, or write it as wire JSON).
 * @param widget - the widget root, or a function of the turn giving it.
 * @param options.copyText - what the UI's copy action copies.
 */
export function widget(widget: Dynamic<WidgetRoot>, options: { copyText?: string | undefined } = {}): WidgetStep {
  return { kind: 'widget', widget, ...(options.copyText !== undefined ? { copyText: options.copyText } : {}) };
}

/**
 * A workflow: the item appears empty, each task is added in turn (a string is a custom task with
 * that title), then it is done with its summary.
 * @param tasks - tasks, with waits between them if wanted.
 * @param options - `summary`, `expanded`, and `type` (`custom` or `reasoning`).
 */
export function workflow(
  tasks: (TaskInput | Wait)[],
  options: {
    summary?: WorkflowSummary | undefined;
    expanded?: boolean | undefined;
    type?: 'custom' | 'reasoning' | undefined;
  } = {},
): WorkflowStep {
  return {
    kind: 'workflow',
    tasks,
    ...(options.summary ? { summary: options.summary } : {}),
    ...(options.expanded !== undefined ? { expanded: options.expanded } : {}),
    ...(options.type ? { workflowType: options.type } : {}),
  };
}

/**
 * A client tool call: the response ends with the pending call, the page runs the tool and sends its
 * output (`threads.add_client_tool_output`), and the steps after this one answer that, with the
 * output in `turn.toolOutput`.
 * @param name - the tool's name.
 * @param args - its arguments, or a function of the turn giving them.
 */
export function clientToolCall(name: string, args: Dynamic<Record<string, unknown>> = {}): ClientToolCallStep {
  return { kind: 'client_tool_call', name, arguments: args };
}

/**
 * A progress update (a transient status line).
 * @param text - what it says.
 * @param options.icon - one of ChatKit's icon names.
 */
export function progress(text: string, options: { icon?: IconName | undefined } = {}): ProgressStep {
  return { kind: 'progress', text, ...(options.icon ? { icon: options.icon } : {}) };
}

/**
 * Ends the response with an error. With a message the UI shows it as is; without, the client shows
 * its own text for `options.code` (default `stream.error`). Steps after it never run.
 * @param message - the text shown to the user.
 * @param options.allowRetry - offer a retry button (default false); combine with {@link once} to
 *   script a retry that succeeds.
 * @param options.code - the error code when there is no message.
 */
export function error(
  message?: string,
  options: { allowRetry?: boolean | undefined; code?: string | undefined } = {},
): ErrorStep {
  return {
    kind: 'error',
    ...(message !== undefined ? { message } : {}),
    ...(options.code ? { code: options.code } : {}),
    allowRetry: options.allowRetry ?? false,
  };
}

/**
 * Waits before the next step or chunk. Stopping the response ends the wait at once.
 * @param ms - milliseconds; `Infinity` waits until the page stops the response.
 */
export function delay(ms: number): DelayStep {
  return { kind: 'delay', ms };
}

/**
 * Waits until the test calls `resume(name)` on the mock (a `resume` that came first is kept), or
 * the page stops the response: the way to hold a response mid-stream, deterministically.
 * @param name - which pause (default `"default"`).
 */
export function pause(name = 'default'): PauseStep {
  return { kind: 'pause', name };
}

/**
 * Sets the thread's title.
 * @param title - the title, or a function of the turn giving it.
 */
export function title(title: Dynamic<string>): TitleStep {
  return { kind: 'title', title };
}

/**
 * Sends stream events as given (validated like any responder's): notices, client effects, item
 * removals... Items are stored as for any response.
 * @param events - the events (plain literals or `as const`), or a function of the turn giving them.
 */
export function events(events: Dynamic<readonly ResponseEvent[]>): EventsStep {
  return { kind: 'events', events };
}

/** Whether a step or chunk is a wait. */
export function isWait(value: unknown): value is Wait {
  return (
    typeof value === 'object' &&
    value !== null &&
    ((value as Wait).kind === 'delay' || (value as Wait).kind === 'pause')
  );
}

/** A task as the wire wants it: a string becomes a custom task with that title. */
export function taskOf(task: TaskInput): z.input<typeof Task> {
  return typeof task === 'string' ? { type: 'custom', title: task } : task;
}

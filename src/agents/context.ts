/**
 * `AgentContext`: what a ChatKit response shares with an Agents SDK run. Pass it as the run's
 * `context`; tools reach it as `runContext.context` and use its helpers to show widgets, workflows
 * and progress while the model works, or to request a client tool call. `streamAgentResponse` merges
 * what the helpers queue into its output.
 */
import type { z } from 'zod';
import { now } from '../protocol/common.ts';
import type { ResponseEvent, ThreadStreamEventInput } from '../protocol/events.ts';
import type { GeneratedImageItem, WorkflowItem } from '../protocol/items.ts';
import type { ThreadMetadata } from '../protocol/thread.ts';
import { Task, Workflow, WorkflowSummary } from '../protocol/workflow.ts';
import type { Store, StoreItemType } from '../store/types.ts';
import type { WidgetRootJson } from '../widgets/types.ts';
import { streamWidget } from '../widgets/stream.ts';
import { durationSummarySince } from './duration.ts';
import { EventQueue } from './event-queue.ts';

/** A call of a tool that the page runs (`onClientTool` in ChatKit). */
export interface ClientToolCall {
  /** The tool's name, as the page registered it. */
  name: string;
  /** Its arguments (a JSON object). */
  arguments: Record<string, unknown>;
}

/** A workflow as the helpers accept it: `expanded` and each task's `status_indicator` may be left out. */
export type WorkflowInput = z.input<typeof Workflow>;
/** A task as the helpers accept it: `status_indicator` may be left out. */
export type TaskInput = z.input<typeof Task>;
/** A workflow summary: `{ title, icon? }` or `{ duration }` (seconds). */
export type WorkflowSummaryInput = z.input<typeof WorkflowSummary>;

/** What an {@link AgentContext} is made from. */
export interface AgentContextOptions<TContext> {
  /** The thread being answered (the `thread` handed to `respond`). */
  thread: ThreadMetadata;
  /** The server's store; ids come from it, and an unfinished workflow is saved to it. */
  store: Store<TContext>;
  /** The request context handed to `respond`; passed on to every store call. */
  requestContext: TContext;
  /** The previous Responses API response id, for integrations that chain responses. */
  previousResponseId?: string | null | undefined;
  /** A client tool call requested up front (normally a tool sets {@link AgentContext.clientToolCall}). */
  clientToolCall?: ClientToolCall | null | undefined;
}

const queues = new WeakMap<AgentContext<unknown>, EventQueue>();

/** The event queue of a context (for `streamAgentResponse`; not part of the public API). */
export function eventQueueOf(context: AgentContext<unknown>): EventQueue {
  return queues.get(context)!;
}

/**
 * The run context of an agent that answers in a ChatKit thread.
 *
 * @typeParam TContext - the server's request context type.
 */
export class AgentContext<TContext = unknown> {
  /** The thread being answered. */
  thread: ThreadMetadata;
  /** The server's store. */
  store: Store<TContext>;
  /** The request context handed to `respond`. */
  requestContext: TContext;
  /** The previous Responses API response id, if the integration chains responses. */
  previousResponseId: string | null;
  /**
   * Set by a client tool (a tool the agent stops at, `toolUseBehavior: { stopAtToolNames }`): once
   * the run ends, `streamAgentResponse` emits a pending `client_tool_call` item for it and the page
   * runs the tool. One client tool call per response.
   */
  clientToolCall: ClientToolCall | null;
  /** The workflow being shown, if any (the helpers below and `streamAgentResponse` keep it). */
  workflowItem: WorkflowItem | null = null;
  /** The generated image being streamed, if any. */
  generatedImageItem: GeneratedImageItem | null = null;

  /** A context for one response; make a new one for each `respond` call. */
  constructor(options: AgentContextOptions<TContext>) {
    this.thread = options.thread;
    this.store = options.store;
    this.requestContext = options.requestContext;
    this.previousResponseId = options.previousResponseId ?? null;
    this.clientToolCall = options.clientToolCall ?? null;
    queues.set(this, new EventQueue());
  }

  /**
   * Queues any stream event (a progress update, a notice, a client effect, an item of your own).
   * An item added or done here ends the active workflow first, unless it is that workflow, a client
   * tool call or hidden context.
   * @param event - the event, as a responder would yield it: plain literals or `as const` (read-only
   *   all the way down) both fit. The context queues its own copy, so the object is never written to
   *   and changing it afterwards changes nothing.
   */
  async stream(event: ResponseEvent): Promise<void> {
    // A structured clone of the read-only view is the mutable event it describes.
    this.#queue.push({ event: structuredClone(event) as ThreadStreamEventInput, fromWorkflowHelper: false });
  }

  /**
   * Shows a widget: a finished root (one `thread.item.done`), or an async iterable of renderings
   * (added, the updates between renderings, done). Resolves when the last rendering is queued.
   * @throws {Error} as `streamWidget` does, for a rendering that is not a widget root.
   */
  async streamWidget(widget: WidgetRootJson | AsyncIterable<WidgetRootJson>, copyText?: string | null): Promise<void> {
    const generateId = (itemType: StoreItemType) =>
      this.store.generateItemId(itemType, this.thread, this.requestContext);
    for await (const event of streamWidget(this.thread, widget, { copyText, generateId })) {
      await this.stream(event);
    }
  }

  /** A new id from the store: a thread id for `"thread"`, otherwise an item id in `thread` (default: this thread). */
  generateId(type: StoreItemType, thread?: ThreadMetadata): string {
    if (type === 'thread') return this.store.generateThreadId(this.requestContext);
    return this.store.generateItemId(type, thread ?? this.thread, this.requestContext);
  }

  /**
   * Starts a workflow and makes it the active one. A reasoning workflow, or one that already has
   * tasks, is shown at once; any other is shown when its first task is added.
   */
  async startWorkflow(workflow: WorkflowInput): Promise<void> {
    const item: WorkflowItem = {
      id: this.generateId('workflow'),
      thread_id: this.thread.id,
      created_at: now(),
      type: 'workflow',
      workflow: Workflow.parse(workflow),
    };
    this.workflowItem = item;
    // An empty custom workflow would show as an empty box until its first task arrives.
    if (item.workflow.type !== 'reasoning' && item.workflow.tasks.length === 0) return;
    this.#queueFromWorkflow({ type: 'thread.item.added', item: structuredClone(item) });
  }

  /**
   * Appends a task to the active workflow, starting a `custom` workflow if there is none. The first
   * task of a non-reasoning workflow shows the workflow (`thread.item.added`); later tasks are
   * `workflow.task.added` updates.
   */
  async addWorkflowTask(task: TaskInput): Promise<void> {
    const parsed = Task.parse(task);
    this.workflowItem ??= {
      id: this.generateId('workflow'),
      thread_id: this.thread.id,
      created_at: now(),
      type: 'workflow',
      workflow: { type: 'custom', tasks: [], expanded: false },
    };
    const item = this.workflowItem;
    item.workflow.tasks.push(parsed);
    if (item.workflow.type !== 'reasoning' && item.workflow.tasks.length === 1) {
      this.#queueFromWorkflow({ type: 'thread.item.added', item: structuredClone(item) });
    } else {
      this.#queueFromWorkflow({
        type: 'thread.item.updated',
        item_id: item.id,
        update: {
          type: 'workflow.task.added',
          task_index: item.workflow.tasks.length - 1,
          task: structuredClone(parsed),
        },
      });
    }
  }

  /**
   * Replaces the task at `taskIndex` of the active workflow (`workflow.task.updated`).
   * @throws {Error} when no workflow is active, or there is no task at `taskIndex`.
   */
  async updateWorkflowTask(task: TaskInput, taskIndex: number): Promise<void> {
    const item = this.workflowItem;
    if (!item)
      throw new Error(
        'updateWorkflowTask: no workflow is active; start one with startWorkflow() or addWorkflowTask() first.',
      );
    if (!Number.isInteger(taskIndex) || taskIndex < 0 || taskIndex >= item.workflow.tasks.length) {
      throw new RangeError(
        `updateWorkflowTask: the workflow has no task ${taskIndex} (it has ${item.workflow.tasks.length}).`,
      );
    }
    const parsed = Task.parse(task);
    item.workflow.tasks[taskIndex] = parsed;
    this.#queueFromWorkflow({
      type: 'thread.item.updated',
      item_id: item.id,
      update: { type: 'workflow.task.updated', task_index: taskIndex, task: structuredClone(parsed) },
    });
  }

  /**
   * Ends the active workflow (`thread.item.done`) and clears it; nothing happens when none is active.
   * Without `summary`, a workflow that has none gets a `DurationSummary` of the whole seconds since it
   * started. `expanded` (default false) leaves it open in the UI.
   */
  async endWorkflow(summary?: WorkflowSummaryInput | null, expanded = false): Promise<void> {
    const item = this.workflowItem;
    if (!item) return;
    if (summary != null) item.workflow.summary = WorkflowSummary.parse(summary);
    else item.workflow.summary ??= durationSummarySince(item.created_at);
    item.workflow.expanded = expanded;
    this.#queueFromWorkflow({ type: 'thread.item.done', item: structuredClone(item) });
    this.workflowItem = null;
  }

  get #queue(): EventQueue {
    return eventQueueOf(this);
  }

  /** Events carry copies: the live workflow keeps changing after they are queued. */
  #queueFromWorkflow(event: ThreadStreamEventInput): void {
    this.#queue.push({ event, fromWorkflowHelper: true });
  }
}

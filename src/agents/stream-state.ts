/**
 * What one `streamAgentResponse` call keeps track of across the run's events and the context's queue:
 * which items it produced (to remove them if a guardrail trips), and how the active workflow ends
 * when something else is shown after it.
 */
import type { ThreadItemDoneEvent, ThreadStreamEventInput } from '../protocol/events.ts';
import { WorkflowItem } from '../protocol/items.ts';
import type { AgentContext } from './context.ts';
import { durationSummarySince } from './duration.ts';
import type { QueuedEvent } from './event-queue.ts';

/** Item types that may appear while a workflow runs without ending it. */
const KEEPS_WORKFLOW_OPEN: ReadonlySet<string> = new Set(['client_tool_call', 'hidden_context_item']);

/** The shared state of one streamed response. */
export class StreamState<TContext> {
  /** Ids of every item this response showed, in the order they appeared. */
  readonly producedIds = new Set<string>();

  constructor(readonly context: AgentContext<TContext>) {}

  /**
   * Ends the active workflow: it keeps a summary it has or gets a `DurationSummary`, and is
   * collapsed (to keep one open, end it yourself with `context.endWorkflow(summary, true)`).
   */
  endActiveWorkflow(): ThreadItemDoneEvent | null {
    const item = this.context.workflowItem;
    if (!item) return null;
    this.context.workflowItem = null;
    item.workflow.summary ??= durationSummarySince(item.created_at);
    item.workflow.expanded = false;
    return { type: 'thread.item.done', item: structuredClone(item) };
  }

  /**
   * The events to emit for one event from the context's queue: the event itself, preceded by the end
   * of the active workflow when the event shows another item after it.
   */
  fromQueue({ event, fromWorkflowHelper }: QueuedEvent): ThreadStreamEventInput[] {
    if (event.type !== 'thread.item.added' && event.type !== 'thread.item.done') return [event];
    const { item } = event;
    this.producedIds.add(item.id);
    // The workflow helpers already switched the active workflow when they were called; their
    // events, read later, must not switch it again (that would end or revive the wrong one).
    if (fromWorkflowHelper) return [event];

    const out: ThreadStreamEventInput[] = [];
    const active = this.context.workflowItem;
    if (active && active.id !== item.id && !KEEPS_WORKFLOW_OPEN.has(item.type)) {
      out.push(this.endActiveWorkflow()!);
    }
    const current = this.context.workflowItem;
    if (event.type === 'thread.item.added' && item.type === 'workflow' && current?.id !== item.id) {
      // A workflow streamed by hand becomes the active one; a copy, so later tasks do not change the event.
      const parsed = WorkflowItem.safeParse(item);
      if (parsed.success) this.context.workflowItem = parsed.data;
    } else if (event.type === 'thread.item.done' && current?.id === item.id) {
      // A workflow ended by hand is no longer active.
      this.context.workflowItem = null;
    }
    out.push(event);
    return out;
  }
}

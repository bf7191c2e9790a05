/**
 * The mapping from Agents SDK run events to ChatKit events (the table of the Python SDK's
 * `stream_agent_response`): raw Responses events become assistant messages, reasoning workflows and
 * generated images; function calls are remembered for the client tool call item.
 */
import type { RunStreamEvent } from '@openai/agents';
import { now } from '../protocol/common.ts';
import type { ThreadItemAddedEvent, ThreadItemUpdatedEvent, ThreadStreamEvent } from '../protocol/events.ts';
import type { AssistantMessageItem, GeneratedImageItem, WorkflowItem } from '../protocol/items.ts';
import type { ThreadItemUpdate } from '../protocol/updates.ts';
import type { ThoughtTask } from '../protocol/workflow.ts';
import { convertAnnotation, convertContent, convertMessageContent } from './content.ts';
import type { ResponseStreamConverter } from './response-converter.ts';
import type { ResponsesStreamEvent } from './responses-types.ts';
import type { StreamState } from './stream-state.ts';

/** The first reasoning summary of a workflow, shown as it streams. */
interface StreamingThought {
  itemId: string;
  summaryIndex: number;
  task: ThoughtTask;
}

/** The function call a run made last, whose ids a client tool call item reuses. */
export interface FunctionCallIds {
  callId: string | null;
  itemId: string | null;
}

/** Maps the run events of one response; keeps what the mapping needs between events. */
export class RunEventMapper<TContext> {
  /** The ids of the last tool call (null for a tool call that is not a function call). */
  lastToolCall: FunctionCallIds = { callId: null, itemId: null };
  #streamingThought: StreamingThought | null = null;
  /** Converted annotations so far, per message id and content index: their `annotation_index`. */
  #annotationCounts = new Map<string, Map<number, number>>();

  constructor(
    private readonly state: StreamState<TContext>,
    private readonly converter: ResponseStreamConverter,
  ) {}

  /** The ChatKit events for one run event (often none). */
  async *map(event: RunStreamEvent): AsyncGenerator<ThreadStreamEvent, void, undefined> {
    if (event.type === 'run_item_stream_event') {
      if (event.item.type === 'tool_call_item') this.#rememberToolCall(event.item.rawItem);
      return;
    }
    // Only raw Responses events carry what ChatKit shows; the SDK's own summaries of them
    // (`output_text_delta`, `response_done`) would duplicate it.
    if (event.type !== 'raw_model_stream_event' || event.data.type !== 'model') return;
    const raw = event.data.event as ResponsesStreamEvent | null | undefined;
    if (raw && typeof raw === 'object' && typeof raw.type === 'string') yield* this.#mapResponsesEvent(raw);
  }

  #rememberToolCall(rawItem: unknown): void {
    const item = rawItem as { type?: unknown; callId?: unknown; id?: unknown } | null | undefined;
    if (item?.type !== 'function_call') {
      this.lastToolCall = { callId: null, itemId: null };
      return;
    }
    const callId = typeof item.callId === 'string' ? item.callId : null;
    const itemId = typeof item.id === 'string' ? item.id : null;
    this.lastToolCall = { callId, itemId };
    if (callId && itemId) this.state.producedIds.add(itemId);
  }

  async *#mapResponsesEvent(event: ResponsesStreamEvent): AsyncGenerator<ThreadStreamEvent, void, undefined> {
    const context = this.state.context;
    switch (event.type) {
      case 'response.content_part.added': {
        const content = await convertContent(event.part, this.converter);
        if (content)
          yield updated(event.item_id, {
            type: 'assistant_message.content_part.added',
            content_index: event.content_index,
            content,
          });
        return;
      }
      case 'response.output_text.delta':
        yield updated(event.item_id, {
          type: 'assistant_message.content_part.text_delta',
          content_index: event.content_index,
          delta: event.delta,
        });
        return;
      case 'response.output_text.done':
        // The final message item carries the annotations; the part's done event does not repeat them.
        yield updated(event.item_id, {
          type: 'assistant_message.content_part.done',
          content_index: event.content_index,
          content: { annotations: [], text: event.text, type: 'output_text' },
        });
        return;
      case 'response.output_text.annotation.added': {
        const annotation = await convertAnnotation(event.annotation, this.converter);
        if (!annotation) return;
        // Dropped annotations must not leave gaps, so indices count converted ones only.
        const counts = this.#annotationCounts.get(event.item_id) ?? new Map<number, number>();
        this.#annotationCounts.set(event.item_id, counts);
        const annotationIndex = counts.get(event.content_index) ?? 0;
        counts.set(event.content_index, annotationIndex + 1);
        yield updated(event.item_id, {
          type: 'assistant_message.content_part.annotation_added',
          content_index: event.content_index,
          annotation_index: annotationIndex,
          annotation,
        });
        return;
      }
      case 'response.output_item.added': {
        const { item } = event;
        if (item.type === 'reasoning' && !context.workflowItem) {
          const workflow: WorkflowItem = {
            id: context.generateId('workflow'),
            thread_id: context.thread.id,
            created_at: now(),
            type: 'workflow',
            workflow: { type: 'reasoning', tasks: [], expanded: false },
          };
          context.workflowItem = workflow;
          this.state.producedIds.add(workflow.id);
          yield added(workflow);
        } else if (item.type === 'message' && item.id) {
          const ended = this.state.endActiveWorkflow();
          if (ended) yield ended;
          this.state.producedIds.add(item.id);
          yield added(await this.#assistantMessage(item.id, item.content));
        } else if (item.type === 'image_generation_call') {
          const image: GeneratedImageItem = {
            id: context.generateId('message'),
            thread_id: context.thread.id,
            created_at: now(),
            type: 'generated_image',
            image: null,
          };
          context.generatedImageItem = image;
          this.state.producedIds.add(image.id);
          yield added(image);
        }
        return;
      }
      case 'response.image_generation_call.partial_image': {
        const item = context.generatedImageItem;
        if (!item) return;
        const url = await this.converter.base64ImageToUrl(
          event.item_id,
          event.partial_image_b64,
          event.partial_image_index,
        );
        const progress = this.converter.partialImageIndexToProgress(event.partial_image_index);
        item.image = { id: event.item_id, url };
        yield updated(item.id, { type: 'generated_image.updated', image: { ...item.image }, progress });
        return;
      }
      case 'response.reasoning_summary_text.delta':
        yield* this.#summaryDelta(event.item_id, event.summary_index, event.delta);
        return;
      case 'response.reasoning_summary_text.done':
        yield* this.#summaryDone(event.item_id, event.summary_index, event.text);
        return;
      case 'response.output_item.done': {
        const { item } = event;
        if (item.type === 'message' && item.id) {
          this.state.producedIds.add(item.id);
          yield { type: 'thread.item.done', item: await this.#assistantMessage(item.id, item.content) };
        } else if (item.type === 'image_generation_call' && item.result && context.generatedImageItem && item.id) {
          const image = context.generatedImageItem;
          image.image = { id: item.id, url: await this.converter.base64ImageToUrl(item.id, item.result) };
          context.generatedImageItem = null;
          yield { type: 'thread.item.done', item: structuredClone(image) };
        }
        return;
      }
      default:
        return;
    }
  }

  /** The first summary of a new reasoning workflow streams; later ones arrive whole (see done). */
  *#summaryDelta(itemId: string, summaryIndex: number, delta: string): Generator<ThreadStreamEvent, void, undefined> {
    const workflow = this.state.context.workflowItem;
    if (!workflow) return;
    const { tasks } = workflow.workflow;
    if (workflow.workflow.type === 'reasoning' && tasks.length === 0) {
      const task: ThoughtTask = { status_indicator: 'none', type: 'thought', content: delta };
      this.#streamingThought = { itemId, summaryIndex, task };
      tasks.push(task);
      yield updated(workflow.id, { type: 'workflow.task.added', task_index: 0, task: { ...task } });
      return;
    }
    const thought = this.#streamingThought;
    const index = thought ? tasks.indexOf(thought.task) : -1;
    if (thought && index >= 0 && thought.itemId === itemId && thought.summaryIndex === summaryIndex) {
      thought.task.content += delta;
      yield updated(workflow.id, { type: 'workflow.task.updated', task_index: index, task: { ...thought.task } });
    }
  }

  *#summaryDone(itemId: string, summaryIndex: number, text: string): Generator<ThreadStreamEvent, void, undefined> {
    const workflow = this.state.context.workflowItem;
    if (!workflow) return;
    const { tasks } = workflow.workflow;
    const thought = this.#streamingThought;
    const index = thought ? tasks.indexOf(thought.task) : -1;
    if (thought && index >= 0 && thought.itemId === itemId && thought.summaryIndex === summaryIndex) {
      thought.task.content = text;
      this.#streamingThought = null;
      yield updated(workflow.id, { type: 'workflow.task.updated', task_index: index, task: { ...thought.task } });
      return;
    }
    const task: ThoughtTask = { status_indicator: 'none', type: 'thought', content: text };
    tasks.push(task);
    yield updated(workflow.id, { type: 'workflow.task.added', task_index: tasks.length - 1, task: { ...task } });
  }

  async #assistantMessage(
    id: string,
    content: Parameters<typeof convertMessageContent>[0],
  ): Promise<AssistantMessageItem> {
    const context = this.state.context;
    return {
      // The Responses message id, so ChatKit items and model output can be matched up.
      id,
      thread_id: context.thread.id,
      created_at: now(),
      type: 'assistant_message',
      content: await convertMessageContent(content, this.converter),
    };
  }
}

function updated(itemId: string, update: ThreadItemUpdate): ThreadItemUpdatedEvent {
  return { type: 'thread.item.updated', item_id: itemId, update };
}

/** Items are copied into their events: the live item keeps changing while it streams. */
function added(item: ThreadItemAddedEvent['item']): ThreadItemAddedEvent {
  return { type: 'thread.item.added', item: structuredClone(item) };
}

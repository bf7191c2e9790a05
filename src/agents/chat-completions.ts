/**
 * Chat Completions runs in the shape the event mapper reads. The bridge turns raw *Responses*
 * stream events into ChatKit events (as the Python SDK does, whose Chat Completions model emits
 * Responses events); the JavaScript SDK's Chat Completions model instead passes the raw
 * `chat.completion.chunk`s through, so without this a model served over Chat Completions (most
 * local servers: Ollama, LM Studio, llama.cpp) would stream nothing. The adapter writes the
 * Responses events such a run stands for: one assistant message per model call, its text streamed
 * delta by delta. (Reasoning and tool-call chunks are not mapped; tool calls still run.)
 */
import {
  isOpenAIChatCompletionsRawModelStreamEvent,
  RunRawModelStreamEvent,
  type RunStreamEvent,
} from '@openai/agents';

/** Marks the events made here, for anyone inspecting a run. */
export const ADAPTED_EVENT_SOURCE = 'chatkit-local:chat-completions-as-responses';

/** The message being streamed: the id it is shown under, and its text so far. */
interface OpenMessage {
  id: string;
  text: string;
}

/** A content part as the bridge reads it from `response.output_item.done`. */
type MessagePart = { type: 'output_text'; text: string; annotations: [] } | { type: 'refusal'; refusal: string };

/**
 * Turns a run's events into the events the mapper reads: each Chat Completions chunk becomes the
 * matching Responses events, every other event passes unchanged (so Responses runs are untouched).
 * Stateful: one adapter per run.
 */
export class ChatCompletionsAdapter {
  private open: OpenMessage | null = null;
  /** Whether the current model call streams Chat Completions chunks (its end then needs adapting). */
  private chatCall = false;

  /**
   * @param newMessageId - an id for each assistant message (chunk ids are per request and not
   *   reliably unique across servers, and the message id becomes the ChatKit item id).
   */
  constructor(private readonly newMessageId: () => string) {}

  /** The events `event` stands for, in order. */
  *adapt(event: RunStreamEvent): Generator<RunStreamEvent, void, undefined> {
    if (isOpenAIChatCompletionsRawModelStreamEvent(event)) {
      this.chatCall = true;
      const delta = event.data.event.choices?.find((choice) => choice.index === 0)?.delta?.content;
      if (!delta) return;
      const open = this.openMessage();
      if (open.started) yield* start(open.message);
      open.message.text += delta;
      yield raw({
        type: 'response.output_text.delta',
        item_id: open.message.id,
        output_index: 0,
        content_index: 0,
        delta,
      });
      return;
    }
    if (event.type === 'raw_model_stream_event' && event.data.type === 'response_done' && this.chatCall) {
      // The model call is over: its final output (text, or a refusal) closes the message.
      const parts = messageParts(event.data.response.output);
      if (parts.length > 0 || this.open) {
        const open = this.openMessage();
        if (open.started) yield* start(open.message);
        yield* finish(open.message, parts);
      }
      this.open = null;
      this.chatCall = false;
    }
    yield event;
  }

  private openMessage(): { message: OpenMessage; started: boolean } {
    if (this.open) return { message: this.open, started: false };
    this.open = { id: this.newMessageId(), text: '' };
    return { message: this.open, started: true };
  }
}

function* start(message: OpenMessage): Generator<RunStreamEvent> {
  yield raw({
    type: 'response.output_item.added',
    output_index: 0,
    item: { type: 'message', id: message.id, role: 'assistant', status: 'in_progress', content: [] },
  });
  yield raw({
    type: 'response.content_part.added',
    item_id: message.id,
    output_index: 0,
    content_index: 0,
    part: { type: 'output_text', text: '', annotations: [] },
  });
}

function* finish(message: OpenMessage, parts: MessagePart[]): Generator<RunStreamEvent> {
  const content: MessagePart[] =
    parts.length > 0 ? parts : [{ type: 'output_text', text: message.text, annotations: [] }];
  const text = content.find((part) => part.type === 'output_text');
  yield raw({
    type: 'response.output_text.done',
    item_id: message.id,
    output_index: 0,
    content_index: 0,
    text: text?.type === 'output_text' ? text.text : message.text,
  });
  yield raw({
    type: 'response.output_item.done',
    output_index: 0,
    item: { type: 'message', id: message.id, role: 'assistant', status: 'completed', content },
  });
}

/** The text and refusal parts of the assistant message in a model call's output. */
function messageParts(output: readonly unknown[]): MessagePart[] {
  const parts: MessagePart[] = [];
  for (const item of output) {
    const message = item as { type?: unknown; role?: unknown; content?: unknown };
    if (message.type !== 'message' || message.role !== 'assistant' || !Array.isArray(message.content)) continue;
    for (const part of message.content as { type?: unknown; text?: unknown; refusal?: unknown }[]) {
      if (part.type === 'output_text' && typeof part.text === 'string')
        parts.push({ type: 'output_text', text: part.text, annotations: [] });
      else if (part.type === 'refusal' && typeof part.refusal === 'string')
        parts.push({ type: 'refusal', refusal: part.refusal });
    }
  }
  return parts;
}

function raw(event: Record<string, unknown> & { type: string }): RunRawModelStreamEvent {
  return new RunRawModelStreamEvent(
    { type: 'model', event, providerData: { rawModelEventSource: ADAPTED_EVENT_SOURCE } },
    ADAPTED_EVENT_SOURCE,
  );
}

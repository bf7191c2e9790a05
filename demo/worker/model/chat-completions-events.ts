/**
 * Chat Completions runs in the shape `streamAgentResponse` reads. The bridge turns raw *Responses*
 * stream events into ChatKit events (as the Python SDK does, whose Chat Completions model emits
 * Responses events); the JavaScript SDK's Chat Completions model instead passes the raw
 * `chat.completion.chunk`s through, which the bridge ignores, so a local model's reply would never
 * appear. This adapter writes the Responses events such a run stands for: one assistant message
 * per model call, its text streamed delta by delta.
 */
import { isOpenAIChatCompletionsRawModelStreamEvent, RunRawModelStreamEvent, type RunStreamEvent } from '@openai/agents';

/** Marks the events made here, for anyone inspecting a run. */
export const ADAPTED_EVENT_SOURCE = 'chatkit-local-demo:chat-completions-as-responses';

/** The message being streamed: the id it is shown under, and its text so far. */
interface OpenMessage {
  id: string;
  text: string;
}

/** A content part as the bridge reads it from `response.output_item.done`. */
type MessagePart = { type: 'output_text'; text: string; annotations: [] } | { type: 'refusal'; refusal: string };

/**
 * `run`'s events with each Chat Completions chunk replaced by the matching Responses events. Every
 * other event passes through unchanged, so a run on the Responses API may go through it too.
 *
 * @param newMessageId - an id for each assistant message (chunk ids are per request and not
 *   reliably unique across servers, and the message id becomes the ChatKit item id).
 */
export async function* withResponsesEvents(run: AsyncIterable<RunStreamEvent>, newMessageId: () => string): AsyncGenerator<RunStreamEvent, void, undefined> {
  let open: OpenMessage | null = null;
  for await (const event of run) {
    if (isOpenAIChatCompletionsRawModelStreamEvent(event)) {
      const delta = event.data.event.choices?.find((choice) => choice.index === 0)?.delta?.content;
      if (!delta) continue;
      if (!open) {
        open = { id: newMessageId(), text: '' };
        yield* start(open);
      }
      open.text += delta;
      yield raw({ type: 'response.output_text.delta', item_id: open.id, output_index: 0, content_index: 0, delta });
      continue;
    }
    if (event.type === 'raw_model_stream_event' && event.data.type === 'response_done') {
      // The model call is over: its final output (text, or a refusal) closes the message.
      const parts = messageParts(event.data.response.output);
      if (parts.length > 0 || open) {
        if (!open) {
          open = { id: newMessageId(), text: '' };
          yield* start(open);
        }
        yield* finish(open, parts);
      }
      open = null;
    }
    yield event;
  }
}

function* start(message: OpenMessage): Generator<RunStreamEvent> {
  yield raw({ type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: message.id, role: 'assistant', status: 'in_progress', content: [] } });
  yield raw({ type: 'response.content_part.added', item_id: message.id, output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
}

function* finish(message: OpenMessage, parts: MessagePart[]): Generator<RunStreamEvent> {
  const content: MessagePart[] = parts.length > 0 ? parts : [{ type: 'output_text', text: message.text, annotations: [] }];
  const text = content.find((part) => part.type === 'output_text');
  yield raw({ type: 'response.output_text.done', item_id: message.id, output_index: 0, content_index: 0, text: text?.type === 'output_text' ? text.text : message.text });
  yield raw({ type: 'response.output_item.done', output_index: 0, item: { type: 'message', id: message.id, role: 'assistant', status: 'completed', content } });
}

/** The text and refusal parts of the assistant message in a model call's output. */
function messageParts(output: readonly unknown[]): MessagePart[] {
  const parts: MessagePart[] = [];
  for (const item of output) {
    const message = item as { type?: unknown; role?: unknown; content?: unknown };
    if (message.type !== 'message' || message.role !== 'assistant' || !Array.isArray(message.content)) continue;
    for (const part of message.content as { type?: unknown; text?: unknown; refusal?: unknown }[]) {
      if (part.type === 'output_text' && typeof part.text === 'string') parts.push({ type: 'output_text', text: part.text, annotations: [] });
      else if (part.type === 'refusal' && typeof part.refusal === 'string') parts.push({ type: 'refusal', refusal: part.refusal });
    }
  }
  return parts;
}

function raw(event: Record<string, unknown> & { type: string }): RunRawModelStreamEvent {
  return new RunRawModelStreamEvent({ type: 'model', event, providerData: { rawModelEventSource: ADAPTED_EVENT_SOURCE } }, ADAPTED_EVENT_SOURCE);
}

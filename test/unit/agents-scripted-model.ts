/**
 * A scripted model for the Agents SDK: it implements the SDK's `Model` interface and replays, turn
 * by turn, the raw Responses stream events a real OpenAI model would send (as `{ type: 'model' }`
 * events, then `response_done` with the turn's output items), so a real `Agent` and `run()` work
 * with no network. Shared by the Node tests and the browser worker test, so it uses no Node APIs.
 *
 * A turn is a list of steps; the builders below make the events and the output item of one output
 * each (a message, a function call, reasoning, an image generation). A step may also be a function,
 * awaited between events: a gate a test opens, or a clock change.
 */
import type { Model, ModelRequest, ModelResponse, StreamEvent, StreamEventResponseCompleted } from '@openai/agents';
import { Usage } from '@openai/agents';

/** An output item of a model response (the SDK's protocol form, camelCase). */
export type OutputItem = StreamEventResponseCompleted['response']['output'][number];

/** One raw Responses stream event (snake_case, as the API sends it). */
export type RawEvent = { type: string; [field: string]: unknown };

/** Something the model produces: its stream events and the output item the run keeps. */
export interface Step {
  events: (RawEvent | ((request: ModelRequest) => unknown))[];
  output: OutputItem[];
}

/** A model that answers each request with the next scripted turn. */
export class ScriptedModel implements Model {
  /** Every request the run made, in order (to check what the model was given). */
  readonly requests: ModelRequest[] = [];
  readonly #turns: Step[][];

  constructor(...turns: Step[][]) {
    this.#turns = turns;
  }

  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    const steps = this.#nextTurn(request);
    return {
      usage: new Usage(),
      output: steps.flatMap((step) => step.output),
      responseId: `resp_${this.requests.length}`,
    };
  }

  async *getStreamedResponse(request: ModelRequest): AsyncIterable<StreamEvent> {
    const steps = this.#nextTurn(request);
    for (const step of steps) {
      for (const event of step.events) {
        if (typeof event === 'function') await event(request);
        else yield { type: 'model', event };
      }
    }
    yield {
      type: 'response_done',
      response: {
        id: `resp_${this.requests.length}`,
        usage: { requests: 1, inputTokens: 0, outputTokens: 0, totalTokens: 0 },
        output: steps.flatMap((step) => step.output),
      },
    };
  }

  #nextTurn(request: ModelRequest): Step[] {
    this.requests.push(request);
    const turn = this.#turns[this.requests.length - 1];
    if (!turn) throw new Error(`ScriptedModel: no turn scripted for request ${this.requests.length}.`);
    return turn;
  }
}

/** Runs `fn` (given the model request) between two events of the turn: a gate to wait on, a clock to move. */
export function pause(fn: (request: ModelRequest) => unknown): Step {
  return { events: [fn], output: [] };
}

/** One content part of a scripted message. */
export type PartScript = { deltas: string[]; annotations?: RawEvent[] } | { refusal: string };

/**
 * An assistant message with id `id`: `output_item.added` (empty), then per part `content_part.added`,
 * its deltas and annotations and `output_text.done` (or the refusal events), `content_part.done`,
 * and `output_item.done` with the whole message. A string part is one delta per word.
 */
export function message(id: string, ...parts: (string | PartScript)[]): Step {
  const scripts = parts.map((part): PartScript => (typeof part === 'string' ? { deltas: part.split(/(?<= )/) } : part));
  const events: RawEvent[] = [
    {
      type: 'response.output_item.added',
      output_index: 0,
      item: { type: 'message', id, role: 'assistant', status: 'in_progress', content: [] },
    },
  ];
  const finalParts: RawEvent[] = [];
  scripts.forEach((script, content_index) => {
    const base = { item_id: id, output_index: 0, content_index };
    if ('refusal' in script) {
      events.push({ type: 'response.content_part.added', ...base, part: { type: 'refusal', refusal: '' } });
      events.push({ type: 'response.refusal.delta', ...base, delta: script.refusal });
      events.push({ type: 'response.refusal.done', ...base, refusal: script.refusal });
      const part = { type: 'refusal', refusal: script.refusal };
      events.push({ type: 'response.content_part.done', ...base, part });
      finalParts.push(part);
      return;
    }
    const text = script.deltas.join('');
    const annotations = script.annotations ?? [];
    events.push({
      type: 'response.content_part.added',
      ...base,
      part: { type: 'output_text', text: '', annotations: [] },
    });
    for (const delta of script.deltas)
      events.push({ type: 'response.output_text.delta', ...base, delta, logprobs: [] });
    annotations.forEach((annotation, annotation_index) => {
      events.push({ type: 'response.output_text.annotation.added', ...base, annotation_index, annotation });
    });
    events.push({ type: 'response.output_text.done', ...base, text, logprobs: [] });
    const part = { type: 'output_text', text, annotations };
    events.push({ type: 'response.content_part.done', ...base, part });
    finalParts.push(part);
  });
  events.push({
    type: 'response.output_item.done',
    output_index: 0,
    item: { type: 'message', id, role: 'assistant', status: 'completed', content: finalParts },
  });
  const output: OutputItem = {
    type: 'message',
    id,
    role: 'assistant',
    status: 'completed',
    content: finalParts.map((part) =>
      part.type === 'refusal'
        ? { type: 'refusal' as const, refusal: part.refusal as string }
        : { type: 'output_text' as const, text: part.text as string },
    ),
  };
  return { events, output: [output] };
}

/** A function call: `output_item.added`, the arguments streamed, `output_item.done`. */
export function functionCall(id: string, callId: string, name: string, args: Record<string, unknown>): Step {
  const argumentsJson = JSON.stringify(args);
  const item = { type: 'function_call', id, call_id: callId, name, status: 'in_progress', arguments: '' };
  return {
    events: [
      { type: 'response.output_item.added', output_index: 0, item },
      { type: 'response.function_call_arguments.delta', item_id: id, output_index: 0, delta: argumentsJson },
      { type: 'response.function_call_arguments.done', item_id: id, output_index: 0, arguments: argumentsJson },
      {
        type: 'response.output_item.done',
        output_index: 0,
        item: { ...item, status: 'completed', arguments: argumentsJson },
      },
    ],
    output: [{ type: 'function_call', id, callId, name, arguments: argumentsJson, status: 'completed' }],
  };
}

/** A reasoning item whose summaries stream as the given deltas (one array per summary). */
export function reasoning(id: string, ...summaries: string[][]): Step {
  const events: RawEvent[] = [
    { type: 'response.output_item.added', output_index: 0, item: { type: 'reasoning', id, summary: [] } },
  ];
  summaries.forEach((deltas, summary_index) => {
    const base = { item_id: id, output_index: 0, summary_index };
    const text = deltas.join('');
    events.push({ type: 'response.reasoning_summary_part.added', ...base, part: { type: 'summary_text', text: '' } });
    for (const delta of deltas) events.push({ type: 'response.reasoning_summary_text.delta', ...base, delta });
    events.push({ type: 'response.reasoning_summary_text.done', ...base, text });
    events.push({ type: 'response.reasoning_summary_part.done', ...base, part: { type: 'summary_text', text } });
  });
  const summary = summaries.map((deltas) => ({ type: 'summary_text', text: deltas.join('') }));
  events.push({ type: 'response.output_item.done', output_index: 0, item: { type: 'reasoning', id, summary } });
  return {
    events,
    output: [
      { type: 'reasoning', id, content: summary.map((part) => ({ type: 'input_text' as const, text: part.text })) },
    ],
  };
}

/** An image generation call: `output_item.added`, one partial image per entry, and the final image. */
export function imageGeneration(id: string, partials: string[], result: string): Step {
  return {
    events: [
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { type: 'image_generation_call', id, status: 'in_progress' },
      },
      ...partials.map((partial_image_b64, partial_image_index) => ({
        type: 'response.image_generation_call.partial_image',
        item_id: id,
        output_index: 0,
        partial_image_index,
        partial_image_b64,
      })),
      {
        type: 'response.output_item.done',
        output_index: 0,
        item: { type: 'image_generation_call', id, status: 'completed', result },
      },
    ],
    output: [{ type: 'hosted_tool_call', id, name: 'image_generation_call', status: 'completed', output: result }],
  };
}

/**
 * What the agents tests share: a store with predictable ids, a ChatKit server whose `respond` runs an
 * Agents SDK agent the way the README shows, and helpers to read its streams.
 */
import {
  InputGuardrailTripwireTriggered,
  OutputGuardrailTripwireTriggered,
  RunRawModelStreamEvent,
  run,
  setTracingDisabled,
  type Agent,
  type RunStreamEvent,
} from '@openai/agents';
import {
  ChatKitServer,
  MemoryStore,
  type ResponseOptions,
  type StreamingResult,
  type ThreadItem,
  type ThreadMetadata,
  type ThreadStreamEvent,
  type ThreadStreamEventInput,
  type UserMessageItem,
} from '../../src/index.ts';
import {
  AgentContext,
  simpleToAgentInput,
  streamAgentResponse,
  type ResponseStreamConverter,
} from '../../src/agents.ts';

// Runs must not try to export traces to OpenAI.
setTracingDisabled(true);

/** The request context of these tests. */
export interface Ctx {
  userId: string;
}

export const ctx: Ctx = { userId: 'u1' };

/** A MemoryStore whose ids are `<type>_<n>`, counted per type, so tests can name them. */
export function countingStore(): MemoryStore<Ctx> {
  const store = new MemoryStore<Ctx>();
  const counts = new Map<string, number>();
  const next = (type: string) => {
    const n = (counts.get(type) ?? 0) + 1;
    counts.set(type, n);
    return `${type}_${n}`;
  };
  store.generateItemId = (type) => next(type);
  store.generateThreadId = () => next('thread');
  return store;
}

/** A thread to answer in, as `respond` would get it. */
export function thread(id = 'thr_1'): ThreadMetadata {
  return { id, created_at: '2025-01-02T03:04:05.000Z', status: { type: 'active' }, metadata: {} };
}

/** Every value of an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

/** A context and a streamed run of `agent` with it, ready for `streamAgentResponse`. */
export async function startRun(
  agent: Agent<AgentContext<Ctx>>,
  input: string,
  options: { store?: MemoryStore<Ctx>; thread?: ThreadMetadata } = {},
) {
  const answered = options.thread ?? thread();
  const store = options.store ?? countingStore();
  await store.saveThread(answered, ctx);
  const context = new AgentContext<Ctx>({ thread: answered, store, requestContext: ctx });
  const result = await run(agent, input, { stream: true, context });
  return { context, result };
}

/** The message an integrator shows when a guardrail blocks a response. */
export const BLOCKED_MESSAGE = 'We blocked that message for safety.';

/**
 * A ChatKit server that answers with an agent, as the README shows: the last 20 items as input, the
 * run streamed with an `AgentContext`, guardrail trips turned into an error event.
 */
export class AgentServer extends ChatKitServer<Ctx> {
  /** The agent contexts of each response, in order. */
  readonly contexts: AgentContext<Ctx>[] = [];
  /** Sees each event `streamAgentResponse` yields, before the server does (to open a test's gates). */
  observe: (event: ThreadStreamEventInput) => void = () => {};

  constructor(
    store: MemoryStore<Ctx>,
    private readonly agent: Agent<AgentContext<Ctx>>,
    private readonly converter?: ResponseStreamConverter,
  ) {
    super(store);
  }

  async *respond(
    thread: ThreadMetadata,
    _input: UserMessageItem | null,
    context: Ctx,
    { signal }: ResponseOptions,
  ): AsyncIterable<ThreadStreamEventInput> {
    const recent = await this.store.loadThreadItems(thread.id, { limit: 20, order: 'desc' }, context);
    const input = await simpleToAgentInput(recent.data.reverse());
    const agentContext = new AgentContext({ thread, store: this.store, requestContext: context });
    this.contexts.push(agentContext);
    const result = await run(this.agent, input, { stream: true, context: agentContext, signal });
    try {
      for await (const event of streamAgentResponse(agentContext, result, { converter: this.converter })) {
        this.observe(event);
        yield event;
      }
    } catch (error) {
      if (!(error instanceof InputGuardrailTripwireTriggered || error instanceof OutputGuardrailTripwireTriggered))
        throw error;
      yield { type: 'error', code: 'custom', message: BLOCKED_MESSAGE, allow_retry: false };
    }
  }
}

/** The events of a streaming request, unserialised. */
export async function streamOf(server: ChatKitServer<Ctx>, request: object): Promise<ThreadStreamEvent[]> {
  const result = (await server.process(JSON.stringify(request), ctx)) as StreamingResult;
  const events: ThreadStreamEvent[] = [];
  for (let step = await result.nextEvent(); !step.done; step = await result.nextEvent()) events.push(step.value);
  return events;
}

/** A `threads.create` request with one text message. */
export function createThread(text: string) {
  return {
    type: 'threads.create',
    params: { input: { content: [{ type: 'input_text', text }], attachments: [], inference_options: {} } },
  };
}

/** A `threads.add_user_message` request with one text message. */
export function addUserMessage(threadId: string, text: string) {
  return {
    type: 'threads.add_user_message',
    params: {
      thread_id: threadId,
      input: { content: [{ type: 'input_text', text }], attachments: [], inference_options: {} },
    },
  };
}

/** A `threads.add_client_tool_output` request. */
export function addClientToolOutput(threadId: string, result: unknown) {
  return { type: 'threads.add_client_tool_output', params: { thread_id: threadId, result } };
}

/** Every stored item of a thread, oldest first. */
export async function storedItems(store: MemoryStore<Ctx>, threadId: string): Promise<ThreadItem[]> {
  return (await store.loadThreadItems(threadId, { limit: 1000, order: 'asc' }, ctx)).data;
}

/** The thread id of a `threads.create` stream. */
export function createdThreadId(events: ThreadStreamEvent[]): string {
  const created = events[0];
  if (created?.type !== 'thread.created') throw new Error('the stream did not start with thread.created');
  return created.thread.id;
}

/** A raw Responses event as the run delivers it. */
export function raw(event: { type: string; [field: string]: unknown }): RunStreamEvent {
  return new RunRawModelStreamEvent({ type: 'model', event });
}

/**
 * A run the test drives by hand: an async iterable of run events fed with `push`, ended with `end`
 * or `fail`. `returned` tells whether the consumer closed it early.
 */
export function manualRun(...initial: RunStreamEvent[]) {
  const buffered: RunStreamEvent[] = [...initial];
  let ended: { error?: unknown } | null = null;
  let waiting: (() => void) | null = null;
  const wake = () => {
    waiting?.();
    waiting = null;
  };
  const state = { returned: false };
  const iterable: AsyncIterable<RunStreamEvent> = {
    [Symbol.asyncIterator]: () => ({
      async next(): Promise<IteratorResult<RunStreamEvent>> {
        while (buffered.length === 0 && !ended) await new Promise<void>((resolve) => (waiting = resolve));
        const event = buffered.shift();
        if (event) return { done: false, value: event };
        if (ended?.error) throw ended.error;
        return { done: true, value: undefined };
      },
      async return(): Promise<IteratorResult<RunStreamEvent>> {
        state.returned = true;
        return { done: true, value: undefined };
      },
    }),
  };
  return {
    iterable,
    get returned() {
      return state.returned;
    },
    push(...events: RunStreamEvent[]) {
      buffered.push(...events);
      wake();
    },
    end() {
      ended = {};
      wake();
    },
    fail(error: unknown) {
      ended = { error };
      wake();
    },
  };
}

/** A context in thread `thr_1` (saved to the store first), for tests that drive the run by hand. */
export async function manualContext(store: MemoryStore<Ctx> = countingStore()): Promise<AgentContext<Ctx>> {
  const answered = thread();
  await store.saveThread(answered, ctx);
  return new AgentContext<Ctx>({ thread: answered, store, requestContext: ctx });
}

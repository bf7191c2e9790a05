/**
 * Answers with a real model through the Agents SDK bridge: the thread's recent items become the
 * model's input, an agent runs on the user's endpoint, and `streamAgentResponse` turns the run into
 * ChatKit events. The demo server imports this module only when the setting says "Model", so the
 * Agents SDK and the OpenAI client stay out of the scripted demo's bundle.
 */
import { Agent, Runner } from '@openai/agents';
import { CustomStreamError, type Store, type ThreadMetadata, type ThreadStreamEventInput } from 'chatkit-local';
import { AgentContext, streamAgentResponse } from 'chatkit-local/agents';
import type { ModelSettings } from '../settings/settings-record.ts';
import { DemoThreadItemConverter } from './demo-converter.ts';
import { createModel } from './model-client.ts';
import { modelErrorMessage } from './model-errors.ts';

/** How many of the thread's newest items the model sees. */
const HISTORY_LIMIT = 20;

const INSTRUCTIONS = [
  "You are the assistant of the chatkit-local demo: a ChatKit chat whose server runs in a Web Worker in the user's browser and keeps chats in IndexedDB.",
  "Earlier replies in the conversation may come from the demo's scripted assistant.",
  'Answer helpfully and concisely. Use Markdown where it helps.',
].join(' ');

const converter = new DemoThreadItemConverter();
// Traces would go to OpenAI's tracing endpoint, a host the user did not choose: never export them.
const runner = new Runner({ tracingDisabled: true });

/** What a model response needs from the server's `respond`. */
export interface ModelTurn<TContext> {
  thread: ThreadMetadata;
  store: Store<TContext>;
  context: TContext;
  /** Aborts when the page stops the response; it cancels the model request. */
  signal: AbortSignal;
  settings: ModelSettings;
}

/**
 * The model's reply to the thread as it stands (the new message is already stored).
 * @throws {CustomStreamError} with a message for the chat when the model cannot be reached or refuses.
 */
export async function* respondWithModel<TContext>(
  turn: ModelTurn<TContext>,
): AsyncGenerator<ThreadStreamEventInput, void, undefined> {
  const { thread, store, context, signal, settings } = turn;
  const recent = await store.loadThreadItems(thread.id, { after: null, limit: HISTORY_LIMIT, order: 'desc' }, context);
  const input = await converter.toAgentInput(recent.data.reverse());
  const agentContext = new AgentContext<TContext>({ thread, store, requestContext: context });
  const agent = new Agent<AgentContext<TContext>>({
    name: 'Assistant',
    instructions: INSTRUCTIONS,
    model: createModel(settings),
  });
  try {
    const result = await runner.run(agent, input, { stream: true, context: agentContext, signal });
    yield* streamAgentResponse(agentContext, result);
  } catch (error) {
    // Stopped by the user: the server already treats this response as cancelled.
    if (signal.aborted) throw error;
    throw new CustomStreamError(modelErrorMessage(error, settings), { allowRetry: true });
  }
}

/**
 * The bridge between `chatkit-local` and the OpenAI Agents SDK for JavaScript (`@openai/agents`, an
 * optional peer dependency): stored thread items to model input, and a streamed run to ChatKit events.
 */
export {
  AgentContext,
  type AgentContextOptions,
  type ClientToolCall,
  type TaskInput,
  type WorkflowInput,
  type WorkflowSummaryInput,
} from './context.ts';
export { streamAgentResponse, type StreamAgentResponseOptions } from './stream-agent-response.ts';
export {
  ResponseStreamConverter,
  type MaybePromise,
  type ResponseStreamConverterOptions,
} from './response-converter.ts';
export {
  ConversionNotImplementedError,
  simpleToAgentInput,
  TAG_CONTEXT_HEADER,
  ThreadItemConverter,
  type ConvertedInput,
  type UserInputContent,
} from './thread-item-converter.ts';
export { accumulateText, type StreamingTextComponent } from './accumulate-text.ts';
export type * from './responses-types.ts';

/**
 * The scripting vocabulary and the scripted server, shared by `chatkit-local/testing` (Node) and
 * `chatkit-local/testing/browser`: rules, steps, seeds and the records a mock keeps.
 */
export { on, once, onAction, ECHO, type Matcher, type Rule } from './script/rules.ts';
export {
  reply,
  widget,
  workflow,
  clientToolCall,
  progress,
  error,
  delay,
  pause,
  title,
  events,
  type Step,
  type Turn,
  type Dynamic,
  type Wait,
  type DelayStep,
  type PauseStep,
  type ReplyParts,
  type ReplyStep,
  type WidgetStep,
  type WorkflowStep,
  type TaskInput,
  type ClientToolCallStep,
  type ProgressStep,
  type ErrorStep,
  type TitleStep,
  type EventsStep,
} from './script/steps.ts';
export { ScriptedChatKitServer, type ScriptedServerOptions } from './script/scripted-server.ts';
export { SeededIds, type Seed } from './determinism/seeded-ids.ts';
export { TestClock, DEFAULT_CLOCK_START, type TestClockOptions } from './determinism/clock.ts';
export { SeededMemoryStore, SeededAttachmentStore, type Determinism } from './determinism/seeded-store.ts';
export {
  userMessage,
  assistantMessage,
  type ItemSeed,
  type ThreadSeed,
  type AttachmentSeed,
  type SeededThread,
} from './fixtures/seed.ts';
export type { ThreadSnapshot } from './fixtures/read.ts';
export type { RecordedRequest, UploadParams } from './record/requests.ts';
export type { RecordedResponse, ResponseOutcome } from './record/responses.ts';

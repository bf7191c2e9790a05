/** What a user sends: message content, @-mention tags, inference options and structured answers. */
import { z } from 'zod';
import { JsonObject } from './common.ts';

/** Plain typed text. */
export const UserMessageTextContent = z.object({ type: z.literal('input_text'), text: z.string() });
/** An @-mention of an application entity. */
export const UserMessageTagContent = z.object({
  type: z.literal('input_tag'),
  id: z.string(),
  text: z.string(),
  data: JsonObject,
  group: z.string().nullish(),
  interactive: z.boolean().default(false),
});
/** One part of a user message, told apart by `type`. */
export const UserMessageContent = z.discriminatedUnion('type', [UserMessageTextContent, UserMessageTagContent]);
export type UserMessageContent = z.infer<typeof UserMessageContent>;
export type UserMessageTextContent = z.infer<typeof UserMessageTextContent>;
export type UserMessageTagContent = z.infer<typeof UserMessageTagContent>;

/** The composer tool the user picked. */
export const ToolChoice = z.object({ id: z.string() });
export type ToolChoice = z.infer<typeof ToolChoice>;

/** Per-message choices made in the composer. Serialises as `{}` when both are unset. */
export const InferenceOptions = z.object({
  tool_choice: ToolChoice.nullish(),
  model: z.string().nullish(),
});
export type InferenceOptions = z.infer<typeof InferenceOptions>;

/**
 * A new user message (`params.input` of `threads.create` and `threads.add_user_message`).
 * `attachments` holds attachment ids; `content`, `attachments` and `inference_options` are required.
 */
export const UserMessageInput = z.object({
  content: z.array(UserMessageContent),
  attachments: z.array(z.string()),
  quoted_text: z.string().nullish(),
  inference_options: InferenceOptions,
});
export type UserMessageInput = z.infer<typeof UserMessageInput>;

/** An answer to one structured-input question. */
export const StructuredInputAnswer = z.object({
  values: z.array(z.string()).default([]),
  skipped: z.boolean().default(false),
});
export type StructuredInputAnswer = z.infer<typeof StructuredInputAnswer>;

/** The user's submission for a pending `structured_input` item, answers keyed by question id. */
export const StructuredInputSubmission = z.object({
  status: z.enum(['answered', 'skipped']).default('answered'),
  answers: z.record(z.string(), StructuredInputAnswer).default({}),
});
export type StructuredInputSubmission = z.infer<typeof StructuredInputSubmission>;

const questionBase = {
  /** Stable question id; answers are keyed by it. */
  id: z.string(),
  question: z.string(),
  /** Unset until the user answers. */
  answer: StructuredInputAnswer.nullish(),
};

/** A question with suggested options; the UI also allows a free-form answer. */
export const MultipleChoiceInput = z.object({
  ...questionBase,
  type: z.literal('multiple_choice'),
  options: z.array(z.object({ value: z.string() })),
  multiple: z.boolean().default(false),
});
/** A free-text question. */
export const FreeformInput = z.object({
  ...questionBase,
  type: z.literal('freeform'),
  description: z.string().nullish(),
});
/** One structured-input question, told apart by `type`. */
export const StructuredInput = z.discriminatedUnion('type', [MultipleChoiceInput, FreeformInput]);
export type StructuredInput = z.infer<typeof StructuredInput>;
export type MultipleChoiceInput = z.infer<typeof MultipleChoiceInput>;
export type FreeformInput = z.infer<typeof FreeformInput>;

/** Feedback on items: thumbs up or down. */
export const FeedbackKind = z.enum(['positive', 'negative']);
export type FeedbackKind = z.infer<typeof FeedbackKind>;

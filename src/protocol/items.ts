/** Thread items: everything a thread holds, from user messages to hidden model context. */
import { z } from 'zod';
import { JsonObject, JsonValue, Timestamp } from './common.ts';
import { Attachment } from './attachments.ts';
import { Annotation } from './sources.ts';
import { InferenceOptions, StructuredInput, UserMessageContent } from './input.ts';
import { Task, Workflow } from './workflow.ts';
import { WidgetRoot } from './widgets.ts';

const itemBase = {
  id: z.string(),
  thread_id: z.string(),
  created_at: Timestamp,
};

/** One text part of an assistant message, with its citations. */
export const AssistantMessageContent = z.object({
  annotations: z.array(Annotation).default([]),
  text: z.string(),
  type: z.literal('output_text').default('output_text'),
});
export type AssistantMessageContent = z.infer<typeof AssistantMessageContent>;

/** A message the user sent; `attachments` are the full attachment records. */
export const UserMessageItem = z.object({
  ...itemBase,
  type: z.literal('user_message'),
  content: z.array(UserMessageContent),
  attachments: z.array(Attachment).default([]),
  quoted_text: z.string().nullish(),
  inference_options: InferenceOptions,
});
/** A reply from the assistant. */
export const AssistantMessageItem = z.object({
  ...itemBase,
  type: z.literal('assistant_message'),
  content: z.array(AssistantMessageContent),
});
/** A tool the page runs (`onClientTool`); the client answers with `threads.add_client_tool_output`. */
export const ClientToolCallItem = z.object({
  ...itemBase,
  type: z.literal('client_tool_call'),
  status: z.enum(['pending', 'completed']).default('pending'),
  call_id: z.string(),
  name: z.string(),
  arguments: JsonObject,
  output: JsonValue.optional(),
});
/** A widget; `copy_text` is what the UI's copy action copies. */
export const WidgetItem = z.object({
  ...itemBase,
  type: z.literal('widget'),
  widget: WidgetRoot,
  copy_text: z.string().nullish(),
});
/** An image the assistant generated (absent while it is being produced). */
export const GeneratedImage = z.object({ id: z.string(), url: z.string() });
export type GeneratedImage = z.infer<typeof GeneratedImage>;
export const GeneratedImageItem = z.object({
  ...itemBase,
  type: z.literal('generated_image'),
  image: GeneratedImage.nullish(),
});
/** Questions for the user, answered with `threads.add_structured_input`. */
export const StructuredInputItem = z.object({
  ...itemBase,
  type: z.literal('structured_input'),
  status: z.enum(['pending', 'answered', 'skipped']).default('pending'),
  inputs: z.array(StructuredInput),
});
/** A single task shown on its own. */
export const TaskItem = z.object({ ...itemBase, type: z.literal('task'), task: Task });
/** A workflow: several tasks shown together. */
export const WorkflowItem = z.object({ ...itemBase, type: z.literal('workflow'), workflow: Workflow });
/** Marks the end of an assistant turn (a UI hint). */
export const EndOfTurnItem = z.object({ ...itemBase, type: z.literal('end_of_turn') });
/** Context for the model that the user never sees, defined by the integration. */
export const HiddenContextItem = z.object({ ...itemBase, type: z.literal('hidden_context_item'), content: JsonValue });
/** Context the server itself writes for the model (the cancellation note); never sent to clients. */
export const SDKHiddenContextItem = z.object({
  ...itemBase,
  type: z.literal('sdk_hidden_context'),
  content: z.string(),
});

/** Any thread item, told apart by `type`. */
export const ThreadItem = z.discriminatedUnion('type', [
  UserMessageItem,
  AssistantMessageItem,
  ClientToolCallItem,
  WidgetItem,
  GeneratedImageItem,
  StructuredInputItem,
  TaskItem,
  WorkflowItem,
  EndOfTurnItem,
  HiddenContextItem,
  SDKHiddenContextItem,
]);
export type ThreadItem = z.infer<typeof ThreadItem>;
/** A thread item as an integration may write it: fields with defaults may be left out. */
export type ThreadItemInput = z.input<typeof ThreadItem>;

export type UserMessageItem = z.infer<typeof UserMessageItem>;
export type AssistantMessageItem = z.infer<typeof AssistantMessageItem>;
export type ClientToolCallItem = z.infer<typeof ClientToolCallItem>;
export type WidgetItem = z.infer<typeof WidgetItem>;
export type GeneratedImageItem = z.infer<typeof GeneratedImageItem>;
export type StructuredInputItem = z.infer<typeof StructuredInputItem>;
export type TaskItem = z.infer<typeof TaskItem>;
export type WorkflowItem = z.infer<typeof WorkflowItem>;
export type EndOfTurnItem = z.infer<typeof EndOfTurnItem>;
export type HiddenContextItem = z.infer<typeof HiddenContextItem>;
export type SDKHiddenContextItem = z.infer<typeof SDKHiddenContextItem>;

/** Item types that never reach a client: their `thread.item.done` is stored but not sent. */
export const HIDDEN_ITEM_TYPES: ReadonlySet<ThreadItem['type']> = new Set([
  'hidden_context_item',
  'sdk_hidden_context',
]);

/** Whether a client may see this item. */
export function isVisibleItem(item: { type: string }): boolean {
  return !HIDDEN_ITEM_TYPES.has(item.type as ThreadItem['type']);
}

/** Item updates: the `update` of a `thread.item.updated` event, applied by the UI to an item in flight. */
import { z } from 'zod';
import { AssistantMessageContent, GeneratedImage } from './items.ts';
import { Annotation } from './sources.ts';
import { Task } from './workflow.ts';
import { WidgetComponent, WidgetRoot } from './widgets.ts';

/** A new content part of an assistant message. */
export const AssistantMessageContentPartAdded = z.object({
  type: z.literal('assistant_message.content_part.added'),
  content_index: z.number().int(),
  content: AssistantMessageContent,
});
/** Text appended to a content part. */
export const AssistantMessageContentPartTextDelta = z.object({
  type: z.literal('assistant_message.content_part.text_delta'),
  content_index: z.number().int(),
  delta: z.string(),
});
/** A citation added to a content part. */
export const AssistantMessageContentPartAnnotationAdded = z.object({
  type: z.literal('assistant_message.content_part.annotation_added'),
  content_index: z.number().int(),
  annotation_index: z.number().int(),
  annotation: Annotation,
});
/** A content part in its final form. */
export const AssistantMessageContentPartDone = z.object({
  type: z.literal('assistant_message.content_part.done'),
  content_index: z.number().int(),
  content: AssistantMessageContent,
});
/** Text appended to a streaming `Text` or `Markdown` component (by its `id`). */
export const WidgetStreamingTextValueDelta = z.object({
  type: z.literal('widget.streaming_text.value_delta'),
  component_id: z.string(),
  delta: z.string(),
  done: z.boolean(),
});
/** One widget component replaced (by its `id`). */
export const WidgetComponentUpdated = z.object({
  type: z.literal('widget.component.updated'),
  component_id: z.string(),
  component: WidgetComponent,
});
/** The whole widget replaced. */
export const WidgetRootUpdated = z.object({
  type: z.literal('widget.root.updated'),
  widget: WidgetRoot,
});
/** A task appended to a workflow. */
export const WorkflowTaskAdded = z.object({
  type: z.literal('workflow.task.added'),
  task_index: z.number().int(),
  task: Task,
});
/** A workflow task replaced. */
export const WorkflowTaskUpdated = z.object({
  type: z.literal('workflow.task.updated'),
  task_index: z.number().int(),
  task: Task,
});
/** A generated image's progress (0..1) or partial result. */
export const GeneratedImageUpdated = z.object({
  type: z.literal('generated_image.updated'),
  image: GeneratedImage,
  progress: z.number().nullish(),
});

/** Any item update, told apart by `type`. */
export const ThreadItemUpdate = z.discriminatedUnion('type', [
  AssistantMessageContentPartAdded,
  AssistantMessageContentPartTextDelta,
  AssistantMessageContentPartAnnotationAdded,
  AssistantMessageContentPartDone,
  WidgetStreamingTextValueDelta,
  WidgetComponentUpdated,
  WidgetRootUpdated,
  WorkflowTaskAdded,
  WorkflowTaskUpdated,
  GeneratedImageUpdated,
]);
export type ThreadItemUpdate = z.infer<typeof ThreadItemUpdate>;

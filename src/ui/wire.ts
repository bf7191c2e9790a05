/**
 * The wire types the UI works with, in one place. Types only: the UI loads no schema code, so the
 * page pays nothing for them.
 */
export type {
  ActionConfig,
  AssistantMessageItem,
  Attachment,
  ClientToolCallItem,
  FeedbackKind,
  GeneratedImageItem,
  NoticeEvent,
  Source,
  StructuredInputAnswer,
  StructuredInputItem,
  StructuredInputSubmission,
  Task,
  TaskItem,
  Thread,
  ThreadItem,
  ThreadItemUpdate,
  ThreadStreamEvent,
  UserMessageContent,
  UserMessageItem,
  WidgetComponent,
  WidgetComponentType,
  WidgetItem,
  WidgetRoot,
  WorkflowItem,
} from '../protocol/index.ts';

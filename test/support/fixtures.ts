/** Request and item builders shared by the tests (plain wire JSON, as a client or responder writes it). */
import { now, type ThreadItemInput, type UserMessageInput } from '../../src/index.ts';

/** A user input with one text part, no attachments and empty inference options (the SDK tests' default). */
export function userInput(text = 'Hello, world!', extra: Partial<UserMessageInput> = {}): UserMessageInput {
  return { content: [{ type: 'input_text', text }], attachments: [], inference_options: {}, ...extra };
}

/** Request bodies, one builder per request type. */
export const req = {
  create: (input: UserMessageInput = userInput()) => ({ type: 'threads.create', params: { input } }),
  addUserMessage: (thread_id: string, input: UserMessageInput = userInput()) => ({
    type: 'threads.add_user_message',
    params: { thread_id, input },
  }),
  addClientToolOutput: (thread_id: string, result: unknown) => ({
    type: 'threads.add_client_tool_output',
    params: { thread_id, result },
  }),
  addStructuredInput: (thread_id: string, item_id: string, input: unknown) => ({
    type: 'threads.add_structured_input',
    params: { thread_id, item_id, input },
  }),
  retryAfterItem: (thread_id: string, item_id: string) => ({
    type: 'threads.retry_after_item',
    params: { thread_id, item_id },
  }),
  customAction: (thread_id: string, item_id: string | null, action: unknown) => ({
    type: 'threads.custom_action',
    params: { thread_id, item_id, action },
  }),
  syncCustomAction: (thread_id: string, item_id: string | null, action: unknown) => ({
    type: 'threads.sync_custom_action',
    params: { thread_id, item_id, action },
  }),
  getById: (thread_id: string) => ({ type: 'threads.get_by_id', params: { thread_id } }),
  list: (params: Record<string, unknown> = {}) => ({ type: 'threads.list', params }),
  update: (thread_id: string, title: string) => ({ type: 'threads.update', params: { thread_id, title } }),
  delete: (thread_id: string) => ({ type: 'threads.delete', params: { thread_id } }),
  itemsList: (thread_id: string, params: Record<string, unknown> = {}) => ({
    type: 'items.list',
    params: { thread_id, ...params },
  }),
  feedback: (thread_id: string, item_ids: string[], kind: 'positive' | 'negative') => ({
    type: 'items.feedback',
    params: { thread_id, item_ids, kind },
  }),
  attachmentsCreate: (name: string, size: number, mime_type: string) => ({
    type: 'attachments.create',
    params: { name, size, mime_type },
  }),
  attachmentsDelete: (attachment_id: string) => ({ type: 'attachments.delete', params: { attachment_id } }),
  transcribe: (audio_base64: string, mime_type: string) => ({
    type: 'input.transcribe',
    params: { audio_base64, mime_type },
  }),
};

/** An assistant message with one text part. */
export function assistantMessage(id: string, threadId: string, text: string, createdAt = now()): ThreadItemInput {
  return {
    id,
    thread_id: threadId,
    created_at: createdAt,
    type: 'assistant_message',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
}

/** A user message item (as a responder may yield it). */
export function userMessageItem(id: string, threadId: string, text: string, createdAt = now()): ThreadItemInput {
  return {
    id,
    thread_id: threadId,
    created_at: createdAt,
    type: 'user_message',
    content: [{ type: 'input_text', text }],
    attachments: [],
    inference_options: {},
  };
}

/** A widget item holding a Card with one Text. */
export function widgetItem(id: string, threadId: string, text: string, createdAt = now()): ThreadItemInput {
  return {
    id,
    thread_id: threadId,
    created_at: createdAt,
    type: 'widget',
    widget: { type: 'Card', children: [{ type: 'Text', value: text }] },
  };
}

/** A pending client tool call. */
export function clientToolCall(
  id: string,
  threadId: string,
  callId: string,
  name: string,
  args: Record<string, unknown>,
  createdAt = now(),
): ThreadItemInput {
  return {
    id,
    thread_id: threadId,
    created_at: createdAt,
    type: 'client_tool_call',
    status: 'pending',
    call_id: callId,
    name,
    arguments: args,
  };
}

/** A hidden context item. */
export function hiddenContext(id: string, threadId: string, content: unknown, createdAt = now()): ThreadItemInput {
  return { id, thread_id: threadId, created_at: createdAt, type: 'hidden_context_item', content };
}

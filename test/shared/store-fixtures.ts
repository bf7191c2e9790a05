/**
 * Wire objects for store tests. Built through the zod schemas, so every fixture is a valid wire value
 * with its defaults filled in, exactly as the server would hand it to a store.
 */
import { Attachment } from '../../src/protocol/attachments.ts';
import { ThreadItem } from '../../src/protocol/items.ts';
import { ThreadMetadata } from '../../src/protocol/thread.ts';

/** The context the contract tests pass: `userId` is what scoped stores partition by. */
export interface TestContext {
  userId: string;
}

export const alice: TestContext = { userId: 'alice' };
export const bob: TestContext = { userId: 'bob' };

/** Scopes a store by user. */
export const byUser = (context: TestContext): string => context.userId;

const BASE = Date.UTC(2025, 0, 1, 12, 0, 0);

/** A `created_at` `seconds` after a fixed instant, in `toISOString` form. */
export function at(seconds: number): string {
  return new Date(BASE + seconds * 1000).toISOString();
}

/** A thread's metadata created `seconds` after the base instant. */
export function makeThread(id: string, seconds = 0, extra: Partial<ThreadMetadata> = {}): ThreadMetadata {
  return ThreadMetadata.parse({ id, created_at: at(seconds), title: `Thread ${id}`, ...extra });
}

/** An assistant message with one text part. */
export function assistantMessage(threadId: string, id: string, seconds = 0, text = `text of ${id}`): ThreadItem {
  return ThreadItem.parse({
    id,
    thread_id: threadId,
    created_at: at(seconds),
    type: 'assistant_message',
    content: [{ text }],
  });
}

/** A file attachment carrying integration metadata (which stores must keep). */
export function fileAttachment(id: string, extra: Record<string, unknown> = {}): Attachment {
  return Attachment.parse({
    type: 'file',
    id,
    name: `${id}.txt`,
    mime_type: 'text/plain',
    metadata: { source: 'test', nested: { n: [1, 2] } },
    ...extra,
  });
}

/** An image attachment with a preview URL and metadata. */
export function imageAttachment(id: string, extra: Record<string, unknown> = {}): Attachment {
  return Attachment.parse({
    type: 'image',
    id,
    name: `${id}.png`,
    mime_type: 'image/png',
    preview_url: `https://example.com/${id}/preview`,
    upload_descriptor: {
      url: `https://example.com/${id}/upload`,
      method: 'PUT',
      headers: { 'X-My-Header': 'my-value' },
    },
    metadata: { source: 'test' },
    ...extra,
  });
}

/** A user message with text, an @-mention tag, a file attachment with metadata and inference options. */
export function userMessage(threadId: string, id: string, seconds = 0): ThreadItem {
  return ThreadItem.parse({
    id,
    thread_id: threadId,
    created_at: at(seconds),
    type: 'user_message',
    content: [
      { type: 'input_text', text: 'Hello, world!' },
      { type: 'input_tag', id: 'doc_1', text: 'Doc', data: { kind: 'doc', tags: ['a', null] }, interactive: true },
    ],
    attachments: [fileAttachment('file_1', { thread_id: threadId })],
    quoted_text: 'quoted',
    inference_options: { tool_choice: { id: 'search' }, model: 'gpt-test' },
  });
}

/** A widget: a Card with a Col whose padding and border are dicts, holding two Texts (as the Python tests use). */
export function widgetItem(threadId: string, id: string, seconds = 0): ThreadItem {
  return ThreadItem.parse({
    id,
    thread_id: threadId,
    created_at: at(seconds),
    type: 'widget',
    copy_text: 'copy me',
    widget: {
      type: 'Card',
      children: [
        {
          type: 'Col',
          padding: { x: 4, y: 2 },
          border: { size: 1, color: 'gray-200' },
          children: [
            { type: 'Text', value: 'First', weight: 'semibold' },
            { type: 'Text', value: 'Second', color: 'secondary' },
          ],
        },
      ],
    },
  });
}

/** One item of each other kind a thread can hold, to check that no field is lost on the way through a store. */
export function assortedItems(threadId: string, seconds = 0): ThreadItem[] {
  const base = { thread_id: threadId, created_at: at(seconds) };
  return [
    userMessage(threadId, 'msg_user', seconds),
    ThreadItem.parse({
      ...base,
      id: 'msg_cited',
      type: 'assistant_message',
      content: [
        {
          text: 'See [1].',
          annotations: [
            { type: 'annotation', index: 4, source: { type: 'url', title: 'Site', url: 'https://example.com' } },
          ],
        },
      ],
    }),
    widgetItem(threadId, 'widget_1', seconds),
    ThreadItem.parse({
      ...base,
      id: 'tc_1',
      type: 'client_tool_call',
      call_id: 'call_1',
      name: 'lookup',
      arguments: { q: 'x', opt: null },
      output: null,
    }),
    ThreadItem.parse({
      ...base,
      id: 'img_1',
      type: 'generated_image',
      image: { id: 'i', url: 'https://example.com/i.png' },
    }),
    ThreadItem.parse({
      ...base,
      id: 'wf_1',
      type: 'workflow',
      workflow: {
        type: 'reasoning',
        tasks: [
          { type: 'thought', content: 'hmm' },
          { type: 'web_search', queries: ['q'] },
        ],
        summary: { duration: 3 },
      },
    }),
    ThreadItem.parse({ ...base, id: 'tsk_1', type: 'task', task: { type: 'custom', title: 'Step', icon: 'search' } }),
    ThreadItem.parse({ ...base, id: 'eot_1', type: 'end_of_turn' }),
    ThreadItem.parse({ ...base, id: 'hc_1', type: 'hidden_context_item', content: { facts: [1, null, 'x'] } }),
    ThreadItem.parse({ ...base, id: 'shcx_1', type: 'sdk_hidden_context', content: 'The user cancelled.' }),
  ];
}

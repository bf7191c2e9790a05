/**
 * Constructors for the thread items a responder creates most, named after the Python SDK's item
 * classes (`AssistantMessageItem(...)` is `assistantMessage({...})`). Each fills `thread_id` from the
 * thread and `created_at` with the current time, and returns the plain wire object; ids are yours to
 * choose, usually from the store: `this.store.generateItemId('message', thread, context)`.
 */
import { now } from '../protocol/common.ts';
import type { ThreadMetadata } from '../protocol/thread.ts';
import type { ItemInput } from './event-builders.ts';

/** The item written as `type` (read-only view, so `as const` values fit). */
type ItemOf<TType extends ItemInput['type']> = Extract<ItemInput, { readonly type: TType }>;

/** What every item constructor takes. */
export interface ItemFields {
  /** The thread the item belongs to (only its `id` is read). */
  thread: Pick<ThreadMetadata, 'id'>;
  /** The item's id (`this.store.generateItemId(...)` gives one with the right prefix). */
  id: string;
  /** When it was created (an ISO-8601 timestamp); default: now. */
  createdAt?: string | undefined;
}

/** What {@link assistantMessage} takes: the common fields, and either `text` or `content`. */
export type AssistantMessageFields = ItemFields &
  (
    | { /** The whole reply as one text part. */ text: string; content?: never }
    | {
        /** The content parts (with annotations); `[]` for a message about to stream. */ content: ItemOf<'assistant_message'>['content'];
        text?: never;
      }
  );

/**
 * An assistant message. Python: `AssistantMessageItem`.
 * @param fields - the thread, the id, and the reply: `text` for one plain text part, or `content`.
 * @example
 * ```ts
 * import { assistantMessage } from 'chatkit-local';
 * const reply = assistantMessage({ thread: { id: 'thr_1' }, id: 'msg_1', text: 'Hello!' });
 * ```
 */
export function assistantMessage(fields: AssistantMessageFields): ItemOf<'assistant_message'> {
  return {
    ...base(fields),
    type: 'assistant_message',
    content: fields.content ?? [{ type: 'output_text', text: fields.text, annotations: [] }],
  };
}

/**
 * Context for the model that the user never sees (`hidden_context_item`): stored, never sent to
 * clients. Python: `HiddenContextItem`.
 * @param fields - the thread, the id, and `content` (any JSON).
 * @example
 * ```ts
 * import { hiddenContext } from 'chatkit-local';
 * const note = hiddenContext({ thread: { id: 'thr_1' }, id: 'msg_2', content: { plan: 'pro' } });
 * ```
 */
export function hiddenContext(fields: ItemFields & { content: unknown }): ItemOf<'hidden_context_item'> {
  return { ...base(fields), type: 'hidden_context_item', content: fields.content };
}

/** What {@link clientToolCall} takes. */
export interface ClientToolCallFields extends ItemFields {
  /** The call's id, echoed back with the page's answer. */
  callId: string;
  /** The tool's name, as the page registered it (`onClientTool`). */
  name: string;
  /** Its arguments (a JSON object; default `{}`). */
  arguments?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * A pending call of a tool the page runs. End the response after it: the page answers with
 * `threads.add_client_tool_output`, and `respond` runs again with the result stored on the item.
 * Python: `ClientToolCallItem`.
 * @param fields - the thread, the item id, and the call (`callId`, `name`, `arguments`).
 * @example
 * ```ts
 * import { clientToolCall } from 'chatkit-local';
 * const call = clientToolCall({ thread: { id: 'thr_1' }, id: 'tc_1', callId: 'call_1', name: 'get_selection' });
 * ```
 */
export function clientToolCall(fields: ClientToolCallFields): ItemOf<'client_tool_call'> {
  return {
    ...base(fields),
    type: 'client_tool_call',
    status: 'pending',
    call_id: fields.callId,
    name: fields.name,
    arguments: fields.arguments ?? {},
  };
}

/**
 * The end of an assistant turn (a UI hint). Python: `EndOfTurnItem`.
 * @param fields - the thread and the id.
 * @example
 * ```ts
 * import { endOfTurn } from 'chatkit-local';
 * const end = endOfTurn({ thread: { id: 'thr_1' }, id: 'msg_3' });
 * ```
 */
export function endOfTurn(fields: ItemFields): ItemOf<'end_of_turn'> {
  return { ...base(fields), type: 'end_of_turn' };
}

function base(fields: ItemFields): { id: string; thread_id: string; created_at: string } {
  return { id: fields.id, thread_id: fields.thread.id, created_at: fields.createdAt ?? now() };
}

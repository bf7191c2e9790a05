/** Requests: the JSON bodies a ChatKit client POSTs, `{ type, params, metadata }`. */
import { z } from 'zod';
import { JsonObject, JsonValue } from './common.ts';
import { FeedbackKind, StructuredInputSubmission, UserMessageInput } from './input.ts';

/** The action a user triggered on a widget (`threads.custom_action`, `threads.sync_custom_action`). */
export const Action = z.object({ type: z.string(), payload: JsonValue.default(null) });
/**
 * A widget action as the server receives it. The type parameters narrow `type` and `payload` to
 * what an app's widgets send (`Action<'vote', { option: string }>`), as the Python SDK's
 * `Action[TType, TPayload]` does; the wire shape stays the schema's. The server never checks a
 * payload's shape (it is whatever the page sent): use `defineAction` (`chatkit-local/widgets`) to
 * tell actions apart, and to validate payloads.
 */
export type Action<TType extends string = string, TPayload = z.infer<typeof Action>['payload']> = {
  [K in keyof z.infer<typeof Action>]: K extends 'type'
    ? TType
    : K extends 'payload'
      ? TPayload
      : z.infer<typeof Action>[K];
};

/** Page size, any falsy value (0, null, absent) meaning the default of 20. */
const PageLimit = z.number().int().nonnegative().nullish();
/** Listing order by `created_at`. */
const PageOrder = z.enum(['asc', 'desc']).default('desc');

function request<T extends string, P extends z.ZodRawShape>(type: T, params: P) {
  return z.object({
    type: z.literal(type),
    params: z.object(params),
    /** Integration-specific metadata; the server never reads it. */
    metadata: JsonObject.default({}),
  });
}

export const ThreadsCreateReq = request('threads.create', { input: UserMessageInput });
export const ThreadsAddUserMessageReq = request('threads.add_user_message', {
  input: UserMessageInput,
  thread_id: z.string(),
});
export const ThreadsAddClientToolOutputReq = request('threads.add_client_tool_output', {
  thread_id: z.string(),
  /** Any JSON, null included, but the key must be present. */
  result: z.custom<unknown>((value) => value !== undefined, { message: 'required' }),
});
export const ThreadsAddStructuredInputReq = request('threads.add_structured_input', {
  thread_id: z.string(),
  item_id: z.string(),
  input: StructuredInputSubmission,
});
export const ThreadsRetryAfterItemReq = request('threads.retry_after_item', {
  thread_id: z.string(),
  item_id: z.string(),
});
const customActionParams = {
  thread_id: z.string(),
  /** The widget item that sent the action, if any. */
  item_id: z.string().nullish(),
  action: Action,
};
export const ThreadsCustomActionReq = request('threads.custom_action', customActionParams);
export const ThreadsSyncCustomActionReq = request('threads.sync_custom_action', customActionParams);
export const ThreadsGetByIdReq = request('threads.get_by_id', { thread_id: z.string() });
export const ThreadsListReq = request('threads.list', {
  limit: PageLimit,
  order: PageOrder,
  after: z.string().nullish(),
});
export const ThreadsUpdateReq = request('threads.update', { thread_id: z.string(), title: z.string() });
export const ThreadsDeleteReq = request('threads.delete', { thread_id: z.string() });
export const ItemsListReq = request('items.list', {
  thread_id: z.string(),
  limit: PageLimit,
  order: PageOrder,
  after: z.string().nullish(),
});
export const ItemsFeedbackReq = request('items.feedback', {
  thread_id: z.string(),
  item_ids: z.array(z.string()),
  kind: FeedbackKind,
});
/**
 * A declared MIME type. Control characters (CR, LF, NUL...) are refused: no real type has them, and
 * they would break (or inject) the headers the file is later served with.
 */
export const DeclaredMimeType = z.string().regex(/^[^\u0000-\u001f\u007f]*$/, {
  message: 'must not contain control characters (CR, LF, NUL...)',
});
/** What a client declares before uploading a file. */
export const AttachmentCreateParams = z.object({
  name: z.string(),
  size: z.number().int().nonnegative(),
  mime_type: DeclaredMimeType,
});
export type AttachmentCreateParams = z.infer<typeof AttachmentCreateParams>;
export const AttachmentsCreateReq = request('attachments.create', AttachmentCreateParams.shape);
export const AttachmentsDeleteReq = request('attachments.delete', { attachment_id: z.string() });
export const InputTranscribeReq = request('input.transcribe', {
  /** Standard base64 of the recorded audio. */
  audio_base64: z.base64(),
  /** The raw MIME type, such as `audio/webm;codecs=opus`. */
  mime_type: z.string(),
});

/** Requests answered with a `text/event-stream`. */
export const StreamingReq = z.discriminatedUnion('type', [
  ThreadsCreateReq,
  ThreadsAddUserMessageReq,
  ThreadsAddClientToolOutputReq,
  ThreadsAddStructuredInputReq,
  ThreadsRetryAfterItemReq,
  ThreadsCustomActionReq,
]);
export type StreamingReq = z.infer<typeof StreamingReq>;

/** Requests answered with one JSON document. */
export const NonStreamingReq = z.discriminatedUnion('type', [
  ThreadsGetByIdReq,
  ThreadsListReq,
  ThreadsUpdateReq,
  ThreadsDeleteReq,
  ThreadsSyncCustomActionReq,
  ItemsListReq,
  ItemsFeedbackReq,
  AttachmentsCreateReq,
  AttachmentsDeleteReq,
  InputTranscribeReq,
]);
export type NonStreamingReq = z.infer<typeof NonStreamingReq>;

/** Any ChatKit request, told apart by `type`. */
export const ChatKitReq = z.discriminatedUnion('type', [...StreamingReq.options, ...NonStreamingReq.options]);
export type ChatKitReq = z.infer<typeof ChatKitReq>;
/** A request as a client writes it: fields with defaults may be left out. */
export type ChatKitReqInput = z.input<typeof ChatKitReq>;

/** Every request type, the streaming ones first. */
export const REQUEST_TYPES: readonly ChatKitReq['type'][] = ChatKitReq.options.map((option) => option.shape.type.value);

const streamingTypes: ReadonlySet<string> = new Set(StreamingReq.options.map((option) => option.shape.type.value));

/** Whether a request (or request type) is answered with a stream. */
export function isStreamingRequest(
  request: ChatKitReq | ChatKitReq['type'],
): request is StreamingReq | StreamingReq['type'] {
  return streamingTypes.has(typeof request === 'string' ? request : request.type);
}

/** The default page size of `threads.list`, `items.list` and `threads.get_by_id`. */
export const DEFAULT_PAGE_SIZE = 20;

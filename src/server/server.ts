/**
 * `ChatKitServer`: one request in, one result out. Subclass it, implement `respond`, and hand it a
 * store; every request type of the ChatKit protocol is routed in {@link ChatKitServer.process}.
 */
import type { Action } from '../protocol/requests.ts';
import {
  DEFAULT_PAGE_SIZE,
  isStreamingRequest,
  type NonStreamingReq,
  type StreamingReq,
} from '../protocol/requests.ts';
import { ChatKitRequestError } from '../protocol/errors.ts';
import { parseRequest, type RequestBody } from '../protocol/parse.ts';
import { now } from '../protocol/common.ts';
import { isVisibleItem, type ThreadItem, type UserMessageItem, type WidgetItem } from '../protocol/items.ts';
import type { ThreadMetadata } from '../protocol/thread.ts';
import type { FeedbackKind, UserMessageInput } from '../protocol/input.ts';
import type { ResponseEvent, StreamOptions } from '../protocol/events.ts';
import { ThreadItem as ThreadItemSchema } from '../protocol/items.ts';
import { Attachment as AttachmentSchema } from '../protocol/attachments.ts';
import { Thread as ThreadSchema } from '../protocol/thread.ts';
import { PageOf } from '../protocol/common.ts';
import { toThreadResponse, toWireJson } from '../protocol/serialize.ts';
import type { AttachmentStore, Store } from '../store/types.ts';
import { NonStreamingResult, StreamingResult } from './results.ts';
import { ResponsePipeline, type PipelineHost, type ResponsePreamble } from './event-pipeline.ts';
import { applyStructuredInput } from './structured-input.ts';
import { NotSupportedError } from './errors.ts';
import { assertNever } from './exhaustive.ts';
import { holdingThread } from './thread-hold.ts';
import {
  checkAttachment,
  DEFAULT_ATTACHMENT_POLICY,
  sanitizeFileName,
  type AttachmentPolicy,
} from './attachment-policy.ts';
import { z } from 'zod';

/** Recorded audio for `transcribe`. `media_type` is `mime_type` without parameters (`audio/webm`). */
export interface AudioInput {
  data: Uint8Array;
  mime_type: string;
  media_type: string;
}

/** What `transcribe` returns. */
export interface TranscriptionResult {
  text: string;
}

/** What `syncAction` returns: the widget item to show instead of the sender, or `{}` for no change. */
export interface SyncCustomActionResponse {
  updated_item?: WidgetItem | null | undefined;
}

/** The per-response options handed to `respond` and `action`. */
export interface ResponseOptions {
  /** Aborts when the client goes away (stop button, closed tab): stop model calls and return. */
  signal: AbortSignal;
}

/**
 * What `respond` and `action` return: the events of one response. Annotate an overriding generator
 * with it (`async *respond(...): ResponseStream`) so that TypeScript checks each yielded object
 * against the protocol, with no `as const`; events written `as const` fit it too.
 */
export type ResponseStream = AsyncIterable<ResponseEvent>;

/** The note `handleStreamCancelled` stores so the next response does not continue a cancelled one. */
export const CANCELLED_STREAM_NOTE = 'The user cancelled the stream. Stop responding to the prior request.';

const ThreadPage = PageOf(ThreadSchema);
const ItemPage = PageOf(ThreadItemSchema);
const SyncCustomActionResponseSchema = z.object({ updated_item: ThreadItemSchema.nullish() });

/**
 * A ChatKit server. Implement {@link respond}; override the other hooks as needed. The defaults
 * behave as the Python SDK's `ChatKitServer`.
 *
 * @typeParam TContext - per-request data your integration needs (user id, auth...), passed unchanged
 *   to every hook and store call.
 */
export abstract class ChatKitServer<TContext = unknown> {
  /** Threads, items and attachment records. */
  readonly store: Store<TContext>;
  /** Attachment bytes, for `attachments.create` and `attachments.delete`; null when files are unsupported. */
  readonly attachmentStore: AttachmentStore<TContext> | null;

  /**
   * Limits on attachments (size, MIME types), applied by `attachments.create` and by the handler's
   * upload routes. Assign a new policy to change them; the default accepts any type up to 32 MiB.
   */
  attachmentPolicy: AttachmentPolicy = DEFAULT_ATTACHMENT_POLICY;

  constructor(store: Store<TContext>, attachmentStore: AttachmentStore<TContext> | null = null) {
    this.store = store;
    this.attachmentStore = attachmentStore;
  }

  /**
   * Streams the assistant's response. Called for a new thread or message (with that message), for a
   * retry (with the stored user message), and after a client tool output or structured input (with
   * null). Yield stream events; `thread.item.done` items are stored for you. Change `thread` (its
   * title, status, metadata...) and the server saves it and sends `thread.updated`. Throw
   * {@link CustomStreamError} or {@link StreamError} to show an error.
   */
  abstract respond(
    thread: ThreadMetadata,
    inputUserMessage: UserMessageItem | null,
    context: TContext,
    options: ResponseOptions,
  ): ResponseStream;

  /**
   * Handles a widget action sent with `threads.custom_action`, streaming events like `respond`.
   * `sender` is the widget item that sent it, or null. The default throws, which the client sees as
   * an error event.
   */
  async *action(
    _thread: ThreadMetadata,
    _action: Action,
    _sender: WidgetItem | null,
    _context: TContext,
    _options: ResponseOptions,
  ): ResponseStream {
    throw new NotSupportedError('action() must be overridden to handle threads.custom_action requests.');
  }

  /**
   * Handles a widget action whose config says `streaming: false` (`threads.sync_custom_action`). It
   * may run while a response streams. Return `{ updated_item }` to replace the widget in the UI (the
   * server does not store it: save it yourself), or `{}`.
   */
  async syncAction(
    _thread: ThreadMetadata,
    _action: Action,
    _sender: WidgetItem | null,
    _context: TContext,
  ): Promise<SyncCustomActionResponse> {
    throw new NotSupportedError('syncAction() must be overridden to handle threads.sync_custom_action requests.');
  }

  /** Records thumbs up or down on items. The default does nothing. */
  async addFeedback(
    _threadId: string,
    _itemIds: string[],
    _feedback: FeedbackKind,
    _context: TContext,
  ): Promise<void> {}

  /** Turns dictated audio into text (`input.transcribe`). The default throws {@link NotSupportedError}. */
  async transcribe(_audio: AudioInput, _context: TContext): Promise<TranscriptionResult> {
    throw new NotSupportedError('transcribe() must be overridden to support the input.transcribe request.');
  }

  /** Options for each response; by default the stop button is shown (`allow_cancel: true`). */
  getStreamOptions(_thread: ThreadMetadata, _context: TContext): StreamOptions {
    return { allow_cancel: true };
  }

  /**
   * Runs when the client goes away mid-response. The default stores every pending assistant message
   * that has text, then a hidden note telling the model the user cancelled. Nothing reaches the
   * client from here; it sees the stored items on its next load.
   */
  async handleStreamCancelled(thread: ThreadMetadata, pendingItems: ThreadItem[], context: TContext): Promise<void> {
    for (const item of pendingItems) {
      if (item.type === 'assistant_message' && item.content.some((part) => part.text.trim() !== '')) {
        await this.store.addThreadItem(thread.id, item, context);
      }
    }
    await this.store.addThreadItem(
      thread.id,
      {
        id: this.store.generateItemId('sdk_hidden_context', thread, context),
        thread_id: thread.id,
        created_at: now(),
        type: 'sdk_hidden_context',
        content: CANCELLED_STREAM_NOTE,
      },
      context,
    );
  }

  /**
   * Reports an error that became an `error` event (or a logged warning). The default writes it to
   * the console; override it to send errors to your own logging.
   */
  reportError(error: unknown, _context: TContext): void {
    console.error('chatkit-local: error while streaming a response:', error);
  }

  /**
   * Handles one request. Streaming request types give a {@link StreamingResult} (SSE frames; nothing
   * runs until it is read), the others a {@link NonStreamingResult} (JSON).
   * @throws {ChatKitRequestError} for a malformed or invalid request (before anything is stored).
   * @throws {NotFoundError} / {@link NotSupportedError} from non-streaming requests.
   */
  async process(
    request: RequestBody,
    context: TContext,
    options: { signal?: AbortSignal | undefined } = {},
  ): Promise<StreamingResult | NonStreamingResult> {
    const parsed = parseRequest(request);
    if (isStreamingRequest(parsed)) {
      // The client going away (the signal) ends the stream at once, even while nobody is reading it.
      return new StreamingResult(
        (signal) =>
          holdingThread(this.store, threadIdOf(parsed), context, signal, this.streamFor(parsed, context, signal)),
        options.signal,
      );
    }
    return new NonStreamingResult(await this.handleNonStreaming(parsed, context));
  }

  /**
   * The request's own events (thread created, user message...), ending by returning the response
   * pipeline that streams the responder, if the request has one.
   */
  private async *streamFor(request: StreamingReq, context: TContext, signal: AbortSignal): ResponsePreamble {
    const pipeline = (thread: ThreadMetadata, source: () => AsyncIterable<ResponseEvent>) =>
      new ResponsePipeline(this.pipelineHost, thread, context, signal, source);
    const options: ResponseOptions = { signal };

    switch (request.type) {
      case 'threads.create': {
        const thread: ThreadMetadata = {
          id: this.store.generateThreadId(context),
          created_at: now(),
          status: { type: 'active' },
          metadata: {},
        };
        // Attachments are checked before anything is written, so a bad id leaves no empty thread;
        // and the message is stored before the first event goes out, so a client (or worker) that
        // goes away early never leaves a thread without its first message.
        const message = await this.buildUserMessage(request.params.input, thread, context);
        await this.saveNewThread(thread, message, context);
        yield { type: 'thread.created', thread: toThreadResponse(thread) };
        yield { type: 'thread.item.done', item: message };
        if (signal.aborted) return;
        return pipeline(thread, () => this.respond(thread, message, context, options));
      }
      case 'threads.add_user_message': {
        const thread = await this.store.loadThread(request.params.thread_id, context);
        const message = await this.buildUserMessage(request.params.input, thread, context);
        await this.saveUserMessage(thread, message, context);
        yield { type: 'thread.item.done', item: message };
        if (signal.aborted) return;
        return pipeline(thread, () => this.respond(thread, message, context, options));
      }
      case 'threads.add_client_tool_output': {
        const thread = await this.store.loadThread(request.params.thread_id, context);
        await this.completeClientToolCall(thread, request.params.result, context);
        return pipeline(thread, () => this.respond(thread, null, context, options));
      }
      case 'threads.add_structured_input': {
        const thread = await this.store.loadThread(request.params.thread_id, context);
        const item = await this.store.loadItem(thread.id, request.params.item_id, context);
        if (item.type !== 'structured_input') {
          throw new ChatKitRequestError(
            `Item ${request.params.item_id} is not a StructuredInputItem (it is ${item.type}).`,
            { field: 'params.item_id' },
          );
        }
        const { item: answered, unknownQuestionIds } = applyStructuredInput(item, request.params.input);
        if (unknownQuestionIds.length > 0) {
          this.reportError(
            new Error(
              `Structured input item ${item.id} received unknown question id(s), ignoring: ${unknownQuestionIds.join(', ')}`,
            ),
            context,
          );
        }
        const respond = this.respond.bind(this);
        return pipeline(thread, async function* () {
          yield { type: 'thread.item.replaced', item: answered };
          yield* respond(thread, null, context, options);
        });
      }
      case 'threads.retry_after_item': {
        const thread = await this.store.loadThread(request.params.thread_id, context);
        const found = await this.itemsNewerThan(thread.id, request.params.item_id, context);
        // An unknown item id gives an empty stream, as in the Python SDK.
        if (!found) return;
        for (const newer of found.newer) await this.store.deleteThreadItem(thread.id, newer.id, context);
        const message = found.item as UserMessageItem;
        return pipeline(thread, () => this.respond(thread, message, context, options));
      }
      case 'threads.custom_action': {
        const thread = await this.store.loadThread(request.params.thread_id, context);
        const sender = request.params.item_id
          ? await this.store.loadItem(thread.id, request.params.item_id, context)
          : null;
        if (sender && sender.type !== 'widget') {
          yield { type: 'error', code: 'stream.error', allow_retry: false };
          return;
        }
        return pipeline(thread, () => this.action(thread, request.params.action, sender, context, options));
      }
    }
    // Every case returns: a request type without one fails to compile here.
    assertNever(request, 'streaming request type');
  }

  private async handleNonStreaming(request: NonStreamingReq, context: TContext): Promise<string> {
    const { store } = this;
    switch (request.type) {
      case 'threads.get_by_id': {
        const thread = await store.loadThread(request.params.thread_id, context);
        const items = await store.loadThreadItems(
          thread.id,
          { after: null, limit: DEFAULT_PAGE_SIZE, order: 'asc' },
          context,
        );
        return toWireJson(ThreadSchema, toThreadResponse({ ...thread, items }));
      }
      case 'threads.list': {
        const { limit, after, order } = request.params;
        const page = await store.loadThreads({ limit: limit || DEFAULT_PAGE_SIZE, after, order }, context);
        return toWireJson(ThreadPage, { ...page, data: page.data.map(toThreadResponse) });
      }
      case 'threads.update': {
        const thread = await store.loadThread(request.params.thread_id, context);
        thread.title = request.params.title;
        await store.saveThread(thread, context);
        return toWireJson(ThreadSchema, toThreadResponse(thread));
      }
      case 'threads.delete':
        await store.deleteThread(request.params.thread_id, context);
        return '{}';
      case 'threads.sync_custom_action': {
        const { thread_id, item_id, action } = request.params;
        const thread = await store.loadThread(thread_id, context);
        const sender = item_id ? await store.loadItem(thread.id, item_id, context) : null;
        if (sender && sender.type !== 'widget') {
          throw new ChatKitRequestError(
            `threads.sync_custom_action requires a widget sender item (item ${item_id} is ${sender.type}).`,
            { field: 'params.item_id' },
          );
        }
        const result = await this.syncAction(thread, action, sender, context);
        return toWireJson(SyncCustomActionResponseSchema, SyncCustomActionResponseSchema.parse(result ?? {}));
      }
      case 'items.list': {
        const { thread_id, limit, after, order } = request.params;
        const page = await store.loadThreadItems(
          thread_id,
          { limit: limit || DEFAULT_PAGE_SIZE, after, order },
          context,
        );
        return toWireJson(ItemPage, { ...page, data: page.data.filter(isVisibleItem) });
      }
      case 'items.feedback': {
        // The thread must be visible to this context, so feedback never lands on another user's thread.
        const thread = await store.loadThread(request.params.thread_id, context);
        await this.addFeedback(thread.id, request.params.item_ids, request.params.kind, context);
        return '{}';
      }
      case 'attachments.create': {
        const attachmentStore = this.requireAttachmentStore();
        checkAttachment(this.attachmentPolicy, request.params.size, request.params.mime_type);
        const params = { ...request.params, name: sanitizeFileName(request.params.name) };
        const attachment = await attachmentStore.createAttachment(params, context);
        await store.saveAttachment(attachment, context);
        return toWireJson(AttachmentSchema, attachment);
      }
      case 'attachments.delete': {
        const { attachment_id } = request.params;
        const attachmentStore = this.requireAttachmentStore();
        // The record must be visible to this context before any bytes are touched: a byte store
        // need not know about users, the record store does.
        await store.loadAttachment(attachment_id, context);
        await attachmentStore.deleteAttachment(attachment_id, context);
        await store.deleteAttachment(attachment_id, context);
        return '{}';
      }
      case 'input.transcribe': {
        const { audio_base64, mime_type } = request.params;
        const audio: AudioInput = {
          data: decodeBase64(audio_base64),
          mime_type,
          media_type: mime_type.split(';')[0]!.trim(),
        };
        const result = await this.transcribe(audio, context);
        return JSON.stringify({ text: result.text });
      }
    }
    return assertNever(request, 'request type');
  }

  /** The pipeline's view of this server (bound hooks, so subclass overrides apply). */
  private get pipelineHost(): PipelineHost<TContext> {
    return {
      store: this.store,
      getStreamOptions: (thread, context) => this.getStreamOptions(thread, context),
      handleStreamCancelled: (thread, items, context) => this.handleStreamCancelled(thread, items, context),
      reportError: (error, context) => this.reportError(error, context),
    };
  }

  private requireAttachmentStore(): AttachmentStore<TContext> {
    if (!this.attachmentStore) {
      throw new NotSupportedError(
        'AttachmentStore is not configured. Provide an AttachmentStore to ChatKitServer to handle file operations.',
      );
    }
    return this.attachmentStore;
  }

  /**
   * The stored user message for new input: its attachments are loaded (each must exist) and tied to
   * the thread. Nothing is written yet.
   */
  private async buildUserMessage(
    input: UserMessageInput,
    thread: ThreadMetadata,
    context: TContext,
  ): Promise<UserMessageItem> {
    const attachments = [];
    for (const attachmentId of input.attachments) {
      const attachment = await this.store.loadAttachment(attachmentId, context);
      attachments.push({ ...attachment, thread_id: thread.id });
    }
    return {
      id: this.store.generateItemId('message', thread, context),
      thread_id: thread.id,
      created_at: now(),
      type: 'user_message',
      content: input.content,
      attachments,
      quoted_text: input.quoted_text,
      inference_options: input.inference_options,
    };
  }

  /**
   * Stores a new thread with its first message, never one without the other: in one call when the
   * store has `saveThreadWithItem`, else by saving the thread, then the message, deleting the thread
   * again if the message fails.
   */
  private async saveNewThread(thread: ThreadMetadata, message: UserMessageItem, context: TContext): Promise<void> {
    const { store } = this;
    if (store.saveThreadWithItem) {
      // The attachments first: if the thread then fails, they stay usable for the client's retry.
      for (const attachment of message.attachments) await store.saveAttachment(attachment, context);
      await store.saveThreadWithItem(thread, message, context);
      return;
    }
    await store.saveThread(thread, context);
    try {
      await this.saveUserMessage(thread, message, context);
    } catch (error) {
      // Leave no thread without its first message; the original error is what the client hears.
      await store.deleteThread(thread.id, context).catch(() => undefined);
      throw error;
    }
  }

  /** Saves the message's attachments (now tied to the thread), then the message. */
  private async saveUserMessage(thread: ThreadMetadata, message: UserMessageItem, context: TContext): Promise<void> {
    for (const attachment of message.attachments) await this.store.saveAttachment(attachment, context);
    await this.store.addThreadItem(thread.id, message, context);
  }

  /**
   * Completes the thread's newest item, which must be a pending client tool call, with `result`; then
   * deletes any other pending client tool call among the 20 newest items (an unanswered call left
   * behind would otherwise dangle forever).
   */
  private async completeClientToolCall(thread: ThreadMetadata, result: unknown, context: TContext): Promise<void> {
    const newest = await this.store.loadThreadItems(thread.id, { after: null, limit: 1, order: 'desc' }, context);
    const call = newest.data[0];
    if (!call || call.type !== 'client_tool_call' || call.status !== 'pending') {
      throw new ChatKitRequestError(`Last thread item in ${thread.id} was not a ClientToolCallItem awaiting output.`, {
        status: 409,
        field: 'params.thread_id',
      });
    }
    await this.store.saveItem(thread.id, { ...call, output: result, status: 'completed' }, context);
    const recent = await this.store.loadThreadItems(
      thread.id,
      { after: null, limit: DEFAULT_PAGE_SIZE, order: 'desc' },
      context,
    );
    for (const item of recent.data) {
      if (item.type === 'client_tool_call' && item.status === 'pending') {
        this.reportError(new Error(`Client tool call ${item.call_id} was not completed, ignoring`), context);
        await this.store.deleteThreadItem(thread.id, item.id, context);
      }
    }
  }

  /**
   * Finds `itemId` walking the thread newest first, with every newer item.
   * @returns null when the thread has no such item.
   * @throws {ChatKitRequestError} when the item is not a user message (nothing is deleted).
   */
  private async itemsNewerThan(
    threadId: string,
    itemId: string,
    context: TContext,
  ): Promise<{ item: ThreadItem; newer: ThreadItem[] } | null> {
    const newer: ThreadItem[] = [];
    let after: string | null | undefined = null;
    for (;;) {
      const page = await this.store.loadThreadItems(
        threadId,
        { after, limit: DEFAULT_PAGE_SIZE, order: 'desc' },
        context,
      );
      for (const item of page.data) {
        if (item.id !== itemId) {
          newer.push(item);
          continue;
        }
        if (item.type !== 'user_message') {
          throw new ChatKitRequestError(
            `Item ${itemId} is not a user message (it is ${item.type}); retry after a user message.`,
            { field: 'params.item_id' },
          );
        }
        return { item, newer };
      }
      if (!page.has_more || !page.after) return null;
      after = page.after;
    }
  }
}

/** Decodes standard base64 (already validated by the request schema). */
function decodeBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The thread a streaming request works on, or null for one that creates its thread. */
function threadIdOf(request: StreamingReq): string | null {
  return 'thread_id' in request.params ? request.params.thread_id : null;
}

/**
 * `ChatKitClient`: a typed client of the ChatKit protocol, for apps with their own UI and for tests.
 * It speaks to any ChatKit server: the local worker (through `createChatKitFetch`) or a remote one.
 * It imports only types from the protocol, so it adds no schema code to the page.
 */
import type { ChatKitReqInput } from '../protocol/requests.ts';
import type { Action } from '../protocol/requests.ts';
import type { Attachment } from '../protocol/attachments.ts';
import type { ThreadStreamEvent } from '../protocol/events.ts';
import type { FeedbackKind, StructuredInputSubmission, UserMessageInput } from '../protocol/input.ts';
import type { ThreadItem, WidgetItem } from '../protocol/items.ts';
import type { Thread } from '../protocol/thread.ts';
import type { Page } from '../protocol/common.ts';
import type { ChatKitChange } from '../protocol/changes.ts';
import { ChatKitClientError } from './errors.ts';
import { eventBatches } from './sse.ts';

/** A user message: plain text, or the full input (`attachments` and `inference_options` may be left out). */
export type MessageInput =
  | string
  | (Omit<UserMessageInput, 'attachments' | 'inference_options' | 'content'> & {
      content: UserMessageInput['content'] | string;
      attachments?: string[] | undefined;
      inference_options?: UserMessageInput['inference_options'] | undefined;
    });

/** Options of a streaming call. */
export interface StreamCallOptions {
  /** Aborting stops the stream; the server stores the partial reply. */
  signal?: AbortSignal | undefined;
}

/** Paging options of the listing calls. */
export interface ListOptions {
  limit?: number | undefined;
  order?: 'asc' | 'desc' | undefined;
  after?: string | null | undefined;
}

/** How {@link ChatKitClient.uploadAttachment} sends bytes: ChatKit's two upload strategies. */
export type UploadStrategy = { type: 'two_phase' } | { type: 'direct'; uploadUrl: string };

/** Options of {@link ChatKitClient}. */
export interface ChatKitClientOptions {
  /** The endpoint (default `/chatkit`). */
  url?: string | undefined;
  /** The `fetch` to use, such as the one from `createChatKitFetch` (default `globalThis.fetch`). */
  fetch?: typeof fetch | undefined;
  /** Extra headers for every request (auth, say). */
  headers?: Record<string, string> | undefined;
}

/** Options of {@link ChatKitClient.watch}. */
export interface WatchOptions {
  /** Aborting ends the watch: the iteration ends and the server forgets the watcher. */
  signal?: AbortSignal | undefined;
}

/**
 * The changes {@link ChatKitClient.watch} delivers: iterate it once with `for await`. Leaving the loop
 * (or aborting the signal) ends the watch.
 */
export interface ChatKitChangeStream extends AsyncIterable<ChatKitChange> {
  /**
   * Resolves once the server is watching: every change made after that is delivered. Rejects when
   * the watch could not start (the server answered an error, or the signal aborted first).
   */
  readonly ready: Promise<void>;
}

/** The result of `threads.sync_custom_action`. */
export interface SyncActionResult {
  updated_item?: WidgetItem;
}

/** A typed ChatKit protocol client: one method per request type. */
export class ChatKitClient {
  private readonly url: string;
  private readonly fetch: typeof fetch;
  private readonly headers: Record<string, string>;

  constructor(options: ChatKitClientOptions = {}) {
    this.url = options.url ?? '/chatkit';
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.headers = options.headers ?? {};
  }

  /** `threads.create`: starts a thread with a first message and streams the response. */
  createThread(input: MessageInput, options?: StreamCallOptions): AsyncGenerator<ThreadStreamEvent> {
    return this.stream({ type: 'threads.create', params: { input: toUserInput(input) } }, options);
  }

  /** `threads.add_user_message`: sends a message and streams the response. */
  addUserMessage(
    threadId: string,
    input: MessageInput,
    options?: StreamCallOptions,
  ): AsyncGenerator<ThreadStreamEvent> {
    return this.stream(
      { type: 'threads.add_user_message', params: { thread_id: threadId, input: toUserInput(input) } },
      options,
    );
  }

  /** `threads.add_client_tool_output`: answers the pending client tool call and streams the response. */
  addClientToolOutput(
    threadId: string,
    result: unknown,
    options?: StreamCallOptions,
  ): AsyncGenerator<ThreadStreamEvent> {
    return this.stream(
      { type: 'threads.add_client_tool_output', params: { thread_id: threadId, result: result ?? null } },
      options,
    );
  }

  /** `threads.add_structured_input`: answers a structured-input item and streams the response. */
  addStructuredInput(
    threadId: string,
    itemId: string,
    input: Partial<StructuredInputSubmission>,
    options?: StreamCallOptions,
  ): AsyncGenerator<ThreadStreamEvent> {
    return this.stream(
      { type: 'threads.add_structured_input', params: { thread_id: threadId, item_id: itemId, input } },
      options,
    );
  }

  /** `threads.retry_after_item`: discards everything after a user message and streams a new response. */
  retryAfterItem(threadId: string, itemId: string, options?: StreamCallOptions): AsyncGenerator<ThreadStreamEvent> {
    return this.stream({ type: 'threads.retry_after_item', params: { thread_id: threadId, item_id: itemId } }, options);
  }

  /** `threads.custom_action`: sends a widget action (from the widget item `itemId`, if any) and streams the response. */
  customAction(
    threadId: string,
    action: Action | { type: string; payload?: unknown },
    itemId?: string | null,
    options?: StreamCallOptions,
  ): AsyncGenerator<ThreadStreamEvent> {
    return this.stream(
      { type: 'threads.custom_action', params: { thread_id: threadId, item_id: itemId ?? null, action } },
      options,
    );
  }

  /** `threads.sync_custom_action`: sends a non-streaming widget action; may return a widget to show instead. */
  syncCustomAction(
    threadId: string,
    action: Action | { type: string; payload?: unknown },
    itemId?: string | null,
  ): Promise<SyncActionResult> {
    return this.json({
      type: 'threads.sync_custom_action',
      params: { thread_id: threadId, item_id: itemId ?? null, action },
    });
  }

  /** `threads.get_by_id`: a thread with its oldest 20 items. */
  getThread(threadId: string): Promise<Thread> {
    return this.json({ type: 'threads.get_by_id', params: { thread_id: threadId } });
  }

  /** `threads.list`: a page of threads (newest first by default). */
  listThreads(options: ListOptions = {}): Promise<Page<Thread>> {
    return this.json({ type: 'threads.list', params: { ...options } });
  }

  /** `threads.update`: renames a thread. */
  updateThread(threadId: string, title: string): Promise<Thread> {
    return this.json({ type: 'threads.update', params: { thread_id: threadId, title } });
  }

  /** `threads.delete`: deletes a thread and its items. */
  async deleteThread(threadId: string): Promise<void> {
    await this.json({ type: 'threads.delete', params: { thread_id: threadId } });
  }

  /** `items.list`: a page of a thread's items (newest first by default). */
  listItems(threadId: string, options: ListOptions = {}): Promise<Page<ThreadItem>> {
    return this.json({ type: 'items.list', params: { thread_id: threadId, ...options } });
  }

  /** `items.feedback`: thumbs up or down on items. */
  async sendFeedback(threadId: string, itemIds: string[], kind: FeedbackKind): Promise<void> {
    await this.json({ type: 'items.feedback', params: { thread_id: threadId, item_ids: itemIds, kind } });
  }

  /** `attachments.create`: registers a file before a two-phase upload. */
  createAttachment(params: { name: string; size: number; mime_type: string }): Promise<Attachment> {
    return this.json({ type: 'attachments.create', params });
  }

  /** `attachments.delete`: deletes an attachment and its bytes. */
  async deleteAttachment(attachmentId: string): Promise<void> {
    await this.json({ type: 'attachments.delete', params: { attachment_id: attachmentId } });
  }

  /** `input.transcribe`: turns recorded audio into text. */
  async transcribe(audio: Blob | Uint8Array, mimeType: string): Promise<{ text: string }> {
    const bytes = audio instanceof Blob ? new Uint8Array(await audio.arrayBuffer()) : audio;
    return this.json({ type: 'input.transcribe', params: { audio_base64: toBase64(bytes), mime_type: mimeType } });
  }

  /**
   * Uploads a file with either ChatKit strategy and returns its attachment (send its `id` in a
   * message's `attachments`). Two-phase: `attachments.create`, then the bytes to the returned
   * `upload_descriptor` (multipart `file` field for POST, raw body for PUT). Direct: one multipart POST
   * to `uploadUrl`.
   */
  async uploadAttachment(
    file: Blob & { name?: string },
    strategy: UploadStrategy = { type: 'two_phase' },
  ): Promise<Attachment> {
    const name = file.name ?? 'file';
    if (strategy.type === 'direct')
      return this.send(strategy.uploadUrl, { method: 'POST', body: formWith(file, name) });
    const created = await this.createAttachment({
      name,
      size: file.size,
      mime_type: file.type || 'application/octet-stream',
    });
    const descriptor = created.upload_descriptor;
    if (!descriptor) return created;
    const body = descriptor.method === 'POST' ? formWith(file, name) : file;
    return this.send(descriptor.url, { method: descriptor.method, headers: descriptor.headers, body });
  }

  /**
   * Watches what changes in the caller's scope (`GET {url}/changes`): a thread created, updated or
   * deleted, or a thread's items changed, by this tab, another tab or another server process
   * sharing the store. The watch starts at once; see {@link ChatKitChangeStream.ready}. It ends when
   * `signal` aborts, when the loop is left, or with an error when the connection fails (the worker
   * died, the network went away): then watch again, and reload what is shown.
   *
   * @example
   * ```ts
   * import { ChatKitClient } from 'chatkit-local/client';
   *
   * const client = new ChatKitClient();
   * const stop = new AbortController();
   * for await (const change of client.watch({ signal: stop.signal })) {
   *   if (change.type === 'thread.items.changed') console.log('new items in', change.thread_id);
   * }
   * ```
   */
  watch(options: WatchOptions = {}): ChatKitChangeStream {
    const signal = options.signal ?? null;
    const url = `${this.url.replace(/\/+$/, '')}/changes`;
    const opened = (async () => {
      const response = await this.fetch(url, {
        method: 'GET',
        headers: { ...this.headers, accept: 'text/event-stream' },
        signal,
      });
      if (!response.ok) throw await errorFrom(response);
      if (!response.body)
        throw new ChatKitClientError('The changes route answered without a body.', { status: response.status });
      return response.body;
    })();
    const ready = opened.then(() => undefined);
    // Whoever iterates sees a failure; an unread `ready` must not report it a second time.
    ready.catch(() => undefined);
    let started = false;
    return {
      ready,
      [Symbol.asyncIterator]: (): AsyncIterator<ChatKitChange> => {
        if (started) throw new TypeError('A change stream can be iterated only once; call watch() again.');
        started = true;
        const changes = changesOf(opened, options.signal);
        return {
          next: () => changes.next(),
          return: (value?: unknown) => {
            // A generator that never started would not run its cleanup: end the body here too
            // (a body already being read is locked, and the generator's own cleanup ends it).
            void opened.then((body) => body.cancel().catch(() => undefined)).catch(() => undefined);
            return changes.return(value);
          },
        };
      },
    };
  }

  /** Sends any request and parses its JSON answer. */
  async json<T>(request: ChatKitReqInput): Promise<T> {
    return this.send(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  /** Sends any streaming request and yields its events. Breaking out of the loop stops the stream. */
  async *stream(request: ChatKitReqInput, options: StreamCallOptions = {}): AsyncGenerator<ThreadStreamEvent> {
    const response = await this.fetch(this.url, {
      method: 'POST',
      headers: { ...this.headers, 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: options.signal ?? null,
    });
    if (!response.ok) throw await errorFrom(response);
    if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream') || !response.body) {
      await response.body?.cancel();
      throw new ChatKitClientError(
        `Expected an event stream for ${request.type}, got ${response.headers.get('content-type') ?? 'no content type'}.`,
        { status: response.status },
      );
    }
    for await (const events of eventBatches(response.body, options.signal)) {
      for (const message of events) yield JSON.parse(message.data) as ThreadStreamEvent;
    }
  }

  private async send<T>(url: string, init: RequestInit & { headers?: Record<string, string> }): Promise<T> {
    const response = await this.fetch(url, { ...init, headers: { ...this.headers, ...init.headers } });
    if (!response.ok) throw await errorFrom(response);
    const text = await response.text();
    return (text ? JSON.parse(text) : {}) as T;
  }
}

/** The changes in an event stream; the stream ends quietly when `signal` aborts. */
async function* changesOf(
  opened: Promise<ReadableStream<Uint8Array>>,
  signal: AbortSignal | undefined,
): AsyncGenerator<ChatKitChange> {
  let body: ReadableStream<Uint8Array>;
  try {
    body = await opened;
  } catch (error) {
    if (signal?.aborted) return;
    throw error;
  }
  try {
    for await (const events of eventBatches(body, signal)) {
      for (const message of events) yield JSON.parse(message.data) as ChatKitChange;
    }
  } catch (error) {
    if (signal?.aborted) return;
    throw error;
  }
}

/** A {@link ChatKitClientError} from a failed response's `{ error, message }` body. */
async function errorFrom(response: Response): Promise<ChatKitClientError> {
  const text = await response.text().catch(() => '');
  let body: { error?: unknown; message?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Not JSON: fall back to the status text.
  }
  const message =
    typeof body.message === 'string' ? body.message : text || response.statusText || `HTTP ${response.status}`;
  return new ChatKitClientError(message, {
    status: response.status,
    ...(typeof body.error === 'string' ? { code: body.error } : {}),
  });
}

function toUserInput(input: MessageInput): UserMessageInput {
  if (typeof input === 'string')
    return { content: [{ type: 'input_text', text: input }], attachments: [], inference_options: {} };
  return {
    ...input,
    content: typeof input.content === 'string' ? [{ type: 'input_text', text: input.content }] : input.content,
    attachments: input.attachments ?? [],
    inference_options: input.inference_options ?? {},
  };
}

function formWith(file: Blob, name: string): FormData {
  const form = new FormData();
  form.append('file', file, name);
  return form;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

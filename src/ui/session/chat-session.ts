/**
 * The chat as the UI sees it, without any DOM: the thread list, the open thread and its items, the
 * response in flight, and every protocol call a ChatKit UI makes, through {@link ChatKitClient}.
 * The view renders what this reports.
 */
import type { ChatKitClient, UploadStrategy } from '../../client/client.ts';
import { ChatKitClientError } from '../../client/errors.ts';
import type {
  Attachment,
  FeedbackKind,
  NoticeEvent,
  StructuredInputSubmission,
  Thread,
  ThreadItem,
  ThreadStreamEvent,
  UserMessageContent,
  WidgetItem,
} from '../wire.ts';
import { sameJson } from '../../protocol/same-json.ts';
import { ThreadItems } from './thread-items.ts';

/** A thread without its items, as the history list shows it. */
export type ThreadSummary = Omit<Thread, 'items'>;

/** Answers a client tool call: its output, sent back to the server. */
export type ClientToolHandler = (call: {
  name: string;
  params: Record<string, unknown>;
}) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** Handles a widget action whose `handler` is `"client"`. */
export type ClientActionHandler = (
  action: { type: string; payload?: Record<string, unknown> },
  item: { id: string; widget: WidgetItem['widget'] },
) => void | Promise<void>;

/** What the session tells its view. Every method is optional. */
export interface SessionListener {
  /** The thread list changed. */
  threadsChanged?(): void;
  /** Another thread (or the new-thread view) was opened: render every item again. */
  threadOpened?(): void;
  /** The open thread's metadata (title, status, id) changed. */
  threadChanged?(): void;
  /** A thread starts or ends loading (opened from the history, or at start). */
  threadLoad?(threadId: string, phase: 'start' | 'end'): void;
  /** One item was added or changed. */
  itemChanged?(item: ThreadItem): void;
  /** One item was removed. */
  itemRemoved?(id: string): void;
  /** A response started or ended, or its stop option changed. */
  busyChanged?(): void;
  /** A response started (`start`) or ended (`end`). */
  response?(phase: 'start' | 'end'): void;
  /** The transient status line; null clears it. */
  progress?(update: { text: string; icon?: string | null } | null): void;
  /** A notice from the server. */
  notice?(notice: NoticeEvent): void;
  /** An error to show; `retry` is set when retrying may help. */
  error?(error: { message: string; retry: boolean; cause?: unknown }): void;
  /** A `client_effect` event. */
  effect?(name: string, data: Record<string, unknown>): void;
  /** A diagnostic (an update that could not be applied, say). */
  log?(name: string, data: Record<string, unknown>): void;
}

/** Options of {@link ChatSession}. */
export interface ChatSessionOptions {
  /** Answers client tool calls. */
  onClientTool?: ClientToolHandler | undefined;
  /** Widget actions with `handler: "client"`. */
  onClientAction?: ClientActionHandler | undefined;
  /** How attachments are uploaded (default two-phase). */
  uploadStrategy?: UploadStrategy | undefined;
  /** Texts for errors the server sends as codes. */
  errorText?: { generic: string; stream: string } | undefined;
}

/** A user message as the composer (or `sendUserMessage`) hands it over. */
export interface OutgoingMessage {
  content: UserMessageContent[];
  attachments: Attachment[];
  /** The text being replied to (`quoted_text`). */
  quotedText?: string | null | undefined;
  /** The composer tool picked for this message. */
  toolChoice?: { id: string } | null | undefined;
  /** The model picked for this message. */
  model?: string | null | undefined;
  /** Start a new thread even if one is open. */
  newThread?: boolean | undefined;
}

const PAGE_SIZE = 30;

interface ActiveStream {
  controller: AbortController;
  allowCancel: boolean;
  /** The user stopped it (as opposed to a thread switch). */
  stoppedByUser: boolean;
}

/** The state and protocol logic of one chat UI. */
export class ChatSession {
  readonly items = new ThreadItems();
  threads: ThreadSummary[] = [];
  hasMoreThreads = false;
  /** The open thread, or null for the new-thread view. */
  thread: ThreadSummary | null = null;
  /** Items streaming right now (added, not done). */
  readonly pendingItems = new Set<string>();
  /** Feedback given in this session, by item id. */
  readonly feedback = new Map<string, FeedbackKind>();
  /** Items whose reply the user stopped in this session. */
  readonly stoppedItems = new Set<string>();

  private stream: ActiveStream | null = null;
  private threadsCursor: string | null = null;
  private generation = 0;

  constructor(
    readonly client: ChatKitClient,
    private readonly listener: SessionListener,
    private readonly options: ChatSessionOptions = {},
  ) {}

  /** Whether a response is streaming. */
  get busy(): boolean {
    return this.stream !== null;
  }

  /** Whether the streaming response may be stopped. */
  get canStop(): boolean {
    return this.stream?.allowCancel ?? false;
  }

  /** Loads the first page of threads, newest first. */
  async loadThreads(): Promise<void> {
    const page = await this.client.listThreads({ limit: PAGE_SIZE, order: 'desc' });
    this.threads = page.data.map(summaryOf);
    this.hasMoreThreads = page.has_more;
    this.threadsCursor = page.after ?? null;
    this.listener.threadsChanged?.();
  }

  /** Loads the next page of threads. */
  async loadMoreThreads(): Promise<void> {
    if (!this.hasMoreThreads) return;
    const page = await this.client.listThreads({ limit: PAGE_SIZE, order: 'desc', after: this.threadsCursor });
    const known = new Set(this.threads.map((thread) => thread.id));
    this.threads.push(...page.data.map(summaryOf).filter((thread) => !known.has(thread.id)));
    this.hasMoreThreads = page.has_more;
    this.threadsCursor = page.after ?? null;
    this.listener.threadsChanged?.();
  }

  /** Opens a thread with all its items. A response in flight is stopped first. */
  async openThread(threadId: string): Promise<void> {
    this.cancel();
    const generation = ++this.generation;
    this.listener.threadLoad?.(threadId, 'start');
    try {
      const [thread, items] = await Promise.all([this.client.getThread(threadId), this.loadItems(threadId)]);
      if (generation !== this.generation) return; // another thread was opened meanwhile
      this.thread = summaryOf(thread);
      this.items.reset(items);
      this.pendingItems.clear();
      this.listener.threadOpened?.();
      this.listener.threadChanged?.();
    } finally {
      this.listener.threadLoad?.(threadId, 'end');
    }
  }

  /**
   * Loads the thread list and the open thread again: something changed them on the server (another
   * tab, the app). With `threadId`, the open thread is reloaded only when it is that one. Skipped for
   * the open thread while a response streams here, since that stream keeps it current; a thread
   * deleted elsewhere gives way to a new one.
   */
  async refresh(threadId?: string): Promise<void> {
    await this.loadThreads();
    const open = this.thread?.id;
    if (!open || this.busy || (threadId !== undefined && threadId !== open)) return;
    const generation = this.generation;
    let thread: Thread;
    let items: ThreadItem[];
    try {
      [thread, items] = await Promise.all([this.client.getThread(open), this.loadItems(open)]);
    } catch (error) {
      if (!(error instanceof ChatKitClientError && error.status === 404)) throw error;
      if (generation === this.generation) this.newThread();
      return;
    }
    if (generation !== this.generation || this.busy) return;
    this.thread = summaryOf(thread);
    const known = new Set(this.items.list().map((item) => item.id));
    const now = new Set(items.map((item) => item.id));
    for (const id of known) if (!now.has(id) && this.items.remove(id)) this.listener.itemRemoved?.(id);
    for (const item of items) {
      // An item read back unchanged keeps its element, and with it the reader's text selection.
      const shown = this.items.get(item.id);
      if (shown && sameJson(shown, item)) continue;
      this.items.put(item);
      this.listener.itemChanged?.(item);
    }
    this.listener.threadChanged?.();
  }

  /** Shows the new-thread view; the next message creates a thread. */
  newThread(): void {
    this.cancel();
    this.generation += 1;
    this.thread = null;
    this.items.reset();
    this.pendingItems.clear();
    this.listener.threadOpened?.();
    this.listener.threadChanged?.();
  }

  /** Sends a user message (creating the thread if none is open) and streams the response. */
  async send(message: OutgoingMessage): Promise<void> {
    if (message.newThread && this.thread) this.newThread();
    const input = {
      content: message.content,
      attachments: message.attachments.map((attachment) => attachment.id),
      ...(message.quotedText ? { quoted_text: message.quotedText } : {}),
      inference_options: {
        ...(message.toolChoice ? { tool_choice: message.toolChoice } : {}),
        ...(message.model ? { model: message.model } : {}),
      },
    };
    const threadId = this.thread?.id;
    await this.run((signal) =>
      threadId ? this.client.addUserMessage(threadId, input, { signal }) : this.client.createThread(input, { signal }),
    );
  }

  /** Stops the response in flight at the user's request (the server keeps what was streamed so far). */
  stop(): void {
    if (!this.stream) return;
    this.stream.stoppedByUser = true;
    this.stream.controller.abort();
  }

  /**
   * Regenerates the response to the user message at or before `itemId` (the last user message when
   * null): the items after it are discarded, here and on the server.
   */
  async retry(itemId: string | null): Promise<void> {
    const threadId = this.thread?.id;
    const message = this.items.userMessageBefore(itemId);
    if (!threadId || !message || this.busy) return;
    for (const removed of this.items.removeAfter(message.id)) {
      this.stoppedItems.delete(removed);
      this.listener.itemRemoved?.(removed);
    }
    await this.run((signal) => this.client.retryAfterItem(threadId, message.id, { signal }));
  }

  /** Thumbs up or down on items (the assistant messages of one turn). */
  async sendFeedback(itemIds: string[], kind: FeedbackKind): Promise<void> {
    if (!this.thread || itemIds.length === 0) return;
    await this.client.sendFeedback(this.thread.id, itemIds, kind);
    for (const id of itemIds) {
      this.feedback.set(id, kind);
      const item = this.items.get(id);
      if (item) this.listener.itemChanged?.(item);
    }
  }

  /** Renames a thread. */
  async renameThread(threadId: string, title: string): Promise<void> {
    const thread = summaryOf(await this.client.updateThread(threadId, title));
    this.replaceThread(thread);
  }

  /** Deletes a thread; if it is open, the new-thread view opens. */
  async deleteThread(threadId: string): Promise<void> {
    if (this.thread?.id === threadId) this.newThread();
    await this.client.deleteThread(threadId);
    this.threads = this.threads.filter((thread) => thread.id !== threadId);
    this.listener.threadsChanged?.();
  }

  /**
   * Runs a widget action: `handler: "client"` on the page; `streaming: false` as
   * `threads.sync_custom_action` (the widget is replaced by the answer's `updated_item`); otherwise as
   * a streamed `threads.custom_action`.
   */
  async widgetAction(
    item: WidgetItem,
    config: { type: string; payload: unknown; handler: 'client' | 'server'; streaming: boolean },
  ): Promise<void> {
    const payload = isRecord(config.payload) ? config.payload : undefined;
    if (config.handler === 'client') {
      await this.options.onClientAction?.(
        { type: config.type, ...(payload ? { payload } : {}) },
        { id: item.id, widget: item.widget },
      );
      return;
    }
    const threadId = this.thread?.id;
    if (!threadId) return;
    const action = { type: config.type, payload: config.payload ?? null };
    if (!config.streaming) {
      try {
        const result = await this.client.syncCustomAction(threadId, action, item.id);
        if (result.updated_item && this.thread?.id === threadId) {
          this.items.put(result.updated_item);
          this.listener.itemChanged?.(result.updated_item);
        }
      } catch (error) {
        this.listener.error?.({ message: messageOf(error), retry: false, cause: error });
      }
      return;
    }
    await this.customAction(action, item.id);
  }

  /** Sends an app-defined action to the server (`threads.custom_action`) and streams the response. */
  async customAction(action: { type: string; payload?: unknown }, itemId: string | null): Promise<void> {
    const threadId = this.thread?.id;
    if (!threadId) throw new Error('A custom action needs an open thread.');
    const wire = { type: action.type, payload: action.payload ?? null };
    await this.run((signal) => this.client.customAction(threadId, wire, itemId, { signal }));
  }

  /** Answers (or skips) a structured-input item. */
  async answerStructuredInput(itemId: string, submission: Partial<StructuredInputSubmission>): Promise<void> {
    const threadId = this.thread?.id;
    if (!threadId) return;
    await this.run((signal) => this.client.addStructuredInput(threadId, itemId, submission, { signal }));
  }

  /** Uploads a file for the next message. */
  uploadAttachment(file: File): Promise<Attachment> {
    return this.client.uploadAttachment(file, this.options.uploadStrategy ?? { type: 'two_phase' });
  }

  /** Deletes an uploaded attachment that will not be sent. */
  async deleteAttachment(attachmentId: string): Promise<void> {
    await this.client.deleteAttachment(attachmentId);
  }

  /** Stops the stream without marking anything as stopped by the user (another thread opens). */
  private cancel(): void {
    this.stream?.controller.abort();
  }

  private async loadItems(threadId: string): Promise<ThreadItem[]> {
    const items: ThreadItem[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await this.client.listItems(threadId, { order: 'asc', limit: 100, after });
      items.push(...page.data);
      if (!page.has_more || !page.after) return items;
      after = page.after;
    }
  }

  /** Runs one streaming request, applying its events; then answers a pending client tool call. */
  private async run(start: (signal: AbortSignal) => AsyncIterable<ThreadStreamEvent>): Promise<void> {
    if (this.stream) return;
    const stream: ActiveStream = { controller: new AbortController(), allowCancel: false, stoppedByUser: false };
    const generation = this.generation;
    this.stream = stream;
    this.listener.busyChanged?.();
    this.listener.response?.('start');
    let completed = false;
    try {
      for await (const event of start(stream.controller.signal)) {
        if (generation !== this.generation) break;
        this.apply(event, stream);
      }
      completed = !stream.controller.signal.aborted;
    } catch (error) {
      if (!stream.controller.signal.aborted && generation === this.generation) {
        this.listener.error?.({ message: messageOf(error), retry: false, cause: error });
      }
    } finally {
      this.stream = null;
      this.listener.progress?.(null);
      for (const id of [...this.pendingItems]) {
        this.pendingItems.delete(id);
        const item = this.items.get(id);
        if (stream.stoppedByUser && item) this.stoppedItems.add(id);
        if (item && generation === this.generation) this.listener.itemChanged?.(item);
      }
      this.listener.busyChanged?.();
      this.listener.response?.('end');
    }
    if (completed && generation === this.generation) await this.answerClientToolCall();
  }

  private apply(event: ThreadStreamEvent, stream: ActiveStream): void {
    switch (event.type) {
      case 'thread.created':
        this.thread = summaryOf(event.thread);
        this.threads = [this.thread, ...this.threads.filter((thread) => thread.id !== event.thread.id)];
        this.listener.threadsChanged?.();
        this.listener.threadChanged?.();
        return;
      case 'thread.updated':
        this.replaceThread(summaryOf(event.thread));
        return;
      case 'thread.item.added':
        this.pendingItems.add(event.item.id);
        this.putItem(event.item);
        return;
      case 'thread.item.done':
      case 'thread.item.replaced':
        this.pendingItems.delete(event.item.id);
        this.putItem(event.item);
        return;
      case 'thread.item.updated': {
        try {
          const item = this.items.update(event.item_id, event.update);
          if (item) this.listener.itemChanged?.(item);
        } catch (error) {
          // An update that names no part of the item (a task index past the end): shown as it was.
          this.listener.log?.('item.update.ignored', {
            item_id: event.item_id,
            update: event.update.type,
            reason: messageOf(error),
          });
        }
        return;
      }
      case 'thread.item.removed':
        this.pendingItems.delete(event.item_id);
        if (this.items.remove(event.item_id)) this.listener.itemRemoved?.(event.item_id);
        return;
      case 'stream_options':
        stream.allowCancel = event.stream_options.allow_cancel;
        this.listener.busyChanged?.();
        return;
      case 'progress_update':
        this.listener.progress?.({ text: event.text, icon: event.icon ?? null });
        return;
      case 'client_effect':
        this.listener.effect?.(event.name, event.data);
        return;
      case 'notice':
        this.listener.notice?.(event);
        return;
      case 'error': {
        this.listener.progress?.(null);
        const text = this.options.errorText;
        const fallback = event.code === 'stream.error' ? text?.stream : text?.generic;
        this.listener.error?.({
          message: event.message ?? fallback ?? 'Something went wrong.',
          retry: event.allow_retry,
        });
        return;
      }
    }
  }

  private putItem(item: ThreadItem): void {
    this.listener.progress?.(null);
    this.items.put(item);
    this.listener.itemChanged?.(item);
  }

  private replaceThread(thread: ThreadSummary): void {
    this.threads = this.threads.map((known) => (known.id === thread.id ? thread : known));
    if (this.thread?.id === thread.id) {
      this.thread = thread;
      this.listener.threadChanged?.();
    }
    this.listener.threadsChanged?.();
  }

  /** If the newest item is a pending client tool call, runs the tool and sends its output. */
  private async answerClientToolCall(): Promise<void> {
    const last = this.items.list().at(-1);
    const threadId = this.thread?.id;
    if (!threadId || last?.type !== 'client_tool_call' || last.status !== 'pending') return;
    const handler = this.options.onClientTool;
    let output: unknown;
    try {
      output = handler
        ? await handler({ name: last.name, params: last.arguments })
        : { error: `This page has no client tool named "${last.name}".` };
    } catch (error) {
      output = { error: messageOf(error) };
    }
    // The server records the output without an event; show it at once.
    const completed = { ...last, status: 'completed' as const, output };
    this.items.put(completed);
    this.listener.itemChanged?.(completed);
    await this.run((signal) => this.client.addClientToolOutput(threadId, output, { signal }));
  }
}

function summaryOf(thread: Thread | ThreadSummary): ThreadSummary {
  const { items: _items, ...summary } = thread as Thread;
  return summary;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The message of an error, whatever was thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof ChatKitClientError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

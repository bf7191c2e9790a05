/**
 * The chat as the UI sees it, without any DOM: the thread list, the open thread and its items, the
 * response in flight, and every protocol call a ChatKit UI makes, through {@link ChatKitClient}.
 * The view renders what this reports; a different UI could reuse it as is.
 */
import { ChatKitClient, ChatKitClientError } from 'chatkit-local/client';
import type {
  ActionConfig,
  Attachment,
  FeedbackKind,
  NoticeEvent,
  StructuredInputSubmission,
  Thread,
  ThreadItem,
  ThreadStreamEvent,
  WidgetItem,
} from 'chatkit-local';
import { ThreadItems } from './thread-items.ts';

/** A thread without its items, as the history list shows it. */
export type ThreadSummary = Omit<Thread, 'items'>;

/** A client tool: receives the call's arguments, returns its output (sent back to the server). */
export type ClientTool = (args: Record<string, unknown>) => unknown;

/** Handles a widget action whose `handler` is `"client"`. */
export type ClientActionHandler = (
  action: { type: string; payload?: unknown },
  item: WidgetItem,
) => void | Promise<void>;

/** What the session tells its view. Every method is optional. */
export interface SessionListener {
  /** The thread list changed. */
  threadsChanged?(): void;
  /** Another thread (or the new-thread view) was opened: render every item again. */
  threadOpened?(): void;
  /** The open thread's metadata (title, status, id) changed. */
  threadChanged?(): void;
  /** One item was added or changed. */
  itemChanged?(item: ThreadItem): void;
  /** One item was removed. */
  itemRemoved?(id: string): void;
  /** A response started or ended, or its stop option changed. */
  busyChanged?(): void;
  /** The transient status line; null clears it. */
  progress?(update: { text: string; icon?: string | null } | null): void;
  /** A notice from the server. */
  notice?(notice: NoticeEvent): void;
  /** An error to show; `retry` is set when retrying may help. */
  error?(error: { message: string; retry: boolean }): void;
  /** A `client_effect` event. */
  effect?(name: string, data: Record<string, unknown>): void;
}

/** Options of {@link ChatSession}. */
export interface ChatSessionOptions {
  /** Client tools the page answers, by name. */
  tools?: Record<string, ClientTool>;
  /** Widget actions with `handler: "client"`. */
  onClientAction?: ClientActionHandler;
}

const PAGE_SIZE = 30;
const ERROR_MESSAGES: Record<string, string> = {
  'stream.error': 'Something went wrong while generating the response.',
};

interface ActiveStream {
  controller: AbortController;
  allowCancel: boolean;
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
    this.stop();
    const generation = ++this.generation;
    const thread = await this.client.getThread(threadId);
    const items: ThreadItem[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await this.client.listItems(threadId, { order: 'asc', limit: 100, after });
      items.push(...page.data);
      if (!page.has_more || !page.after) break;
      after = page.after;
    }
    if (generation !== this.generation) return; // another thread was opened meanwhile
    this.thread = summaryOf(thread);
    this.items.reset(items);
    this.pendingItems.clear();
    this.listener.threadOpened?.();
    this.listener.threadChanged?.();
  }

  /**
   * Catches up with changes made elsewhere (another tab): reloads the thread list and, when
   * `threadId` is the open thread (or is not given), the open thread. Skipped for the open thread
   * while a response streams here, since that stream keeps it current; items are only re-rendered
   * when they differ from what is shown.
   */
  async refresh(threadId?: string): Promise<void> {
    await this.loadThreads();
    const open = this.thread;
    if (!open || this.stream || (threadId !== undefined && threadId !== open.id)) return;
    const generation = this.generation;
    let thread: Thread;
    try {
      thread = await this.client.getThread(open.id);
    } catch (error) {
      // Deleted in another tab.
      if (error instanceof ChatKitClientError && error.status === 404 && generation === this.generation)
        this.newThread();
      return;
    }
    const items: ThreadItem[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await this.client.listItems(open.id, { order: 'asc', limit: 100, after });
      items.push(...page.data);
      if (!page.has_more || !page.after) break;
      after = page.after;
    }
    if (generation !== this.generation || this.stream) return;
    this.replaceThread(summaryOf(thread));
    if (JSON.stringify(items) === JSON.stringify(this.items.list())) return;
    this.items.reset(items);
    this.listener.threadOpened?.();
  }

  /** Shows the new-thread view; the next message creates a thread. */
  newThread(): void {
    this.stop();
    this.generation += 1;
    this.thread = null;
    this.items.reset();
    this.pendingItems.clear();
    this.listener.threadOpened?.();
    this.listener.threadChanged?.();
  }

  /** Sends a user message (creating the thread if none is open) and streams the response. */
  async send(text: string, attachments: Attachment[] = []): Promise<void> {
    const input = { content: text, attachments: attachments.map((attachment) => attachment.id) };
    const threadId = this.thread?.id;
    await this.run((signal) =>
      threadId ? this.client.addUserMessage(threadId, input, { signal }) : this.client.createThread(input, { signal }),
    );
  }

  /** Stops the response in flight (the server keeps what was streamed so far). */
  stop(): void {
    this.stream?.controller.abort();
  }

  /**
   * Regenerates the response to the user message at or before `itemId` (the last user message when
   * null): the items after it are discarded, here and on the server.
   */
  async retry(itemId: string | null): Promise<void> {
    const threadId = this.thread?.id;
    const message = this.items.userMessageBefore(itemId);
    if (!threadId || !message || this.busy) return;
    for (const removed of this.items.removeAfter(message.id)) this.listener.itemRemoved?.(removed);
    await this.run((signal) => this.client.retryAfterItem(threadId, message.id, { signal }));
  }

  /** Thumbs up or down on an item. */
  async sendFeedback(itemId: string, kind: FeedbackKind): Promise<void> {
    if (!this.thread) return;
    await this.client.sendFeedback(this.thread.id, [itemId], kind);
    this.feedback.set(itemId, kind);
    const item = this.items.get(itemId);
    if (item) this.listener.itemChanged?.(item);
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
  async widgetAction(item: WidgetItem, config: ActionConfig): Promise<void> {
    const action = { type: config.type, payload: config.payload ?? null };
    if (config.handler === 'client') {
      await this.options.onClientAction?.(action, item);
      return;
    }
    const threadId = this.thread?.id;
    if (!threadId) return;
    if (config.streaming === false) {
      try {
        const result = await this.client.syncCustomAction(threadId, action, item.id);
        if (result.updated_item && this.thread?.id === threadId) {
          this.items.put(result.updated_item);
          this.listener.itemChanged?.(result.updated_item);
        }
      } catch (error) {
        this.listener.error?.({ message: messageOf(error), retry: false });
      }
      return;
    }
    await this.run((signal) => this.client.customAction(threadId, action, item.id, { signal }));
  }

  /** Answers (or skips) a structured-input item. */
  async answerStructuredInput(itemId: string, submission: Partial<StructuredInputSubmission>): Promise<void> {
    const threadId = this.thread?.id;
    if (!threadId) return;
    await this.run((signal) => this.client.addStructuredInput(threadId, itemId, submission, { signal }));
  }

  /** Uploads a file for the next message (two-phase upload). */
  uploadAttachment(file: File): Promise<Attachment> {
    return this.client.uploadAttachment(file);
  }

  /** Deletes an uploaded attachment that will not be sent. */
  async deleteAttachment(attachmentId: string): Promise<void> {
    await this.client.deleteAttachment(attachmentId);
  }

  /** Runs one streaming request, applying its events; then answers a pending client tool call. */
  private async run(start: (signal: AbortSignal) => AsyncIterable<ThreadStreamEvent>): Promise<void> {
    if (this.stream) return;
    const stream: ActiveStream = { controller: new AbortController(), allowCancel: false };
    const generation = this.generation;
    this.stream = stream;
    this.listener.busyChanged?.();
    let completed = false;
    try {
      for await (const event of start(stream.controller.signal)) {
        if (generation !== this.generation) break;
        this.apply(event, stream);
      }
      completed = !stream.controller.signal.aborted;
    } catch (error) {
      if (!stream.controller.signal.aborted && generation === this.generation) {
        this.listener.error?.({ message: messageOf(error), retry: false });
      }
    } finally {
      this.stream = null;
      this.listener.progress?.(null);
      for (const id of [...this.pendingItems]) {
        this.pendingItems.delete(id);
        const item = this.items.get(id);
        if (item && generation === this.generation) this.listener.itemChanged?.(item);
      }
      this.listener.busyChanged?.();
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
        const item = this.items.update(event.item_id, event.update);
        if (item) this.listener.itemChanged?.(item);
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
      case 'error':
        this.listener.progress?.(null);
        this.listener.error?.({
          message: event.message ?? ERROR_MESSAGES[event.code] ?? 'Something went wrong.',
          retry: event.allow_retry,
        });
        return;
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
    const tool = this.options.tools?.[last.name];
    let output: unknown;
    try {
      output = tool ? await tool(last.arguments) : { error: `This page has no client tool named "${last.name}".` };
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

function messageOf(error: unknown): string {
  if (error instanceof ChatKitClientError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

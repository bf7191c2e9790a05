/**
 * `<chatkit-local-chat>`: a complete ChatKit chat UI as one custom element, with the official
 * `<openai-chatkit>` element's interface: configure it with `setOptions` (the same options object),
 * drive it with the same methods, listen to the same `chatkit.*` events. It speaks to the server only
 * through {@link ChatKitClient}, at `api.url` with `api.fetch` (the fetch `createChatKitFetch` returns
 * reaches a worker). Everything lives in its shadow root: it brings its own styles, takes none from
 * the page, and loads nothing from the network.
 *
 * Beyond the official interface: the `strings` option (see `ChatKitLocalStrings`), the theme's CSS
 * custom properties (`--ck-accent`, ...), `showToast`, and three slots for the page's own content:
 * `header-end` (after the header's buttons), `history-header` and `history-footer` (above and below
 * the history).
 */
import type {
  ChatKitEvents,
  ColorScheme,
  SendUserMessageParams,
  SetComposerValueParams,
  StartScreenPrompt,
  UserMessageContent,
} from './official-types.ts';
import { ChatKitClient } from '../client/client.ts';
import { h } from './dom.ts';
import { headerIcon, icon } from './icons.ts';
import type { ItemViewContext, TurnInfo } from './items/context.ts';
import {
  colorSchemeOf,
  isLocalApi,
  themeOptionOf,
  type ChatKitLocalApiConfig,
  type ChatKitLocalHeaderAction,
  type ChatKitLocalOptions,
} from './options.ts';
import { ChatSession, messageOf, type OutgoingMessage } from './session/chat-session.ts';
import { directionOf, format, resolveStrings, type ChatKitLocalStrings } from './strings.ts';
import { stylesheet } from './styles/index.ts';
import { loadFontSources, themeStyle } from './theme.ts';
import { AttachmentViewer } from './view/attachment-viewer.ts';
import { Composer, type ComposedMessage, type ComposerValue } from './view/composer.ts';
import { MessageList } from './view/message-list.ts';
import { ThreadList } from './view/thread-list.ts';
import type { Attachment, ThreadItem, WidgetItem } from './wire.ts';
import { renderMarkdown } from './markdown/index.ts';

const TOAST_MS = 3500;
/** Below this width the history is a drawer over the conversation. */
const NARROW = '(max-width: 760px)';
/** How much of a finished reply the live region reads out. */
const ANNOUNCE_CHARS = 600;

/** The `chatkit.*` events of the element, with their `detail`s (the official element's). */
export type ChatKitLocalEvents = ChatKitEvents;
export type { SendUserMessageParams, SetComposerValueParams };

/** The chat element. Import `chatkit-local/ui` to define it as `<chatkit-local-chat>`. */
export class ChatKitLocalChat extends HTMLElement {
  private currentOptions: ChatKitLocalOptions | null = null;
  private strings: ChatKitLocalStrings = resolveStrings(undefined);
  private built = false;
  private session: ChatSession | null = null;
  private sessionApi: ChatKitLocalApiConfig | null = null;
  private app!: HTMLElement;
  private header!: HTMLElement;
  private titleElement!: HTMLElement;
  private leftSlot!: HTMLElement;
  private rightSlot!: HTMLElement;
  private menuButton!: HTMLButtonElement;
  private newChatButton!: HTMLButtonElement;
  private sidebar!: HTMLElement;
  private sidebarNewChat!: HTMLButtonElement;
  private historyHeading!: HTMLElement;
  private progressElement!: HTMLElement;
  private liveRegion!: HTMLElement;
  private toasts!: HTMLElement;
  private disclaimer!: HTMLElement;
  private attachmentViewer!: AttachmentViewer;
  private messageList!: MessageList;
  private threadList!: ThreadList;
  private composer!: Composer;
  private readonly expandedLists = new Set<string>();
  private readonly narrow = matchMedia(NARROW);
  private readonly systemDark = matchMedia('(prefers-color-scheme: dark)');
  private lastThreadId: string | null = null;
  private historyHidden = false;
  private drawerOpen = false;

  /** The options last given to {@link setOptions} (null before). */
  get options(): ChatKitLocalOptions | null {
    return this.currentOptions;
  }

  set options(options: ChatKitLocalOptions) {
    this.setOptions(options);
  }

  /**
   * Applies a full set of options; like the official element's, they are not merged with the
   * previous ones. A new `api` (another URL, fetch or upload strategy) loads the chat again from it.
   */
  setOptions(options: ChatKitLocalOptions): void {
    this.currentOptions = options;
    this.strings = resolveStrings(options.strings);
    if (!this.isConnected) return;
    this.build();
    this.applyOptions();
  }

  /** Listens to a `chatkit.*` event (typed as the official element's), or any other event. */
  override addEventListener<K extends keyof ChatKitEvents>(
    type: K,
    listener: (event: ChatKitEvents[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: HTMLElement, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(type: string, listener: unknown, options?: boolean | AddEventListenerOptions): void {
    super.addEventListener(type, listener as EventListenerOrEventListenerObject, options);
  }

  /** Removes a listener added with {@link addEventListener}. */
  override removeEventListener<K extends keyof ChatKitEvents>(
    type: K,
    listener: (event: ChatKitEvents[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: HTMLElement, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(type: string, listener: unknown, options?: boolean | EventListenerOptions): void {
    super.removeEventListener(type, listener as EventListenerOrEventListenerObject, options);
  }

  /** Focuses the composer's text box. */
  async focusComposer(): Promise<void> {
    this.composer?.focus();
  }

  /** Opens a thread, or the new-thread view for `null`. Rejects when the thread cannot be loaded. */
  async setThreadId(threadId: string | null): Promise<void> {
    const session = this.requireSession();
    if (threadId === null) session.newThread();
    else await session.openThread(threadId);
  }

  /**
   * Sends an app-defined action to the server (`threads.custom_action`) for the open thread, and
   * streams its response.
   * @param action the action's `type` and `payload`
   * @param itemId the widget item it concerns, if any
   */
  async sendCustomAction(action: { type: string; payload?: Record<string, unknown> }, itemId?: string): Promise<void> {
    this.messageList.clearTransient();
    await this.requireSession().customAction(action, itemId ?? null);
  }

  /** Sends a user message (in a new thread with `newThread`, or when none is open). */
  async sendUserMessage(params: SendUserMessageParams): Promise<void> {
    const content = params.content ?? [{ type: 'input_text' as const, text: params.text ?? '' }];
    await this.send({
      content: content.map(wireContent),
      // Attachments the server made (it checks their ids): passed on as they are.
      attachments: (params.attachments ?? []) as Attachment[],
      quotedText: params.reply ?? null,
      toolChoice: params.toolChoice ?? null,
      model: params.model ?? null,
      newThread: params.newThread ?? false,
    });
  }

  /** Sets the composer's content (text, tags, quoted reply, attachments, files, tool, model) without sending. */
  async setComposerValue(params: SetComposerValueParams): Promise<void> {
    this.build();
    const value: ComposerValue = {
      ...params,
      content: params.content?.map(wireContent),
      attachments: params.attachments as Attachment[] | undefined,
    };
    this.composer.setValue(value);
  }

  /** Opens the history (the drawer on a narrow screen, the side panel otherwise). */
  async showHistory(): Promise<void> {
    this.setHistory(true);
  }

  /** Closes the history. */
  async hideHistory(): Promise<void> {
    this.setHistory(false);
  }

  /**
   * Loads the thread list and the open thread again, for changes made on the server. `threadId` (our
   * addition) limits the reload of the open thread to changes of that thread.
   */
  async fetchUpdates(threadId?: string): Promise<void> {
    await this.requireSession().refresh(threadId);
  }

  /** Shows a short message at the bottom of the chat (announced politely to screen readers). */
  showToast(message: string): void {
    if (!this.built) return;
    const toast = h('div', { class: 'toast', role: 'status' }, message);
    this.toasts.append(toast);
    setTimeout(() => toast.remove(), TOAST_MS);
  }

  connectedCallback(): void {
    this.build();
    if (this.currentOptions) this.applyOptions();
  }

  /** Builds the frame once; the options fill it in. */
  private build(): void {
    if (this.built) return;
    this.built = true;
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [stylesheet()];
    const strings = this.strings;
    this.attachmentViewer = new AttachmentViewer(strings);
    this.threadList = new ThreadList({
      onSelect: (id) => {
        this.guard(this.requireSession().openThread(id));
        this.setDrawer(false);
      },
      onRename: (id, title) => this.guard(this.requireSession().renameThread(id, title)),
      onDelete: (id) =>
        this.guard(
          this.requireSession()
            .deleteThread(id)
            .then(() => this.showToast(this.strings.chatDeleted)),
        ),
      onLoadMore: () => this.guard(this.requireSession().loadMoreThreads()),
    });
    this.messageList = new MessageList({
      items: () => this.session?.items.list() ?? [],
      contextFor: (item, turn) => this.contextFor(item, turn),
      strings: () => this.strings,
      onRetryError: () => this.retry(null),
    });
    this.composer = new Composer(
      {
        onSend: (message) => this.guard(this.send(message)),
        onStop: () => this.session?.stop(),
        upload: (file) => this.requireSession().uploadAttachment(file),
        discard: (attachment) => this.guard(this.requireSession().deleteAttachment(attachment.id)),
        onError: (message) => this.messageList.addError(message, false),
        onToolChange: (toolId) => this.emit('chatkit.tool.change', { toolId }),
      },
      { composer: undefined, strings },
    );

    this.titleElement = h('h1', { class: 'topbar-title' });
    this.menuButton = h(
      'button',
      {
        type: 'button',
        class: 'icon-button menu-button',
        'aria-controls': 'sidebar',
        'aria-expanded': 'false',
        onclick: () => this.setHistory(!this.historyOpen()),
      },
      icon('sidebar'),
    );
    this.newChatButton = h('button', { type: 'button', class: 'icon-button', onclick: () => this.newChat() });
    this.newChatButton.append(icon('pencil'));
    this.leftSlot = h('span', { class: 'header-action' });
    this.rightSlot = h('span', { class: 'header-action' });
    this.header = h(
      'header',
      { class: 'topbar' },
      this.menuButton,
      this.leftSlot,
      this.titleElement,
      this.newChatButton,
      this.rightSlot,
      h('slot', { name: 'header-end' }),
    );
    this.progressElement = h('div', { class: 'progress', role: 'status', hidden: true });
    this.liveRegion = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    this.toasts = h('div', { class: 'toasts' });
    this.disclaimer = h('div', { class: 'disclaimer markdown', hidden: true });
    this.sidebarNewChat = h('button', {
      type: 'button',
      class: 'button primary new-chat',
      onclick: () => this.newChat(),
    });
    this.historyHeading = h('span', { class: 'visually-hidden' });
    this.sidebar = h(
      'aside',
      { class: 'sidebar', id: 'sidebar' },
      h('slot', { name: 'history-header' }),
      this.sidebarNewChat,
      this.threadList.element,
      h('slot', { name: 'history-footer' }),
    );
    this.app = h(
      'div',
      { class: 'app', role: 'region' },
      this.sidebar,
      h('div', { class: 'scrim', onclick: () => this.setDrawer(false) }),
      h(
        'main',
        { class: 'main' },
        this.header,
        this.messageList.container,
        this.progressElement,
        this.composer.element,
        this.disclaimer,
      ),
      this.toasts,
      this.liveRegion,
    );
    this.app.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (this.drawerOpen) {
        this.setDrawer(false);
        this.menuButton.focus();
      } else if (!insideDialog(event) && this.session?.busy && this.session.canStop) {
        // Wherever the focus is in the element (a widget, a link, the history), Escape stops the
        // reply; a dialog (the element's or one the page put in a slot) keeps Escape for itself.
        event.preventDefault();
        this.session.stop();
      }
    });
    this.messageList.element.addEventListener('click', (event) => this.onConversationClick(event));
    root.append(this.app);
    this.systemDark.addEventListener('change', () => this.applyTheme());
    this.narrow.addEventListener('change', () => this.updateHistory());
    this.applyStrings();
    this.composer.setDisabled(strings.notConfigured);
    this.messageList.renderAll();
  }

  /** Applies the current options to the frame, and (for a new `api`) connects to the server. */
  private applyOptions(): void {
    const options = this.currentOptions!;
    this.applyStrings();
    this.applyTheme();
    const header = options.header;
    this.header.hidden = header?.enabled === false;
    this.leftSlot.replaceChildren(...this.headerAction(header?.leftAction));
    this.rightSlot.replaceChildren(...this.headerAction(header?.rightAction));
    this.sidebar.hidden = options.history?.enabled === false;
    this.updateHistory();
    this.threadList.configure({
      showRename: options.history?.showRename ?? true,
      showDelete: options.history?.showDelete ?? true,
      strings: this.strings,
      locale: options.locale,
    });
    this.composer.configure({ composer: options.composer, strings: this.strings });
    this.messageList.autoScroll = options.thread?.autoScroll ?? true;
    this.messageList.setStartScreen({
      greeting: options.startScreen?.greeting ?? this.strings.greeting,
      description: options.startScreen?.description,
      prompts: (options.startScreen?.prompts ?? []).map((prompt) => ({
        label: prompt.label,
        icon: prompt.icon,
        run: () => this.runPrompt(prompt),
      })),
    });
    const disclaimer = options.disclaimer;
    this.disclaimer.hidden = !disclaimer?.text;
    this.disclaimer.toggleAttribute('data-high-contrast', disclaimer?.highContrast === true);
    this.disclaimer.replaceChildren(disclaimer?.text ? renderMarkdown(disclaimer.text, this.strings) : '');
    if (!isLocalApi(options.api)) {
      this.disconnect(this.strings.hostedApi);
      return;
    }
    if (!this.session || !sameApi(this.sessionApi, options.api)) this.connect(options.api);
    else {
      this.titleChanged();
      this.messageList.renderAll();
    }
  }

  /** Starts a session against `api`: loads the threads, then the initial thread. */
  private connect(api: ChatKitLocalApiConfig): void {
    const client = new ChatKitClient({ url: api.url, fetch: api.fetch ?? globalThis.fetch.bind(globalThis) });
    this.session?.stop();
    this.sessionApi = { ...api };
    const session = new ChatSession(
      client,
      {
        threadsChanged: () => this.threadsChanged(),
        threadOpened: () => {
          this.expandedLists.clear();
          this.messageList.renderAll();
        },
        threadChanged: () => this.threadChanged(),
        threadLoad: (threadId, phase) =>
          this.emit(phase === 'start' ? 'chatkit.thread.load.start' : 'chatkit.thread.load.end', { threadId }),
        itemChanged: (item) => this.messageList.update(item.id),
        itemRemoved: (id) => this.messageList.remove(id),
        busyChanged: () => this.busyChanged(),
        response: (phase) => this.responsePhase(phase),
        progress: (update) => {
          this.progressElement.hidden = update === null;
          this.progressElement.replaceChildren(
            ...(update ? [h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', null, update.text)] : []),
          );
        },
        notice: (notice) => this.messageList.addNotice(notice),
        error: (error) => {
          this.messageList.addError(error.message, error.retry);
          this.emit('chatkit.error', { error: error.cause instanceof Error ? error.cause : new Error(error.message) });
        },
        effect: (name, data) => this.emit('chatkit.effect', { name, data }),
        log: (name, data) => this.emit('chatkit.log', { name, data }),
      },
      {
        onClientTool: (call) => {
          const handler = this.currentOptions?.onClientTool;
          if (!handler) return { error: `This page has no client tool named "${call.name}".` };
          return handler(call);
        },
        onClientAction: (action, item) => this.currentOptions?.widgets?.onAction?.(action, item),
        uploadStrategy: api.uploadStrategy,
        errorText: { generic: this.strings.somethingWentWrong, stream: this.strings.streamError },
      },
    );
    this.session = session;
    this.lastThreadId = null;
    this.removeAttribute('data-ready');
    this.composer.setDisabled(null);
    this.messageList.renderAll();
    this.threadChanged();
    void this.start(session);
  }

  /** Without a usable `api`: no session, the reason shown and reported. */
  private disconnect(reason: string): void {
    this.session?.stop();
    this.session = null;
    this.sessionApi = null;
    this.composer.setDisabled(reason);
    this.messageList.renderAll();
    this.emit('chatkit.error', { error: new Error(reason) });
  }

  private async start(session: ChatSession): Promise<void> {
    try {
      await session.loadThreads();
    } catch (error) {
      if (session !== this.session) return;
      this.reportError(format(this.strings.loadChatsFailed, { message: messageOf(error) }), error);
    }
    const initial = this.currentOptions?.initialThread;
    if (initial && session === this.session) {
      try {
        await session.openThread(initial);
      } catch (error) {
        if (session !== this.session) return;
        session.newThread();
        this.reportError(format(this.strings.openChatFailed, { message: messageOf(error) }), error);
      }
    }
    if (session !== this.session) return;
    this.setAttribute('data-ready', '');
    this.emit('chatkit.ready', undefined);
  }

  private applyStrings(): void {
    const strings = this.strings;
    const title = this.currentOptions?.frameTitle ?? strings.chat;
    this.app.setAttribute('aria-label', title);
    const locale = this.currentOptions?.locale;
    if (locale) {
      this.app.lang = locale;
      this.app.dir = directionOf(locale);
    } else {
      this.app.removeAttribute('lang');
      this.app.removeAttribute('dir');
    }
    this.sidebar.setAttribute('aria-label', strings.history);
    this.historyHeading.textContent = strings.historyHeading;
    this.sidebarNewChat.replaceChildren(icon('plus'), strings.newChat);
    this.newChatButton.setAttribute('aria-label', strings.newChat);
    this.newChatButton.title = strings.newChat;
    this.messageList.applyStrings();
    this.updateHistory();
  }

  /** The header's custom button for `action`, if any. */
  private headerAction(action: ChatKitLocalHeaderAction | undefined): HTMLElement[] {
    if (!action) return [];
    const label = action.label ?? action.icon.replace(/^lucide:/, '').replace(/-/g, ' ');
    return [
      h(
        'button',
        { type: 'button', class: 'icon-button', 'aria-label': label, title: label, onclick: () => action.onClick() },
        headerIcon(action.icon),
      ),
    ];
  }

  private historyOpen(): boolean {
    return this.narrow.matches ? this.drawerOpen : !this.historyHidden;
  }

  /** Opens or closes the history: the drawer on a narrow screen, the side panel otherwise. */
  private setHistory(open: boolean): void {
    if (this.sidebar.hidden) return;
    const was = this.historyOpen();
    if (this.narrow.matches) this.setDrawer(open, false);
    else {
      this.historyHidden = !open;
      this.updateHistory();
    }
    if (was !== this.historyOpen()) this.emit(open ? 'chatkit.history.open' : 'chatkit.history.close', undefined);
  }

  /** Opens or closes the drawer (narrow screens); `announce`: send the history event. */
  private setDrawer(open: boolean, announce = true): void {
    const was = this.drawerOpen;
    this.drawerOpen = open;
    this.updateHistory();
    if (open) this.sidebarNewChat.focus();
    if (announce && this.narrow.matches && was !== open) {
      this.emit(open ? 'chatkit.history.open' : 'chatkit.history.close', undefined);
    }
  }

  private updateHistory(): void {
    if (!this.built) return;
    const enabled = !this.sidebar.hidden;
    this.app.toggleAttribute('data-sidebar-open', this.drawerOpen && this.narrow.matches);
    this.app.toggleAttribute('data-history-hidden', !enabled || (this.historyHidden && !this.narrow.matches));
    this.menuButton.hidden = !enabled;
    const open = this.historyOpen();
    const label = open ? this.strings.hideHistory : this.strings.showHistory;
    this.menuButton.setAttribute('aria-expanded', String(open));
    this.menuButton.setAttribute('aria-label', label);
    this.menuButton.title = label;
    // The closed drawer is out of the tab order and of the accessibility tree.
    this.sidebar.toggleAttribute('inert', this.narrow.matches && !this.drawerOpen);
  }

  private newChat(): void {
    this.requireSession().newThread();
    this.setDrawer(false);
    this.composer.focus();
  }

  private threadsChanged(): void {
    const session = this.session;
    if (!session) return;
    this.threadList.render(session.threads, session.thread?.id ?? null, session.hasMoreThreads);
  }

  private threadChanged(): void {
    const session = this.session;
    const thread = session?.thread ?? null;
    this.titleChanged();
    this.threadsChanged();
    const status = thread?.status;
    this.composer.setDisabled(
      status?.type === 'locked'
        ? (status.reason ?? this.strings.threadLocked)
        : status?.type === 'closed'
          ? (status.reason ?? this.strings.threadClosed)
          : null,
    );
    const threadId = thread?.id ?? null;
    if (threadId !== this.lastThreadId) {
      this.lastThreadId = threadId;
      this.emit('chatkit.thread.change', { threadId });
    }
  }

  private titleChanged(): void {
    const title = this.currentOptions?.header?.title;
    this.titleElement.hidden = title?.enabled === false;
    this.titleElement.textContent = title?.text ?? (this.session?.thread?.title || this.strings.newChat);
  }

  private busyChanged(): void {
    const session = this.session;
    const busy = session?.busy ?? false;
    this.composer.setBusy(busy, session?.canStop ?? false);
    this.messageList.element.setAttribute('aria-busy', String(busy));
    this.app.toggleAttribute('data-busy', busy);
    // Views whose buttons depend on whether a response is running.
    for (const item of session?.items.list() ?? []) {
      if (item.type === 'assistant_message' || (item.type === 'structured_input' && item.status === 'pending'))
        this.messageList.update(item.id);
    }
  }

  /** Announces a reply: that one started, then (politely) its text once it is complete. */
  private responsePhase(phase: 'start' | 'end'): void {
    this.emit(phase === 'start' ? 'chatkit.response.start' : 'chatkit.response.end', undefined);
    if (phase === 'start') {
      this.liveRegion.textContent = this.strings.responding;
      return;
    }
    const items = this.session?.items.list() ?? [];
    const lastUser = items.findLastIndex((item) => item.type === 'user_message');
    const text = items
      .slice(lastUser + 1)
      .flatMap((item) => (item.type === 'assistant_message' ? item.content.map((part) => part.text) : []))
      .join(' ')
      .trim();
    this.liveRegion.textContent = text
      ? format(this.strings.reply, { text: text.length > ANNOUNCE_CHARS ? `${text.slice(0, ANNOUNCE_CHARS)}…` : text })
      : '';
  }

  private contextFor(item: ThreadItem, turn: TurnInfo | undefined): ItemViewContext {
    const session = this.session!;
    const actions = this.currentOptions?.threadItemActions;
    const entities = this.currentOptions?.entities;
    return {
      theme: this.colorScheme(),
      strings: this.strings,
      locale: this.currentOptions?.locale ?? navigator.language,
      pending: session.pendingItems.has(item.id),
      stopped: session.stoppedItems.has(item.id),
      busy: session.busy,
      feedback: session.feedback.get(item.id),
      imageProgress: session.items.imageProgress.get(item.id),
      turn,
      actions: { feedback: actions?.feedback ?? false, retry: actions?.retry ?? false },
      expandedLists: this.expandedLists,
      onRetry: (id) => this.retry(id),
      onFeedback: (ids, kind) =>
        this.guard(session.sendFeedback(ids, kind).then(() => this.showToast(this.strings.feedbackThanks))),
      onCopy: (text) => this.copy(text),
      onWidgetAction: (widget: WidgetItem, action) =>
        session.widgetAction(widget, action).catch((error: unknown) => this.reportError(messageOf(error), error)),
      onStructuredInput: (id, submission) => this.guard(session.answerStructuredInput(id, submission)),
      onOpenAttachment: (attachment) => this.guard(this.openAttachment(attachment)),
      onEntityClick: entities?.onClick
        ? (entity) =>
            entities.onClick?.({
              id: entity.id,
              title: entity.title,
              ...(entity.group ? { group: entity.group } : {}),
              ...(isStringRecord(entity.data) ? { data: entity.data } : {}),
            })
        : null,
    };
  }

  private async send(message: ComposedMessage & { newThread?: boolean }): Promise<void> {
    const session = this.requireSession();
    this.messageList.clearTransient();
    const outgoing: OutgoingMessage = { ...message };
    await session.send(outgoing);
  }

  private runPrompt(prompt: StartScreenPrompt): void {
    const content =
      typeof prompt.prompt === 'string' ? [{ type: 'input_text' as const, text: prompt.prompt }] : prompt.prompt;
    this.guard(
      this.send({
        content: content.map(wireContent),
        attachments: [],
        quotedText: null,
        toolChoice: null,
        model: null,
      }),
    );
  }

  private retry(itemId: string | null): void {
    this.messageList.clearTransient();
    this.guard(this.requireSession().retry(itemId));
  }

  private copy(text: string): void {
    navigator.clipboard?.writeText(text).then(
      () => this.showToast(this.strings.copied),
      () => this.showToast(this.strings.copyRefused),
    );
  }

  /** A `chatkit-link://name?key=value` link in a message: the `chatkit.deeplink` event. */
  private onConversationClick(event: Event): void {
    const target = (event.target as Element | null)?.closest?.('.md-deeplink');
    if (!(target instanceof HTMLElement)) return;
    event.preventDefault();
    try {
      const url = new URL(target.dataset.deeplink ?? '');
      const name = decodeURIComponent(`${url.host}${url.pathname}`.replace(/^\/+|\/+$/g, ''));
      this.emit('chatkit.deeplink', { name, data: Object.fromEntries(url.searchParams) });
    } catch (error) {
      this.emit('chatkit.log', { name: 'deeplink.invalid', data: { reason: messageOf(error) } });
    }
  }

  /**
   * Opens an attachment's stored bytes (fetched from the server): an image in a preview dialog,
   * anything else as a download, never as a page of this origin (see AttachmentViewer).
   */
  private async openAttachment(attachment: Attachment): Promise<void> {
    const api = this.sessionApi!;
    const fetcher = api.fetch ?? globalThis.fetch.bind(globalThis);
    const response = await fetcher(`${api.url}/attachments/${encodeURIComponent(attachment.id)}/content`);
    if (!response.ok) throw new Error(format(this.strings.fileOpenFailed, { status: response.status }));
    if (!this.attachmentViewer.element.isConnected) this.app.append(this.attachmentViewer.element);
    await this.attachmentViewer.open(attachment, response);
  }

  private colorScheme(): ColorScheme {
    const options = this.currentOptions;
    return (options && colorSchemeOf(options)) ?? 'light';
  }

  private applyTheme(): void {
    const scheme = this.colorScheme();
    const theme = this.currentOptions ? themeOptionOf(this.currentOptions) : {};
    const { properties, radius, density } = themeStyle(theme, scheme);
    this.app.dataset.theme = scheme;
    this.app.dataset.radius = radius;
    this.app.dataset.density = density;
    this.app.removeAttribute('style');
    for (const [name, value] of Object.entries(properties)) this.app.style.setProperty(name, value);
    loadFontSources(theme.typography?.fontSources, (error) => this.reportError(error.message, error));
    // Widgets pick colours per theme.
    if (this.session) this.messageList.refreshAll();
  }

  private requireSession(): ChatSession {
    if (!this.session) throw new Error(this.strings.notConfigured);
    return this.session;
  }

  /** Shows an error in the conversation and reports it as `chatkit.error`. */
  private reportError(message: string, cause: unknown): void {
    this.messageList.addError(message, false);
    this.emit('chatkit.error', { error: cause instanceof Error ? cause : new Error(message) });
  }

  /** Shows a failed action's error instead of losing it. */
  private guard(promise: Promise<unknown>): void {
    promise.catch((error: unknown) => this.reportError(messageOf(error), error));
  }

  private emit<K extends keyof ChatKitEvents>(type: K, detail: ChatKitEvents[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

/** The official element's message content as the wire takes it (`data` and `interactive` filled in). */
function wireContent(part: UserMessageContent): import('./wire.ts').UserMessageContent {
  if (part.type === 'input_text') return { type: 'input_text', text: part.text };
  return {
    type: 'input_tag',
    id: part.id,
    text: part.text,
    data: part.data ?? {},
    group: part.group ?? null,
    interactive: part.interactive ?? false,
  };
}

function sameApi(a: ChatKitLocalApiConfig | null, b: ChatKitLocalApiConfig): boolean {
  return (
    a !== null &&
    a.url === b.url &&
    a.fetch === b.fetch &&
    JSON.stringify(a.uploadStrategy ?? null) === JSON.stringify(b.uploadStrategy ?? null)
  );
}

/** Whether a key event comes from inside a dialog, which handles Escape itself (closing it). */
function insideDialog(event: Event): boolean {
  return event
    .composedPath()
    .some(
      (target) =>
        target instanceof HTMLElement && (target.localName === 'dialog' || target.getAttribute('role') === 'dialog'),
    );
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === 'string')
  );
}

/** Registers `<chatkit-local-chat>` (once; a second import or call is harmless). */
export function defineChatElement(): void {
  if (!customElements.get('chatkit-local-chat')) customElements.define('chatkit-local-chat', ChatKitLocalChat);
}

/**
 * `<chatkit-local-chat>`: a complete ChatKit chat UI as one custom element. Give it a `fetch` (the
 * one `createChatKitFetch` returns) and optionally a `url` attribute (default `/chatkit`); it
 * speaks to the server only through {@link ChatKitClient}. Everything lives in its shadow root, so
 * it brings its own styles and takes none from the page.
 *
 * Attributes: `url`, `theme` (`light` | `dark`; default: the system's), `hash-routing` (keep the
 * open thread in `location.hash`, so a reload reopens it). Properties: `fetch`, `tools` (client
 * tools by name), `onClientAction` (widget actions with `handler: "client"`), `settings` (the
 * demo's responder setting: when given, the top bar shows who answers and opens the settings
 * dialog). Events:
 * `chatkit-theme-change` (detail: the theme the user picked), `chatkit-effect` (detail:
 * `{ name, data }` of a `client_effect`).
 */
import { ChatKitClient } from 'chatkit-local/client';
import type { Attachment, ThreadItem } from 'chatkit-local';
import { ChatSession, type ClientActionHandler, type ClientTool } from './chat-session.ts';
import { Composer } from './composer.ts';
import { h } from './dom.ts';
import { icon } from './icons.ts';
import type { ItemViewContext } from './items/index.ts';
import { MessageList, type Suggestion } from './message-list.ts';
import type { ResponderSettingsView } from '../responder-settings.ts';
import type { ResponderSettingsSource } from '../settings-client.ts';
import { SettingsDialog } from './settings-dialog.ts';
import { AttachmentViewer } from './attachment-viewer.ts';
import { ThreadList } from './thread-list.ts';
import type { Theme } from './widgets/style.ts';
import { stylesheet } from './styles/index.ts';

/** The start screen's suggestions: each demo feature, one click away. */
const SUGGESTIONS: Suggestion[] = [
  { label: 'Show a widget', prompt: '/widget', icon: 'cube' },
  { label: 'Fill in a form', prompt: '/form', icon: 'pencil' },
  { label: 'Run a workflow', prompt: '/workflow', icon: 'bolt' },
  { label: 'Use a client tool', prompt: '/tool', icon: 'tool' },
  { label: 'Ask me a question', prompt: '/question', icon: 'info' },
  { label: 'Long answer (try Stop)', prompt: '/long', icon: 'book' },
  { label: 'Markdown tour', prompt: '/markdown', icon: 'file' },
  { label: 'Everything else', prompt: '/help', icon: 'sparkle' },
];

const TOAST_MS = 3500;
const ROUTE = /^#\/t\/([\w-]+)$/;

export class ChatKitLocalChat extends HTMLElement {
  static readonly observedAttributes = ['theme'];

  /** The fetch the client uses; set it before the element is connected. */
  fetch: typeof globalThis.fetch | null = null;
  /** Client tools the page answers, by name. */
  tools: Record<string, ClientTool> = {};
  /** Handles widget actions whose `handler` is `"client"`. */
  onClientAction: ClientActionHandler | null = null;
  /** The responder setting to show and edit; set it before the element is connected. */
  settings: ResponderSettingsSource | null = null;

  private started = false;
  private session!: ChatSession;
  private app!: HTMLElement;
  private titleElement!: HTMLElement;
  private progressElement!: HTMLElement;
  private toasts!: HTMLElement;
  private themeButton!: HTMLButtonElement;
  private footer!: HTMLElement;
  private responderButton: HTMLButtonElement | null = null;
  private settingsDialog: SettingsDialog | null = null;
  private readonly attachmentViewer = new AttachmentViewer();
  private messageList!: MessageList;
  private threadList!: ThreadList;
  private composer!: Composer;
  private readonly systemDark = matchMedia('(prefers-color-scheme: dark)');

  /** The theme in use. */
  get theme(): Theme {
    const attribute = this.getAttribute('theme');
    if (attribute === 'light' || attribute === 'dark') return attribute;
    return this.systemDark.matches ? 'dark' : 'light';
  }

  set theme(theme: Theme) {
    this.setAttribute('theme', theme);
  }

  connectedCallback(): void {
    if (this.started) return;
    this.started = true;
    this.build();
    void this.start();
  }

  attributeChangedCallback(): void {
    if (this.started) this.applyTheme();
  }

  /**
   * Reloads the thread list and the open thread from the server: call it when something changed
   * elsewhere (another tab), as with the official element's `fetchUpdates()`.
   */
  async fetchUpdates(threadId?: string): Promise<void> {
    if (this.started) await this.session.refresh(threadId);
  }

  /** Shows a short message at the bottom of the chat. */
  showToast(message: string): void {
    const toast = h('div', { class: 'toast', role: 'status' }, message);
    this.toasts.append(toast);
    setTimeout(() => toast.remove(), TOAST_MS);
  }

  private get endpoint(): string {
    return this.getAttribute('url') ?? '/chatkit';
  }

  private build(): void {
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [stylesheet()];
    const client = new ChatKitClient({ url: this.endpoint, fetch: this.fetch ?? globalThis.fetch.bind(globalThis) });
    this.session = new ChatSession(
      client,
      {
        threadsChanged: () =>
          this.threadList.render(this.session.threads, this.session.thread?.id ?? null, this.session.hasMoreThreads),
        threadOpened: () => {
          this.messageList.renderAll();
          this.setSidebar(false);
        },
        threadChanged: () => this.threadChanged(),
        itemChanged: (item) => this.messageList.update(item.id),
        itemRemoved: (id) => this.messageList.remove(id),
        busyChanged: () => this.busyChanged(),
        progress: (update) => {
          this.progressElement.hidden = update === null;
          this.progressElement.replaceChildren(
            ...(update ? [h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', null, update.text)] : []),
          );
        },
        notice: (notice) => this.messageList.addNotice(notice),
        error: (error) => this.messageList.addError(error.message, error.retry),
        effect: (name, data) =>
          this.dispatchEvent(
            new CustomEvent('chatkit-effect', { detail: { name, data }, bubbles: true, composed: true }),
          ),
      },
      {
        tools: new Proxy({}, { get: (_target, name) => (typeof name === 'string' ? this.tools[name] : undefined) }),
        onClientAction: (action, item) => this.onClientAction?.(action, item),
      },
    );

    this.threadList = new ThreadList({
      onSelect: (id) => this.guard(this.session.openThread(id)),
      onRename: (id, title) => this.guard(this.session.renameThread(id, title)),
      onDelete: (id) => this.guard(this.session.deleteThread(id).then(() => this.showToast('Chat deleted'))),
      onLoadMore: () => this.guard(this.session.loadMoreThreads()),
    });
    this.messageList = new MessageList(
      {
        items: () => this.session.items.list(),
        contextFor: (item) => this.contextFor(item),
        onSuggestion: (prompt) => this.send(prompt, []),
        onRetryError: () => this.retry(null),
      },
      SUGGESTIONS,
    );
    this.composer = new Composer({
      onSend: (text, attachments) => this.send(text, attachments),
      onStop: () => this.session.stop(),
      upload: (file) => this.session.uploadAttachment(file),
      discard: (attachment) => this.guard(this.session.deleteAttachment(attachment.id)),
      onError: (message) => this.messageList.addError(message, false),
    });

    this.titleElement = h('h1', { class: 'topbar-title' }, 'New chat');
    this.progressElement = h('div', { class: 'progress', role: 'status', hidden: true });
    this.toasts = h('div', { class: 'toasts', 'aria-live': 'polite' });
    this.themeButton = h('button', { type: 'button', class: 'icon-button', onclick: () => this.toggleTheme() });
    this.footer = h('p', { class: 'sidebar-footer muted' }, footerText(null));
    if (this.settings) this.buildSettings(this.settings);
    const newChat = () => {
      this.session.newThread();
      this.composer.focus();
    };
    this.app = h(
      'div',
      { class: 'app' },
      h(
        'aside',
        { class: 'sidebar', id: 'sidebar', 'aria-label': 'Chats' },
        h(
          'div',
          { class: 'brand' },
          h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, icon('sparkle')),
          h('span', null, 'chatkit-local'),
        ),
        h('button', { type: 'button', class: 'button primary new-chat', onclick: newChat }, icon('plus'), 'New chat'),
        this.threadList.element,
        this.footer,
      ),
      h('div', { class: 'scrim', onclick: () => this.setSidebar(false) }),
      h(
        'main',
        { class: 'main' },
        h(
          'header',
          { class: 'topbar' },
          h(
            'button',
            {
              type: 'button',
              class: 'icon-button menu-button',
              'aria-label': 'Show chats',
              'aria-controls': 'sidebar',
              'aria-expanded': 'false',
              onclick: () => this.setSidebar(true),
            },
            icon('menu'),
          ),
          this.titleElement,
          h(
            'button',
            { type: 'button', class: 'icon-button', 'aria-label': 'New chat', title: 'New chat', onclick: newChat },
            icon('pencil'),
          ),
          this.responderButton,
          this.themeButton,
        ),
        this.messageList.element,
        this.progressElement,
        this.composer.element,
      ),
      this.toasts,
      this.settingsDialog?.element,
    );
    this.app.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.app.hasAttribute('data-sidebar-open')) this.setSidebar(false);
    });
    root.append(this.app);
    this.applyTheme();
    this.systemDark.addEventListener('change', () => this.applyTheme());
    this.messageList.renderAll();
    this.busyChanged();
  }

  /** The top bar's responder button and the dialog it opens. */
  private buildSettings(source: ResponderSettingsSource): void {
    const dialog = new SettingsDialog({
      source,
      onSaved: (view) => {
        this.showResponder(view);
        this.showToast(
          view.responder === 'model'
            ? `Settings saved: ${view.model.model} answers from now on`
            : 'Settings saved: the scripted assistant answers',
        );
      },
    });
    const button = h(
      'button',
      { type: 'button', class: 'responder-button', 'aria-haspopup': 'dialog', title: 'Settings: who answers' },
      icon('settings'),
      h('span', { class: 'visually-hidden' }, 'Settings: '),
      h('span', { class: 'responder-name' }, 'Scripted'),
    );
    button.addEventListener('click', () => {
      void dialog
        .open(button)
        .catch((error: unknown) =>
          this.messageList.addError(`Could not open the settings: ${messageOf(error)}`, false),
        );
    });
    this.settingsDialog = dialog;
    this.responderButton = button;
  }

  /** Says who answers: on the top bar's button and in the sidebar's footer. */
  private showResponder(view: ResponderSettingsView): void {
    this.footer.textContent = footerText(view);
    if (!this.responderButton) return;
    const name = view.responder === 'model' ? view.model.model : 'Scripted';
    this.responderButton.querySelector('.responder-name')!.textContent = name;
    this.responderButton.dataset.responder = view.responder;
    this.responderButton.title =
      view.responder === 'model'
        ? `Settings: ${view.model.model} at ${view.model.baseURL} answers`
        : 'Settings: the scripted assistant answers';
  }

  private async start(): Promise<void> {
    const settings = this.settings?.load().then(
      (view) => this.showResponder(view),
      (error: unknown) => {
        this.messageList.addError(`Could not read the settings: ${messageOf(error)}`, false);
      },
    );
    try {
      await this.session.loadThreads();
    } catch (error) {
      this.messageList.addError(`Could not load your chats: ${messageOf(error)}`, false);
    }
    await settings;
    if (this.hasAttribute('hash-routing')) {
      window.addEventListener('hashchange', () => void this.openFromHash());
      await this.openFromHash();
    }
    this.setAttribute('data-ready', '');
    this.composer.focus();
  }

  private async openFromHash(): Promise<void> {
    const match = ROUTE.exec(location.hash);
    if (!match || match[1] === this.session.thread?.id) return;
    try {
      await this.session.openThread(match[1]!);
    } catch {
      history.replaceState(null, '', location.pathname + location.search);
      this.session.newThread();
    }
  }

  private threadChanged(): void {
    const thread = this.session.thread;
    this.titleElement.textContent = thread?.title || 'New chat';
    this.threadList.render(this.session.threads, thread?.id ?? null, this.session.hasMoreThreads);
    const status = thread?.status;
    this.composer.setDisabled(
      status?.type === 'locked'
        ? (status.reason ?? 'This chat is locked.')
        : status?.type === 'closed'
          ? (status.reason ?? 'This chat is closed.')
          : null,
    );
    if (this.hasAttribute('hash-routing')) {
      const hash = thread ? `#/t/${thread.id}` : '';
      if (location.hash !== hash) history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
    }
  }

  private busyChanged(): void {
    const { busy, canStop } = this.session;
    this.composer.setBusy(busy, canStop);
    this.messageList.element.setAttribute('aria-busy', String(busy));
    this.app.toggleAttribute('data-busy', busy);
    // Views whose buttons depend on whether a response is running.
    for (const item of this.session.items.list()) {
      if (item.type === 'assistant_message' || (item.type === 'structured_input' && item.status === 'pending'))
        this.messageList.update(item.id);
    }
  }

  private contextFor(item: ThreadItem): ItemViewContext {
    return {
      theme: this.theme,
      pending: this.session.pendingItems.has(item.id),
      busy: this.session.busy,
      feedback: this.session.feedback.get(item.id),
      imageProgress: this.session.items.imageProgress.get(item.id),
      onRetry: (id) => this.retry(id),
      onFeedback: (id, kind) =>
        this.guard(this.session.sendFeedback(id, kind).then(() => this.showToast('Thanks for your feedback'))),
      onCopy: (text) => this.copy(text),
      onWidgetAction: (widget, action) =>
        this.session
          .widgetAction(widget, action)
          .catch((error: unknown) => this.messageList.addError(messageOf(error), false)),
      onStructuredInput: (id, submission) => this.guard(this.session.answerStructuredInput(id, submission)),
      onOpenAttachment: (attachment) => this.guard(this.openAttachment(attachment)),
    };
  }

  private send(text: string, attachments: Attachment[]): void {
    this.messageList.clearTransient();
    this.guard(this.session.send(text, attachments));
  }

  private retry(itemId: string | null): void {
    this.messageList.clearTransient();
    this.guard(this.session.retry(itemId));
  }

  private copy(text: string): void {
    navigator.clipboard?.writeText(text).then(
      () => this.showToast('Copied'),
      () => this.showToast('Copying is not allowed here'),
    );
  }

  /**
   * Opens an attachment's stored bytes (fetched from the worker): an image in a preview dialog,
   * anything else as a download, never as a page of this origin (see AttachmentViewer).
   */
  private async openAttachment(attachment: Attachment): Promise<void> {
    const fetcher = this.fetch ?? globalThis.fetch;
    const response = await fetcher(`${this.endpoint}/attachments/${encodeURIComponent(attachment.id)}/content`);
    if (!response.ok) throw new Error(`The file could not be opened (${response.status}).`);
    if (!this.attachmentViewer.element.isConnected) this.app.append(this.attachmentViewer.element);
    await this.attachmentViewer.open(attachment, response);
  }

  private toggleTheme(): void {
    const theme: Theme = this.theme === 'dark' ? 'light' : 'dark';
    this.theme = theme;
    this.dispatchEvent(new CustomEvent('chatkit-theme-change', { detail: theme, bubbles: true, composed: true }));
  }

  private applyTheme(): void {
    const theme = this.theme;
    this.app.dataset.theme = theme;
    this.themeButton.replaceChildren(icon(theme === 'dark' ? 'sun' : 'moon'));
    const label = theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme';
    this.themeButton.setAttribute('aria-label', label);
    this.themeButton.title = label;
    // Widgets pick colours per theme.
    for (const item of this.session.items.list()) if (item.type === 'widget') this.messageList.update(item.id);
  }

  private setSidebar(open: boolean): void {
    this.app.toggleAttribute('data-sidebar-open', open);
    this.app.querySelector('.menu-button')?.setAttribute('aria-expanded', String(open));
    if (open) this.app.querySelector<HTMLElement>('.new-chat')?.focus();
  }

  /** Shows a failed action's error instead of losing it. */
  private guard(promise: Promise<unknown>): void {
    promise.catch((error: unknown) => this.messageList.addError(messageOf(error), false));
  }
}

/** The sidebar's one line about where things run (and, with a model, where answers come from). */
function footerText(view: ResponderSettingsView | null): string {
  const base = 'Server in a Web Worker · data in IndexedDB';
  if (view?.responder !== 'model') return `${base} · no network`;
  return `${base} · answers from ${view.model.model} at ${hostOf(view.model.baseURL)}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Registers `<chatkit-local-chat>` (once). */
export function defineChatElement(name = 'chatkit-local-chat'): void {
  if (!customElements.get(name)) customElements.define(name, ChatKitLocalChat);
}

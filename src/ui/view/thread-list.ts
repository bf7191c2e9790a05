/**
 * The history: one row per thread, newest first, each with rename (edited in place: Enter saves,
 * Escape cancels) and delete (asks for confirmation in the row).
 */
import type { ThreadSummary } from '../session/chat-session.ts';
import { h, keepFocus, replaceChildren } from '../dom.ts';
import { icon } from '../icons.ts';
import { ENGLISH, format, type ChatKitLocalStrings } from '../strings.ts';

/** What the list asks of the chat. */
export interface ThreadListHost {
  onSelect(threadId: string): void;
  onRename(threadId: string, title: string): void;
  onDelete(threadId: string): void;
  onLoadMore(): void;
}

/** What the list shows: the `history` option's actions, the strings and the locale for dates. */
export interface ThreadListSettings {
  showRename: boolean;
  showDelete: boolean;
  strings: ChatKitLocalStrings;
  locale: string | undefined;
}

export class ThreadList {
  readonly element: HTMLElement;
  private settings: ThreadListSettings = { showRename: true, showDelete: true, strings: ENGLISH, locale: undefined };
  private threads: ThreadSummary[] = [];
  private currentId: string | null = null;
  private hasMore = false;
  private editingId: string | null = null;
  private confirmingId: string | null = null;
  /** The title being typed, kept across re-renders. */
  private editingValue = '';
  private focusRename = false;

  constructor(private readonly host: ThreadListHost) {
    this.element = h('nav', { class: 'thread-list', 'aria-label': ENGLISH.history });
  }

  /** Applies new settings (the options changed). */
  configure(settings: ThreadListSettings): void {
    this.settings = settings;
    this.element.setAttribute('aria-label', settings.strings.history);
    this.draw();
  }

  /** Shows `threads`, marking the open one. */
  render(threads: ThreadSummary[], currentId: string | null, hasMore: boolean): void {
    this.threads = threads;
    this.currentId = currentId;
    this.hasMore = hasMore;
    if (this.editingId && !threads.some((thread) => thread.id === this.editingId)) this.editingId = null;
    this.draw();
  }

  private draw(): void {
    const { strings } = this.settings;
    keepFocus(this.element, () => {
      const rows = this.threads.map((thread) => this.row(thread));
      replaceChildren(
        this.element,
        h('h2', { class: 'sidebar-heading' }, strings.historyHeading),
        rows.length > 0
          ? h('ul', { class: 'threads' }, rows)
          : h('p', { class: 'muted empty-history' }, strings.noChats),
        this.hasMore
          ? h(
              'button',
              { type: 'button', class: 'button ghost load-more', onclick: () => this.host.onLoadMore() },
              strings.loadOlderChats,
            )
          : null,
      );
    });
    const input = this.element.querySelector<HTMLInputElement>('.rename-input');
    if (input && this.focusRename) {
      this.focusRename = false;
      input.focus();
      input.select();
    }
  }

  private row(thread: ThreadSummary): HTMLElement {
    const { strings, showRename, showDelete } = this.settings;
    const title = thread.title || strings.newChat;
    const current = thread.id === this.currentId;
    if (this.editingId === thread.id) return this.renameRow(thread, title);
    if (this.confirmingId === thread.id) {
      return h(
        'li',
        { class: 'thread-row confirming', 'data-thread-id': thread.id },
        h('span', { class: 'confirm-text' }, format(strings.confirmDeleteChat, { title })),
        h(
          'button',
          {
            type: 'button',
            class: 'button danger small',
            'data-focus-key': `${thread.id}:confirm-delete`,
            onclick: () => {
              this.confirmingId = null;
              this.host.onDelete(thread.id);
            },
          },
          strings.delete,
        ),
        h(
          'button',
          { type: 'button', class: 'button ghost small', onclick: () => this.cancel(thread.id, 'delete') },
          strings.cancel,
        ),
      );
    }
    return h(
      'li',
      { class: 'thread-row', 'data-thread-id': thread.id, 'data-current': current },
      h(
        'button',
        {
          type: 'button',
          class: 'thread-link',
          'aria-current': current ? 'page' : null,
          title,
          'data-focus-key': `${thread.id}:open`,
          onclick: () => this.host.onSelect(thread.id),
        },
        h('span', { class: 'thread-title' }, title),
        h('span', { class: 'thread-date' }, formatDate(thread.created_at, this.settings.locale)),
      ),
      showRename
        ? h(
            'button',
            {
              type: 'button',
              class: 'icon-button small',
              'aria-label': format(strings.renameChat, { title }),
              title: strings.rename,
              'data-focus-key': `${thread.id}:rename`,
              onclick: () => {
                this.editingId = thread.id;
                this.editingValue = thread.title ?? '';
                this.focusRename = true;
                this.draw();
              },
            },
            icon('pencil'),
          )
        : null,
      showDelete
        ? h(
            'button',
            {
              type: 'button',
              class: 'icon-button small',
              'aria-label': format(strings.deleteChat, { title }),
              title: strings.delete,
              'data-focus-key': `${thread.id}:delete`,
              onclick: () => {
                this.confirmingId = thread.id;
                this.draw();
                this.element
                  .querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(`${thread.id}:confirm-delete`)}"]`)
                  ?.focus();
              },
            },
            icon('trash'),
          )
        : null,
    );
  }

  private renameRow(thread: ThreadSummary, title: string): HTMLElement {
    const input = h('input', {
      class: 'rename-input',
      type: 'text',
      value: this.editingValue,
      'aria-label': this.settings.strings.chatTitle,
      maxlength: 200,
      placeholder: title,
      'data-focus-key': `${thread.id}:title`,
    });
    let done = false;
    input.addEventListener('input', () => {
      this.editingValue = input.value;
    });
    const save = () => {
      // A re-render replaces the input; only the one on screen decides.
      if (done || !input.isConnected) return;
      done = true;
      this.editingId = null;
      const next = input.value.trim();
      if (next && next !== thread.title) this.host.onRename(thread.id, next);
      this.draw();
      this.focusRow(thread.id, 'rename');
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        save();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        done = true;
        this.cancel(thread.id, 'rename');
      }
    });
    input.addEventListener('blur', save);
    return h('li', { class: 'thread-row editing', 'data-thread-id': thread.id }, input);
  }

  private cancel(threadId: string, focus: 'rename' | 'delete'): void {
    this.editingId = null;
    this.confirmingId = null;
    this.draw();
    this.focusRow(threadId, focus);
  }

  private focusRow(threadId: string, button: string): void {
    this.element.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(`${threadId}:${button}`)}"]`)?.focus();
  }
}

function formatDate(timestamp: string, locale: string | undefined): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return '';
  const today = new Date();
  try {
    return date.toDateString() === today.toDateString()
      ? date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
      : date.toLocaleDateString(locale, { month: 'short', day: 'numeric' });
  } catch {
    // A locale the browser does not know: its own default.
    return date.toLocaleDateString();
  }
}

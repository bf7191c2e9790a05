/**
 * The conversation column: one element per visible item (re-rendered at most once per frame while
 * it streams), then notices and errors of the current view, and the start screen for a new thread.
 * It keeps the view pinned to the bottom while the user is reading the newest content.
 */
import type { NoticeEvent, ThreadItem } from 'chatkit-local';
import { h, keepFocus } from './dom.ts';
import { icon, type IconKey } from './icons.ts';
import { renderItem, type ItemViewContext } from './items/index.ts';
import { renderMarkdown } from './markdown/index.ts';

/** A suggestion on the start screen. */
export interface Suggestion {
  label: string;
  prompt: string;
  icon: IconKey;
}

/** What the list asks of the chat. */
export interface MessageListHost {
  /** The view context for one item. */
  contextFor(item: ThreadItem): ItemViewContext;
  /** The current items, oldest first. */
  items(): ThreadItem[];
  onSuggestion(prompt: string): void;
  onRetryError(): void;
}

const PIN_THRESHOLD_PX = 96;

/**
 * An item's view, rendered on its own: an item whose view fails (malformed stored data, a renderer
 * bug) shows a short note instead, and never stops the others from rendering or the thread from
 * opening.
 */
function safeRender(item: ThreadItem, context: ItemViewContext): HTMLElement | null {
  try {
    return renderItem(item, context);
  } catch {
    return h('div', { class: 'item-error', role: 'note' }, icon('warning'), 'This message could not be displayed.');
  }
}

export class MessageList {
  /** The scrolling element. */
  readonly element: HTMLElement;
  private readonly column: HTMLElement;
  private readonly itemsElement: HTMLElement;
  private readonly transient: HTMLElement;
  private readonly views = new Map<string, HTMLElement>();
  private readonly dirty = new Set<string>();
  private frame = 0;

  constructor(
    private readonly host: MessageListHost,
    private readonly suggestions: Suggestion[],
  ) {
    this.itemsElement = h('div', { class: 'items' });
    this.transient = h('div', { class: 'transient' });
    this.column = h('div', { class: 'column' }, this.itemsElement, this.transient);
    this.element = h(
      'div',
      { class: 'messages', role: 'log', 'aria-label': 'Conversation', 'aria-live': 'off', tabindex: '0' },
      this.column,
    );
  }

  /** Renders every item again (another thread was opened). */
  renderAll(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.dirty.clear();
    this.views.clear();
    this.itemsElement.replaceChildren();
    this.transient.replaceChildren();
    for (const item of this.host.items()) this.renderOne(item);
    this.updateStartScreen();
    this.markLatest();
    this.element.scrollTop = this.element.scrollHeight;
  }

  /** Schedules an item to be (re-)rendered on the next frame. */
  update(itemId: string): void {
    this.dirty.add(itemId);
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  /** Re-renders every item now (the busy state or theme changed). */
  refreshAll(): void {
    for (const item of this.host.items()) this.dirty.add(item.id);
    this.flush();
  }

  /** Removes an item's element. */
  remove(itemId: string): void {
    this.views.get(itemId)?.remove();
    this.views.delete(itemId);
    this.dirty.delete(itemId);
    this.markLatest();
  }

  /** Shows a notice from the server. */
  addNotice(notice: NoticeEvent): void {
    const level = notice.level;
    const iconName: IconKey = level === 'danger' ? 'alert' : level === 'warning' ? 'warning' : 'info';
    this.addTransient(
      h(
        'div',
        { class: 'notice', 'data-level': level, role: level === 'info' ? 'status' : 'alert' },
        icon(iconName),
        h(
          'div',
          null,
          notice.title ? h('div', { class: 'notice-title' }, notice.title) : null,
          h('div', { class: 'markdown' }, renderMarkdown(notice.message)),
        ),
      ),
    );
  }

  /** Shows an error, with a Retry button when retrying may help. */
  addError(message: string, retry: boolean): void {
    this.addTransient(
      h(
        'div',
        { class: 'error-banner', role: 'alert' },
        icon('alert'),
        h('div', { class: 'error-text' }, message),
        retry
          ? h(
              'button',
              { type: 'button', class: 'button secondary', onclick: () => this.host.onRetryError() },
              icon('retry'),
              'Retry',
            )
          : null,
      ),
    );
  }

  /** Removes notices and errors (a new request started). */
  clearTransient(): void {
    this.transient.replaceChildren();
  }

  private addTransient(element: HTMLElement): void {
    const pinned = this.isPinned();
    this.transient.append(element);
    if (pinned) this.element.scrollTop = this.element.scrollHeight;
  }

  private flush(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const pinned = this.isPinned();
    const byId = new Map(this.host.items().map((item) => [item.id, item]));
    keepFocus(this.itemsElement, () => {
      for (const id of this.dirty) {
        const item = byId.get(id);
        if (item) this.renderOne(item);
      }
    });
    this.dirty.clear();
    this.updateStartScreen();
    this.markLatest();
    if (pinned) this.element.scrollTop = this.element.scrollHeight;
  }

  private renderOne(item: ThreadItem): void {
    const view = safeRender(item, this.host.contextFor(item));
    const old = this.views.get(item.id);
    if (!view) {
      old?.remove();
      this.views.delete(item.id);
      return;
    }
    const wrapper = h('div', { class: 'item', 'data-item-id': item.id, 'data-item-type': item.type }, view);
    if (old) {
      old.replaceWith(wrapper);
    } else {
      // New items go after the element of the item before them (items can be replaced in place).
      const items = this.host.items();
      const index = items.findIndex((candidate) => candidate.id === item.id);
      const next = items
        .slice(index + 1)
        .map((candidate) => this.views.get(candidate.id))
        .find(Boolean);
      this.itemsElement.insertBefore(wrapper, next ?? null);
    }
    this.views.set(item.id, wrapper);
  }

  /** Marks the newest assistant message: only it offers Retry. */
  private markLatest(): void {
    const assistants = this.itemsElement.querySelectorAll<HTMLElement>('.item[data-item-type="assistant_message"]');
    assistants.forEach((element, index) => element.toggleAttribute('data-latest', index === assistants.length - 1));
  }

  private updateStartScreen(): void {
    const empty = this.views.size === 0 && this.host.items().length === 0;
    const existing = this.column.querySelector('.start-screen');
    if (empty && !existing) this.column.prepend(this.startScreen());
    if (!empty) existing?.remove();
  }

  private startScreen(): HTMLElement {
    return h(
      'div',
      { class: 'start-screen' },
      h('div', { class: 'start-badge', 'aria-hidden': 'true' }, icon('sparkle')),
      h('h2', null, 'What can I help with today?'),
      h(
        'p',
        { class: 'muted' },
        'A scripted assistant answers from a Web Worker in this tab. Your chats stay in this browser: no server, no network.',
      ),
      h(
        'div',
        { class: 'suggestions' },
        this.suggestions.map((suggestion) =>
          h(
            'button',
            { type: 'button', class: 'suggestion', onclick: () => this.host.onSuggestion(suggestion.prompt) },
            icon(suggestion.icon),
            h('span', null, suggestion.label),
            h('code', null, suggestion.prompt),
          ),
        ),
      ),
    );
  }

  private isPinned(): boolean {
    const { scrollTop, scrollHeight, clientHeight } = this.element;
    return scrollHeight - scrollTop - clientHeight < PIN_THRESHOLD_PX;
  }
}

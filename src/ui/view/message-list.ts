/**
 * The conversation column: one element per visible item (re-rendered at most once per frame while
 * it streams), the notices and errors of the current response where they arrived (after the items
 * shown at that moment), and the start screen for a new thread. It follows the newest content while
 * the user reads at the bottom (`autoScroll`), and otherwise offers a button to jump there.
 */
import { h, keepFocus } from '../dom.ts';
import { icon, widgetIcon, type IconKey } from '../icons.ts';
import { renderItem, type ItemViewContext } from '../items/index.ts';
import type { TurnInfo } from '../items/context.ts';
import { renderMarkdown } from '../markdown/index.ts';
import type { ChatKitLocalStrings } from '../strings.ts';
import type { NoticeEvent, ThreadItem } from '../wire.ts';

/** A prompt on the start screen. */
export interface StartPrompt {
  label: string;
  icon: string | undefined;
  /** Sends the prompt. */
  run(): void;
}

/** The start screen's content. */
export interface StartScreen {
  greeting: string;
  description: string | undefined;
  prompts: StartPrompt[];
}

/** What the list asks of the chat. */
export interface MessageListHost {
  /** The view context for one item. */
  contextFor(item: ThreadItem, turn: TurnInfo | undefined): ItemViewContext;
  /** The current items, oldest first. */
  items(): ThreadItem[];
  /** The current strings. */
  strings(): ChatKitLocalStrings;
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
    return h('div', { class: 'item-error', role: 'note' }, icon('warning'), context.strings.itemFailed);
  }
}

/** Turn information for every assistant message: which one ends its turn, and the turn's messages. */
export function turnsOf(items: ThreadItem[]): Map<string, TurnInfo> {
  const turns = new Map<string, TurnInfo>();
  let current: { ids: string[]; texts: string[] } = { ids: [], texts: [] };
  const lastUser = items.findLastIndex((item) => item.type === 'user_message');
  const close = (latest: boolean) => {
    current.ids.forEach((id, index) => {
      turns.set(id, {
        end: index === current.ids.length - 1,
        messageIds: current.ids,
        text: current.texts.join('\n\n'),
        latest,
      });
    });
    current = { ids: [], texts: [] };
  };
  items.forEach((item, index) => {
    if (item.type === 'user_message') close(false);
    else if (item.type === 'assistant_message') {
      current.ids.push(item.id);
      current.texts.push(textOf(item));
    }
    if (index === items.length - 1) close(index >= lastUser);
  });
  return turns;
}

/** A message's text for Copy; a malformed item (its view shows a note) gives none. */
function textOf(item: Extract<ThreadItem, { type: 'assistant_message' }>): string {
  try {
    return item.content.map((part) => part.text).join('\n\n');
  } catch {
    return '';
  }
}

/** Whether two turn informations render the same. */
function sameTurn(a: TurnInfo | undefined, b: TurnInfo | undefined): boolean {
  return a?.end === b?.end && a?.latest === b?.latest && a?.messageIds.join() === b?.messageIds.join();
}

export class MessageList {
  /** The scrolling element. */
  readonly element: HTMLElement;
  /** The list and its jump button, for the layout. */
  readonly container: HTMLElement;
  private readonly column: HTMLElement;
  private readonly itemsElement: HTMLElement;
  private readonly jumpButton: HTMLButtonElement;
  private readonly views = new Map<string, HTMLElement>();
  private readonly dirty = new Set<string>();
  private turns = new Map<string, TurnInfo>();
  private startScreen: StartScreen = { greeting: '', description: undefined, prompts: [] };
  private frame = 0;
  /** Follow new content while the user is at the bottom. */
  autoScroll = true;
  /** Whether the user was at the bottom when they last scrolled. */
  private pinned = true;
  /** Where the list last scrolled itself to, to tell its own scrolls (and clamps) from the user's. */
  private ownScrollTop = 0;

  constructor(private readonly host: MessageListHost) {
    this.itemsElement = h('div', { class: 'items' });
    this.column = h('div', { class: 'column' }, this.itemsElement);
    this.element = h('div', { class: 'messages', role: 'log', 'aria-live': 'off', tabindex: '0' }, this.column);
    this.jumpButton = h(
      'button',
      { type: 'button', class: 'jump-button', hidden: true, onclick: () => this.scrollToEnd() },
      icon('arrowDown'),
    );
    this.element.addEventListener(
      'scroll',
      () => {
        // A scroll event arrives a frame late: by then an image may have grown the content under
        // the list's own scroll to the end, which is no reason to stop following.
        if (this.element.scrollTop !== this.ownScrollTop) this.pinned = this.isPinned();
        this.updateJumpButton();
      },
      { passive: true },
    );
    // Content that grows after it was rendered (an image that loads, a widget that lays out, a
    // narrower window) keeps a reader who was at the bottom there.
    new ResizeObserver(() => {
      if (this.pinned && this.autoScroll && this.views.size > 0) this.scrollToEnd();
      else this.updateJumpButton();
    }).observe(this.column);
    this.container = h('div', { class: 'messages-frame' }, this.element, this.jumpButton);
    this.applyStrings();
  }

  /** Sets the start screen shown while the thread has no items. */
  setStartScreen(screen: StartScreen): void {
    this.startScreen = screen;
    this.column.querySelector('.start-screen')?.remove();
    this.updateStartScreen();
  }

  /** Takes the current strings for the list's own labels. */
  applyStrings(): void {
    const strings = this.host.strings();
    this.element.setAttribute('aria-label', strings.conversation);
    this.jumpButton.setAttribute('aria-label', strings.jumpToLatest);
    this.jumpButton.title = strings.jumpToLatest;
  }

  /** Renders every item again (another thread was opened, or the options changed). */
  renderAll(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.dirty.clear();
    this.views.clear();
    this.itemsElement.replaceChildren();
    const items = this.host.items();
    this.turns = turnsOf(items);
    for (const item of items) this.renderOne(item);
    this.column.querySelector('.start-screen')?.remove();
    this.updateStartScreen();
    // A thread opens at its newest message; the start screen at its top (its greeting first).
    if (this.views.size > 0) this.scrollToEnd();
    else {
      this.element.scrollTop = this.ownScrollTop = 0;
      this.pinned = true;
      this.updateJumpButton();
    }
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
    this.update(itemId); // the turns around it may change
  }

  /** Scrolls to the newest content. */
  scrollToEnd(): void {
    this.element.scrollTop = this.element.scrollHeight;
    this.ownScrollTop = this.element.scrollTop;
    this.pinned = true;
    this.updateJumpButton();
  }

  /** Shows a notice from the server, after the items shown so far. */
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
          h('div', { class: 'markdown' }, renderMarkdown(notice.message, this.host.strings())),
        ),
      ),
    );
  }

  /** Shows an error, with a Retry button when retrying may help. */
  addError(message: string, retry: boolean): void {
    const strings = this.host.strings();
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
              strings.retry,
            )
          : null,
      ),
    );
  }

  /** Removes notices and errors (a new request started). */
  clearTransient(): void {
    for (const element of this.itemsElement.querySelectorAll(':scope > .transient')) element.remove();
  }

  private addTransient(element: HTMLElement): void {
    const pinned = this.pinned || this.isPinned();
    element.classList.add('transient');
    // Where it arrived: after everything shown now, so a reply streamed later comes after it.
    this.itemsElement.append(element);
    this.updateStartScreen();
    if (pinned) this.scrollToEnd();
    else this.updateJumpButton();
  }

  private flush(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const pinned = this.pinned || this.isPinned();
    const items = this.host.items();
    const turns = turnsOf(items);
    // A message whose place in its turn changed (it is no longer the turn's last) renders again.
    for (const [id, turn] of turns) if (!sameTurn(turn, this.turns.get(id))) this.dirty.add(id);
    for (const id of this.turns.keys()) if (!turns.has(id)) this.dirty.add(id);
    this.turns = turns;
    const byId = new Map(items.map((item) => [item.id, item]));
    keepFocus(this.itemsElement, () => {
      for (const id of this.dirty) {
        const item = byId.get(id);
        if (item) this.renderOne(item);
      }
    });
    this.dirty.clear();
    this.updateStartScreen();
    if (pinned && this.autoScroll) this.scrollToEnd();
    else this.updateJumpButton();
  }

  private renderOne(item: ThreadItem): void {
    const view = safeRender(item, this.host.contextFor(item, this.turns.get(item.id)));
    const old = this.views.get(item.id);
    if (!view) {
      old?.remove();
      this.views.delete(item.id);
      return;
    }
    const wrapper = h('div', { class: 'item', 'data-item-id': item.id, 'data-item-type': item.type }, view);
    const turn = this.turns.get(item.id);
    if (turn?.latest && turn.end) wrapper.setAttribute('data-latest', '');
    if (old) {
      old.replaceWith(wrapper);
    } else {
      // New items go before the element of the item after them (items can be replaced in place), or
      // at the end, after the notices that came before them.
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

  private updateStartScreen(): void {
    const empty = this.views.size === 0 && this.host.items().length === 0 && this.itemsElement.childElementCount === 0;
    const existing = this.column.querySelector('.start-screen');
    if (empty && !existing) this.column.prepend(this.buildStartScreen());
    if (!empty) existing?.remove();
  }

  private buildStartScreen(): HTMLElement {
    const { greeting, description, prompts } = this.startScreen;
    const strings = this.host.strings();
    return h(
      'div',
      { class: 'start-screen' },
      h('div', { class: 'start-badge', 'aria-hidden': 'true' }, icon('sparkle')),
      h('h2', null, greeting),
      description ? h('p', { class: 'muted' }, description) : null,
      prompts.length > 0
        ? h(
            'ul',
            { class: 'suggestions', 'aria-label': strings.suggestions },
            prompts.map((prompt) =>
              h(
                'li',
                null,
                h(
                  'button',
                  { type: 'button', class: 'suggestion', onclick: () => prompt.run() },
                  widgetIcon(prompt.icon ?? 'sparkle'),
                  h('span', null, prompt.label),
                ),
              ),
            ),
          )
        : null,
    );
  }

  private isPinned(): boolean {
    const { scrollTop, scrollHeight, clientHeight } = this.element;
    return scrollHeight - scrollTop - clientHeight < PIN_THRESHOLD_PX;
  }

  private updateJumpButton(): void {
    this.jumpButton.hidden = this.isPinned() || this.views.size === 0;
  }
}

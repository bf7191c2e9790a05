/** Widget roots and list rows: Card (footer actions, `asForm`), ListView (with `limit`), ListViewItem, Basic. */
import { h } from '../dom.ts';
import type { ComponentRenderer, RenderContext } from './context.ts';
import { collectValues } from './form-values.ts';
import { format } from '../strings.ts';
import { applyBorder, applySpacing, colorValue, spacingValue } from './style.ts';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export const Card: ComponentRenderer = (node, context) => {
  const asForm = node.asForm === true;
  const card = asForm ? h('form', { class: 'w-card' }) : h('div', { class: 'w-card' });
  card.dataset.size = str(node.size) || 'md';
  const background = colorValue(node.background, context.theme);
  if (background) card.style.background = background;
  applyBorder(card.style, node.border, context.theme);
  const body = h('div', { class: 'w-card-body' }, context.renderChildren(node.children));
  if (node.padding !== undefined && node.padding !== null) applySpacing(body.style, 'padding', node.padding);

  const confirm = node.confirm as { label?: unknown; action?: unknown } | null | undefined;
  const cancel = node.cancel as { label?: unknown; action?: unknown } | null | undefined;
  let footer: HTMLElement | null = null;
  if (confirm || cancel) {
    footer = h('div', { class: 'w-card-footer' });
    if (cancel) {
      const button = h(
        'button',
        { type: 'button', class: 'w-button', 'data-color': 'secondary', 'data-variant': 'soft', 'data-size': 'md' },
        str(cancel.label) || context.strings.cancel,
      );
      button.addEventListener('click', () => context.dispatch(cancel.action, button, { loading: 'self' }));
      footer.appendChild(button);
    }
    if (confirm) {
      const button = h(
        'button',
        {
          type: asForm ? 'submit' : 'button',
          class: 'w-button',
          'data-color': 'primary',
          'data-variant': 'solid',
          'data-size': 'md',
        },
        str(confirm.label) || context.strings.confirm,
      );
      if (!asForm)
        button.addEventListener('click', () => context.dispatch(confirm.action, button, { loading: 'container' }));
      footer.appendChild(button);
    }
  }
  if (asForm) {
    card.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!(card as HTMLFormElement).reportValidity()) return;
      context.dispatch(confirm?.action, card, { values: collectValues(card), loading: 'container' });
    });
  }

  if (node.collapsed === true) {
    card.append(h('details', { class: 'w-collapsed' }, h('summary', null, context.strings.showDetails), body, footer));
  } else {
    card.append(body);
    if (footer) card.append(footer);
  }
  return card;
};

/**
 * A list, showing `limit` rows until the user asks for more. That choice outlives the rendering: a
 * row's action that makes the server replace the widget leaves the list expanded, so the row stays
 * in view.
 */
export const ListView: ComponentRenderer = (node, context) => {
  const key = context.listKey();
  const rows = context.renderChildren(node.children);
  const list = h('div', { class: 'w-list', role: 'list' }, rows);
  const limit = typeof node.limit === 'number' && node.limit > 0 ? node.limit : null;
  if (limit !== null && rows.length > limit && !context.expandedLists.has(key)) {
    rows.slice(limit).forEach((row) => ((row as HTMLElement).hidden = true));
    const more = h(
      'button',
      { type: 'button', class: 'w-list-more' },
      format(context.strings.showMore, { count: rows.length - limit }),
    );
    more.addEventListener('click', () => {
      context.expandedLists.add(key);
      rows.forEach((row) => ((row as HTMLElement).hidden = false));
      more.remove();
      // The first row that was hidden takes the focus, where the button was.
      (rows[limit] as HTMLElement | undefined)?.querySelector<HTMLElement>('[tabindex], button, a, input')?.focus();
    });
    list.appendChild(more);
  }
  return list;
};

export const ListViewItem: ComponentRenderer = (node, context) => {
  const row = h('div', { class: 'w-list-item', role: 'listitem' });
  const content = h('div', { class: 'w-list-item-content w-row' }, context.renderChildren(node.children));
  const gap = spacingValue(node.gap);
  if (gap) content.style.gap = gap;
  if (typeof node.align === 'string')
    content.style.alignItems = node.align === 'start' ? 'flex-start' : node.align === 'end' ? 'flex-end' : node.align;
  if (node.onClickAction) {
    content.setAttribute('role', 'button');
    content.tabIndex = 0;
    content.classList.add('is-clickable');
    const run = () => {
      if (!content.hasAttribute('aria-busy')) context.dispatch(node.onClickAction, content, { loading: 'self' });
    };
    content.addEventListener('click', run);
    content.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        run();
      }
    });
  }
  row.appendChild(content);
  return row;
};

export const Basic: ComponentRenderer = (node, context: RenderContext) =>
  h('div', { class: 'w-basic w-col' }, context.renderChildren(node.children));

/** Layout components: Box, Row, Col, Form, Divider, Spacer, Transition. */
import type { WidgetComponent } from '../wire.ts';
import { h } from '../dom.ts';
import type { ComponentRenderer, RenderContext } from './context.ts';
import { collectValues } from './form-values.ts';
import { applyBoxProps, colorValue, spacingValue } from './style.ts';

function box(
  element: HTMLElement,
  direction: 'row' | 'col',
  node: WidgetComponent,
  context: RenderContext,
): HTMLElement {
  element.classList.add('w-box', direction === 'row' ? 'w-row' : 'w-col');
  applyBoxProps(element.style, node, context.theme);
  element.append(...context.renderChildren(node.children));
  return element;
}

export const Box: ComponentRenderer = (node, context) =>
  box(h('div'), node.direction === 'row' ? 'row' : 'col', node, context);

export const Row: ComponentRenderer = (node, context) => box(h('div'), 'row', node, context);

export const Col: ComponentRenderer = (node, context) => box(h('div'), 'col', node, context);

/** A form: submitting it (a `submit` button, or Enter in a field) sends `onSubmitAction` with every field's value. */
export const Form: ComponentRenderer = (node, context) => {
  const form = h('form', { class: 'w-form', novalidate: false });
  box(form, node.direction === 'row' ? 'row' : 'col', node, context);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    context.dispatch(node.onSubmitAction, form, { values: collectValues(form), loading: 'container' });
  });
  return form;
};

export const Divider: ComponentRenderer = (node, context) => {
  const divider = h('hr', { class: 'w-divider' });
  const color = colorValue(node.color, context.theme);
  if (color) divider.style.borderTopColor = color;
  if (typeof node.size === 'number') divider.style.borderTopWidth = `${node.size}px`;
  const spacing = spacingValue(node.spacing);
  if (spacing) divider.style.margin = `${spacing} 0`;
  if (node.flush === true) divider.classList.add('w-flush');
  return divider;
};

export const Spacer: ComponentRenderer = (node) => {
  const spacer = h('div', { class: 'w-spacer', 'aria-hidden': 'true' });
  const min = spacingValue(node.minSize);
  if (min) spacer.style.minWidth = spacer.style.minHeight = min;
  return spacer;
};

export const Transition: ComponentRenderer = (node, context) =>
  h('div', { class: 'w-transition' }, context.renderChildren(node.children));

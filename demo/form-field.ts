/**
 * The labelled fields of the demo's settings dialog (its model settings and its encryption section):
 * a label, an input and what goes under it, and the error shown below a field, which the input
 * points to and is marked invalid by.
 */
import { h, type Child } from './dom.ts';

/** A field: `label` for the input with id `inputId`, then the input, hints and error. */
export function field(inputId: string, label: string, ...children: Child[]): HTMLDivElement {
  return h('div', { class: 'field' }, h('label', { for: inputId }, label), ...children);
}

/** The (initially hidden) error line of a field; give its `id` in the input's `aria-describedby`. */
export function fieldError(id: string): HTMLElement {
  return h('p', { class: 'field-error', id, hidden: true });
}

/** Shows `message` under `input` (marking it invalid), or clears it for null. */
export function showFieldError(input: HTMLInputElement, error: HTMLElement, message: string | null): void {
  error.textContent = message ?? '';
  error.hidden = message === null;
  if (message === null) input.removeAttribute('aria-invalid');
  else input.setAttribute('aria-invalid', 'true');
}

/**
 * Interactive components: Button and the form fields (Input, Textarea, Select, DatePicker,
 * Checkbox, RadioGroup). Fields are native controls, so keyboard use, validation and autofill
 * work as in any form; their `name` is the key their value is sent under.
 */
import type { WidgetComponent } from '../wire.ts';
import { h } from '../dom.ts';
import { widgetIcon } from '../icons.ts';
import type { ComponentRenderer, RenderContext } from './context.ts';
import { setPath, type JsonObject } from './form-values.ts';

const str = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

export const Button: ComponentRenderer = (node, context) => {
  const submit = node.submit === true;
  const legacyStyle = str(node.style);
  const button = h(
    'button',
    {
      type: submit ? 'submit' : 'button',
      class: 'w-button',
      'data-color': str(node.color) || (legacyStyle === 'secondary' ? 'secondary' : 'primary'),
      'data-variant': str(node.variant) || (legacyStyle === 'secondary' ? 'soft' : 'solid'),
      'data-size': str(node.size) || 'md',
      'data-pill': node.pill === true,
      'data-block': node.block === true,
      'data-uniform': node.uniform === true,
      disabled: node.disabled === true,
    },
    node.iconStart ? widgetIcon(str(node.iconStart)) : null,
    str(node.label) ? h('span', null, str(node.label)) : null,
    node.iconEnd ? widgetIcon(str(node.iconEnd)) : null,
  );
  if (!str(node.label) && node.iconStart) button.setAttribute('aria-label', str(node.iconStart));
  if (!submit) {
    button.addEventListener('click', () => context.dispatch(node.onClickAction, button, { loading: 'self' }));
  }
  return button;
};

function field<T extends HTMLElement>(element: T, node: WidgetComponent): T {
  element.classList.add('w-field');
  element.dataset.variant = str(node.variant) || 'outline';
  element.dataset.size = str(node.size) || 'md';
  if (node.pill === true) element.dataset.pill = '';
  if (node.block === true) element.dataset.block = '';
  return element;
}

/** Sends a field's `onChangeAction` with its value under its name. */
function onChange(element: HTMLElement, node: WidgetComponent, context: RenderContext, value: () => unknown): void {
  if (!node.onChangeAction) return;
  element.addEventListener('change', () => {
    const values: JsonObject = {};
    setPath(values, str(node.name), value());
    context.dispatch(node.onChangeAction, element, { values, loading: 'none' });
  });
}

export const Input: ComponentRenderer = (node, context) => {
  const type = /^(number|email|text|password|tel|url)$/.test(str(node.inputType)) ? str(node.inputType) : 'text';
  const name = str(node.name);
  return field(
    h('input', {
      class: 'w-input',
      type,
      name,
      id: context.fieldId(name),
      value: str(node.defaultValue),
      placeholder: str(node.placeholder) || null,
      required: node.required === true,
      pattern: str(node.pattern) || null,
      disabled: node.disabled === true,
      autofocus: node.autoFocus === true,
      autocomplete: node.allowAutofillExtensions === true ? 'on' : 'off',
      'aria-label': str(node.placeholder) || name,
    }),
    node,
  );
};

export const Textarea: ComponentRenderer = (node, context) => {
  const name = str(node.name);
  const textarea = field(
    h(
      'textarea',
      {
        class: 'w-input w-textarea',
        name,
        id: context.fieldId(name),
        rows: typeof node.rows === 'number' ? node.rows : 3,
        placeholder: str(node.placeholder) || null,
        required: node.required === true,
        disabled: node.disabled === true,
        'aria-label': str(node.placeholder) || name,
      },
      str(node.defaultValue),
    ),
    node,
  );
  if (node.autoResize === true) {
    const maxRows = typeof node.maxRows === 'number' ? node.maxRows : 12;
    textarea.addEventListener('input', () => {
      textarea.style.height = 'auto';
      textarea.style.height = `${Math.min(textarea.scrollHeight, maxRows * 24)}px`;
    });
  }
  return textarea;
};

export const Select: ComponentRenderer = (node, context) => {
  const name = str(node.name);
  const options = Array.isArray(node.options) ? (node.options as Record<string, unknown>[]) : [];
  const defaultValue = str(node.defaultValue);
  const select = field(
    h(
      'select',
      {
        class: 'w-input w-select',
        name,
        id: context.fieldId(name),
        disabled: node.disabled === true,
        'aria-label': str(node.placeholder) || name,
      },
      h(
        'option',
        { value: '', disabled: node.clearable !== true, selected: !defaultValue },
        str(node.placeholder) || context.strings.choose,
      ),
      options.map((option) =>
        h(
          'option',
          {
            value: str(option.value),
            disabled: option.disabled === true,
            selected: str(option.value) === defaultValue,
            title: str(option.description) || null,
          },
          str(option.label) || str(option.value),
        ),
      ),
    ),
    node,
  );
  onChange(select, node, context, () => select.value);
  return select;
};

export const DatePicker: ComponentRenderer = (node, context) => {
  const name = str(node.name);
  const day = (value: unknown) => str(value).slice(0, 10) || null;
  const input = field(
    h('input', {
      class: 'w-input w-date',
      type: 'date',
      name,
      id: context.fieldId(name),
      value: day(node.defaultValue),
      min: day(node.min),
      max: day(node.max),
      disabled: node.disabled === true,
      'aria-label': str(node.placeholder) || name,
    }),
    node,
  );
  onChange(input, node, context, () => input.value);
  return input;
};

export const Checkbox: ComponentRenderer = (node, context) => {
  const name = str(node.name);
  const input = h('input', {
    type: 'checkbox',
    name,
    id: context.fieldId(name),
    checked: node.defaultChecked === true,
    disabled: node.disabled === true,
    required: node.required === true,
  });
  onChange(input, node, context, () => input.checked);
  return h('label', { class: 'w-checkbox' }, input, h('span', null, str(node.label)));
};

export const RadioGroup: ComponentRenderer = (node, context) => {
  const name = str(node.name);
  const options = Array.isArray(node.options) ? (node.options as Record<string, unknown>[]) : [];
  const group = h(
    'div',
    {
      class: `w-radio-group${node.direction === 'row' ? ' w-row' : ' w-col'}`,
      role: 'radiogroup',
      'aria-label': str(node.ariaLabel) || name,
      id: context.fieldId(name),
    },
    options.map((option) =>
      h(
        'label',
        { class: 'w-radio' },
        h('input', {
          type: 'radio',
          name,
          value: str(option.value),
          checked: str(option.value) === str(node.defaultValue),
          disabled: node.disabled === true || option.disabled === true,
          required: node.required === true,
        }),
        h('span', null, str(option.label) || str(option.value)),
      ),
    ),
  );
  onChange(group, node, context, () => group.querySelector<HTMLInputElement>('input:checked')?.value ?? null);
  return group;
};

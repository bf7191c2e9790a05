/** Widget components that show content: Text, Title, Caption, Markdown, Badge, Label, Icon, Image. */
import type { WidgetComponent } from '../wire.ts';
import { h } from '../dom.ts';
import { widgetIcon } from '../icons.ts';
import { renderMarkdown } from '../markdown/index.ts';
import { safeImageSrc } from '../urls.ts';
import type { ComponentRenderer, RenderContext } from './context.ts';
import { applySizing, applySpacing, colorValue, lengthValue, radiusValue } from './style.ts';

const str = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

/** Typography props shared by Text, Title, Caption and Label. */
function typography(element: HTMLElement, node: WidgetComponent, context: RenderContext): HTMLElement {
  const color = colorValue(node.color, context.theme);
  if (color) element.style.color = color;
  if (typeof node.weight === 'string') element.dataset.weight = node.weight;
  if (typeof node.size === 'string') element.dataset.size = node.size;
  if (typeof node.textAlign === 'string')
    element.style.textAlign = node.textAlign === 'end' ? 'end' : node.textAlign === 'center' ? 'center' : 'start';
  if (node.truncate === true) element.classList.add('w-truncate');
  const maxLines = typeof node.maxLines === 'number' ? node.maxLines : null;
  if (maxLines) {
    element.classList.add('w-clamp');
    element.style.setProperty('--lines', String(maxLines));
  }
  if (typeof node.minLines === 'number') element.style.minHeight = `${node.minLines * 1.5}em`;
  const width = lengthValue(node.width);
  if (width) element.style.width = width;
  return element;
}

export const Text: ComponentRenderer = (node, context) => {
  const editable = node.editable;
  if (editable && typeof editable === 'object') {
    const field = editable as Record<string, unknown>;
    const name = str(field.name);
    const input = h('input', {
      type: 'text',
      class: 'w-input w-text-edit',
      name,
      id: context.fieldId(name),
      value: str(node.value),
      placeholder: str(field.placeholder) || null,
      required: field.required === true,
      pattern: str(field.pattern) || null,
      autocomplete: str(field.autoComplete) || 'off',
      'aria-label': str(field.placeholder) || name,
    });
    return typography(input, node, context);
  }
  const text = typography(h('p', { class: 'w-text' }, str(node.value)), node, context);
  if (node.italic === true) text.style.fontStyle = 'italic';
  if (node.lineThrough === true) text.style.textDecoration = 'line-through';
  if (node.streaming === true) text.classList.add('is-streaming');
  return text;
};

export const Title: ComponentRenderer = (node, context) =>
  typography(h('h3', { class: 'w-title' }, str(node.value)), node, context);

export const Caption: ComponentRenderer = (node, context) =>
  typography(h('p', { class: 'w-caption' }, str(node.value)), node, context);

export const Markdown: ComponentRenderer = (node, context) =>
  h(
    'div',
    { class: `w-markdown markdown${node.streaming === true ? ' is-streaming' : ''}` },
    renderMarkdown(str(node.value), context.strings),
  );

export const Badge: ComponentRenderer = (node) =>
  h(
    'span',
    {
      class: 'w-badge',
      'data-color': str(node.color) || 'secondary',
      'data-variant': str(node.variant) || 'soft',
      'data-size': str(node.size) || 'sm',
      'data-pill': node.pill === true,
    },
    str(node.label),
  );

export const Label: ComponentRenderer = (node, context) =>
  typography(
    h('label', { class: 'w-label', for: context.fieldId(str(node.fieldName)) }, str(node.value)),
    node,
    context,
  );

export const Icon: ComponentRenderer = (node, context) => {
  const svg = widgetIcon(str(node.name), 'icon w-icon');
  svg.dataset.size = str(node.size) || 'md';
  const color = colorValue(node.color, context.theme);
  if (color) svg.style.color = color;
  return svg;
};

export const Image: ComponentRenderer = (node, context) => {
  const alt = str(node.alt);
  const src = safeImageSrc(str(node.src));
  let element: HTMLElement;
  if (src) {
    const image = h('img', { class: 'w-image', alt, loading: 'lazy' });
    image.src = src;
    if (typeof node.fit === 'string' && /^(cover|contain|fill|scale-down|none)$/.test(node.fit))
      image.style.objectFit = node.fit;
    if (typeof node.position === 'string' && /^[a-z ]+$/.test(node.position))
      image.style.objectPosition = node.position;
    element = image;
  } else {
    // Never fetched: only images stored in the page (data: URLs) are shown.
    element = h(
      'div',
      {
        class: 'w-image w-image-blocked',
        role: 'img',
        'aria-label': alt || context.strings.image,
        title: context.strings.imageNotLoaded,
      },
      widgetIcon('images'),
      h('span', null, alt || context.strings.image),
    );
  }
  applySizing(element.style, node);
  applySpacing(element.style, 'margin', node.margin);
  const radius = radiusValue(node.radius);
  if (radius) element.style.borderRadius = radius;
  if (node.frame === true) element.classList.add('w-framed');
  if (node.flush === true) element.classList.add('w-flush');
  return element;
};

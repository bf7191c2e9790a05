/**
 * Renders a widget from its JSON. Each component type has a renderer; an unknown type becomes a
 * small inert placeholder naming it, so a widget from a newer server still shows what it can.
 */
import { format } from '../strings.ts';
import type { WidgetComponent, WidgetComponentType, WidgetRoot } from '../wire.ts';
import { h } from '../dom.ts';
import { Chart } from './chart.ts';
import { createContext, type ComponentRenderer, type RenderContext, type WidgetHost } from './context.ts';
import { Button, Checkbox, DatePicker, Input, RadioGroup, Select, Textarea } from './controls.ts';
import { Box, Col, Divider, Form, Row, Spacer, Transition } from './layout.ts';
import { Basic, Card, ListView, ListViewItem } from './roots.ts';
import { Table, TableCell, TableRow } from './table.ts';
import { Badge, Caption, Icon, Image, Label, Markdown, Text, Title } from './text.ts';
import { widgetIcon } from '../icons.ts';
import { safeImageSrc } from '../urls.ts';

export type { WidgetHost } from './context.ts';

/** A renderer for every component of the vocabulary: a component added to the registry fails to compile here. */
const RENDERERS: Record<WidgetComponentType, ComponentRenderer> = {
  Card,
  ListView,
  ListViewItem,
  Basic,
  Text,
  Title,
  Caption,
  Markdown,
  Badge,
  Label,
  Icon,
  Image,
  Box,
  Row,
  Col,
  Form,
  Divider,
  Spacer,
  Transition,
  Button,
  Input,
  Textarea,
  Select,
  DatePicker,
  Checkbox,
  RadioGroup,
  Chart,
  Table,
  'Table.Row': TableRow,
  'Table.Cell': TableCell,
};

function renderNode(node: unknown, context: RenderContext): Node | null {
  if (!node || typeof node !== 'object' || typeof (node as WidgetComponent).type !== 'string') return null;
  const component = node as WidgetComponent;
  const renderer = Object.hasOwn(RENDERERS, component.type)
    ? RENDERERS[component.type as WidgetComponentType]
    : undefined;
  if (!renderer) {
    return h('div', { class: 'w-unknown' }, format(context.strings.unsupportedComponent, { type: component.type }));
  }
  const element = renderer(component, context);
  if (element instanceof Element && typeof component.id === 'string')
    element.setAttribute('data-component-id', component.id);
  return element;
}

/** Renders a widget root (Card, ListView or Basic) with its status line. */
export function renderWidget(root: WidgetRoot, host: WidgetHost): HTMLElement {
  const theme = root.theme === 'light' || root.theme === 'dark' ? root.theme : host.theme;
  const container = h('div', { class: 'widget', 'data-widget-type': root.type });
  if (theme !== host.theme) container.dataset.theme = theme;
  const context = createContext({ ...host, theme }, () => container, renderNode);
  const status = statusLine(root);
  if (status) container.append(status);
  const element = renderNode(root, context);
  if (element) container.append(element);
  // A field named by a Label component takes its name from it, not from the fallback aria-label.
  for (const label of container.querySelectorAll('label[for]')) {
    container.querySelector(`[id="${CSS.escape(label.getAttribute('for')!)}"]`)?.removeAttribute('aria-label');
  }
  return container;
}

/** The status line a Card or ListView may show above itself. */
function statusLine(root: WidgetRoot): HTMLElement | null {
  const value = root.status as { text?: unknown; icon?: unknown; favicon?: unknown } | null | undefined;
  if (!value || typeof value !== 'object' || typeof value.text !== 'string') return null;
  const favicon = safeImageSrc(typeof value.favicon === 'string' ? value.favicon : null);
  let marker: Element | null = null;
  if (favicon) {
    const image = h('img', { class: 'w-favicon', alt: '' });
    image.src = favicon;
    marker = image;
  } else if (typeof value.icon === 'string') {
    marker = widgetIcon(value.icon);
  }
  return h('div', { class: 'w-status' }, marker, h('span', null, value.text));
}

/** One view per thread item type; hidden and marker items render nothing. */
import type { ClientToolCallItem, GeneratedImageItem, ThreadItem, WidgetItem } from '../wire.ts';
import { h } from '../dom.ts';
import { icon } from '../icons.ts';
import { format, formatNodes } from '../strings.ts';
import { safeImageSrc } from '../urls.ts';
import { renderWidget } from '../widgets/render.ts';
import type { ItemViewContext } from './context.ts';
import { assistantMessageView, userMessageView } from './messages.ts';
import { structuredInputView } from './structured-input.ts';
import { taskItemView, workflowView } from './workflow.ts';

export type { ItemViewContext } from './context.ts';

/** The view of `item`, or null for items the user never sees. */
export function renderItem(item: ThreadItem, context: ItemViewContext): HTMLElement | null {
  switch (item.type) {
    case 'user_message':
      return userMessageView(item, context);
    case 'assistant_message':
      return assistantMessageView(item, context);
    case 'widget':
      return widgetItemView(item, context);
    case 'workflow':
      return workflowView(item, context);
    case 'task':
      return taskItemView(item, context);
    case 'client_tool_call':
      return toolCallView(item, context);
    case 'structured_input':
      return structuredInputView(item, context);
    case 'generated_image':
      return generatedImageView(item, context);
    case 'end_of_turn':
    case 'hidden_context_item':
    case 'sdk_hidden_context':
      return null;
  }
}

function widgetItemView(item: WidgetItem, context: ItemViewContext): HTMLElement {
  return renderWidget(item.widget, {
    theme: context.theme,
    strings: context.strings,
    key: item.id,
    expandedLists: context.expandedLists,
    onAction: (action) => context.onWidgetAction(item, action),
  });
}

function toolCallView(item: ClientToolCallItem, context: ItemViewContext): HTMLElement {
  const { strings } = context;
  const done = item.status === 'completed';
  return h(
    'details',
    { class: 'tool-call', 'data-status': item.status },
    h(
      'summary',
      null,
      done ? icon('tool') : h('span', { class: 'spinner', 'aria-hidden': 'true' }),
      h('span', null, formatNodes(done ? strings.ranTool : strings.runningTool, { name: h('code', null, item.name) })),
    ),
    h(
      'div',
      { class: 'tool-call-body' },
      h('div', { class: 'muted' }, strings.toolArguments),
      h('pre', null, JSON.stringify(item.arguments, null, 2)),
      done
        ? [
            h('div', { class: 'muted' }, strings.toolOutput),
            h('pre', { class: 'tool-output' }, JSON.stringify(item.output ?? null, null, 2)),
          ]
        : null,
    ),
  );
}

function generatedImageView(item: GeneratedImageItem, context: ItemViewContext): HTMLElement {
  const { strings } = context;
  const src = safeImageSrc(item.image?.url);
  if (src && !context.pending) {
    const image = h('img', { alt: strings.generatedImage });
    image.src = src;
    return h('figure', { class: 'generated-image' }, image);
  }
  const progress = Math.round((context.imageProgress ?? 0) * 100);
  const preview = src ? h('img', { alt: '', class: 'partial' }) : null;
  if (preview) preview.src = src!;
  return h(
    'figure',
    { class: 'generated-image is-pending', 'aria-busy': 'true' },
    preview ?? h('div', { class: 'image-placeholder' }, icon('image')),
    h(
      'figcaption',
      null,
      h('progress', { max: 100, value: progress, 'aria-label': strings.imageProgress }),
      ` ${format(strings.makingImage, { percent: progress })}`,
    ),
  );
}

/**
 * User and assistant messages. User text is shown as typed (plain text, never Markdown); assistant
 * text is Markdown, re-rendered as deltas arrive, with its cited sources. The actions (copy, and
 * retry and thumbs up/down when the app offers them) come once per turn, under its last message.
 */
import { h } from '../dom.ts';
import { icon } from '../icons.ts';
import { renderMarkdown } from '../markdown/index.ts';
import { format } from '../strings.ts';
import { safeImageSrc, safeLinkHref } from '../urls.ts';
import type { AssistantMessageItem, Attachment, Source, UserMessageItem } from '../wire.ts';
import type { ItemViewContext, TurnInfo } from './context.ts';

/** A user message bubble with its attachments. */
export function userMessageView(item: UserMessageItem, context: ItemViewContext): HTMLElement {
  const text = h(
    'div',
    { class: 'user-text' },
    item.content.map((part) => (part.type === 'input_text' ? part.text : tagView(part, context))),
  );
  return h(
    'div',
    { class: 'message user-message' },
    item.quoted_text ? h('blockquote', { class: 'quoted' }, item.quoted_text) : null,
    item.attachments.length > 0
      ? h(
          'div',
          { class: 'message-attachments' },
          item.attachments.map((attachment) => attachmentView(attachment, context)),
        )
      : null,
    item.content.length > 0 ? text : null,
  );
}

/** An @-mention: a button when the app handles entity clicks, else plain text. */
function tagView(
  part: Extract<UserMessageItem['content'][number], { type: 'input_tag' }>,
  context: ItemViewContext,
): HTMLElement {
  const onClick = context.onEntityClick;
  if (!onClick || !part.interactive) return h('span', { class: 'tag' }, `@${part.text}`);
  return h(
    'button',
    {
      type: 'button',
      class: 'tag',
      onclick: () => onClick({ id: part.id, title: part.text, group: part.group ?? null, data: part.data }),
    },
    `@${part.text}`,
  );
}

function attachmentView(attachment: Attachment, context: ItemViewContext): HTMLElement {
  const preview = attachment.type === 'image' ? safeImageSrc(attachment.preview_url) : null;
  const label = format(context.strings.openAttachment, { name: attachment.name });
  const button = h('button', {
    type: 'button',
    class: preview ? 'attachment-thumb' : 'attachment-chip',
    title: label,
    'aria-label': label,
    onclick: () => context.onOpenAttachment(attachment),
  });
  if (preview) {
    const image = h('img', { alt: attachment.name });
    image.src = preview;
    button.append(image);
  } else {
    button.append(icon('file'), h('span', null, attachment.name));
  }
  return button;
}

/** An assistant message: Markdown parts, sources, a "stopped" mark, and the actions at a turn's end. */
export function assistantMessageView(item: AssistantMessageItem, context: ItemViewContext): HTMLElement {
  const body = h('div', { class: 'assistant-body markdown' });
  for (const part of item.content) body.append(renderMarkdown(part.text, context.strings));
  if (context.pending) cursorTarget(body).append(h('span', { class: 'cursor', 'aria-hidden': 'true' }));
  const sources = sourcesOf(item);
  const turn = context.turn;
  return h(
    'div',
    { class: 'message assistant-message', 'data-streaming': context.pending },
    h('div', { class: 'avatar', 'aria-hidden': 'true' }, icon('sparkle')),
    h(
      'div',
      { class: 'assistant-main' },
      body,
      sources.length > 0
        ? h('ol', { class: 'sources', 'aria-label': context.strings.sources }, sources.map(sourceView))
        : null,
      context.stopped ? h('p', { class: 'stopped-mark' }, icon('stop'), context.strings.stopped) : null,
      !context.pending && turn?.end ? actionsRow(item, turn, context) : null,
    ),
  );
}

/** Where the streaming cursor goes: the end of the last text block, so it follows the words. */
function cursorTarget(body: HTMLElement): Element {
  let target: Element = body;
  while (
    target.lastElementChild &&
    /^(P|LI|UL|OL|H[1-6]|BLOCKQUOTE|TABLE|TBODY|TR|TD)$/.test(target.lastElementChild.tagName)
  ) {
    target = target.lastElementChild;
  }
  return target;
}

function actionsRow(item: AssistantMessageItem, turn: TurnInfo, context: ItemViewContext): HTMLElement {
  const { strings } = context;
  const feedbackButton = (kind: 'positive' | 'negative', label: string) =>
    h(
      'button',
      {
        type: 'button',
        class: 'icon-button',
        'aria-label': label,
        title: label,
        'aria-pressed': context.feedback === kind ? 'true' : 'false',
        'data-focus-key': `${item.id}:${kind}`,
        onclick: () => context.onFeedback(turn.messageIds, kind),
      },
      icon(kind === 'positive' ? 'thumbsUp' : 'thumbsDown'),
    );
  return h(
    'div',
    { class: 'message-actions' },
    h(
      'button',
      {
        type: 'button',
        class: 'icon-button',
        'aria-label': strings.copyMessage,
        title: strings.copyMessage,
        'data-focus-key': `${item.id}:copy`,
        onclick: () => context.onCopy(turn.text),
      },
      icon('copy'),
    ),
    context.actions.retry && turn.latest
      ? h(
          'button',
          {
            type: 'button',
            class: 'icon-button retry-button',
            'aria-label': strings.retry,
            title: strings.retry,
            disabled: context.busy,
            'data-focus-key': `${item.id}:retry`,
            onclick: () => context.onRetry(item.id),
          },
          icon('retry'),
        )
      : null,
    context.actions.feedback ? feedbackButton('positive', strings.goodResponse) : null,
    context.actions.feedback ? feedbackButton('negative', strings.badResponse) : null,
  );
}

function sourcesOf(item: AssistantMessageItem): Source[] {
  const seen = new Set<string>();
  const sources: Source[] = [];
  for (const part of item.content) {
    for (const annotation of part.annotations) {
      const source = annotation.source;
      const key = source.type === 'url' ? source.url : source.type === 'file' ? source.filename : source.id;
      if (seen.has(key)) continue;
      seen.add(key);
      sources.push(source);
    }
  }
  return sources;
}

/** One cited source: a web page (a safe link), a file or an entity. */
export function sourceView(source: Source): HTMLElement {
  if (source.type === 'url') {
    const href = safeLinkHref(source.url);
    return h(
      'li',
      { class: 'source' },
      href
        ? h('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow' }, source.title)
        : h('span', null, source.title),
      source.attribution ? h('span', { class: 'muted' }, ` · ${source.attribution}`) : null,
    );
  }
  if (source.type === 'file') return h('li', { class: 'source' }, icon('file'), ` ${source.title || source.filename}`);
  return h('li', { class: 'source' }, source.label ?? source.title);
}

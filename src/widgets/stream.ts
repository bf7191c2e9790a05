/**
 * `streamWidget`: the stream events that show a widget, as the Python SDK's `stream_widget` emits
 * them. A finished widget is one `thread.item.done`; a sequence of renderings is `thread.item.added`
 * with the first, the {@link diffWidget} updates between each rendering and the next, and
 * `thread.item.done` with the last, all under one item id and `created_at`.
 */
import { now } from '../protocol/common.ts';
import type { ThreadItemAddedEvent, ThreadItemDoneEvent, ThreadItemUpdatedEvent } from '../protocol/events.ts';
import type { WidgetItem } from '../protocol/items.ts';
import { formatPath } from '../protocol/parse.ts';
import type { ThreadMetadata } from '../protocol/thread.ts';
import { WidgetRoot } from '../protocol/widgets.ts';
import { defaultGenerateId } from '../store/ids.ts';
import type { StoreItemType } from '../store/types.ts';
import { diffWidget } from './diff.ts';
import type { WidgetRootJson } from './types.ts';

/** Options of {@link streamWidget}. */
export interface StreamWidgetOptions {
  /** What the UI's copy action copies (the item's `copy_text`). */
  copyText?: string | null | undefined;
  /**
   * Makes the item id; called once, with `"message"`, before anything else. Pass the store's
   * generator (`(type) => store.generateItemId(type, thread, context)`) to get the store's ids.
   * Default: `msg_` and 16 random hex digits.
   */
  generateId?: ((itemType: StoreItemType) => string) | undefined;
  /**
   * When the item was created (an ISO-8601 timestamp); default: now, taken when the first rendering
   * arrives. A test with a clock of its own passes that clock's time.
   */
  createdAt?: string | undefined;
}

/** The events {@link streamWidget} yields. */
export type WidgetStreamEvent = ThreadItemAddedEvent | ThreadItemUpdatedEvent | ThreadItemDoneEvent;

/**
 * Streams a widget item into `thread`. Pass a root for a finished widget, or an async iterable of
 * roots (each a complete rendering) for one that changes: only streaming-text growth is sent as
 * deltas, any other change replaces the root (see {@link diffWidget}).
 *
 * Each rendering is copied when it arrives, so a generator may mutate one object and yield it again.
 * @throws {Error} when a rendering is not a widget root (`Card`, `ListView` or `Basic`), when the
 *   iterable yields nothing, or when a rendering breaks the streaming-text rules of `diffWidget`.
 */
export async function* streamWidget(
  thread: Pick<ThreadMetadata, 'id'>,
  widget: WidgetRootJson | AsyncIterable<WidgetRootJson>,
  options: StreamWidgetOptions = {},
): AsyncGenerator<WidgetStreamEvent, void, undefined> {
  const itemId = (options.generateId ?? defaultGenerateId)('message');
  const itemFor = (root: WidgetRoot, createdAt: string): WidgetItem => ({
    id: itemId,
    thread_id: thread.id,
    created_at: createdAt,
    type: 'widget',
    widget: root,
    ...(options.copyText != null && { copy_text: options.copyText }),
  });

  if (!isAsyncIterable(widget)) {
    yield { type: 'thread.item.done', item: itemFor(snapshot(widget), options.createdAt ?? now()) };
    return;
  }

  // The item as first shown, and the rendering the client has now.
  let shown: { item: WidgetItem; last: WidgetRoot } | undefined;
  for await (const rendering of widget) {
    const next = snapshot(rendering);
    if (!shown) {
      shown = { item: itemFor(next, options.createdAt ?? now()), last: next };
      yield { type: 'thread.item.added', item: shown.item };
      continue;
    }
    for (const update of diffWidget(shown.last, next)) {
      yield { type: 'thread.item.updated', item_id: itemId, update };
    }
    shown.last = next;
  }
  if (!shown) {
    throw new Error('streamWidget: the widget iterable ended without yielding a root; yield at least one rendering.');
  }
  yield { type: 'thread.item.done', item: { ...shown.item, widget: shown.last } };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<WidgetRootJson> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * A validated deep copy of a rendering. The copy is what makes in-place mutation between yields
 * safe: diffing against the previous rendering's live object would see no change.
 */
function snapshot(root: WidgetRootJson): WidgetRoot {
  const result = WidgetRoot.safeParse(structuredClone(root));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`streamWidget: not a widget root (${formatPath(issue.path) || 'widget'}: ${issue.message}).`, {
      cause: result.error,
    });
  }
  return result.data;
}

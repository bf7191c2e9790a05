/**
 * The wire JSON of a `text_delta` update event, in pieces: most of a reply's events are text deltas,
 * and everything but the delta itself is the same for every delta of a content part, so the
 * serialiser and the SSE framer write (and encode) that part once. The pieces give exactly the
 * schema writer's text (`toWireJson(ThreadStreamEvent, event)`); the tests hold them to it.
 */
import type { ThreadStreamEvent } from './events.ts';

/** A `text_delta` update event, with the field values the text-delta writer handles. */
export type TextDeltaEvent = ThreadStreamEvent & {
  type: 'thread.item.updated';
  item_id: string;
  update: { type: 'assistant_message.content_part.text_delta'; content_index: number; delta: string };
};

/** Whether `event` is a text delta whose JSON is {@link textDeltaPrefix} + the delta's JSON + {@link TEXT_DELTA_END}. */
export function isPlainTextDelta(event: ThreadStreamEvent): event is TextDeltaEvent {
  if (event.type !== 'thread.item.updated') return false;
  const update = event.update;
  return (
    update.type === 'assistant_message.content_part.text_delta' &&
    typeof event.item_id === 'string' &&
    typeof update.delta === 'string' &&
    Number.isFinite(update.content_index)
  );
}

/**
 * The wire JSON of a text-delta event up to its `delta` value: the schema's key order, nothing
 * omitted. The same for every delta of a content part, so the last one is kept.
 */
export function textDeltaPrefix(itemId: string, contentIndex: number): string {
  if (itemId !== last.itemId || contentIndex !== last.contentIndex) {
    last.prefix =
      '{"type":"thread.item.updated","item_id":' +
      JSON.stringify(itemId) +
      ',"update":{"type":"assistant_message.content_part.text_delta","content_index":' +
      JSON.stringify(contentIndex) +
      ',"delta":';
    last.itemId = itemId;
    last.contentIndex = contentIndex;
  }
  return last.prefix;
}

const last = { itemId: '', contentIndex: Number.NaN, prefix: '' };

/** What follows the `delta` value in a text-delta event's JSON. */
export const TEXT_DELTA_END = '}}';

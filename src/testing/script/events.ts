/**
 * The stream events scripted steps are made of. Small internal helpers: the server core may grow
 * public ones (a plain-text streaming helper, event constructors) that these can then use.
 */
import type { ThreadStreamEventInput } from '../../protocol/events.ts';
import type { ThreadItemInput } from '../../protocol/items.ts';

/** `thread.item.added` for an item that will stream. */
export function itemAdded(item: ThreadItemInput): ThreadStreamEventInput {
  return { type: 'thread.item.added', item };
}

/** `thread.item.done`: the item in its final form (the server stores it). */
export function itemDone(item: ThreadItemInput): ThreadStreamEventInput {
  return { type: 'thread.item.done', item };
}

/** The opening of an assistant message's first content part, as a model-backed server sends it. */
export function textPartAdded(itemId: string): ThreadStreamEventInput {
  return {
    type: 'thread.item.updated',
    item_id: itemId,
    update: {
      type: 'assistant_message.content_part.added',
      content_index: 0,
      content: { type: 'output_text', text: '', annotations: [] },
    },
  };
}

/** Text appended to an assistant message's first content part. */
export function textDelta(itemId: string, delta: string): ThreadStreamEventInput {
  return {
    type: 'thread.item.updated',
    item_id: itemId,
    update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta },
  };
}

/** The first content part of an assistant message in its final form. */
export function textPartDone(itemId: string, text: string): ThreadStreamEventInput {
  return {
    type: 'thread.item.updated',
    item_id: itemId,
    update: {
      type: 'assistant_message.content_part.done',
      content_index: 0,
      content: { type: 'output_text', text, annotations: [] },
    },
  };
}

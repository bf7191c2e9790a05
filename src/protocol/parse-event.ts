/**
 * Validating what a responder yields against the stream event schema, on the stream's hot path.
 *
 * Most events of a reply are text deltas. For them a hand-written check of the same shape comes
 * first: when it accepts, the result is exactly what `ThreadStreamEvent.parse` returns (a new object
 * with the schema's keys, unknown keys dropped); anything it is not sure of (another event type, a
 * wrong or missing field) goes to the schema itself, which gives the verdict and the error. So every
 * event is validated against the schema's rules, and only the common case skips zod's machinery.
 * Property tests hold the two to the same answers.
 */
import { ThreadStreamEvent, type ThreadItemUpdatedEvent } from './events.ts';

/**
 * Parses one stream event as `ThreadStreamEvent.parse` does (same result, same errors).
 * @param value - what the responder yielded.
 * @throws {z.ZodError} when the value is not a valid stream event.
 */
export function parseStreamEvent(value: unknown): ThreadStreamEvent {
  return textDeltaEvent(value) ?? ThreadStreamEvent.parse(value);
}

/**
 * The parsed event when `value` is a valid `text_delta` update event; null when it is anything else,
 * valid or not (the schema decides those).
 */
export function textDeltaEvent(value: unknown): ThreadItemUpdatedEvent | null {
  // The schema's own tests: an object is any non-null, non-array object; fields are read as properties.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const event = value as Record<string, unknown>;
  if (event.type !== 'thread.item.updated') return null;
  const itemId = event.item_id;
  if (typeof itemId !== 'string') return null;
  const update = event.update;
  if (typeof update !== 'object' || update === null || Array.isArray(update)) return null;
  const fields = update as Record<string, unknown>;
  if (fields.type !== 'assistant_message.content_part.text_delta') return null;
  const contentIndex = fields.content_index;
  // `z.number().int()`: a safe integer.
  if (typeof contentIndex !== 'number' || !Number.isSafeInteger(contentIndex)) return null;
  const delta = fields.delta;
  if (typeof delta !== 'string') return null;
  return {
    type: 'thread.item.updated',
    item_id: itemId,
    update: { type: 'assistant_message.content_part.text_delta', content_index: contentIndex, delta },
  };
}

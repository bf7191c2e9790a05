/**
 * The stream's fast paths for text deltas give exactly what the schema gives:
 * - validation: `parseStreamEvent` (a hand-written check of the text-delta shape before zod) accepts,
 *   rejects and returns what `ThreadStreamEvent.parse` does, for generated near-misses of that shape
 *   and for arbitrary values;
 * - writing: `eventToJson` of a text delta is the schema writer's JSON (`toWireJson`);
 * - framing: `encodeFrame` (frames cut from a shared buffer, deltas written in pieces) gives the
 *   UTF-8 of `data: <json>\n\n`, and a frame keeps its bytes however many frames follow it.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ThreadStreamEvent, toWireJson, eventToJson } from '../../src/index.ts';
import { parseStreamEvent, textDeltaEvent } from '../../src/protocol/parse-event.ts';
import { encodeFrame, frameText } from '../../src/server/sse.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const TEXT_DELTA = 'assistant_message.content_part.text_delta';

/** The outcome of a parse: the value, or the issues of the error (which must be the same). */
function outcome(parse: (value: unknown) => unknown, value: unknown): { value: unknown } | { issues: unknown } {
  try {
    return { value: parse(value) };
  } catch (error) {
    return { issues: (error as { issues?: unknown }).issues ?? String(error) };
  }
}

/** Any value, or one of the few that decide a field's verdict. */
const fieldValue = (valid: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 12, arbitrary: valid },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        undefined,
        null,
        0,
        -0,
        1.5,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        2 ** 53,
        -(2 ** 53),
        '',
        '0',
        [],
        {},
        true,
      ),
    },
    { weight: 1, arbitrary: fc.anything() },
  );

/** Objects shaped like a text-delta event, each field valid or not, with extra keys now and then. */
const nearTextDelta = fc
  .record(
    {
      type: fieldValue(
        fc.oneof(
          { weight: 6, arbitrary: fc.constant('thread.item.updated') },
          fc.constantFrom('thread.item.added', 'thread.item.updated '),
        ),
      ),
      item_id: fieldValue(fc.string()),
      update: fieldValue(
        fc.record(
          {
            type: fieldValue(
              fc.oneof(
                { weight: 6, arbitrary: fc.constant(TEXT_DELTA) },
                fc.constant('assistant_message.content_part.added'),
              ),
            ),
            content_index: fieldValue(fc.integer({ min: -5, max: 2 ** 40 })),
            delta: fieldValue(fc.string({ unit: 'binary' })),
            extra: fc.anything(),
          },
          { requiredKeys: ['type', 'content_index', 'delta'] },
        ),
      ),
      extra: fc.anything(),
    },
    { requiredKeys: ['type', 'item_id', 'update'] },
  )
  .chain((value) =>
    fc.oneof(
      { weight: 5, arbitrary: fc.constant<unknown>(value) },
      // The same fields on an array, a class instance, or inherited from a prototype.
      fc.constant<unknown>(Object.assign([], value)),
      fc.constant<unknown>(Object.create(value)),
      fc.constant<unknown>(Object.assign(new (class Event {})(), value)),
    ),
  );

const textDelta = fc.record({
  type: fc.constant('thread.item.updated' as const),
  item_id: fc.string({ unit: 'binary' }),
  update: fc.record({
    type: fc.constant(TEXT_DELTA),
    content_index: fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
    delta: fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: fc.constantFrom('x', 'é', '\n', '"', '\\', '\u2028', '\ud800', '😀') }),
      fc.string({ minLength: 2000, maxLength: 9000 }),
    ),
  }),
}) as fc.Arbitrary<ThreadStreamEvent>;

describe('text-delta validation is the schema', () => {
  test('near misses of the shape: the same result or the same issues', () => {
    let fast = 0;
    fc.assert(
      fc.property(nearTextDelta, (value) => {
        if (textDeltaEvent(value)) fast++;
        expect(outcome(parseStreamEvent, value)).toEqual(outcome((v) => ThreadStreamEvent.parse(v), value));
      }),
      { numRuns: RUNS * 4 },
    );
    // The generator reaches the fast path often enough for the comparison to mean something.
    expect(fast).toBeGreaterThan(RUNS / 20);
  });

  test('whatever the fast check accepts, the schema accepts with the same value', () => {
    fc.assert(
      fc.property(textDelta, (value) => {
        const parsed = textDeltaEvent(value);
        expect(parsed).not.toBeNull();
        expect(parsed).toEqual(ThreadStreamEvent.parse(value));
        expect(Object.keys(parsed!)).toEqual(['type', 'item_id', 'update']);
      }),
      { numRuns: RUNS },
    );
  });

  test('arbitrary values: the same result or the same issues', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true }), (value) => {
        expect(outcome(parseStreamEvent, value)).toEqual(outcome((v) => ThreadStreamEvent.parse(v), value));
      }),
      { numRuns: RUNS },
    );
  });

  test('the result is a copy: changing the responder object later changes nothing', () => {
    const value = {
      type: 'thread.item.updated',
      item_id: 'a',
      update: { type: TEXT_DELTA, content_index: 0, delta: 'x' },
    };
    const parsed = parseStreamEvent(value);
    value.update.delta = 'changed';
    expect(parsed).toMatchObject({ update: { delta: 'x' } });
  });
});

describe('text-delta writing is the schema writer', () => {
  test('eventToJson of a text delta is toWireJson of it', () => {
    fc.assert(
      fc.property(textDelta, (event) => {
        expect(eventToJson(event)).toBe(toWireJson(ThreadStreamEvent, event));
      }),
      { numRuns: RUNS },
    );
  });

  test('frames are the UTF-8 of data: <json>, for deltas and other events', () => {
    const anyEvent = fc.oneof(
      textDelta,
      fc.constant<ThreadStreamEvent>({ type: 'progress_update', text: 'Searching… 🔎' }),
      fc.record({ type: fc.constant('notice' as const), level: fc.constant('info' as const), message: fc.string() }),
    ) as fc.Arbitrary<ThreadStreamEvent>;
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 40 }), (events) => {
        const frames = events.map(encodeFrame);
        // Checked after all are encoded: a later frame never writes over an earlier one.
        frames.forEach((frame, i) => {
          expect(frame).toEqual(new TextEncoder().encode(frameText(events[i]!)));
          expect(new TextDecoder().decode(frame)).toBe(`data: ${toWireJson(ThreadStreamEvent, events[i])}\n\n`);
        });
      }),
      { numRuns: RUNS / 5 },
    );
  });

  test('frames stay intact across many shared buffers, and when one is transferred away', () => {
    const event = (i: number): ThreadStreamEvent => ({
      type: 'thread.item.updated',
      item_id: `msg_${i % 3}`,
      update: { type: TEXT_DELTA, content_index: i % 2, delta: i % 5 ? `d${i}` : `é${i}` },
    });
    const frames = Array.from({ length: 3000 }, (_, i) => encodeFrame(event(i)));
    // Transferring a frame's buffer takes the frames that share it along (documented), and must
    // leave every later frame whole: they go to a new buffer.
    const moved = frames.at(-1)!;
    structuredClone(moved.buffer, { transfer: [moved.buffer] });
    const later = Array.from({ length: 200 }, (_, i) => encodeFrame(event(3000 + i)));
    later.forEach((frame, i) => expect(new TextDecoder().decode(frame)).toBe(frameText(event(3000 + i))));
    const gone = frames.filter((frame) => frame.byteLength === 0).length;
    expect(gone).toBeGreaterThan(0);
    expect(gone).toBeLessThan(300);
    frames.forEach((frame, i) => {
      if (frame.byteLength > 0) expect(new TextDecoder().decode(frame)).toBe(frameText(event(i)));
    });
  });
});

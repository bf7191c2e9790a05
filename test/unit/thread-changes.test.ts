import { describe, expect, test } from 'vitest';
import { sameJson } from '../../src/protocol/same-json.ts';
import { ThreadChangeTracker } from '../../src/server/thread-changes.ts';
import type { ThreadMetadata } from '../../src/index.ts';

describe('sameJson', () => {
  test.each([
    [{ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: null }, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [null, undefined, true],
    [{ a: 1 }, { a: 2 }, false],
    [{ a: 1 }, { a: 1, b: 0 }, false],
    [[1, 2], [2, 1], false],
    [[], {}, false],
    ['1', 1, false],
  ])('%j vs %j: %s', (a, b, same) => {
    expect(sameJson(a, b)).toBe(same);
    expect(sameJson(b, a)).toBe(same);
  });
});

describe('ThreadChangeTracker', () => {
  test('reports each change once, including changes deep inside metadata', () => {
    const thread: ThreadMetadata = {
      id: 't',
      created_at: '2025-01-01T00:00:00Z',
      status: { type: 'active' },
      metadata: { nested: { n: 1 } },
    };
    const tracker = new ThreadChangeTracker(thread);
    expect(tracker.takeChange()).toBe(false);
    (thread.metadata.nested as { n: number }).n = 2;
    expect(tracker.takeChange()).toBe(true);
    expect(tracker.takeChange()).toBe(false);
    thread.status = { type: 'locked', reason: 'x' };
    expect(tracker.takeChange()).toBe(true);
    thread.title = null;
    expect(tracker.takeChange()).toBe(false);
  });
});

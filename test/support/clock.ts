/**
 * A controlled clock: only `Date` is faked (timers and promises run normally), so timestamps the
 * server takes with `new Date()` are fixed and move only when a test says so.
 */
import { vi } from 'vitest';

/** Fakes `Date` at `start`; undo with `vi.useRealTimers()`. */
export function useFixedClock(start = '2025-01-02T03:04:05.000Z'): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(start));
}

/** Moves the faked clock forward. */
export function advanceClock(ms = 1000): void {
  vi.setSystemTime(new Date(Date.now() + ms));
}

/**
 * A clock for tests: every reading is a new timestamp one step after the previous one, from a fixed
 * start, so `created_at` values are the same on every run and still strictly increasing.
 */

/** Options of {@link TestClock}. */
export interface TestClockOptions {
  /** The first timestamp it gives (default `2025-01-01T00:00:00.000Z`). */
  start?: string | undefined;
  /** How far each reading moves the clock, in ms (default 1000). */
  stepMs?: number | undefined;
}

/** The default first timestamp of a {@link TestClock}. */
export const DEFAULT_CLOCK_START = '2025-01-01T00:00:00.000Z';

/** A deterministic clock; it remembers what it gave out so a store can tell its stamps apart. */
export class TestClock {
  private next: number;
  private readonly stepMs: number;
  private readonly given = new Set<string>();

  constructor(options: TestClockOptions = {}) {
    const start = Date.parse(options.start ?? DEFAULT_CLOCK_START);
    if (Number.isNaN(start)) throw new TypeError(`start: ${options.start} is not an ISO-8601 timestamp.`);
    this.next = start;
    this.stepMs = options.stepMs ?? 1000;
  }

  /** The next timestamp (ISO-8601, UTC); each call moves the clock one step. */
  now(): string {
    const timestamp = new Date(this.next).toISOString();
    this.next += this.stepMs;
    this.given.add(timestamp);
    return timestamp;
  }

  /** Whether `timestamp` came from this clock (or was {@link adopt}ed). */
  gave(timestamp: string): boolean {
    return this.given.has(timestamp);
  }

  /** Treats `timestamp` as one of this clock's, so a store keeps it as it is (seeded data). */
  adopt(timestamp: string): void {
    this.given.add(timestamp);
  }
}

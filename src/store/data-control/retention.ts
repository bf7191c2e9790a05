/**
 * Retention: deleting threads nobody has touched for a while, as a privacy policy ("chats are kept for
 * 30 days"). A thread's last activity is the `created_at` of its newest item, or the thread's own
 * `created_at` when it has no items (or when that is later). Shared by the stores that offer it.
 */

/** How a store applies retention. */
export interface RetentionOptions {
  /** Threads whose last activity is older than this many milliseconds are deleted (with their items and files). */
  maxAgeMs: number;
  /**
   * How often to check while the store is open, in milliseconds (default {@link DEFAULT_RETENTION_INTERVAL_MS},
   * one hour). Stores also check when they open.
   */
  intervalMs?: number | undefined;
  /** Called after each periodic check with the number of threads it deleted (0 included): refresh a thread list here. */
  onRun?: ((deleted: number) => void) | undefined;
  /** Called when a periodic check fails (default: `console.error`). The next check runs as planned. */
  onError?: ((error: unknown) => void) | undefined;
}

/** The default time between two retention checks: one hour. */
export const DEFAULT_RETENTION_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Checks retention options.
 * @throws {RangeError} naming the option that is not a positive number of milliseconds.
 */
export function checkRetentionOptions(options: RetentionOptions): void {
  const positive = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value > 0;
  if (!positive(options.maxAgeMs)) {
    throw new RangeError(
      `retention.maxAgeMs: expected a positive number of milliseconds, got ${String(options.maxAgeMs)}`,
    );
  }
  if (options.intervalMs !== undefined && !positive(options.intervalMs)) {
    throw new RangeError(
      `retention.intervalMs: expected a positive number of milliseconds, got ${String(options.intervalMs)}`,
    );
  }
}

/** A thread's last activity: its newest item's time, or its own creation time when that is later or there are no items. */
export function lastActivityMs(threadCreatedMs: number, newestItemMs: number | null): number {
  return newestItemMs === null ? threadCreatedMs : Math.max(threadCreatedMs, newestItemMs);
}

/**
 * Runs a retention check now and then every `intervalMs`, one at a time (a check still running when
 * the next is due makes that one skip), until {@link RetentionSchedule.stop}.
 */
export class RetentionSchedule {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running = false;

  /**
   * @param check deletes what has expired and resolves to how many threads it deleted.
   * @param options the interval and the callbacks.
   */
  constructor(
    private readonly check: () => Promise<number>,
    private readonly options: RetentionOptions,
  ) {}

  /** Starts the periodic checks (the first one after one interval). */
  start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs ?? DEFAULT_RETENTION_INTERVAL_MS);
    // In Node, a pending check must not keep the process alive.
    (this.timer as { unref?: () => void }).unref?.();
  }

  /** Stops the periodic checks; a check already running finishes, but reports nothing. */
  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const deleted = await this.check();
      if (this.timer !== null) this.options.onRun?.(deleted);
    } catch (error) {
      if (this.timer === null) return;
      if (this.options.onError) this.options.onError(error);
      else console.error('chatkit-local: a retention check failed:', error);
    } finally {
      this.running = false;
    }
  }
}

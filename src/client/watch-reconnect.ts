/**
 * Watching again after a failed watch: which failures are worth another try, and the growing pause
 * between tries, so that a restarted worker (or a server back from a network drop) is watched again
 * without a page hammering one that stays down.
 */
import { ChatKitClientError } from './errors.ts';

/** How {@link ChatKitClient.watch} watches again (the `reconnect` option). */
export interface WatchReconnectOptions {
  /** The pause before the first new try, in milliseconds (default 500); it doubles after each failed try. */
  initialDelayMs?: number | undefined;
  /** The longest pause between two tries, in milliseconds (default 30,000). */
  maxDelayMs?: number | undefined;
  /**
   * Called each time the watch is back (the server watches again). Changes made while it was down
   * were not delivered: reload what is shown here.
   */
  onReconnect?: (() => void) | undefined;
}

/** The reconnect policy with its defaults filled in. */
export interface ReconnectPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  onReconnect: () => void;
}

/** The policy of the `reconnect` option, or null when the watch should not reconnect. */
export function reconnectPolicy(option: boolean | WatchReconnectOptions | undefined): ReconnectPolicy | null {
  if (!option) return null;
  const given = option === true ? {} : option;
  const initialDelayMs = given.initialDelayMs ?? 500;
  const maxDelayMs = Math.max(given.maxDelayMs ?? 30_000, initialDelayMs);
  for (const [name, value] of [
    ['initialDelayMs', initialDelayMs],
    ['maxDelayMs', maxDelayMs],
  ] as const) {
    if (!Number.isFinite(value) || value < 0)
      throw new RangeError(`reconnect.${name}: expected a number of milliseconds, got ${String(value)}`);
  }
  return { initialDelayMs, maxDelayMs, onReconnect: given.onReconnect ?? (() => undefined) };
}

/**
 * Whether watching again may help after `error`: yes for a lost connection (the worker died, the
 * network failed, the server was unavailable), no for an answer that will not change (a 4xx such
 * as 401, 403, or 501 for a server without live changes).
 */
export function worthRetrying(error: unknown): boolean {
  if (!(error instanceof ChatKitClientError)) return true;
  const { status } = error;
  if (status === 501) return false;
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/**
 * `open()`, tried again after each failure worth retrying, with the pause doubling from
 * `initialDelayMs` to `maxDelayMs`; with `waitFirst`, after a pause already.
 * @throws the first failure not worth retrying, or the signal's reason once it aborts.
 */
export async function openWithRetries<T>(
  open: () => Promise<T>,
  policy: ReconnectPolicy,
  signal: AbortSignal | undefined,
  waitFirst: boolean,
): Promise<T> {
  let delay = policy.initialDelayMs;
  for (let attempt = 0; ; attempt++) {
    if (waitFirst || attempt > 0) {
      await pause(delay, signal);
      delay = Math.min(delay * 2, policy.maxDelayMs);
    }
    try {
      return await open();
    } catch (error) {
      if (signal?.aborted || !worthRetrying(error)) throw error;
    }
  }
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

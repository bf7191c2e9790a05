/** Waiting inside a scripted response: timed delays and named pauses, both ended by a stop. */
import type { Wait } from './steps.ts';

/**
 * Named pauses. `resume(name)` releases one waiter of that name, or is kept until one arrives, so a
 * test never races the response it is holding.
 */
export class PauseGates {
  private readonly permits = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  /** Lets one `pause(name)` continue: one that is waiting now, or else the next one to arrive. */
  resume(name = 'default'): void {
    const waiter = this.waiting.get(name)?.shift();
    if (waiter) waiter();
    else this.permits.set(name, (this.permits.get(name) ?? 0) + 1);
  }

  /** Resolves when `name` is resumed; rejects with the abort reason when `signal` aborts first. */
  wait(name: string, signal: AbortSignal): Promise<void> {
    const permits = this.permits.get(name) ?? 0;
    if (permits > 0) {
      this.permits.set(name, permits - 1);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const queue = this.waiting.get(name) ?? [];
      this.waiting.set(name, queue);
      const onAbort = () => {
        queue.splice(queue.indexOf(release), 1);
        reject(signal.reason);
      };
      const release = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      queue.push(release);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** Waits `ms` (forever for `Infinity`), or rejects with the abort reason as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = Number.isFinite(ms) ? setTimeout(done, Math.max(0, ms)) : undefined;
    function done() {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal.reason);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs a wait step. */
export function runWait(wait: Wait, gates: PauseGates, signal: AbortSignal): Promise<void> {
  return wait.kind === 'delay' ? sleep(wait.ms, signal) : gates.wait(wait.name, signal);
}

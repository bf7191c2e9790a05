/**
 * One live connection to the server worker: the Comlink proxy, and the news of the worker's death.
 * A worker that dies (terminated, crashed) releases the Web Lock it held for its life; the page
 * waits on that lock, so it learns of the death without polling.
 */
import * as Comlink from 'comlink';
import type { ChatKitWorkerApi } from '../worker/protocol.ts';
import { WorkerDiedError } from './errors.ts';

let connectionCount = 0;

/** A connection to one worker instance. */
export class WorkerConnection {
  readonly api: Comlink.Remote<ChatKitWorkerApi>;
  /** Rejects with {@link WorkerDiedError} when the worker dies; never resolves. */
  readonly died: Promise<never>;
  /**
   * Resolves once the page is watching the worker's life lock. Requests wait for it: a worker that
   * died before the page started watching could otherwise leave a request hanging unnoticed.
   */
  readonly ready: Promise<void>;
  private declareDeath!: (error: WorkerDiedError) => void;
  private dead = false;

  constructor(readonly worker: Worker) {
    this.api = Comlink.wrap<ChatKitWorkerApi>(worker);
    this.died = new Promise<never>((_resolve, reject) => {
      this.declareDeath = reject;
    });
    this.died.catch(() => undefined);
    worker.addEventListener('error', (event) => {
      // A module that fails to load fires a plain Event (runtime errors fire an ErrorEvent and
      // leave the worker running): such a worker can never answer.
      if (!(event instanceof ErrorEvent))
        this.markDead('The server worker failed to start: its module could not be loaded.');
    });
    let watching!: () => void;
    this.ready = new Promise<void>((resolve) => {
      watching = resolve;
    });
    void this.watchLifeLock(watching);
  }

  /** Whether the worker is known to have died. */
  get isDead(): boolean {
    return this.dead;
  }

  /** Races `promise` against the worker's death. */
  orDeath<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.died]);
  }

  /** Marks the connection dead and fails everything waiting on it. */
  markDead(message: string): void {
    if (this.dead) return;
    this.dead = true;
    this.declareDeath(new WorkerDiedError(message));
    this.api[Comlink.releaseProxy]();
  }

  private async watchLifeLock(watching: () => void): Promise<void> {
    if (typeof navigator === 'undefined' || !('locks' in navigator)) {
      watching();
      return;
    }
    const name = `chatkit-local:worker:${Date.now().toString(36)}:${++connectionCount}:${Math.random().toString(36).slice(2)}`;
    const held = await this.api.holdLifeLock(name).catch(() => false);
    if (!held) {
      watching();
      return;
    }
    // Granted only once the worker, which holds the lock for its whole life, is gone.
    const gone = navigator.locks.request(name, () => undefined);
    watching();
    await gone;
    this.markDead('The server worker stopped (it was terminated or crashed); pending requests were failed.');
  }
}

/**
 * One live connection to the server worker (a dedicated `Worker` or a `SharedWorker`'s port): the
 * Comlink proxy, and the news of the worker's death. A worker that dies (terminated, crashed)
 * releases the Web Lock it held for its life; the page waits on that lock, so it learns of the death
 * without polling. Towards a SharedWorker, which outlives its pages, the page holds a lock of its
 * own for its whole life, so the worker learns when the page is gone.
 */
import * as Comlink from 'comlink';
import type { ChatKitWorkerApi } from '../worker/protocol.ts';
import { WorkerDiedError } from './errors.ts';

let connectionCount = 0;

/** A connection to one worker instance. */
export class WorkerConnection {
  readonly api: Comlink.Remote<ChatKitWorkerApi>;
  /**
   * Resolves once the page is watching the worker's life lock. Requests wait for it: a worker that
   * died before the page started watching could otherwise leave a request hanging unnoticed.
   */
  readonly ready: Promise<void>;
  /**
   * Who must hear of the worker's death: requests waiting for an answer, response bodies being
   * read. Each leaves the set when it finishes, so a long-lived connection holds nothing for the
   * requests it has served (a promise that only settles at death would keep every reaction ever
   * attached to it).
   */
  private readonly deathListeners = new Set<(error: WorkerDiedError) => void>();
  private death: WorkerDiedError | null = null;

  /** Lets go of the page's own lock (a SharedWorker connection that has died). */
  private releasePageLock: () => void = () => undefined;

  /** @param worker a dedicated worker or a SharedWorker running `exposeChatKit`. */
  constructor(readonly worker: Worker | SharedWorker) {
    const endpoint = isSharedWorker(worker) ? worker.port : worker;
    this.api = Comlink.wrap<ChatKitWorkerApi>(endpoint);
    if (isSharedWorker(worker)) worker.port.start();
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
    return this.death !== null;
  }

  /** How many requests and bodies are registered to hear of the worker's death (for leak tests). */
  get deathListenerCount(): number {
    return this.deathListeners.size;
  }

  /**
   * Calls `listener` with a {@link WorkerDiedError} when the worker dies (at once if it has).
   * @returns a function that unregisters it; call it as soon as the death no longer matters.
   */
  onDeath(listener: (error: WorkerDiedError) => void): () => void {
    if (this.death) {
      listener(this.death);
      return () => undefined;
    }
    this.deathListeners.add(listener);
    return () => this.deathListeners.delete(listener);
  }

  /** `promise`, or a rejection with {@link WorkerDiedError} if the worker dies first. */
  orDeath<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const off = this.onDeath(reject);
      promise.then(
        (value) => {
          off();
          resolve(value);
        },
        (error: unknown) => {
          off();
          reject(error);
        },
      );
    });
  }

  /** Marks the connection dead and fails everything waiting on it. */
  markDead(message: string): void {
    if (this.death) return;
    const death = new WorkerDiedError(message);
    this.death = death;
    const listeners = [...this.deathListeners];
    this.deathListeners.clear();
    for (const listener of listeners) listener(death);
    this.api[Comlink.releaseProxy]();
    this.releasePageLock();
  }

  private async watchLifeLock(watching: () => void): Promise<void> {
    if (typeof navigator === 'undefined' || !('locks' in navigator)) {
      watching();
      return;
    }
    const name = `chatkit-local:worker:${uniqueSuffix()}`;
    const held = await this.api.holdLifeLock(name).catch(() => false);
    if (!held) {
      watching();
      return;
    }
    if (isSharedWorker(this.worker)) await this.announcePage();
    // Granted only once the worker, which holds the lock for its whole life, is gone.
    const gone = navigator.locks.request(name, () => undefined);
    watching();
    await gone;
    this.markDead('The server worker stopped (it was terminated or crashed); pending requests were failed.');
  }

  /**
   * Takes a lock for as long as this page (and this connection) lives, then has the worker watch
   * it: the browser releases it when the page closes, reloads or crashes, and the worker stops that
   * page's requests and streams.
   */
  private async announcePage(): Promise<void> {
    const name = `chatkit-local:page:${uniqueSuffix()}`;
    await new Promise<void>((held) => {
      void navigator.locks.request(name, () => {
        held();
        return new Promise<void>((release) => {
          this.releasePageLock = release;
        });
      });
    });
    await this.api.watchPage(name).catch(() => false);
  }
}

/** Whether `worker` is a SharedWorker (talked to through its `port`) rather than a dedicated one. */
export function isSharedWorker(worker: Worker | SharedWorker): worker is SharedWorker {
  return typeof SharedWorker === 'function' && worker instanceof SharedWorker;
}

/** A lock name part no other page or connection uses. */
function uniqueSuffix(): string {
  return `${Date.now().toString(36)}:${++connectionCount}:${Math.random().toString(36).slice(2)}`;
}

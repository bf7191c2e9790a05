/**
 * Which threads a response is streaming into, across every tab and worker of the origin. Retention must
 * never delete such a thread, and the response may run in another tab's worker than the one whose store
 * runs retention. So a hold is a shared Web Lock named after the database, scope and thread, held until
 * the response ends; retention takes the same lock exclusively, without waiting (`ifAvailable`), and
 * skips the thread when a response holds it. While retention deletes a thread, a response that starts
 * in it waits for the deletion to finish (and then finds the thread gone). Where there are no Web Locks,
 * the holds of this store's own process are counted instead.
 */
import { ThreadHolds } from '../data-control/holds.ts';

/** Holds on threads, and deletion that respects them. */
export interface ThreadHolder {
  /** Holds the thread until the returned function is called. */
  hold(scope: string, threadId: string): Promise<() => void>;
  /**
   * Runs `work` if nothing holds the thread, keeping new holds waiting until it finishes.
   * @returns whether `work` ran.
   */
  unlessHeld(scope: string, threadId: string, work: () => Promise<void>): Promise<boolean>;
}

/** The holder for a database: Web Locks when the runtime has them, else an in-process count. */
export function threadHolderFor(databaseName: string): ThreadHolder {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  return locks ? new LockedThreadHolder(locks, databaseName) : new LocalThreadHolder();
}

class LockedThreadHolder implements ThreadHolder {
  constructor(
    private readonly locks: LockManager,
    private readonly databaseName: string,
  ) {}

  hold(scope: string, threadId: string): Promise<() => void> {
    return new Promise((granted, refused) => {
      this.locks
        .request(
          this.nameOf(scope, threadId),
          { mode: 'shared' },
          () => new Promise<void>((release) => granted(() => release())),
        )
        .catch(refused);
    });
  }

  async unlessHeld(scope: string, threadId: string, work: () => Promise<void>): Promise<boolean> {
    return this.locks.request(this.nameOf(scope, threadId), { mode: 'exclusive', ifAvailable: true }, async (lock) => {
      if (!lock) return false;
      await work();
      return true;
    });
  }

  /** The lock's name: JSON of the parts, so no scope or id can make two names collide. */
  private nameOf(scope: string, threadId: string): string {
    return `chatkit-local/thread-in-use/${JSON.stringify([this.databaseName, scope, threadId])}`;
  }
}

class LocalThreadHolder implements ThreadHolder {
  private readonly holds = new ThreadHolds();

  async hold(scope: string, threadId: string): Promise<() => void> {
    return this.holds.hold(scope, threadId);
  }

  async unlessHeld(scope: string, threadId: string, work: () => Promise<void>): Promise<boolean> {
    if (this.holds.isHeld(scope, threadId)) return false;
    await work();
    return true;
  }
}

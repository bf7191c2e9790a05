/**
 * Threads in use by a response, counted in memory. A store that deletes threads on its own (retention)
 * must leave a thread alone while a response streams into it; the server tells the store through
 * `Store.holdThread`. This is the in-process record of those holds, for a store whose retention runs in
 * the process that serves the responses (`IndexedDBStore` uses it where there are no Web Locks to share
 * holds across tabs).
 */

/** Counts the holds on each thread of each scope. */
export class ThreadHolds {
  private readonly counts = new Map<string, number>();

  /**
   * Holds a thread until the returned function is called (calling it again does nothing). Holds nest:
   * two responses in one thread hold it twice.
   */
  hold(scope: string, threadId: string): () => void {
    const key = keyOf(scope, threadId);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const count = (this.counts.get(key) ?? 1) - 1;
      if (count > 0) this.counts.set(key, count);
      else this.counts.delete(key);
    };
  }

  /** Whether something holds the thread now. */
  isHeld(scope: string, threadId: string): boolean {
    return this.counts.has(keyOf(scope, threadId));
  }
}

// JSON of the pair cannot collide, whatever characters scopes and ids contain.
const keyOf = (scope: string, threadId: string): string => JSON.stringify([scope, threadId]);

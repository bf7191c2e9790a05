/**
 * Threads a store deletes on its own, with no call naming a context to tell whose they were
 * (retention): the store reports them here, with the scope key it keeps each under, and every
 * `withChanges` wrapping it announces them. Internal: nothing outside the stores and `withChanges`
 * uses it.
 */

/** A thread a store deleted on its own, and the scope key it was kept under. */
export interface DeletedThread {
  scope: string;
  threadId: string;
}

type DeletionListener = (deleted: readonly DeletedThread[]) => void;

const listeners = new WeakMap<object, Set<DeletionListener>>();

/** Tells whoever listens to `store` that it deleted `deleted` on its own. */
export function reportDeletedThreads(store: object, deleted: readonly DeletedThread[]): void {
  if (deleted.length === 0) return;
  for (const listener of listeners.get(store) ?? []) listener(deleted);
}

/**
 * Calls `listener` with the threads `store` later deletes on its own.
 * @returns a function that stops the calls.
 */
export function onDeletedThreads(store: object, listener: DeletionListener): () => void {
  let set = listeners.get(store);
  if (!set) listeners.set(store, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

/**
 * The store behind each store that `withChanges` wrapped. Attachment stores built on a store
 * (`new IndexedDBAttachmentStore(store)`) look up what they share with it by the store object, and
 * must find it whether they are given the store or its wrapper.
 */
const originals = new WeakMap<object, object>();

/** Records that `wrapper` wraps `original`. */
export function recordOriginal(wrapper: object, original: object): void {
  originals.set(wrapper, original);
}

/** The store `store` wraps, or `store` itself when it wraps none. */
export function originalOf<T extends object>(store: T): T {
  return (originals.get(store) as T | undefined) ?? store;
}

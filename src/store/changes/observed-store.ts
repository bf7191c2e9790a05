/**
 * `withChanges`: a store that announces its writes, so that `GET {basePath}/changes` can tell each
 * watcher what changed in its scope. It wraps any {@link Store}, so every write is seen, whether the
 * server, a responder or the app makes it.
 */
import type { ChatKitChange } from '../../protocol/changes.ts';
import type { ThreadItem } from '../../protocol/items.ts';
import type { ThreadMetadata } from '../../protocol/thread.ts';
import { NotFoundError } from '../errors.ts';
import type { Store } from '../types.ts';
import { LocalChangeFeed, type ChangeFeed, type ChangeListener } from './feed.ts';
import { originalOf, recordOriginal } from './originals.ts';
import { onDeletedThreads } from './own-deletions.ts';
import { allThreads } from '../read-all.ts';
import type { DataControl, DeleteAllOptions, ImportOptions } from '../data-control/types.ts';

/** What the handler's changes route needs: the changes a context may see. */
export interface ChangeSource<TContext> {
  /**
   * Calls `listener` with every later change in the scope of `context` (never another scope's).
   * @returns a function that stops the calls.
   */
  watchChanges(context: TContext, listener: ChangeListener): () => void;
}

/** Options of {@link withChanges}. */
export interface WithChangesOptions<TContext> {
  /**
   * Where changes go and come from (default: a new {@link LocalChangeFeed}, this process or worker
   * only). Use a `BroadcastChangeFeed` for dedicated workers sharing an IndexedDB database, a
   * `PostgresChangeFeed` for server processes sharing a PostgreSQL database.
   */
  feed?: ChangeFeed | undefined;
  /**
   * The scope key of a context: who may see a change. Default: the store's own `scopeKey` (the
   * `scope` option given to `MemoryStore`, `IndexedDBStore` or `PostgresStore`). A store without one
   * needs it here, exactly as it partitions its data (`() => ''` for a store with one space).
   */
  scope?: ((context: TContext) => string) | undefined;
}

/** A store wrapped by {@link withChanges}: the same store, which also reports its changes. */
export type ObservedStore<TContext, S extends Store<TContext> = Store<TContext>> = S &
  ChangeSource<TContext> & {
    /** The feed its changes go to. */
    readonly changeFeed: ChangeFeed;
  };

/** A store that can say which scope a context maps to. */
interface ScopedStore<TContext> {
  scopeKey(context: TContext): string;
}

/**
 * Wraps `store` so that each successful write is announced on a {@link ChangeFeed}, in the scope of
 * the context it was made with: `thread.created` and `thread.updated` for `saveThread` (and
 * `saveThreadWithItem`), `thread.deleted`, and `thread.items.changed` when an item is added,
 * replaced or deleted. Data control is announced too: `thread.created` for each thread
 * `importData` adds, `thread.deleted` for each thread `deleteAll` removes, and `thread.deleted` for
 * each thread the store's retention deletes (`IndexedDBStore`; when the wrapper uses the store's
 * own scope keys, that is without the `scope` option). Everything else (reads, `holdThread`,
 * exports, ids) passes through untouched. Hand the result to your server; the handler then serves
 * `GET {basePath}/changes`.
 * @param store the store to watch.
 * @param options the feed, and the scope function when the store has no `scopeKey`.
 * @throws {TypeError} when no scope function is known.
 *
 * @example
 * ```ts
 * import { MemoryStore, withChanges } from 'chatkit-local';
 *
 * const store = withChanges(new MemoryStore<{ userId: string }>({ scope: (context) => context.userId }));
 * const stop = store.watchChanges({ userId: 'ada' }, (change) => console.log(change.type, change.thread_id));
 * stop();
 * ```
 */
export function withChanges<TContext, S extends Store<TContext>>(
  store: S & Store<TContext>,
  options: WithChangesOptions<TContext> = {},
): ObservedStore<TContext, S> {
  const scopeOf = options.scope ?? storeScope(store);
  const feed = options.feed ?? new LocalChangeFeed();
  const announce = (context: TContext, type: ChatKitChange['type'], threadId: string) =>
    feed.publish(scopeOf(context), { type, thread_id: threadId });

  const overrides: Partial<Record<PropertyKey, unknown>> = {
    changeFeed: feed,
    watchChanges(context: TContext, listener: ChangeListener): () => void {
      return feed.subscribe(scopeOf(context), listener);
    },
    async saveThread(thread: ThreadMetadata, context: TContext): Promise<void> {
      const existed = await threadExists(store, thread.id, context);
      await store.saveThread(thread, context);
      announce(context, existed ? 'thread.updated' : 'thread.created', thread.id);
    },
    async deleteThread(threadId: string, context: TContext): Promise<void> {
      await store.deleteThread(threadId, context);
      announce(context, 'thread.deleted', threadId);
    },
    async addThreadItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
      await store.addThreadItem(threadId, item, context);
      announce(context, 'thread.items.changed', threadId);
    },
    async saveItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
      await store.saveItem(threadId, item, context);
      announce(context, 'thread.items.changed', threadId);
    },
    async deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void> {
      await store.deleteThreadItem(threadId, itemId, context);
      announce(context, 'thread.items.changed', threadId);
    },
  };
  const dataControl = store as Partial<DataControl<TContext>>;
  if (typeof dataControl.importData === 'function') {
    const importData = dataControl.importData.bind(store);
    overrides.importData = async (data: unknown, context: TContext, importOptions?: ImportOptions<TContext>) => {
      const summary = await importData(data, context, importOptions);
      for (const threadId of summary.threadIds) announce(context, 'thread.created', threadId);
      return summary;
    };
  }
  if (typeof dataControl.deleteAll === 'function') {
    const deleteAll = dataControl.deleteAll.bind(store);
    overrides.deleteAll = async (context: TContext, deleteOptions?: DeleteAllOptions<TContext>) => {
      // Listed first: afterwards there is nothing left to say which threads went. A thread written
      // while the deletion runs (in this worker or, through the feed, another) is heard meanwhile
      // and announced too if the deletion took it.
      const heard = new Set<string>();
      const stopHearing = feed.subscribe(scopeOf(context), (change) => {
        if (change.type !== 'thread.deleted') heard.add(change.thread_id);
      });
      let deleted: string[];
      try {
        deleted = (await allThreads(store, context)).map((thread) => thread.id);
        await deleteAll(context, deleteOptions);
      } finally {
        stopHearing();
      }
      for (const threadId of heard) {
        if (!deleted.includes(threadId) && !(await threadExists(store, threadId, context))) deleted.push(threadId);
      }
      for (const threadId of deleted) announce(context, 'thread.deleted', threadId);
    };
  }
  // Retention deletes in every scope at once, under the store's own scope keys: announced as they
  // are when those are the keys watchers are filed under (no `scope` option of ours).
  if (!options.scope) {
    onDeletedThreads(originalOf(store), (deleted) => {
      for (const { scope, threadId } of deleted) feed.publish(scope, { type: 'thread.deleted', thread_id: threadId });
    });
  }
  if (store.saveThreadWithItem) {
    const saveThreadWithItem = store.saveThreadWithItem.bind(store);
    overrides.saveThreadWithItem = async (thread: ThreadMetadata, item: ThreadItem, context: TContext) => {
      await saveThreadWithItem(thread, item, context);
      announce(context, 'thread.created', thread.id);
    };
  }

  const bound = new Map<PropertyKey, unknown>();
  const observed = new Proxy(store, {
    get(target, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property];
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      // Methods run on the store itself, whose private fields a proxy receiver could not reach.
      let method = bound.get(property);
      if (!method || (method as { original?: unknown }).original !== value) {
        method = Object.assign((value as (...args: unknown[]) => unknown).bind(target), { original: value });
        bound.set(property, method);
      }
      return method;
    },
    has(target, property) {
      return Object.hasOwn(overrides, property) || Reflect.has(target, property);
    },
  }) as ObservedStore<TContext, S>;
  recordOriginal(observed, store);
  return observed;
}

/** Whether `value` can serve the handler's changes route (a store wrapped by {@link withChanges}). */
export function isChangeSource<TContext>(value: unknown): value is ChangeSource<TContext> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<ChangeSource<TContext>>).watchChanges === 'function'
  );
}

/** Whether `store` holds the thread (an error other than not-found counts as holding it). */
function threadExists<TContext>(store: Store<TContext>, threadId: string, context: TContext): Promise<boolean> {
  return store.loadThread(threadId, context).then(
    () => true,
    (error: unknown) => !(error instanceof NotFoundError),
  );
}

function storeScope<TContext>(store: Store<TContext>): (context: TContext) => string {
  const scoped = store as Partial<ScopedStore<TContext>>;
  if (typeof scoped.scopeKey === 'function') return scoped.scopeKey.bind(store);
  throw new TypeError(
    'withChanges needs to know who may see a change: pass `scope`, the same function the store partitions its data by (`() => ""` for a store with a single space).',
  );
}

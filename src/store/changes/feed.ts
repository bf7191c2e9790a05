/**
 * Change feeds: how news of a write reaches whoever watches the scope it happened in. A feed
 * carries scope keys and changes only; deciding which scope a caller belongs to is the job of
 * {@link withChanges}, with the store's own scope function.
 */
import type { ChatKitChange } from '../../protocol/changes.ts';

/** Receives the changes of one scope. */
export type ChangeListener = (change: ChatKitChange) => void;

/**
 * Carries changes from the writers to the watchers of a scope. {@link LocalChangeFeed} reaches
 * watchers in the same process or worker; {@link BroadcastChangeFeed} also reaches other workers and
 * tabs of the origin; `PostgresChangeFeed` (from `chatkit-local/postgres`) reaches other processes
 * on one database.
 */
export interface ChangeFeed {
  /** Announces `change` to every watcher of `scope`. Never throws: a feed that fails reports it itself. */
  publish(scope: string, change: ChatKitChange): void;
  /**
   * Calls `listener` with every change later published for `scope` (and only that scope).
   * @returns a function that stops the calls.
   */
  subscribe(scope: string, listener: ChangeListener): () => void;
}

/** A {@link ChangeFeed} within one process or worker: a SharedWorker, or a Node server process. */
export class LocalChangeFeed implements ChangeFeed {
  private readonly listeners = new Map<string, Set<ChangeListener>>();

  publish(scope: string, change: ChatKitChange): void {
    const listeners = this.listeners.get(scope);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch {
        // One broken watcher must not keep the change from the others, nor fail the write.
      }
    }
  }

  subscribe(scope: string, listener: ChangeListener): () => void {
    let listeners = this.listeners.get(scope);
    if (!listeners) this.listeners.set(scope, (listeners = new Set()));
    // Wrapped so that subscribing the same function twice gives two independent subscriptions.
    const entry: ChangeListener = (change) => listener(change);
    listeners.add(entry);
    return () => {
      listeners.delete(entry);
      if (listeners.size === 0 && this.listeners.get(scope) === listeners) this.listeners.delete(scope);
    };
  }

  /** How many scopes have watchers (for leak tests). */
  get watchedScopeCount(): number {
    return this.listeners.size;
  }
}

/**
 * A {@link ChangeFeed} across the workers and tabs of one origin, over the `BroadcastChannel`
 * `name`: for several dedicated workers on one IndexedDB database (where `SharedWorker` is
 * missing), name it after the database, so that each database has its own channel. Changes
 * published here reach this worker's watchers at once and the others' through the channel.
 */
export class BroadcastChangeFeed implements ChangeFeed {
  private readonly local = new LocalChangeFeed();
  private readonly channel: BroadcastChannel;

  /** @param name the channel's name, the same in every worker that shares the data. */
  constructor(name: string) {
    this.channel = new BroadcastChannel(name);
    this.channel.onmessage = (event: MessageEvent<unknown>) => {
      const message = event.data as Partial<BroadcastMessage> | null;
      if (message && typeof message.scope === 'string' && message.change)
        this.local.publish(message.scope, message.change);
    };
  }

  publish(scope: string, change: ChatKitChange): void {
    this.local.publish(scope, change);
    const message: BroadcastMessage = { scope, change };
    this.channel.postMessage(message);
  }

  subscribe(scope: string, listener: ChangeListener): () => void {
    return this.local.subscribe(scope, listener);
  }

  /** Leaves the channel: nothing more is sent or received. */
  close(): void {
    this.channel.close();
  }
}

interface BroadcastMessage {
  scope: string;
  change: ChatKitChange;
}

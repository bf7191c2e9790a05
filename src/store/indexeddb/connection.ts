/**
 * One lazily (re)opened connection to the stores' database, and the transaction runner every store
 * method goes through.
 *
 * Other tabs matter here: when another tab opens the database with a newer schema (or deletes it), the
 * browser asks this connection to close (`versionchange`); holding it open would block that tab forever.
 * So the connection closes at once and the next call opens a new one, which either finds the same
 * schema (a deleted database is recreated) or reports a `DatabaseVersionError` telling the user
 * to reload.
 */
import { openDB } from 'idb';
import { toStorageError } from './errors.ts';
import { migrate, SCHEMA_VERSION, type UpgradeDatabase, type UpgradeTransaction } from './migrations.ts';
import type { ChatKitDB, Database, StoreName, Transaction } from './schema.ts';

/** How a {@link Connection} reports what happens to it. */
export interface ConnectionEvents {
  /**
   * Called while an upgrade of this database waits for a connection elsewhere (another tab running
   * older code that does not close on `versionchange`) to close. The open proceeds once it does.
   */
  onBlocked?: (() => void) | undefined;
}

/** The database, opened on first use and reopened after another tab made this connection close. */
export class Connection {
  private opening: Promise<Database> | null = null;
  private generation = 0;
  private closed = false;

  /**
   * @param name the IndexedDB database name.
   * @param events callbacks for events the caller may want to show to users.
   */
  constructor(
    readonly name: string,
    private readonly events: ConnectionEvents = {},
  ) {}

  /** The open database, opening (and if need be upgrading) it first. */
  database(): Promise<Database> {
    if (this.closed) {
      return Promise.reject(
        new Error(`The IndexedDB store "${this.name}" was closed; open a new one with IndexedDBStore.open().`),
      );
    }
    this.opening ??= this.open();
    return this.opening;
  }

  /** Closes the connection for good: later calls fail instead of reopening it. */
  close(): void {
    this.closed = true;
    this.drop();
  }

  /**
   * Runs `work` in one transaction over `stores` and resolves once the transaction has committed, so a
   * caller never sees success for a write the browser then rolls back (a quota failure surfaces at
   * commit). If `work` throws, the transaction is aborted: nothing it wrote is kept. Browser errors are
   * translated by {@link toStorageError}.
   *
   * `work` must only await requests of its transaction; awaiting anything else lets it commit early.
   */
  async run<Mode extends IDBTransactionMode, T>(
    stores: StoreName[],
    mode: Mode,
    work: (tx: Transaction<Mode>) => Promise<T>,
  ): Promise<T> {
    try {
      const db = await this.database();
      const tx = db.transaction(stores, mode) as unknown as Transaction<Mode>;
      // Observed below; until then, a failure of `work` must not leave `done` as an unhandled rejection.
      tx.done.catch(() => {});
      let result: T;
      try {
        result = await work(tx);
      } catch (error) {
        abortQuietly(tx);
        throw tx.error ?? error;
      }
      try {
        await tx.done;
      } catch (error) {
        throw tx.error ?? error;
      }
      return result;
    } catch (error) {
      throw toStorageError(error, this.name, SCHEMA_VERSION);
    }
  }

  private open(): Promise<Database> {
    const generation = ++this.generation;
    let upgradeFailure: unknown = null;
    const opened = openDB<ChatKitDB>(this.name, SCHEMA_VERSION, {
      upgrade: (db, oldVersion, newVersion, tx) => {
        // A failed upgrade surfaces as the open's rejection; its `done` needs no second report.
        tx.done.catch(() => {});
        migrate(
          db as unknown as UpgradeDatabase,
          tx as unknown as UpgradeTransaction,
          oldVersion,
          newVersion ?? SCHEMA_VERSION,
        ).catch((error: unknown) => {
          upgradeFailure = error;
          abortQuietly(tx);
        });
      },
      blocked: () => this.events.onBlocked?.(),
      blocking: (_currentVersion, _blockedVersion, event) => {
        // Close synchronously, inside the event: the other tab's open goes ahead as soon as we do.
        (event.target as IDBDatabase).close();
        if (this.generation === generation) this.opening = null;
      },
      terminated: () => {
        // The browser closed the connection (storage cleared, disk error): reopen on the next call.
        if (this.generation === generation) this.opening = null;
      },
    });
    return opened.catch((error: unknown) => {
      if (this.generation === generation) this.opening = null;
      if (upgradeFailure) {
        throw new Error(
          `Could not upgrade IndexedDB database "${this.name}" to schema version ${SCHEMA_VERSION}; it was left as it was.`,
          { cause: upgradeFailure },
        );
      }
      throw toStorageError(error, this.name, SCHEMA_VERSION);
    });
  }

  private drop(): void {
    const opening = this.opening;
    this.opening = null;
    this.generation++;
    opening?.then(
      (db) => db.close(),
      () => {},
    );
  }
}

function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already committed or aborted: nothing left to undo.
  }
}

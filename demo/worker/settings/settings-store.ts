/**
 * Where the responder setting (API key included) is kept: one record in a small IndexedDB
 * database of its own, next to the chats' database rather than inside it, so the library's schema
 * stays the library's. Every tab's worker reads it on each response, so a change made in one tab
 * applies to all of them.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { SETTINGS_DATABASE } from '../../responder-settings.ts';
import { readStored, type StoredResponderSettings } from './settings-record.ts';

const VERSION = 1;
const STORE = 'settings';
const KEY = 'responder';

interface SettingsDB extends DBSchema {
  settings: { key: string; value: StoredResponderSettings };
}

/** Reads and writes the setting; the database opens on first use. */
export class ResponderSettingsStore {
  private opening: Promise<IDBPDatabase<SettingsDB>> | null = null;

  /** @param name the database name (tests use their own). */
  constructor(readonly name: string = SETTINGS_DATABASE) {}

  /** The saved setting, or the defaults when nothing was saved yet. */
  async load(): Promise<StoredResponderSettings> {
    const db = await this.database();
    return readStored(await db.get(STORE, KEY));
  }

  /** Replaces the saved setting. */
  async save(settings: StoredResponderSettings): Promise<void> {
    const db = await this.database();
    await db.put(STORE, settings, KEY);
  }

  /** Closes the connection; a later call opens a new one. */
  close(): void {
    const opening = this.opening;
    this.opening = null;
    void opening?.then(
      (db) => db.close(),
      () => undefined,
    );
  }

  private database(): Promise<IDBPDatabase<SettingsDB>> {
    this.opening ??= openDB<SettingsDB>(this.name, VERSION, {
      upgrade(db) {
        db.createObjectStore(STORE);
      },
      // Another tab deleting or upgrading the database must not wait on this connection: close it,
      // and the next call opens a fresh one.
      blocking: () => this.close(),
      terminated: () => {
        this.opening = null;
      },
    });
    const opening = this.opening;
    // A failed open is retried on the next call rather than remembered.
    opening.catch(() => {
      if (this.opening === opening) this.opening = null;
    });
    return opening;
  }
}

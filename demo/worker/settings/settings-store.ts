/**
 * Where the responder setting (API key included) is kept: one record in a small IndexedDB
 * database of its own, next to the chats' database rather than inside it, so the library's schema
 * stays the library's. Every tab's worker reads it on each response, so a change made in one tab
 * applies to all of them.
 *
 * The same database holds the record saying which database the chats are in and whether it is
 * encrypted (see `../storage/`). While the chats are encrypted, the setting is too, with the chats'
 * own key (`IndexedDBStore.encryptValue`): the key is then as safe as the chats, under the same
 * passphrase. The two records change together in one transaction when the chats move, so they
 * never disagree.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { z } from 'zod';
import { SETTINGS_DATABASE } from '../../responder-settings.ts';
import { ChatsLockedError } from '../storage/locked.ts';
import { readStored, type StoredResponderSettings } from './settings-record.ts';

const VERSION = 1;
const STORE = 'settings';
const KEY = 'responder';
const LOCATION_KEY = 'chats';
/** Binds the encrypted setting to its purpose: only a decryption under this label opens it. */
const LABEL = 'chatkit-local-demo:responder-settings';

/** Which IndexedDB database holds the chats, and whether it is encrypted. */
export interface ChatLocation {
  name: string;
  encrypted: boolean;
}

/** The setting as kept while the chats are encrypted. */
interface SealedSettings {
  sealed: ArrayBuffer;
}

/** The setting's record: in clear, or sealed. */
export type SettingsRecord = StoredResponderSettings | SealedSettings;

/** What encrypts the setting: the encrypted chats' store (its `encryptValue` / `decryptValue`). */
export interface ValueCipher {
  encryptValue(label: string, value: unknown): Promise<ArrayBuffer>;
  decryptValue<T = unknown>(label: string, encrypted: ArrayBuffer): Promise<T>;
}

interface SettingsDB extends DBSchema {
  settings: { key: string; value: SettingsRecord | ChatLocation };
}

const Location = z.object({ name: z.string().min(1), encrypted: z.boolean() });

function isSealed(value: unknown): value is SealedSettings {
  return (
    typeof value === 'object' && value !== null && (value as Partial<SealedSettings>).sealed instanceof ArrayBuffer
  );
}

/** Reads and writes the setting; the database opens on first use. */
export class ResponderSettingsStore {
  /**
   * Encrypts the setting while the chats are encrypted and unlocked; null otherwise. Set by the
   * worker's chat storage as it opens, unlocks or moves the chats.
   */
  cipher: ValueCipher | null = null;
  private opening: Promise<IDBPDatabase<SettingsDB>> | null = null;

  /** @param name the database name (tests use their own). */
  constructor(readonly name: string = SETTINGS_DATABASE) {}

  /**
   * The saved setting, or the defaults when nothing was saved yet.
   * @throws {ChatsLockedError} when it is encrypted and no cipher is set (the chats are locked).
   */
  async load(): Promise<StoredResponderSettings> {
    const db = await this.database();
    return this.decode(await db.get(STORE, KEY));
  }

  /**
   * Replaces the saved setting (encrypted while {@link ResponderSettingsStore.cipher} is set).
   * @throws {ChatsLockedError} when the saved setting is encrypted and no cipher is set: writing it
   *   in clear then would put the key back on disk unencrypted.
   */
  async save(settings: StoredResponderSettings): Promise<void> {
    const db = await this.database();
    if (!this.cipher && isSealed(await db.get(STORE, KEY))) throw new ChatsLockedError();
    await db.put(STORE, await this.encode(settings, this.cipher), KEY);
  }

  /** The record for `settings`: sealed by `cipher`, or in clear without one. */
  async encode(settings: StoredResponderSettings, cipher: ValueCipher | null): Promise<SettingsRecord> {
    return cipher ? { sealed: await cipher.encryptValue(LABEL, settings) } : settings;
  }

  /** Where the chats are, or null before they ever moved (the demo's first database, in clear). */
  async loadLocation(): Promise<ChatLocation | null> {
    const db = await this.database();
    const parsed = Location.safeParse(await db.get(STORE, LOCATION_KEY));
    return parsed.success ? parsed.data : null;
  }

  /**
   * Records that the chats are now at `location`, with the setting's `record` made for it (see
   * {@link ResponderSettingsStore.encode}), in one transaction: the commit point of a move.
   */
  async moveChats(location: ChatLocation, record: SettingsRecord): Promise<void> {
    const db = await this.database();
    const tx = db.transaction(STORE, 'readwrite');
    await Promise.all([tx.store.put(location, LOCATION_KEY), tx.store.put(record, KEY), tx.done]);
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

  private async decode(value: unknown): Promise<StoredResponderSettings> {
    if (!isSealed(value)) return readStored(value);
    if (!this.cipher) throw new ChatsLockedError();
    return readStored(await this.cipher.decryptValue(LABEL, value.sealed));
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

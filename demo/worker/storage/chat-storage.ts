/**
 * The demo's chats at rest: which database holds them, whether it is encrypted, and the moves that
 * turn encryption on and off. The worker asks it for the open store before every request; while the
 * chats are encrypted and no passphrase was given, it has none and says so (`ChatsLockedError`).
 *
 * A move (encryption on or off) is ordered so that a tab dying at any point loses nothing:
 * 1. once the responses still streaming have ended, export everything from the current database;
 * 2. import it into a new database (encrypted or not), written completely;
 * 3. switch the location record (and the settings, re-encoded for the new database) in one
 *    transaction: the commit point;
 * 4. delete the old database last.
 * Dying before 3 leaves the old database in use and a half-written new one; dying after it leaves the
 * new one in use and the old one. Either leftover is deleted on the next start (`deleteLeftovers`).
 * Changing the passphrase moves nothing: the store re-wraps its data key in one write. Starting over
 * (a forgotten passphrase) switches to a new empty database and deletes the encrypted one the same way.
 */
import { deleteDB } from 'idb';
import { IndexedDBStore } from 'chatkit-local/indexeddb';
import { DEFAULT_SETTINGS } from '../settings/settings-record.ts';
import type { ChatLocation, ResponderSettingsStore } from '../settings/settings-store.ts';
import type { EncryptionStatus } from '../../encryption-setting.ts';
import { deleteLeftovers, newChatDatabaseName, withChatDatabasesLock } from './chat-databases.ts';
import { ChatsLockedError } from './locked.ts';

/** Options of {@link ChatStorage}. */
export interface ChatStorageOptions<TContext> {
  /** The settings database: it holds the chats' location, and the setting encrypted with them. */
  settings: ResponderSettingsStore;
  /** Whose chats move (the demo has one user). */
  context: TContext;
  /** The chats' first database, and the prefix of the ones moves create. */
  baseName: string;
  /** PBKDF2 iterations for a new passphrase (the library's default when left out; tests use fewer). */
  iterations?: number | undefined;
  /**
   * Resolves once nothing writes to the current store any more (responses still streaming): a move
   * waits for it before exporting, so their last items move too. New requests wait behind the move.
   */
  settle?: (() => Promise<unknown>) | undefined;
  /**
   * How long a move waits for `settle` (default {@link SETTLE_TIMEOUT_MS}). A response that has not
   * ended by then (a model that stopped answering) fails the move with an {@link EncryptionStateError}
   * that says so, and nothing moves: the user stops the response and tries again.
   */
  settleTimeoutMs?: number | undefined;
}

/** How long a move waits, by default, for the responses under way to end. */
const SETTLE_TIMEOUT_MS = 15_000;

/** Asked of the storage in a state where it makes no sense (encrypting chats already encrypted...). */
export class EncryptionStateError extends Error {
  override name = 'EncryptionStateError';
}

type State<TContext> =
  | { kind: 'open'; location: ChatLocation; store: IndexedDBStore<TContext> }
  | { kind: 'locked'; location: ChatLocation };

/** The chats' storage of one worker (see the module comment). */
export class ChatStorage<TContext> {
  private state: State<TContext> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly channel: BroadcastChannel;

  constructor(private readonly options: ChatStorageOptions<TContext>) {
    // Workers of other tabs (where there is no SharedWorker) drop their store when the chats move or
    // the passphrase changes, and read the location again: their store would be stale or deleted.
    this.channel = new BroadcastChannel(`${options.baseName}:chats-moved`);
    this.channel.onmessage = () => void this.serial(async () => this.forget());
  }

  /** Whether the chats are encrypted, and whether this worker still needs the passphrase. */
  status(): Promise<EncryptionStatus> {
    return this.serial(async () => statusOf(await this.current()));
  }

  /**
   * The open store, once any move under way has finished.
   * @throws {ChatsLockedError} while the chats are encrypted and not unlocked.
   */
  store(): Promise<IndexedDBStore<TContext>> {
    return this.serial(async () => {
      const state = await this.current();
      if (state.kind === 'locked') throw new ChatsLockedError();
      return state.store;
    });
  }

  /**
   * Opens the encrypted chats with `passphrase` (and the settings with them). Unlocked chats stay so.
   * @throws {EncryptionKeyError} when the passphrase is wrong; nothing changes.
   */
  unlock(passphrase: string): Promise<EncryptionStatus> {
    return this.serial(async () => {
      const state = await this.current();
      if (state.kind === 'open') return statusOf(state);
      const store = await IndexedDBStore.open<TContext>({
        name: state.location.name,
        encryption: { passphrase },
      });
      this.use({ kind: 'open', location: state.location, store });
      return statusOf(this.state!);
    });
  }

  /**
   * Moves the chats into a new database encrypted with `passphrase`, and encrypts the settings.
   * @throws {EncryptionStateError} when they are encrypted already.
   */
  encrypt(passphrase: string): Promise<EncryptionStatus> {
    return this.serial(async () => {
      const state = await this.openState();
      if (state.location.encrypted) throw new EncryptionStateError('Encryption is already on.');
      return this.move(state, passphrase);
    });
  }

  /**
   * Changes the passphrase of the encrypted chats (and so of the settings, encrypted with their key).
   * @param current the passphrase now in use: an unlocked tab alone is not enough to change it.
   * @throws {EncryptionKeyError} when `current` is wrong; nothing changes.
   * @throws {EncryptionStateError} when they are not encrypted.
   */
  changePassphrase(current: string, passphrase: string): Promise<EncryptionStatus> {
    return this.serial(async () => {
      const state = await this.openState();
      if (!state.location.encrypted)
        throw new EncryptionStateError('Encryption is off: there is no passphrase to change.');
      await confirmPassphrase(state.location, current);
      await state.store.changePassphrase(passphrase, { iterations: this.options.iterations });
      this.channel.postMessage('changed');
      return statusOf(state);
    });
  }

  /**
   * Moves the chats back into a new database in clear, and the settings with them.
   * @param current the passphrase now in use: an unlocked tab alone is not enough to turn it off.
   * @throws {EncryptionKeyError} when `current` is wrong; nothing changes.
   * @throws {EncryptionStateError} when they are not encrypted.
   */
  decrypt(current: string): Promise<EncryptionStatus> {
    return this.serial(async () => {
      const state = await this.openState();
      if (!state.location.encrypted) throw new EncryptionStateError('Encryption is already off.');
      await confirmPassphrase(state.location, current);
      return this.move(state, null);
    });
  }

  /**
   * Deletes the encrypted chats for good and starts over in clear, with the default settings (the
   * saved model key was sealed with them): the way out of a forgotten passphrase, since nothing can
   * read them without it. Allowed while locked. The switch is one write of the location record, and
   * the old database goes last, so a tab dying midway leaves either the old chats or the new start.
   * @throws {EncryptionStateError} when the chats are not encrypted.
   */
  startOver(): Promise<EncryptionStatus> {
    return this.serial(async () => {
      const state = await this.current();
      if (!state.location.encrypted) throw new EncryptionStateError('Encryption is off: there is nothing to unlock.');
      const { baseName, settings } = this.options;
      const location: ChatLocation = { name: newChatDatabaseName(baseName), encrypted: false };
      const store = await withChatDatabasesLock(baseName, async () => {
        const fresh = await IndexedDBStore.open<TContext>({ name: location.name });
        await settings.moveChats(location, await settings.encode(DEFAULT_SETTINGS, null));
        return fresh;
      });
      if (state.kind === 'open') state.store.close();
      this.use({ kind: 'open', location, store });
      this.channel.postMessage('moved');
      await withChatDatabasesLock(baseName, () => deleteLeftovers(baseName, location.name));
      return statusOf(this.state!);
    });
  }

  /** Closes the store and stops listening to other workers; for tests and shutdown. */
  close(): void {
    this.channel.close();
    void this.serial(async () => this.forget());
  }

  /** The state, read from the location record (after deleting leftovers) the first time. */
  private async current(): Promise<State<TContext>> {
    if (this.state) return this.state;
    const { baseName, settings } = this.options;
    const location = await withChatDatabasesLock(baseName, async () => {
      const found = (await settings.loadLocation()) ?? { name: baseName, encrypted: false };
      await deleteLeftovers(baseName, found.name);
      return found;
    });
    if (location.encrypted) {
      this.state = { kind: 'locked', location };
    } else {
      this.use({ kind: 'open', location, store: await IndexedDBStore.open<TContext>({ name: location.name }) });
    }
    return this.state!;
  }

  private async openState(): Promise<Extract<State<TContext>, { kind: 'open' }>> {
    const state = await this.current();
    if (state.kind === 'locked') throw new ChatsLockedError();
    return state;
  }

  /** Moves the chats to a new database: encrypted with `passphrase`, or in clear for null. */
  private async move(
    from: Extract<State<TContext>, { kind: 'open' }>,
    passphrase: string | null,
  ): Promise<EncryptionStatus> {
    const { baseName, settings, context, iterations } = this.options;
    const location: ChatLocation = { name: newChatDatabaseName(baseName), encrypted: passphrase !== null };
    await this.settled();
    const target = await withChatDatabasesLock(baseName, async () => {
      const data = await from.store.exportData(context);
      const current = await settings.load();
      const store = await IndexedDBStore.open<TContext>({
        name: location.name,
        encryption: passphrase === null ? undefined : { passphrase, iterations },
      });
      try {
        await store.importData(data, context);
        await settings.moveChats(location, await settings.encode(current, location.encrypted ? store : null));
      } catch (error) {
        // Not switched: the chats stay where they were, and the half-written copy goes.
        store.close();
        await deleteDB(location.name);
        throw error;
      }
      return store;
    });
    from.store.close();
    this.use({ kind: 'open', location, store: target });
    this.channel.postMessage('moved');
    // Last: if the tab dies before this, the next start deletes it.
    await withChatDatabasesLock(baseName, () => deleteLeftovers(baseName, location.name));
    return statusOf(this.state!);
  }

  /** Resolves once the responses under way have ended; throws if they have not in time. */
  private async settled(): Promise<void> {
    const { settle, settleTimeoutMs = SETTLE_TIMEOUT_MS } = this.options;
    if (!settle) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timed out'>(
      (resolve) => (timer = setTimeout(() => resolve('timed out'), settleTimeoutMs)),
    );
    try {
      if ((await Promise.race([settle(), timedOut])) === 'timed out') {
        throw new EncryptionStateError(
          'A reply is still being written. Stop it (or let it finish), then try again: nothing was changed.',
        );
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private use(state: State<TContext>): void {
    this.state = state;
    this.options.settings.cipher = state.kind === 'open' && state.location.encrypted ? state.store : null;
  }

  private forget(): void {
    if (this.state?.kind === 'open') this.state.store.close();
    this.state = null;
    this.options.settings.cipher = null;
  }

  /** Runs `work` after everything asked before it: a request never sees a move half done. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

function statusOf(state: { kind: 'open' | 'locked'; location: ChatLocation }): EncryptionStatus {
  return { encrypted: state.location.encrypted, locked: state.kind === 'locked' };
}

/**
 * Checks that `passphrase` opens the encrypted chats at `location`, as an unlock would (the key
 * record says how to derive the key), without touching them.
 * @throws {EncryptionKeyError} when it does not.
 */
async function confirmPassphrase(location: ChatLocation, passphrase: string): Promise<void> {
  const check = await IndexedDBStore.open({ name: location.name, encryption: { passphrase } });
  check.close();
}

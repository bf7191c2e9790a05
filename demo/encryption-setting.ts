/**
 * The demo's encryption setting as the page and the worker exchange it: whether the chats (and the
 * settings database, API key included) are encrypted at rest, and whether this worker has been
 * given the passphrase. Plain types and constants only, so the page bundle pays nothing for them.
 *
 * The passphrase travels one way, page to worker, in memory: the worker keeps the unlocked store,
 * never the passphrase, and nothing stores it anywhere.
 */

/**
 * The demo-only route for the setting. Under the ChatKit URL, like the settings and data routes, so
 * the page's fetch shim sends it to the worker and it never reaches the network.
 */
export const ENCRYPTION_PATH = '/chatkit/demo/encryption';

/** The shortest passphrase the demo accepts for encryption (any length may be tried to unlock). */
export const MIN_PASSPHRASE_LENGTH = 8;

/** Where the chats stand, as the route returns it. */
export interface EncryptionStatus {
  /** The chats and the settings are encrypted at rest. */
  encrypted: boolean;
  /** Encrypted, and this worker has no key yet: the page must ask for the passphrase. */
  locked: boolean;
}

/**
 * What the page asks of the route (`POST`): open the encrypted chats, encrypt them (moving them to a
 * new encrypted database), change the passphrase, or decrypt them (moving them back to a plain one).
 * Changing and decrypting take the `current` passphrase too: an unlocked tab alone does not allow them.
 * `start-over` deletes the encrypted chats (a forgotten passphrase) and starts again, empty, in clear.
 */
export type EncryptionRequest =
  | { action: 'unlock'; passphrase: string }
  | { action: 'encrypt'; passphrase: string }
  | { action: 'change'; current: string; passphrase: string }
  | { action: 'decrypt'; current: string }
  | { action: 'start-over' };

/**
 * The page's side of the encryption route: asks whether the chats are encrypted and locked, unlocks
 * them, and turns encryption on, off or to a new passphrase, through the chat's own fetch (so to the
 * worker, never the network). The passphrase is sent once and not kept.
 */
import { ENCRYPTION_PATH, type EncryptionRequest, type EncryptionStatus } from './encryption-setting.ts';

/** What the unlock prompt and the settings dialog need of the encryption route. */
export interface EncryptionControls {
  status(): Promise<EncryptionStatus>;
  /** Opens the encrypted chats; rejects with a {@link EncryptionRefusal} on a wrong passphrase. */
  unlock(passphrase: string): Promise<EncryptionStatus>;
  /** Encrypts the chats and settings under `passphrase` (they move to a new database). */
  encrypt(passphrase: string): Promise<EncryptionStatus>;
  /** Replaces the passphrase `current` with `passphrase`. */
  change(current: string, passphrase: string): Promise<EncryptionStatus>;
  /** Decrypts the chats and settings (they move back to a database in clear), given the `current` passphrase. */
  decrypt(current: string): Promise<EncryptionStatus>;
  /** Deletes the encrypted chats and the saved settings for good, and starts over (a forgotten passphrase). */
  startOver(): Promise<EncryptionStatus>;
}

/** The worker refused: `field` is set when the message is about a passphrase field. */
export class EncryptionRefusal extends Error {
  override name = 'EncryptionRefusal';

  /**
   * @param message what went wrong, without the field's name.
   * @param status the HTTP status (403 for a wrong passphrase).
   * @param field the field at fault: `'passphrase'` (the one to unlock with, or the new one) or
   *   `'current'` (the passphrase in use, asked before changing or removing it).
   */
  constructor(
    message: string,
    readonly status: number,
    readonly field: 'passphrase' | 'current' | null,
  ) {
    super(message);
  }
}

/** {@link EncryptionControls} over `fetch` (the one `createChatKitFetch` returns). */
export function createEncryptionClient(fetch: typeof globalThis.fetch): EncryptionControls {
  const post = async (body: EncryptionRequest) =>
    answer(
      await fetch(ENCRYPTION_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  return {
    status: async () => answer(await fetch(ENCRYPTION_PATH, { cache: 'no-store' })),
    unlock: (passphrase) => post({ action: 'unlock', passphrase }),
    encrypt: (passphrase) => post({ action: 'encrypt', passphrase }),
    change: (current, passphrase) => post({ action: 'change', current, passphrase }),
    decrypt: (current) => post({ action: 'decrypt', current }),
    startOver: () => post({ action: 'start-over' }),
  };
}

async function answer(response: Response): Promise<EncryptionStatus> {
  const body = (await response.json().catch(() => null)) as (EncryptionStatus & { message?: unknown }) | null;
  if (response.ok && body) return body;
  const message = typeof body?.message === 'string' ? body.message : `The request failed (${response.status}).`;
  const match = /^(passphrase|current): (.*)$/s.exec(message);
  throw match
    ? new EncryptionRefusal(
        match[2]!.replace(/^./, (first) => first.toUpperCase()),
        response.status,
        match[1] as 'passphrase' | 'current',
      )
    : new EncryptionRefusal(message, response.status, null);
}

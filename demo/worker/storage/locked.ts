/**
 * The chats are encrypted and this worker has not been given the passphrase yet: nothing of them (nor
 * the settings, encrypted with them) can be read until the page unlocks them.
 */
import { json } from '../json-response.ts';

/** Thrown by whatever needs the unlocked chats (or settings) while they are still locked. */
export class ChatsLockedError extends Error {
  override name = 'ChatsLockedError';

  constructor() {
    super('Your chats are encrypted: unlock them with your passphrase first.');
  }
}

/** 423 Locked: the answer of every demo route, and of the ChatKit endpoint, until the page unlocks. */
export function lockedResponse(): Response {
  return json(423, { error: 'locked', message: new ChatsLockedError().message });
}

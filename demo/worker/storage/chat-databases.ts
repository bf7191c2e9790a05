/**
 * The IndexedDB databases the demo's chats may live in, and the tidying after a move. The chats
 * start in `<base>` (the demo's first database, in clear); each move (encryption on or off) writes
 * them into a new `<base>-chats-<random>` database. Any of these that the location record does not
 * name is a leftover of a move: its source after the switch, or a half-written target when the tab
 * died before it; either way nothing reads it, so it is deleted.
 */
import { deleteDB } from 'idb';

/** A new database name for the chats, never used before. */
export function newChatDatabaseName(base: string): string {
  return `${base}-chats-${crypto.randomUUID()}`;
}

/** Whether `name` is one of the chats' databases of `base` (and not, say, `<base>-settings`). */
export function isChatDatabase(base: string, name: string): boolean {
  return name === base || name.startsWith(`${base}-chats-`);
}

/**
 * Runs `work` while no other worker of this origin moves the chats or tidies their databases: a tab
 * starting up during another tab's move would otherwise delete the move's target as a leftover.
 * A Web Lock, so it holds across tabs and workers and is released if the tab dies.
 */
export function withChatDatabasesLock<T>(base: string, work: () => Promise<T>): Promise<T> {
  // Web Locks exist only in secure contexts (a page served over plain http from another machine has
  // none, and no Web Crypto either, so no encryption): there the work runs unguarded.
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  return locks ? (locks.request(`${base}:chat-databases`, work) as Promise<T>) : work();
}

/**
 * Deletes every chats' database of `base` but `current`. Call it holding the lock
 * ({@link withChatDatabasesLock}).
 */
export async function deleteLeftovers(base: string, current: string): Promise<string[]> {
  const leftovers = (await indexedDB.databases())
    .map((info) => info.name)
    .filter((name): name is string => !!name && name !== current && isChatDatabase(base, name));
  // Connections still open on them (another tab's worker) close on the deletion's versionchange.
  await Promise.all(leftovers.map((name) => deleteDB(name)));
  return leftovers;
}

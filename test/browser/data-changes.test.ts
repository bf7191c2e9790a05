/**
 * Data control on the changes feed, in real Chromium: an `IndexedDBStore` wrapped with
 * `withChanges` announces what retention, `deleteAll` and `importData` do, and the news reaches
 * another worker's feed on the database's BroadcastChannel, in the right scope only.
 */
import { deleteDB } from 'idb';
import { afterEach, expect, test } from 'vitest';
import { BroadcastChangeFeed, withChanges, type ChatKitChange } from '../../src/index.ts';
import { IndexedDBStore } from '../../src/indexeddb.ts';
import { ThreadMetadata } from '../../src/protocol/thread.ts';
import { alice, bob, byUser, type TestContext } from '../shared/store-fixtures.ts';

const DAY = 24 * 3_600_000;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A store on a database of the test's own, announcing on its channel; and a second feed on that channel. */
async function setUp() {
  const name = `chatkit-data-changes-${crypto.randomUUID()}`;
  const database = await IndexedDBStore.open<TestContext>({ name, scope: byUser });
  const feed = new BroadcastChangeFeed(`chatkit-local:changes:${name}`);
  // Another worker on the same database, as a dedicated worker in another tab would have.
  const elsewhere = new BroadcastChangeFeed(`chatkit-local:changes:${name}`);
  cleanups.push(
    () => deleteDB(name),
    () => database.close(),
    () => feed.close(),
    () => elsewhere.close(),
  );
  // Seeded through `database`, unannounced: news of the seeding would arrive after the test listens.
  return { database, store: withChanges(database, { feed }), elsewhere };
}

/** The changes `feed` carries for `context`'s scope; `until(n)` resolves once `n` have come. */
function heard(feed: BroadcastChangeFeed, context: TestContext) {
  const changes: ChatKitChange[] = [];
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  feed.subscribe(byUser(context), (change) => {
    changes.push(change);
    for (const wait of waiting) if (changes.length >= wait.count) wait.resolve();
  });
  const until = (count: number) =>
    changes.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ count, resolve }));
  return { changes, until };
}

const thread = (id: string, createdAgo: number) =>
  ThreadMetadata.parse({ id, created_at: new Date(Date.now() - createdAgo).toISOString(), title: id });

test("retention's deletions are announced in each thread's own scope", async () => {
  const { database, store, elsewhere } = await setUp();
  for (const context of [alice, bob]) {
    await database.saveThread(thread(`old_${context.userId}`, 10 * DAY), context);
    await database.saveThread(thread(`new_${context.userId}`, 0), context);
  }
  const alices = heard(elsewhere, alice);
  const bobs = heard(elsewhere, bob);

  expect(await store.deleteInactiveThreads(7 * DAY)).toBe(2);
  await Promise.all([alices.until(1), bobs.until(1)]);
  expect(alices.changes).toEqual([{ type: 'thread.deleted', thread_id: 'old_alice' }]);
  expect(bobs.changes).toEqual([{ type: 'thread.deleted', thread_id: 'old_bob' }]);
});

test('deleteAll and importData are announced to the scope they touched', async () => {
  const { database, store, elsewhere } = await setUp();
  await database.saveThread(thread('first', DAY), alice);
  await database.saveThread(thread('second', 0), alice);
  await database.saveThread(thread('bobs', 0), bob);
  const backup = await store.exportData(alice);
  const alices = heard(elsewhere, alice);
  const bobs = heard(elsewhere, bob);

  await store.deleteAll(alice);
  const summary = await store.importData(backup, alice);
  await alices.until(4);
  expect(alices.changes).toEqual([
    { type: 'thread.deleted', thread_id: 'first' },
    { type: 'thread.deleted', thread_id: 'second' },
    ...summary.threadIds.map((id) => ({ type: 'thread.created', thread_id: id })),
  ]);
  expect(summary.threadIds).toEqual(['first', 'second']);
  // Bob's own write comes through, and nothing of Alice's came before it.
  await store.saveThread(thread('bobs', 0), bob);
  await bobs.until(1);
  expect(bobs.changes).toEqual([{ type: 'thread.updated', thread_id: 'bobs' }]);
});

/**
 * IndexedDBStore's write sequence numbers (the tie-break of equal `created_at`), read from the raw
 * database in real Chromium: a store takes them in blocks from the shared counter, so a write with
 * numbers left reads nothing first; every number stays unique across stores on one database, in
 * write order within a store, and a failed write never lets a store use numbers it did not reserve.
 * Also the one-round-trip write of a new thread: it falls back to the usual write whenever what that
 * write checks by reading (a record to replace, an encrypted database) is the case.
 */
import { deleteDB, openDB } from 'idb';
import { afterEach, describe, expect, test } from 'vitest';
import { EncryptionSetupError, IndexedDBStore } from '../../src/indexeddb.ts';
import { NotFoundError } from '../../src/store/errors.ts';
import { SEQ_BLOCK } from '../../src/store/indexeddb/sequence.ts';
import { alice, assistantMessage, makeThread, userMessage, type TestContext } from '../shared/store-fixtures.ts';

const names: string[] = [];
const stores: IndexedDBStore<TestContext>[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) store.close();
  for (const name of names.splice(0)) await deleteDB(name);
});

async function openStore(name: string): Promise<IndexedDBStore<TestContext>> {
  if (!names.includes(name)) names.push(name);
  const store = await IndexedDBStore.open<TestContext>({ name });
  stores.push(store);
  return store;
}

/** What the database holds: the counter, and each item's and thread's number by id. */
async function rawSeqs(
  name: string,
): Promise<{ counter: number; items: Map<string, number>; threads: Map<string, number> }> {
  const db = await openDB(name);
  try {
    const tx = db.transaction(['meta', 'items', 'threads'], 'readonly');
    const [counter, items, threads] = await Promise.all([
      tx.objectStore('meta').get('seq') as Promise<number>,
      tx.objectStore('items').getAll() as Promise<{ id: string; seq: number }[]>,
      tx.objectStore('threads').getAll() as Promise<{ id: string; seq: number }[]>,
    ]);
    return {
      counter,
      items: new Map(items.map((record) => [record.id, record.seq])),
      threads: new Map(threads.map((record) => [record.id, record.seq])),
    };
  } finally {
    db.close();
  }
}

test('a store reserves a block once, then numbers its writes from it in write order', async () => {
  const name = `chatkit-test-${crypto.randomUUID()}`;
  const store = await openStore(name);
  await store.saveThreadWithItem(makeThread('thr_a'), userMessage('thr_a', 'msg_0'), alice);
  const afterFirst = await rawSeqs(name);
  const first = afterFirst.threads.get('thr_a')!;
  expect(afterFirst.items.get('msg_0')).toBe(first + 1);
  expect(afterFirst.counter).toBe(first + 2 + SEQ_BLOCK);

  for (let i = 1; i <= 10; i++) await store.addThreadItem('thr_a', assistantMessage('thr_a', `msg_${i}`), alice);
  const after = await rawSeqs(name);
  // No write went back to the counter: the block had room for them all.
  expect(after.counter).toBe(afterFirst.counter);
  const numbers = Array.from({ length: 11 }, (_, i) => after.items.get(`msg_${i}`)!);
  expect(numbers).toEqual(Array.from({ length: 11 }, (_, i) => first + 1 + i));
});

test('a store that uses up its block reserves the next one, still in write order', async () => {
  const name = `chatkit-test-${crypto.randomUUID()}`;
  const store = await openStore(name);
  await store.saveThread(makeThread('thr_a'), alice);
  const count = SEQ_BLOCK + 20;
  for (let i = 0; i < count; i++) await store.addThreadItem('thr_a', assistantMessage('thr_a', `msg_${i}`), alice);
  const { items, counter } = await rawSeqs(name);
  const numbers = Array.from({ length: count }, (_, i) => items.get(`msg_${i}`)!);
  for (let i = 1; i < count; i++) expect(numbers[i]!).toBeGreaterThan(numbers[i - 1]!);
  expect(counter).toBeGreaterThan(numbers[count - 1]!);
});

test('two stores on one database never give two records the same number', async () => {
  const name = `chatkit-test-${crypto.randomUUID()}`;
  const one = await openStore(name);
  const two = await openStore(name);
  await one.saveThread(makeThread('thr_a'), alice);
  await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? one : two).addThreadItem('thr_a', assistantMessage('thr_a', `msg_${i}`), alice),
    ),
  );
  const { items, threads, counter } = await rawSeqs(name);
  const numbers = [...items.values(), ...threads.values()];
  expect(numbers).toHaveLength(41);
  expect(new Set(numbers).size).toBe(41);
  for (const number of numbers) expect(number).toBeLessThan(counter);
});

test('concurrent writes of one store keep the order in which they started, across a reservation', async () => {
  const name = `chatkit-test-${crypto.randomUUID()}`;
  const store = await openStore(name);
  await store.saveThread(makeThread('thr_a'), alice);
  // Started together, the first of them reserves a block: the rest must not number ahead of it.
  await Promise.all(
    Array.from({ length: SEQ_BLOCK + 10 }, (_, i) =>
      store.addThreadItem('thr_a', assistantMessage('thr_a', `msg_${i}`), alice),
    ),
  );
  const { items } = await rawSeqs(name);
  const numbers = Array.from({ length: SEQ_BLOCK + 10 }, (_, i) => items.get(`msg_${i}`)!);
  for (let i = 1; i < numbers.length; i++) expect(numbers[i]!).toBeGreaterThan(numbers[i - 1]!);
});

test('a write that starts while its store reserves a block is numbered after the reserving one', async () => {
  const name = `chatkit-test-${crypto.randomUUID()}`;
  const store = await openStore(name);
  await store.saveThread(makeThread('thr_a'), alice);
  // One number left in the block: a write of two must reserve a new block.
  for (let i = 0; i < SEQ_BLOCK - 1; i++)
    await store.addThreadItem('thr_a', assistantMessage('thr_a', `msg_${i}`), alice);
  const reserving = store.saveThreadWithItem(makeThread('thr_b'), userMessage('thr_b', 'msg_b'), alice);
  // Microtasks only: the reserving write has started its transaction, and no database answer (a
  // task) can have come back yet, so its reservation is pending when the next write starts.
  for (let i = 0; i < 50; i++) await Promise.resolve();
  await Promise.all([reserving, store.addThreadItem('thr_a', assistantMessage('thr_a', 'msg_last'), alice)]);
  const { items, threads } = await rawSeqs(name);
  expect(items.get('msg_last')).toBeGreaterThan(items.get('msg_b')!);
  expect(items.get('msg_b')).toBeGreaterThan(threads.get('thr_b')!);
});

test('a write that fails while reserving leaves the store nothing it did not reserve', async () => {
  const name = `chatkit-test-${crypto.randomUUID()}`;
  const store = await openStore(name);
  const counter = (await rawSeqs(name)).counter;
  // The first write reserves a block, and fails (no such thread): its counter bump is undone.
  await expect(store.addThreadItem('thr_missing', assistantMessage('thr_missing', 'msg_x'), alice)).rejects.toThrow(
    NotFoundError,
  );
  expect((await rawSeqs(name)).counter).toBe(counter);
  // Another store reserves those same numbers; had the first kept them, the two would collide.
  const other = await openStore(name);
  await other.saveThread(makeThread('thr_b'), alice);
  await store.saveThread(makeThread('thr_a'), alice);
  await other.saveThread(makeThread('thr_c'), alice);
  const { threads } = await rawSeqs(name);
  expect(new Set(threads.values()).size).toBe(3);
});

test('a replaced record keeps its number; the fresh one it was offered is not reused', async () => {
  const name = `chatkit-test-${crypto.randomUUID()}`;
  const store = await openStore(name);
  await store.saveThread(makeThread('thr_a'), alice);
  await store.addThreadItem('thr_a', assistantMessage('thr_a', 'msg_0'), alice);
  const before = await rawSeqs(name);
  await store.saveItem('thr_a', assistantMessage('thr_a', 'msg_0', 0, 'edited'), alice);
  await store.saveThread(makeThread('thr_a', 0, { title: 'Renamed' }), alice);
  await store.addThreadItem('thr_a', assistantMessage('thr_a', 'msg_1'), alice);
  const after = await rawSeqs(name);
  expect(after.items.get('msg_0')).toBe(before.items.get('msg_0'));
  expect(after.threads.get('thr_a')).toBe(before.threads.get('thr_a'));
  expect(after.items.get('msg_1')).toBeGreaterThan(before.items.get('msg_0')!);
  expect((await store.loadThread('thr_a', alice)).title).toBe('Renamed');
});

describe('a new thread written in one round trip', () => {
  test('saveThreadWithItem over an existing thread and item still replaces them, keeping their numbers', async () => {
    const name = `chatkit-test-${crypto.randomUUID()}`;
    const store = await openStore(name);
    await store.saveThreadWithItem(makeThread('thr_a'), userMessage('thr_a', 'msg_0'), alice);
    const before = await rawSeqs(name);
    // The store has numbers left now, so this write tries the one-round-trip way first.
    await store.saveThreadWithItem(
      makeThread('thr_a', 0, { title: 'Again' }),
      assistantMessage('thr_a', 'msg_0'),
      alice,
    );
    const after = await rawSeqs(name);
    expect(after.threads.get('thr_a')).toBe(before.threads.get('thr_a'));
    expect(after.items.get('msg_0')).toBe(before.items.get('msg_0'));
    expect((await store.loadThread('thr_a', alice)).title).toBe('Again');
    expect((await store.loadItem('thr_a', 'msg_0', alice)).type).toBe('assistant_message');
  });

  test('a store in clear writes nothing into a database that another tab has encrypted meanwhile', async () => {
    const name = `chatkit-test-${crypto.randomUUID()}`;
    const store = await openStore(name);
    await store.saveThread(makeThread('thr_before'), alice);
    // What turning encryption on leaves in the database, written behind this store's back.
    const db = await openDB(name);
    await db.put('meta', { keyId: 'elsewhere' }, 'encryption');
    db.close();
    await expect(
      store.saveThreadWithItem(makeThread('thr_new'), userMessage('thr_new', 'msg_new'), alice),
    ).rejects.toThrow(EncryptionSetupError);
    const { threads, items } = await rawSeqs(name);
    expect([...threads.keys()]).toEqual(['thr_before']);
    expect(items.size).toBe(0);
  });
});

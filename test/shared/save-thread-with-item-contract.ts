/**
 * The optional `Store.saveThreadWithItem` as tests: a new thread and its first item are stored together
 * or not at all. Every store that has the method runs them (MemoryStore and PostgresStore in Node,
 * IndexedDBStore in Chromium); each says how to make an item write fail inside the store.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { NotFoundError } from '../../src/store/errors.ts';
import type { Store } from '../../src/store/types.ts';
import type { ThreadItem } from '../../src/protocol/items.ts';
import { alice, assistantMessage, bob, byUser, makeThread, userMessage, type TestContext } from './store-fixtures.ts';
import type { StoreFactory } from './store-contract.ts';

/**
 * Makes the store fail to write the item it returns, from inside the store (an uncloneable value for a
 * structured-clone store, a constraint for a database), so the thread write before it must be undone.
 */
export type PoisonItem = (store: Store<TestContext>, threadId: string) => Promise<ThreadItem>;

/**
 * Registers the `saveThreadWithItem` tests for one implementation.
 * @param name how the implementation appears in test names.
 * @param factory makes a fresh, empty store per call.
 * @param poison makes an item whose write fails in that store.
 */
export function describeSaveThreadWithItemContract(name: string, factory: StoreFactory, poison: PoisonItem): void {
  describe(`${name} — saveThreadWithItem`, () => {
    const disposers: Array<() => Promise<void> | void> = [];
    afterEach(async () => {
      while (disposers.length) await disposers.pop()!();
    });
    const open = async (options: { scope?: (context: TestContext) => string } = {}) => {
      const made = await factory(options);
      if (made.dispose) disposers.push(made.dispose);
      const { store } = made;
      if (!store.saveThreadWithItem) throw new Error(`${name} has no saveThreadWithItem`);
      return { store, save: store.saveThreadWithItem.bind(store) };
    };
    const page = (store: Store<TestContext>, threadId: string, context = alice) =>
      store.loadThreadItems(threadId, { limit: 10, order: 'asc' }, context);

    test('stores the thread and its item, both loadable and listed', async () => {
      const { store, save } = await open();
      const thread = makeThread('thr_new', 0, { metadata: { a: [1] } });
      const item = userMessage('thr_new', 'msg_first');
      await save(thread, item, alice);
      expect(await store.loadThread('thr_new', alice)).toStrictEqual(thread);
      expect(await store.loadItem('thr_new', 'msg_first', alice)).toStrictEqual(item);
      expect((await store.loadThreads({ limit: 10, order: 'asc' }, alice)).data).toStrictEqual([thread]);
      expect((await page(store, 'thr_new')).data).toStrictEqual([item]);
    });

    test('later items follow the first, and the thread keeps its place among threads of equal created_at', async () => {
      const { store, save } = await open();
      await store.saveThread(makeThread('thr_before'), alice);
      await save(makeThread('thr_new'), userMessage('thr_new', 'msg_1'), alice);
      await store.saveThread(makeThread('thr_after'), alice);
      await store.addThreadItem('thr_new', assistantMessage('thr_new', 'msg_2'), alice);
      expect((await page(store, 'thr_new')).data.map((entry) => entry.id)).toEqual(['msg_1', 'msg_2']);
      expect((await store.loadThreads({ limit: 10, order: 'asc' }, alice)).data.map((entry) => entry.id)).toEqual([
        'thr_before',
        'thr_new',
        'thr_after',
      ]);
    });

    test('is an upsert, like saveThread and addThreadItem: saving again replaces both, one of each', async () => {
      const { store, save } = await open();
      await save(makeThread('thr_a'), assistantMessage('thr_a', 'msg_1', 0, 'first'), alice);
      const renamed = makeThread('thr_a', 0, { title: 'Renamed' });
      const rewritten = assistantMessage('thr_a', 'msg_1', 0, 'second');
      await save(renamed, rewritten, alice);
      expect(await store.loadThread('thr_a', alice)).toStrictEqual(renamed);
      expect((await page(store, 'thr_a')).data).toStrictEqual([rewritten]);
    });

    test('does not keep the items page of a full Thread', async () => {
      const { store, save } = await open();
      const thread = makeThread('thr_full');
      const full = { ...thread, items: { data: [assistantMessage('thr_full', 'msg_stale')], has_more: false } };
      await save(full, assistantMessage('thr_full', 'msg_1'), alice);
      expect(await store.loadThread('thr_full', alice)).toStrictEqual(thread);
      expect((await page(store, 'thr_full')).data.map((entry) => entry.id)).toEqual(['msg_1']);
    });

    test("writes in the context's scope only", async () => {
      const { store, save } = await open({ scope: byUser });
      await save(makeThread('thr_a'), assistantMessage('thr_a', 'msg_1'), alice);
      await expect(store.loadThread('thr_a', bob)).rejects.toBeInstanceOf(NotFoundError);
      expect((await page(store, 'thr_a', bob)).data).toEqual([]);
      expect((await page(store, 'thr_a', alice)).data).toHaveLength(1);
    });

    test('an item write that fails inside the store leaves no thread and no item', async () => {
      const { store, save } = await open();
      await store.saveThread(makeThread('thr_other'), alice);
      const item = await poison(store, 'thr_new');
      await expect(save(makeThread('thr_new'), item, alice)).rejects.toThrow();
      await expect(store.loadThread('thr_new', alice)).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.loadItem('thr_new', item.id, alice)).rejects.toBeInstanceOf(NotFoundError);
      expect((await store.loadThreads({ limit: 10, order: 'asc' }, alice)).data.map((entry) => entry.id)).toEqual([
        'thr_other',
      ]);
    });

    test('a failing item write over an existing thread leaves that thread as it was', async () => {
      const { store, save } = await open();
      const original = makeThread('thr_a', 0, { title: 'Original' });
      await save(original, assistantMessage('thr_a', 'msg_1'), alice);
      const item = await poison(store, 'thr_a');
      await expect(save(makeThread('thr_a', 0, { title: 'Changed' }), item, alice)).rejects.toThrow();
      expect(await store.loadThread('thr_a', alice)).toStrictEqual(original);
      expect((await page(store, 'thr_a')).data.map((entry) => entry.id)).toEqual(['msg_1']);
    });
  });
}

/** An item a structured-clone store cannot copy (it holds a function), for MemoryStore and IndexedDBStore. */
export const uncloneableItem: PoisonItem = async (_store, threadId) => {
  const item = assistantMessage(threadId, 'msg_uncloneable');
  (item as unknown as { metadata: unknown }).metadata = { callback: () => 'not data' };
  return item;
};

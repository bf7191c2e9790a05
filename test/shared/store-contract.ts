/**
 * The {@link Store} contract as tests: every store implementation runs this suite (MemoryStore in Node,
 * IndexedDBStore in Chromium), so they cannot drift apart. It covers the Python SDK's store tests
 * (protocol.md §9.2, items 49-63) and the edges those leave open: ties of equal `created_at` across page
 * boundaries, upserts keeping their place, unknown cursors, cascading deletes and per-scope isolation.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { NotFoundError } from '../../src/store/errors.ts';
import { ID_PREFIXES } from '../../src/store/ids.ts';
import type { Page, PageQuery, Store, StoreItemType } from '../../src/store/types.ts';
import type { ThreadItem } from '../../src/protocol/items.ts';
import type { ThreadMetadata } from '../../src/protocol/thread.ts';
import {
  alice,
  assistantMessage,
  assortedItems,
  at,
  bob,
  byUser,
  fileAttachment,
  imageAttachment,
  makeThread,
  userMessage,
  widgetItem,
  type TestContext,
} from './store-fixtures.ts';

/** A store made for one test, and how to release it afterwards. */
export interface StoreUnderTest {
  store: Store<TestContext>;
  /** Closes and deletes whatever the store created (a database, say). */
  dispose?: () => Promise<void> | void;
}

/** Options a factory must honour. */
export interface StoreFactoryOptions {
  /** Partition the store's data by this function of the context (the isolation tests pass {@link byUser}). */
  scope?: (context: TestContext) => string;
}

/** Makes a fresh, empty store for each call. */
export type StoreFactory = (options: StoreFactoryOptions) => Promise<StoreUnderTest>;

/** Overrides a store's generators on the instance with the Python tests' counter ids. */
export function useCustomIds(store: Store<TestContext>): void {
  let counter = 0;
  store.generateThreadId = () => `thr_custom_${++counter}`;
  store.generateItemId = (itemType: StoreItemType, thread: ThreadMetadata) =>
    `${itemType}_custom_${++counter}_${thread.id}`;
}

const ids = (page: Page<{ id: string }>): string[] => page.data.map((entry) => entry.id);

/** Awaits `promise`, expecting a {@link NotFoundError} with exactly `message`. */
async function expectNotFound(promise: Promise<unknown>, message: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(NotFoundError);
  expect((error as Error).message).toBe(message);
}

/**
 * A listing under test, threads or items, seen the same way: add an entry at a time, read a page.
 * The pagination contract is the same for both, so the same tests run over each.
 */
interface Listing {
  /** What the unknown-cursor error calls an entry: `Thread` or `Item`. */
  noun: string;
  add(store: Store<TestContext>, id: string, createdAt: string): Promise<void>;
  page(store: Store<TestContext>, query: PageQuery): Promise<Page<{ id: string }>>;
}

const threadListing: Listing = {
  noun: 'Thread',
  add: (store, id, createdAt) => store.saveThread({ ...makeThread(id), created_at: createdAt }, alice),
  page: (store, query) => store.loadThreads(query, alice),
};

const LISTED = 'thr_listed';
const itemListing: Listing = {
  noun: 'Item',
  async add(store, id, createdAt) {
    await ensureThread(store, LISTED);
    await store.addThreadItem(LISTED, { ...assistantMessage(LISTED, id), created_at: createdAt }, alice);
  },
  page: (store, query) => store.loadThreadItems(LISTED, query, alice),
};

async function ensureThread(store: Store<TestContext>, threadId: string, context: TestContext = alice): Promise<void> {
  await store.loadThread(threadId, context).catch(() => store.saveThread(makeThread(threadId), context));
}

/** Reads every page with `limit`, checking each page's own invariants; returns the ids in reading order. */
async function walk(
  listing: Listing,
  store: Store<TestContext>,
  order: 'asc' | 'desc',
  limit: number,
): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let pages = 0; ; pages++) {
    if (pages > 100) throw new Error('pagination does not end');
    const page = await listing.page(store, { after, limit, order });
    expect(page.data.length).toBeLessThanOrEqual(limit);
    seen.push(...ids(page));
    if (!page.has_more) {
      expect(page.after ?? null).toBeNull();
      return seen;
    }
    expect(page.data.length).toBe(limit);
    expect(page.after).toBe(seen[seen.length - 1]);
    after = page.after ?? null;
  }
}

/**
 * Registers the Store contract tests for one implementation.
 * @param name how the implementation appears in test names.
 * @param factory makes a fresh, empty store per call; called at least once per test.
 */
export function describeStoreContract(name: string, factory: StoreFactory): void {
  describe(`${name} — Store contract`, () => {
    const disposers: Array<() => Promise<void> | void> = [];
    afterEach(async () => {
      while (disposers.length) await disposers.pop()!();
    });
    const open = async (options: StoreFactoryOptions = {}): Promise<Store<TestContext>> => {
      const made = await factory(options);
      if (made.dispose) disposers.push(made.dispose);
      return made.store;
    };

    describe('threads', () => {
      test('a saved thread loads back deeply equal, every metadata field kept', async () => {
        const store = await open();
        const thread = makeThread('thr_a', 0, {
          title: 'Title',
          status: { type: 'locked', reason: 'read only' },
          allowed_image_domains: ['example.com'],
          metadata: { test: 'test', nested: { list: [1, { deep: null }] } },
        });
        await store.saveThread(thread, alice);
        expect(await store.loadThread('thr_a', alice)).toStrictEqual(thread);
      });

      test('saveThread does not keep the items page of a full Thread', async () => {
        const store = await open();
        const thread = makeThread('thr_full');
        const full = { ...thread, items: { data: [assistantMessage('thr_full', 'msg_1')], has_more: false } };
        await store.saveThread(full, alice);
        expect(await store.loadThread('thr_full', alice)).toStrictEqual(thread);
        expect((await store.loadThreadItems('thr_full', { limit: 10, order: 'asc' }, alice)).data).toEqual([]);
      });

      test('saveThread is an upsert: one thread, new fields, same place among equal created_at', async () => {
        const store = await open();
        for (const id of ['thr_1', 'thr_2', 'thr_3']) await store.saveThread(makeThread(id), alice);
        const updated = makeThread('thr_1', 0, {
          title: 'Renamed',
          status: { type: 'closed', reason: 'done' },
          metadata: { v: 2 },
        });
        await store.saveThread(updated, alice);
        expect(await store.loadThread('thr_1', alice)).toStrictEqual(updated);
        expect(ids(await store.loadThreads({ limit: 10, order: 'asc' }, alice))).toEqual(['thr_1', 'thr_2', 'thr_3']);
      });

      test('saving a thread again keeps its items', async () => {
        const store = await open();
        await store.saveThread(makeThread('thr_a'), alice);
        await store.addThreadItem('thr_a', assistantMessage('thr_a', 'msg_1'), alice);
        await store.saveThread(makeThread('thr_a', 0, { title: 'New' }), alice);
        expect(ids(await store.loadThreadItems('thr_a', { limit: 10, order: 'asc' }, alice))).toEqual(['msg_1']);
      });

      test('saveThreadWithItem, where a store has it, stores the thread and its first item, both readable and upserted in place', async () => {
        const store = await open({ scope: byUser });
        // Optional in the Store interface; every store of this project has it.
        const saveThreadWithItem = store.saveThreadWithItem?.bind(store);
        expect(saveThreadWithItem).toBeTypeOf('function');
        const thread = makeThread('thr_new', 0, { title: 'First', metadata: { k: 'v' } });
        const first = userMessage('thr_new', 'msg_first');
        await saveThreadWithItem!(thread, first, alice);
        await store.addThreadItem('thr_new', assistantMessage('thr_new', 'msg_reply', 1), alice);
        expect(await store.loadThread('thr_new', alice)).toStrictEqual(thread);
        expect(await store.loadItem('thr_new', 'msg_first', alice)).toStrictEqual(first);
        const renamed = { ...thread, title: 'Renamed' };
        await saveThreadWithItem!(renamed, first, alice);
        expect(await store.loadThread('thr_new', alice)).toStrictEqual(renamed);
        const page = await store.loadThreadItems('thr_new', { limit: 10, order: 'asc' }, alice);
        expect(page.data).toStrictEqual([first, assistantMessage('thr_new', 'msg_reply', 1)]);
        await expectNotFound(store.loadThread('thr_new', bob), 'Thread thr_new not found');
      });

      test('loading an unknown thread throws NotFoundError', async () => {
        const store = await open();
        await expectNotFound(store.loadThread('thr_missing', alice), 'Thread thr_missing not found');
      });

      test('values are copied in and out: changing them later does not change what is stored', async () => {
        const store = await open();
        const thread = makeThread('thr_a', 0, { metadata: { list: [1] } });
        await store.saveThread(thread, alice);
        (thread.metadata.list as number[]).push(2);
        const loaded = await store.loadThread('thr_a', alice);
        (loaded.metadata.list as number[]).push(3);
        loaded.title = 'changed';
        expect(await store.loadThread('thr_a', alice)).toStrictEqual(
          makeThread('thr_a', 0, { metadata: { list: [1] } }),
        );

        const item = assistantMessage('thr_a', 'msg_1');
        await store.addThreadItem('thr_a', item, alice);
        (item as { content: unknown[] }).content.push({ type: 'output_text', text: 'later', annotations: [] });
        expect(await store.loadItem('thr_a', 'msg_1', alice)).toStrictEqual(assistantMessage('thr_a', 'msg_1'));
      });
    });

    describe('items', () => {
      test('every kind of item round-trips deeply equal, in order', async () => {
        const store = await open();
        await store.saveThread(makeThread('thr_a'), alice);
        const items = assortedItems('thr_a');
        for (const item of items) await store.addThreadItem('thr_a', item, alice);
        const page = await store.loadThreadItems('thr_a', { limit: 50, order: 'asc' }, alice);
        expect(page.data).toStrictEqual(items);
        for (const item of items) expect(await store.loadItem('thr_a', item.id, alice)).toStrictEqual(item);
      });

      test('addThreadItem twice with one id keeps one item, the new content, and its place', async () => {
        const store = await open();
        await store.saveThread(makeThread('thr_a'), alice);
        for (const id of ['msg_a', 'msg_b', 'msg_c'])
          await store.addThreadItem('thr_a', assistantMessage('thr_a', id), alice);
        const again = assistantMessage('thr_a', 'msg_a', 0, 'second version');
        await store.addThreadItem('thr_a', again, alice);
        const page = await store.loadThreadItems('thr_a', { limit: 10, order: 'asc' }, alice);
        expect(ids(page)).toEqual(['msg_a', 'msg_b', 'msg_c']);
        expect(page.data[0]).toStrictEqual(again);
      });

      test('saveItem inserts a missing item and replaces an existing one in place', async () => {
        const store = await open();
        await store.saveThread(makeThread('thr_a'), alice);
        await store.saveItem('thr_a', assistantMessage('thr_a', 'msg_a'), alice);
        await store.saveItem('thr_a', assistantMessage('thr_a', 'msg_b'), alice);
        const replaced = assistantMessage('thr_a', 'msg_a', 0, 'replaced');
        await store.saveItem('thr_a', replaced, alice);
        const page = await store.loadThreadItems('thr_a', { limit: 10, order: 'desc' }, alice);
        expect(ids(page)).toEqual(['msg_b', 'msg_a']);
        expect(await store.loadItem('thr_a', 'msg_a', alice)).toStrictEqual(replaced);
      });

      test('saving an item with a new created_at moves it to its new place', async () => {
        const store = await open();
        await store.saveThread(makeThread('thr_a'), alice);
        for (const [id, seconds] of [
          ['msg_a', 1],
          ['msg_b', 2],
          ['msg_c', 3],
        ] as const) {
          await store.addThreadItem('thr_a', assistantMessage('thr_a', id, seconds), alice);
        }
        await store.saveItem('thr_a', assistantMessage('thr_a', 'msg_a', 4), alice);
        expect(ids(await store.loadThreadItems('thr_a', { limit: 10, order: 'asc' }, alice))).toEqual([
          'msg_b',
          'msg_c',
          'msg_a',
        ]);
      });

      test('adding or saving an item in an unknown thread throws NotFoundError and stores nothing', async () => {
        const store = await open();
        await expectNotFound(
          store.addThreadItem('thr_missing', assistantMessage('thr_missing', 'msg_1'), alice),
          'Thread thr_missing not found',
        );
        await expectNotFound(
          store.saveItem('thr_missing', assistantMessage('thr_missing', 'msg_2'), alice),
          'Thread thr_missing not found',
        );
        await store.saveThread(makeThread('thr_missing'), alice);
        expect((await store.loadThreadItems('thr_missing', { limit: 10, order: 'asc' }, alice)).data).toEqual([]);
      });

      test('loadItem throws NotFoundError for an unknown item, or one of another thread', async () => {
        const store = await open();
        await store.saveThread(makeThread('thr_a'), alice);
        await store.saveThread(makeThread('thr_b'), alice);
        await store.addThreadItem('thr_b', assistantMessage('thr_b', 'msg_b'), alice);
        await expectNotFound(
          store.loadItem('thr_a', 'msg_missing', alice),
          'Item msg_missing not found in thread thr_a',
        );
        await expectNotFound(store.loadItem('thr_a', 'msg_b', alice), 'Item msg_b not found in thread thr_a');
        await expectNotFound(
          store.loadItem('thr_missing', 'msg_b', alice),
          'Item msg_b not found in thread thr_missing',
        );
      });

      test('item ids are per thread: the same id in two threads names two items', async () => {
        const store = await open();
        await store.saveThread(makeThread('thr_a'), alice);
        await store.saveThread(makeThread('thr_b'), alice);
        await store.addThreadItem('thr_a', assistantMessage('thr_a', 'msg_1', 0, 'in a'), alice);
        await store.addThreadItem('thr_b', assistantMessage('thr_b', 'msg_1', 0, 'in b'), alice);
        await store.deleteThreadItem('thr_a', 'msg_1', alice);
        expect(await store.loadItem('thr_b', 'msg_1', alice)).toStrictEqual(
          assistantMessage('thr_b', 'msg_1', 0, 'in b'),
        );
      });

      test('deleteThreadItem removes one item, and is silent when there is nothing to delete', async () => {
        const store = await open();
        await store.saveThread(makeThread('thr_a'), alice);
        for (const id of ['msg_a', 'msg_b', 'msg_c'])
          await store.addThreadItem('thr_a', assistantMessage('thr_a', id), alice);
        await store.deleteThreadItem('thr_a', 'msg_b', alice);
        await expectNotFound(store.loadItem('thr_a', 'msg_b', alice), 'Item msg_b not found in thread thr_a');
        expect(ids(await store.loadThreadItems('thr_a', { limit: 10, order: 'asc' }, alice))).toEqual([
          'msg_a',
          'msg_c',
        ]);
        await expect(store.deleteThreadItem('thr_a', 'msg_b', alice)).resolves.toBeUndefined();
        await expect(store.deleteThreadItem('thr_missing', 'msg_a', alice)).resolves.toBeUndefined();
        expect(ids(await store.loadThreadItems('thr_a', { limit: 10, order: 'asc' }, alice))).toEqual([
          'msg_a',
          'msg_c',
        ]);
      });

      test("a page of one thread never holds another thread's items", async () => {
        const store = await open();
        await store.saveThread(makeThread('thr_a'), alice);
        await store.saveThread(makeThread('thr_b'), alice);
        for (let i = 0; i < 3; i++) {
          await store.addThreadItem('thr_a', assistantMessage('thr_a', `a${i}`, i), alice);
          await store.addThreadItem('thr_b', assistantMessage('thr_b', `b${i}`, i), alice);
        }
        expect(ids(await store.loadThreadItems('thr_a', { limit: 10, order: 'asc' }, alice))).toEqual([
          'a0',
          'a1',
          'a2',
        ]);
        expect(ids(await store.loadThreadItems('thr_b', { limit: 10, order: 'desc' }, alice))).toEqual([
          'b2',
          'b1',
          'b0',
        ]);
      });

      test('an unknown thread lists as an empty page, even with a cursor', async () => {
        const store = await open();
        for (const after of [null, 'msg_1']) {
          for (const order of ['asc', 'desc'] as const) {
            const page = await store.loadThreadItems('thr_missing', { after, limit: 10, order }, alice);
            expect(page.data).toEqual([]);
            expect(page.has_more).toBe(false);
            expect(page.after ?? null).toBeNull();
          }
        }
      });

      test('a cursor naming an item of another thread throws NotFoundError', async () => {
        const store = await open();
        await store.saveThread(makeThread('thr_a'), alice);
        await store.saveThread(makeThread('thr_b'), alice);
        await store.addThreadItem('thr_a', assistantMessage('thr_a', 'msg_a'), alice);
        await store.addThreadItem('thr_b', assistantMessage('thr_b', 'msg_b'), alice);
        await expectNotFound(
          store.loadThreadItems('thr_a', { after: 'msg_b', limit: 10, order: 'asc' }, alice),
          'Item msg_b not found',
        );
      });
    });

    describe('attachment records', () => {
      test('file and image attachments round-trip deeply equal, metadata included', async () => {
        const store = await open();
        const file = fileAttachment('atc_file');
        const image = imageAttachment('atc_image', { thread_id: 'thr_a' });
        await store.saveAttachment(file, alice);
        await store.saveAttachment(image, alice);
        expect(await store.loadAttachment('atc_file', alice)).toStrictEqual(file);
        expect(await store.loadAttachment('atc_image', alice)).toStrictEqual(image);
      });

      test('saveAttachment is an upsert (the server saves it again with thread_id set)', async () => {
        const store = await open();
        await store.saveAttachment(fileAttachment('atc_1'), alice);
        const attached = fileAttachment('atc_1', { thread_id: 'thr_a', upload_descriptor: null });
        await store.saveAttachment(attached, alice);
        expect(await store.loadAttachment('atc_1', alice)).toStrictEqual(attached);
      });

      test('loading an unknown attachment throws NotFoundError; deleting one is silent', async () => {
        const store = await open();
        await expectNotFound(store.loadAttachment('atc_missing', alice), 'File atc_missing not found');
        await expect(store.deleteAttachment('atc_missing', alice)).resolves.toBeUndefined();
      });

      test('deleteAttachment removes only that record', async () => {
        const store = await open();
        await store.saveAttachment(fileAttachment('atc_1'), alice);
        await store.saveAttachment(fileAttachment('atc_2'), alice);
        await store.deleteAttachment('atc_1', alice);
        await expectNotFound(store.loadAttachment('atc_1', alice), 'File atc_1 not found');
        expect(await store.loadAttachment('atc_2', alice)).toStrictEqual(fileAttachment('atc_2'));
      });
    });

    for (const listing of [threadListing, itemListing]) {
      describe(`pagination of ${listing.noun.toLowerCase()}s`, () => {
        test('an empty listing is one empty page in both orders', async () => {
          const store = await open();
          if (listing === itemListing) await ensureThread(store, LISTED);
          for (const order of ['asc', 'desc'] as const) {
            const page = await listing.page(store, { limit: 5, order });
            expect(page.data).toEqual([]);
            expect(page.has_more).toBe(false);
            expect(page.after ?? null).toBeNull();
          }
        });

        test('entries come in created_at order whatever the write order', async () => {
          const store = await open();
          for (const [id, seconds] of [
            ['e3', 3],
            ['e1', 1],
            ['e4', 4],
            ['e0', 0],
            ['e2', 2],
          ] as const) {
            await listing.add(store, id, at(seconds));
          }
          expect(ids(await listing.page(store, { limit: 10, order: 'asc' }))).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
          expect(ids(await listing.page(store, { limit: 10, order: 'desc' }))).toEqual(['e4', 'e3', 'e2', 'e1', 'e0']);
        });

        test('created_at orders by instant, not by how the timestamp is written', async () => {
          const store = await open();
          await listing.add(store, 'utc_11', '2025-01-01T11:00:00Z');
          await listing.add(store, 'plus2_12', '2025-01-01T12:00:00+02:00'); // 10:00 UTC
          await listing.add(store, 'utc_10_30', '2025-01-01T10:30:00.000Z');
          expect(ids(await listing.page(store, { limit: 10, order: 'asc' }))).toEqual([
            'plus2_12',
            'utc_10_30',
            'utc_11',
          ]);
        });

        test('a count that is an exact multiple of the limit ends without an empty extra page', async () => {
          const store = await open();
          for (let i = 0; i < 6; i++) await listing.add(store, `e${i}`, at(i));
          const first = await listing.page(store, { limit: 3, order: 'asc' });
          expect(ids(first)).toEqual(['e0', 'e1', 'e2']);
          expect(first.has_more).toBe(true);
          expect(first.after).toBe('e2');
          const second = await listing.page(store, { after: first.after, limit: 3, order: 'asc' });
          expect(ids(second)).toEqual(['e3', 'e4', 'e5']);
          expect(second.has_more).toBe(false);
          expect(second.after ?? null).toBeNull();
          const firstDesc = await listing.page(store, { limit: 3, order: 'desc' });
          expect(ids(firstDesc)).toEqual(['e5', 'e4', 'e3']);
          const secondDesc = await listing.page(store, { after: firstDesc.after, limit: 3, order: 'desc' });
          expect(ids(secondDesc)).toEqual(['e2', 'e1', 'e0']);
          expect(secondDesc.has_more).toBe(false);
        });

        test('a limit equal to or larger than the count gives everything with has_more false', async () => {
          const store = await open();
          for (let i = 0; i < 4; i++) await listing.add(store, `e${i}`, at(i));
          for (const limit of [4, 5, 100]) {
            const page = await listing.page(store, { limit, order: 'desc' });
            expect(ids(page)).toEqual(['e3', 'e2', 'e1', 'e0']);
            expect(page.has_more).toBe(false);
            expect(page.after ?? null).toBeNull();
          }
        });

        test('a cursor on the last entry gives an empty final page', async () => {
          const store = await open();
          for (let i = 0; i < 3; i++) await listing.add(store, `e${i}`, at(i));
          for (const [after, order] of [
            ['e2', 'asc'],
            ['e0', 'desc'],
          ] as const) {
            const page = await listing.page(store, { after, limit: 5, order });
            expect(page.data).toEqual([]);
            expect(page.has_more).toBe(false);
          }
        });

        test(`an unknown cursor throws NotFoundError("${listing.noun} … not found")`, async () => {
          const store = await open();
          await listing.add(store, 'e0', at(0));
          for (const order of ['asc', 'desc'] as const) {
            await expectNotFound(
              listing.page(store, { after: 'nope', limit: 5, order }),
              `${listing.noun} nope not found`,
            );
          }
        });

        test('ties of equal created_at keep write order across page boundaries, for every limit and both orders', async () => {
          const store = await open();
          // Ids deliberately not in alphabetical write order, so an id tie-break would show.
          const written: Array<[string, number]> = [
            ['m', 1],
            ['c', 0],
            ['z', 1],
            ['a', 1],
            ['q', 2],
            ['k', 1],
            ['b', 2],
            ['y', 3],
            ['d', 1],
          ];
          for (const [id, seconds] of written) await listing.add(store, id, at(seconds));
          const asc = written
            .map(([id, seconds], index) => ({ id, seconds, index }))
            .sort((x, y) => x.seconds - y.seconds || x.index - y.index)
            .map((entry) => entry.id);
          expect(asc).toEqual(['c', 'm', 'z', 'a', 'k', 'd', 'q', 'b', 'y']);
          for (let limit = 1; limit <= written.length + 1; limit++) {
            expect(await walk(listing, store, 'asc', limit)).toEqual(asc);
            expect(await walk(listing, store, 'desc', limit)).toEqual([...asc].reverse());
          }
        });

        test('an upsert of a tied entry keeps its place in every page walk', async () => {
          const store = await open();
          for (const id of ['t0', 't1', 't2', 't3', 't4']) await listing.add(store, id, at(7));
          await listing.add(store, 't1', at(7));
          await listing.add(store, 't3', at(7));
          expect(await walk(listing, store, 'asc', 2)).toEqual(['t0', 't1', 't2', 't3', 't4']);
          expect(await walk(listing, store, 'desc', 2)).toEqual(['t4', 't3', 't2', 't1', 't0']);
        });

        test('deleting the entry after the cursor does not skip the next one', async () => {
          const store = await open();
          for (let i = 0; i < 5; i++) await listing.add(store, `e${i}`, at(1));
          const first = await listing.page(store, { limit: 2, order: 'asc' });
          if (listing === itemListing) await store.deleteThreadItem(LISTED, 'e2', alice);
          else await store.deleteThread('e2', alice);
          const second = await listing.page(store, { after: first.after, limit: 2, order: 'asc' });
          expect(ids(second)).toEqual(['e3', 'e4']);
          expect(second.has_more).toBe(false);
        });
      });
    }

    describe('deleteThread', () => {
      test('removes the thread, its items and its attachment records; leaves everything else', async () => {
        const store = await open();
        await store.saveThread(makeThread('thr_a', 0), alice);
        await store.saveThread(makeThread('thr_b', 1), alice);
        for (let i = 0; i < 3; i++) {
          await store.addThreadItem('thr_a', assistantMessage('thr_a', `a${i}`, i), alice);
          await store.addThreadItem('thr_b', assistantMessage('thr_b', `b${i}`, i), alice);
        }
        await store.saveAttachment(fileAttachment('atc_a', { thread_id: 'thr_a' }), alice);
        await store.saveAttachment(imageAttachment('atc_b', { thread_id: 'thr_b' }), alice);
        await store.saveAttachment(fileAttachment('atc_free'), alice);

        await store.deleteThread('thr_a', alice);

        await expectNotFound(store.loadThread('thr_a', alice), 'Thread thr_a not found');
        await expectNotFound(store.loadItem('thr_a', 'a0', alice), 'Item a0 not found in thread thr_a');
        expect((await store.loadThreadItems('thr_a', { limit: 10, order: 'asc' }, alice)).data).toEqual([]);
        await expectNotFound(store.loadAttachment('atc_a', alice), 'File atc_a not found');
        expect(ids(await store.loadThreads({ limit: 10, order: 'asc' }, alice))).toEqual(['thr_b']);
        expect(ids(await store.loadThreadItems('thr_b', { limit: 10, order: 'asc' }, alice))).toEqual([
          'b0',
          'b1',
          'b2',
        ]);
        expect(await store.loadAttachment('atc_b', alice)).toStrictEqual(
          imageAttachment('atc_b', { thread_id: 'thr_b' }),
        );
        expect(await store.loadAttachment('atc_free', alice)).toStrictEqual(fileAttachment('atc_free'));
      });

      test('a thread created again under the same id starts without the old items', async () => {
        const store = await open();
        await store.saveThread(makeThread('thr_a'), alice);
        await store.addThreadItem('thr_a', assistantMessage('thr_a', 'msg_old'), alice);
        await store.deleteThread('thr_a', alice);
        await store.saveThread(makeThread('thr_a'), alice);
        expect((await store.loadThreadItems('thr_a', { limit: 10, order: 'asc' }, alice)).data).toEqual([]);
        await expectNotFound(store.loadItem('thr_a', 'msg_old', alice), 'Item msg_old not found in thread thr_a');
      });

      test('deleting an unknown thread is silent', async () => {
        const store = await open();
        await store.saveThread(makeThread('thr_a'), alice);
        await expect(store.deleteThread('thr_missing', alice)).resolves.toBeUndefined();
        expect(ids(await store.loadThreads({ limit: 10, order: 'asc' }, alice))).toEqual(['thr_a']);
      });
    });

    describe('isolation between scopes', () => {
      /** Alice's thread with an item and an attachment; returns the scoped store. */
      async function aliceData(): Promise<Store<TestContext>> {
        const store = await open({ scope: byUser });
        await store.saveThread(makeThread('thr_shared', 0, { title: 'Alice' }), alice);
        await store.addThreadItem('thr_shared', assistantMessage('thr_shared', 'msg_shared', 0, 'alice'), alice);
        await store.saveAttachment(fileAttachment('atc_shared', { thread_id: 'thr_shared' }), alice);
        return store;
      }

      async function expectAliceIntact(store: Store<TestContext>): Promise<void> {
        expect(await store.loadThread('thr_shared', alice)).toStrictEqual(
          makeThread('thr_shared', 0, { title: 'Alice' }),
        );
        expect((await store.loadThreadItems('thr_shared', { limit: 10, order: 'asc' }, alice)).data).toStrictEqual([
          assistantMessage('thr_shared', 'msg_shared', 0, 'alice'),
        ]);
        expect(await store.loadAttachment('atc_shared', alice)).toStrictEqual(
          fileAttachment('atc_shared', { thread_id: 'thr_shared' }),
        );
      }

      test('another scope cannot load anything by guessed ids', async () => {
        const store = await aliceData();
        await expectNotFound(store.loadThread('thr_shared', bob), 'Thread thr_shared not found');
        await expectNotFound(
          store.loadItem('thr_shared', 'msg_shared', bob),
          'Item msg_shared not found in thread thr_shared',
        );
        await expectNotFound(store.loadAttachment('atc_shared', bob), 'File atc_shared not found');
        expect((await store.loadThreadItems('thr_shared', { limit: 10, order: 'asc' }, bob)).data).toEqual([]);
        expect(
          (await store.loadThreadItems('thr_shared', { after: 'msg_shared', limit: 10, order: 'asc' }, bob)).data,
        ).toEqual([]);
      });

      test('another scope lists none of it, and cannot use its ids as cursors', async () => {
        const store = await aliceData();
        const page = await store.loadThreads({ limit: 10, order: 'desc' }, bob);
        expect(page.data).toEqual([]);
        expect(page.has_more).toBe(false);
        await expectNotFound(
          store.loadThreads({ after: 'thr_shared', limit: 10, order: 'asc' }, bob),
          'Thread thr_shared not found',
        );
      });

      test('another scope cannot add to, change or delete it', async () => {
        const store = await aliceData();
        await expectNotFound(
          store.addThreadItem('thr_shared', assistantMessage('thr_shared', 'msg_bob'), bob),
          'Thread thr_shared not found',
        );
        await expectNotFound(
          store.saveItem('thr_shared', assistantMessage('thr_shared', 'msg_shared', 0, 'bob'), bob),
          'Thread thr_shared not found',
        );
        await store.deleteThreadItem('thr_shared', 'msg_shared', bob);
        await store.deleteAttachment('atc_shared', bob);
        await store.deleteThread('thr_shared', bob);
        await expectAliceIntact(store);
      });

      test("the same ids in another scope are that scope's own, separate data", async () => {
        const store = await aliceData();
        await store.saveThread(makeThread('thr_shared', 5, { title: 'Bob' }), bob);
        await store.addThreadItem('thr_shared', assistantMessage('thr_shared', 'msg_shared', 0, 'bob'), bob);
        await store.saveAttachment(imageAttachment('atc_shared', { thread_id: 'thr_shared' }), bob);
        await expectAliceIntact(store);
        expect(await store.loadThread('thr_shared', bob)).toStrictEqual(makeThread('thr_shared', 5, { title: 'Bob' }));
        expect(await store.loadItem('thr_shared', 'msg_shared', bob)).toStrictEqual(
          assistantMessage('thr_shared', 'msg_shared', 0, 'bob'),
        );
        // Deleting Bob's thread (same id) cascades within Bob's scope only.
        await store.deleteThread('thr_shared', bob);
        await expectNotFound(store.loadAttachment('atc_shared', bob), 'File atc_shared not found');
        await expectAliceIntact(store);
        expect(ids(await store.loadThreads({ limit: 10, order: 'asc' }, alice))).toEqual(['thr_shared']);
      });

      test('without a scope function every context shares one space', async () => {
        const store = await open();
        await store.saveThread(makeThread('thr_a'), alice);
        expect(await store.loadThread('thr_a', bob)).toStrictEqual(makeThread('thr_a'));
      });
    });

    describe('concurrency', () => {
      test('writes started together keep call order among equal created_at', async () => {
        const store = await open();
        await store.saveThread(makeThread('thr_a'), alice);
        const order = Array.from({ length: 12 }, (_, i) => `msg_${String.fromCharCode(122 - i)}`);
        await Promise.all(order.map((id) => store.addThreadItem('thr_a', assistantMessage('thr_a', id, 1), alice)));
        expect(ids(await store.loadThreadItems('thr_a', { limit: 50, order: 'asc' }, alice))).toEqual(order);
        await Promise.all(order.map((id) => store.saveThread(makeThread(`thr_${id}`, 9), alice)));
        expect(ids(await store.loadThreads({ limit: 50, order: 'desc' }, alice)).slice(0, 12)).toEqual(
          order.map((id) => `thr_${id}`).reverse(),
        );
      });
    });

    describe('id generators', () => {
      test('defaults: the Python SDK prefix of each type, then 16 lowercase hex digits, never repeated', async () => {
        const store = await open();
        const thread = makeThread('thr_a');
        const seen = new Set<string>();
        for (let i = 0; i < 20; i++) {
          const id = store.generateThreadId(alice);
          expect(id).toMatch(/^thr_[0-9a-f]{16}$/);
          seen.add(id);
        }
        for (const itemType of Object.keys(ID_PREFIXES) as StoreItemType[]) {
          const id = store.generateItemId(itemType, thread, alice);
          expect(id).toMatch(new RegExp(`^${ID_PREFIXES[itemType]}_[0-9a-f]{16}$`));
          seen.add(id);
        }
        expect(seen.size).toBe(20 + Object.keys(ID_PREFIXES).length);
      });

      test('generators overridden on the instance are used as they are', async () => {
        const store = await open();
        useCustomIds(store);
        const threadId = store.generateThreadId(alice);
        await store.saveThread(makeThread(threadId), alice);
        const itemId = store.generateItemId('message', makeThread(threadId), alice);
        expect([threadId, itemId]).toEqual(['thr_custom_1', 'message_custom_2_thr_custom_1']);
        await store.addThreadItem(threadId, assistantMessage(threadId, itemId), alice);
        expect((await store.loadItem(threadId, itemId, alice)).id).toBe(itemId);
      });
    });

    describePythonStoreTests(open);
  });
}

/** protocol.md §9.2: the Python SDK's `tests/test_store.py`, run for the default-id and a custom-id store. */
function describePythonStoreTests(open: (options?: StoreFactoryOptions) => Promise<Store<TestContext>>): void {
  for (const variant of ['default ids', 'custom ids'] as const) {
    describe(`Python SDK store tests (${variant})`, () => {
      const openVariant = async (options?: StoreFactoryOptions): Promise<Store<TestContext>> => {
        const store = await open(options);
        if (variant === 'custom ids') useCustomIds(store);
        return store;
      };
      const testThread = (): ThreadMetadata =>
        makeThread('test_thread', 0, { title: 'Test Thread', metadata: { test: 'test' } });
      const fixtureItems = (): ThreadItem[] => [
        userMessage('test_thread', 'msg_100000', 0),
        assistantMessage('test_thread', 'msg_000001', 1, 'Hi there'),
        widgetItem('test_thread', 'widget_1', 2),
      ];

      test('49: save then load a thread keeps id, title and metadata', async () => {
        const store = await openVariant();
        await store.saveThread(testThread(), alice);
        const loaded = await store.loadThread('test_thread', alice);
        expect([loaded.id, loaded.title, loaded.metadata]).toEqual(['test_thread', 'Test Thread', { test: 'test' }]);
      });

      test('50: a null title round-trips as null', async () => {
        const store = await openVariant();
        await store.saveThread({ ...testThread(), title: null }, alice);
        expect((await store.loadThread('test_thread', alice)).title).toBeNull();
      });

      test('51: saving again with a changed title updates it (update and overwrite)', async () => {
        const store = await openVariant();
        await store.saveThread(testThread(), alice);
        await store.saveThread({ ...testThread(), title: 'Updated' }, alice);
        expect((await store.loadThread('test_thread', alice)).title).toBe('Updated');
        await store.saveThread({ ...testThread(), title: 'Overwritten' }, alice);
        expect((await store.loadThread('test_thread', alice)).title).toBe('Overwritten');
      });

      test('52: the fixture items load back equal and in order, attachment metadata and widget props kept', async () => {
        const store = await openVariant();
        await store.saveThread(testThread(), alice);
        for (const item of fixtureItems()) await store.addThreadItem('test_thread', item, alice);
        const page = await store.loadThreadItems('test_thread', { limit: 10, order: 'asc' }, alice);
        expect(page.data).toStrictEqual(fixtureItems());
        const [user] = page.data;
        expect(user?.type === 'user_message' && user.attachments[0]?.metadata).toEqual({
          source: 'test',
          nested: { n: [1, 2] },
        });
      });

      test('53: a file attachment round-trips equal', async () => {
        const store = await openVariant();
        await store.saveAttachment(fileAttachment('file_1'), alice);
        expect(await store.loadAttachment('file_1', alice)).toStrictEqual(fileAttachment('file_1'));
      });

      test('54: an image attachment with preview_url and metadata round-trips equal', async () => {
        const store = await openVariant();
        await store.saveAttachment(imageAttachment('image_1'), alice);
        expect(await store.loadAttachment('image_1', alice)).toStrictEqual(imageAttachment('image_1'));
      });

      test('55: loadThreads pages by created_at with a thread cursor', async () => {
        const store = await openVariant();
        for (const [id, seconds] of [
          ['thread1', 0],
          ['thread2', 1],
          ['thread3', 2],
        ] as const) {
          await store.saveThread(makeThread(id, seconds), alice);
        }
        const first = await store.loadThreads({ limit: 2, order: 'asc' }, alice);
        expect(ids(first)).toEqual(['thread1', 'thread2']);
        expect(first.has_more).toBe(true);
        expect(first.after).toBe('thread2');
        const second = await store.loadThreads({ after: 'thread2', limit: 2, order: 'asc' }, alice);
        expect(ids(second)).toEqual(['thread3']);
        expect(second.has_more).toBe(false);
        expect(second.after).toBeFalsy();
      });

      test('56: items come asc and desc by created_at', async () => {
        const store = await openVariant();
        await store.saveThread(testThread(), alice);
        for (let i = 1; i <= 3; i++)
          await store.addThreadItem('test_thread', assistantMessage('test_thread', `msg${i}`, i - 1), alice);
        expect(ids(await store.loadThreadItems('test_thread', { limit: 10, order: 'asc' }, alice))).toEqual([
          'msg1',
          'msg2',
          'msg3',
        ]);
        expect(ids(await store.loadThreadItems('test_thread', { limit: 10, order: 'desc' }, alice))).toEqual([
          'msg3',
          'msg2',
          'msg1',
        ]);
      });

      test('57: the item cursor starts right after the named item', async () => {
        const store = await openVariant();
        await store.saveThread(testThread(), alice);
        for (let i = 0; i < 5; i++)
          await store.addThreadItem('test_thread', assistantMessage('test_thread', `msg${i}`, i), alice);
        const rest = await store.loadThreadItems('test_thread', { after: 'msg1', limit: 3, order: 'asc' }, alice);
        expect(ids(rest)).toEqual(['msg2', 'msg3', 'msg4']);
        expect(rest.has_more).toBe(false);
        expect(rest.after).toBeFalsy();
        const first = await store.loadThreadItems('test_thread', { after: null, limit: 2, order: 'asc' }, alice);
        expect(ids(first)).toEqual(['msg0', 'msg1']);
        expect(first.has_more).toBe(true);
        expect(first.after).toBe('msg1');
      });

      test('58: saveItem updates an assistant message; a saved widget stays loadable by id', async () => {
        const store = await openVariant();
        await store.saveThread(testThread(), alice);
        const [, assistant, widget] = fixtureItems();
        await store.addThreadItem('test_thread', assistant!, alice);
        const updated = assistantMessage('test_thread', 'msg_000001', 1, 'Updated content');
        await store.saveItem('test_thread', updated, alice);
        const loaded = await store.loadItem('test_thread', 'msg_000001', alice);
        expect(loaded.type === 'assistant_message' && loaded.content.map((part) => part.text)).toEqual([
          'Updated content',
        ]);
        await store.saveItem('test_thread', widget!, alice);
        expect(await store.loadItem('test_thread', 'widget_1', alice)).toStrictEqual(widget);
      });

      test('59: loadItem of an unknown id throws NotFoundError', async () => {
        const store = await openVariant();
        await store.saveThread(testThread(), alice);
        await expect(store.loadItem('test_thread', 'nonexistent', alice)).rejects.toBeInstanceOf(NotFoundError);
      });

      test('60: a thread is loadable by its user and NotFoundError for another', async () => {
        const store = await openVariant({ scope: byUser });
        await store.saveThread(testThread(), alice);
        expect(await store.loadThread('test_thread', alice)).toStrictEqual(testThread());
        await expect(store.loadThread('test_thread', bob)).rejects.toBeInstanceOf(NotFoundError);
      });

      test('61: items of one user are equal for them, an empty list and NotFoundError for another', async () => {
        const store = await openVariant({ scope: byUser });
        await store.saveThread(testThread(), alice);
        for (const item of fixtureItems()) await store.addThreadItem('test_thread', item, alice);
        expect((await store.loadThreadItems('test_thread', { limit: 10, order: 'asc' }, alice)).data).toStrictEqual(
          fixtureItems(),
        );
        expect((await store.loadThreadItems('test_thread', { limit: 10, order: 'asc' }, bob)).data).toEqual([]);
        await expect(store.loadItem('test_thread', 'msg_100000', bob)).rejects.toBeInstanceOf(NotFoundError);
      });

      if (variant === 'default ids') {
        test('62: the default generators use the thr_, msg_, tc_, tsk_ and wf_ prefixes', async () => {
          const store = await openVariant();
          const thread = testThread();
          expect(store.generateThreadId(alice)).toMatch(/^thr_/);
          expect(store.generateItemId('message', thread, alice)).toMatch(/^msg_/);
          expect(store.generateItemId('tool_call', thread, alice)).toMatch(/^tc_/);
          expect(store.generateItemId('task', thread, alice)).toMatch(/^tsk_/);
          expect(store.generateItemId('workflow', thread, alice)).toMatch(/^wf_/);
        });
      } else {
        test('63: overridden generators are used verbatim and in call order', async () => {
          const store = await openVariant();
          const made: string[] = [];
          for (let round = 0; round < 2; round++) {
            const thread = makeThread(store.generateThreadId(alice));
            made.push(thread.id);
            for (const itemType of ['message', 'tool_call', 'task'] as const)
              made.push(store.generateItemId(itemType, thread, alice));
          }
          expect(made).toEqual([
            'thr_custom_1',
            'message_custom_2_thr_custom_1',
            'tool_call_custom_3_thr_custom_1',
            'task_custom_4_thr_custom_1',
            'thr_custom_5',
            'message_custom_6_thr_custom_5',
            'tool_call_custom_7_thr_custom_5',
            'task_custom_8_thr_custom_5',
          ]);
        });
      }
    });
  }
}

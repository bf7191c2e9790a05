/**
 * IndexedDBStore paging at two sizes: `loadThreadItems` in a thread of 100 and of 10,000 items, and
 * `loadThreads` over 100 and 10,000 threads, each as a first page and as a page after a cursor in the
 * middle. Paging walks an index from a key-range bound, so the large set should cost about what the
 * small one does: the ratio large/small is the check (target <= 1.2). The `indexeddb.encrypted.*`
 * rows do the same on a store opened with `encryption`, where each page's records are also decrypted
 * (and every read checks the key record), so they show what encryption adds to a page.
 */
import { deleteDB } from 'idb';
import { IndexedDBStore, type EncryptionOptions } from '../../src/indexeddb.ts';
import type { ThreadItem } from '../../src/protocol/items.ts';
import type { ThreadMetadata } from '../../src/protocol/thread.ts';
import { meanDuration } from '../support/timing.ts';
import type { BenchCase, BenchSuite, Sampling } from '../types.ts';

interface Context {
  scope: string;
}

const SIZES = [100, 10_000] as const;
const LIMIT = 20;
const MAX_RATIO = 1.2;
const BASE = Date.UTC(2025, 0, 1);
/** Writes in flight at once while filling: enough to keep IndexedDB busy without piling up promises. */
const WRITE_WINDOW = 500;
/** Calls per sample: one page read takes about a millisecond, near the page timer's grain. */
const BATCH = 5;
/**
 * 100 samples of 5 calls per case, in 20 short rounds: the small and the large data set are read
 * close together in time, so the machine's drift (IndexedDB compacting after the set-up writes,
 * garbage collection) lands on both sides of each ratio alike.
 */
const SAMPLING: Sampling = { warmup: 6, rounds: 20, perRound: 5 };

const createdAt = (index: number): string => new Date(BASE + index * 1000).toISOString();

function thread(id: string, index: number): ThreadMetadata {
  return { id, created_at: createdAt(index), title: `Thread ${index}`, status: { type: 'active' }, metadata: {} };
}

function item(threadId: string, index: number): ThreadItem {
  return {
    id: `msg_${index}`,
    thread_id: threadId,
    created_at: createdAt(index),
    type: 'assistant_message',
    content: [
      { type: 'output_text', annotations: [], text: `Reply ${index}: ${'lorem ipsum dolor sit amet '.repeat(6)}` },
    ],
  };
}

async function inWindows(count: number, write: (index: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < count; start += WRITE_WINDOW) {
    const writes: Promise<void>[] = [];
    for (let index = start; index < Math.min(count, start + WRITE_WINDOW); index++) writes.push(write(index));
    await Promise.all(writes);
  }
}

/** The cases of one listing at one size: a first page, and a page after a cursor in the middle. */
function casesFor(
  prefix: string,
  listing: 'loadThreadItems' | 'loadThreads',
  size: number,
  page: (after: string | null, order: 'asc' | 'desc') => Promise<unknown>,
  middleId: string,
): BenchCase[] {
  const what = listing === 'loadThreadItems' ? 'items in the thread' : 'threads';
  const metric = (kind: string, n: number): string => `${prefix}.${listing}.${kind}.${n}`;
  const small = SIZES[0];
  const compare = (kind: string) =>
    size === small
      ? {}
      : {
          comparisons: [
            {
              baseline: metric(kind, small),
              label: `${size}/${small}`,
              bound: { op: '<=', limit: MAX_RATIO },
            } as const,
          ],
        };
  return [
    {
      metric: metric('first', size),
      unit: 'ms',
      better: 'lower',
      ...compare('first'),
      description: `${listing} limit ${LIMIT}, first page (desc), ${size} ${what}${prefix === PLAIN ? '' : ', encrypted'}`,
      measure: meanDuration(() => page(null, 'desc'), BATCH),
    },
    {
      metric: metric('middle', size),
      unit: 'ms',
      better: 'lower',
      ...compare('middle'),
      description: `${listing} limit ${LIMIT}, page after a middle cursor (asc), ${size} ${what}${prefix === PLAIN ? '' : ', encrypted'}`,
      measure: meanDuration(() => page(middleId, 'asc'), BATCH),
    },
  ];
}

const PLAIN = 'indexeddb';
/** A real passphrase's cost to open (600,000 PBKDF2 iterations) is paid once, outside the samples. */
const ENCRYPTION: EncryptionOptions = { passphrase: 'bench passphrase' };

/** What a suite fills its database with for one size: a page reader and the id of an entry in the middle. */
type Fill = (
  store: IndexedDBStore<Context>,
  size: number,
) => Promise<{ page: (after: string | null, order: 'asc' | 'desc') => Promise<unknown>; middleId: string }>;

/**
 * A suite over its own database (encrypted when `encryption` is given): `fill` writes the data for one
 * size and returns the function that reads a page of it and the id of an entry in the middle.
 */
function pagingSuite(
  listing: 'loadThreadItems' | 'loadThreads',
  fill: Fill,
  encryption?: EncryptionOptions,
): BenchSuite {
  const prefix = encryption ? `${PLAIN}.encrypted` : PLAIN;
  let store: IndexedDBStore<Context> | null = null;
  let databaseName = '';
  return {
    name: encryption ? `store-paging-encrypted-${listing}` : `store-paging-${listing}`,
    sampling: SAMPLING,
    async setup() {
      databaseName = `chatkit-bench-${crypto.randomUUID()}`;
      store = await IndexedDBStore.open<Context>({ name: databaseName, scope: (context) => context.scope, encryption });
      const cases: BenchCase[] = [];
      for (const size of SIZES) {
        const { page, middleId } = await fill(store, size);
        cases.push(...casesFor(prefix, listing, size, page, middleId));
      }
      return cases;
    },
    async teardown() {
      store?.close();
      store = null;
      if (databaseName) await deleteDB(databaseName);
    },
  };
}

/** Items: one thread per size, in one scope. */
const fillItems: Fill = async (store, size) => {
  const context = { scope: 'items' };
  const threadId = `thr_items_${size}`;
  await store.saveThread(thread(threadId, 0), context);
  await inWindows(size, (index) => store.addThreadItem(threadId, item(threadId, index), context));
  return {
    page: (after, order) => store.loadThreadItems(threadId, { after, limit: LIMIT, order }, context),
    middleId: `msg_${size / 2}`,
  };
};

/** Threads: one scope (user) per size. */
const fillThreads: Fill = async (store, size) => {
  const context = { scope: `threads_${size}` };
  await inWindows(size, (index) => store.saveThread(thread(`thr_${index}`, index), context));
  return {
    page: (after, order) => store.loadThreads({ after, limit: LIMIT, order }, context),
    middleId: `thr_${size / 2}`,
  };
};

export const itemPaging = pagingSuite('loadThreadItems', fillItems);
export const threadPaging = pagingSuite('loadThreads', fillThreads);
export const encryptedItemPaging = pagingSuite('loadThreadItems', fillItems, ENCRYPTION);
export const encryptedThreadPaging = pagingSuite('loadThreads', fillThreads, ENCRYPTION);

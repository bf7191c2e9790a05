/**
 * PostgresStore paging at two sizes: `loadThreadItems` in a thread of 100 and of 10,000 items, as a
 * first page and as a page after a cursor in the middle, on a throwaway PostgreSQL cluster the suite
 * starts itself (test/support/postgres-cluster.ts) and connects to over TCP on 127.0.0.1. A page is one
 * index range scan, so the large thread should cost about what the small one does: the ratio
 * large/small is the check (target <= 1.5).
 */
import { PostgresStore } from '../../src/postgres.ts';
import type { ThreadItem } from '../../src/protocol/items.ts';
import { startPostgresCluster, type PostgresCluster } from '../../test/support/postgres-cluster.ts';
import { meanDuration } from '../support/timing.ts';
import type { BenchCase, BenchSuite, Sampling } from '../types.ts';

const SIZES = [100, 10_000] as const;
const LIMIT = 20;
const MAX_RATIO = 1.5;
const BASE = Date.UTC(2025, 0, 1);
/** Writes in flight at once while filling: a few per pool connection. */
const WRITE_WINDOW = 40;
/** Calls per sample: a page is a round trip of a few hundred microseconds. */
const BATCH = 5;
/** As the IndexedDB paging suite: short rounds, so both sizes see the same drift of the machine. */
const SAMPLING: Sampling = { warmup: 6, rounds: 20, perRound: 5 };

const context = { userId: 'bench' };

function item(threadId: string, index: number): ThreadItem {
  return {
    id: `msg_${index}`,
    thread_id: threadId,
    created_at: new Date(BASE + index * 1000).toISOString(),
    type: 'assistant_message',
    content: [
      { type: 'output_text', annotations: [], text: `Reply ${index}: ${'lorem ipsum dolor sit amet '.repeat(6)}` },
    ],
  };
}

let cluster: PostgresCluster | null = null;
let store: PostgresStore<typeof context> | null = null;
let setupNote = '';

export const postgresPaging: BenchSuite = {
  name: 'store-paging-postgres',
  sampling: SAMPLING,
  async setup() {
    const started = performance.now();
    cluster = await startPostgresCluster();
    const startedIn = performance.now() - started;
    store = await PostgresStore.connect<typeof context>({
      connectionString: cluster.connectionString,
      scope: (ctx) => ctx.userId,
    });
    const cases: BenchCase[] = [];
    for (const size of SIZES) {
      const threadId = `thr_${size}`;
      await store.saveThread(
        { id: threadId, created_at: new Date(BASE).toISOString(), status: { type: 'active' }, metadata: {} },
        context,
      );
      for (let start = 0; start < size; start += WRITE_WINDOW) {
        const writes: Promise<void>[] = [];
        for (let index = start; index < Math.min(size, start + WRITE_WINDOW); index++) {
          writes.push(store.addThreadItem(threadId, item(threadId, index), context));
        }
        await Promise.all(writes);
      }
      const page = (after: string | null, order: 'asc' | 'desc') =>
        store!.loadThreadItems(threadId, { after, limit: LIMIT, order }, context);
      const metric = (kind: string, n: number) => `postgres.loadThreadItems.${kind}.${n}`;
      const compare = (kind: string) =>
        size === SIZES[0]
          ? {}
          : {
              comparisons: [
                {
                  baseline: metric(kind, SIZES[0]),
                  label: `${size}/${SIZES[0]}`,
                  bound: { op: '<=', limit: MAX_RATIO },
                } as const,
              ],
            };
      cases.push(
        {
          metric: metric('first', size),
          unit: 'ms',
          better: 'lower',
          ...compare('first'),
          description: `PostgresStore loadThreadItems limit ${LIMIT}, first page (desc), ${size} items in the thread`,
          measure: meanDuration(() => page(null, 'desc'), BATCH),
        },
        {
          metric: metric('middle', size),
          unit: 'ms',
          better: 'lower',
          ...compare('middle'),
          description: `PostgresStore loadThreadItems limit ${LIMIT}, page after a middle cursor (asc), ${size} items in the thread`,
          measure: meanDuration(() => page(`msg_${size / 2}`, 'asc'), BATCH),
        },
      );
    }
    setupNote = `store-paging-postgres: a throwaway PostgreSQL cluster (started in ${(startedIn / 1000).toFixed(1)} s), one pool of 10 connections over TCP on 127.0.0.1; the items were written through the store.`;
    return cases;
  },
  notes: () => [setupNote],
  async teardown() {
    await store?.close();
    store = null;
    await cluster?.stop();
    cluster = null;
  },
};

/**
 * Time to first event of `threads.create`: from the page's call to the first event on the page, through
 * `ChatKitClient` in both cases, so the page does the same work on either side:
 * - through the fetch shim to the scripted server in a worker, on IndexedDB (as an app deploys it)
 *   and on MemoryStore (the store the Node side has, to set transport apart from storage);
 * - to the same server class served by Node's `http` on 127.0.0.1 (MemoryStore), fetched cross-origin.
 * The first event (`thread.created`) comes after the thread and its first message are stored.
 * The rest of each reply is read before the next sample (untimed), so replies never overlap.
 */
import { deleteDB } from 'idb';
import { ChatKitClient } from '../../src/client.ts';
import { databaseName, shimFor, startServerWorker } from '../support/workers.ts';
import type { BenchCase, BenchSuite, Bound } from '../types.ts';

const MESSAGE = 'Hello';
const LOCALHOST = 'first-event.localhost.memory';
const UNDER_5_MS: Bound = { op: '<', limit: 5 };
const NOT_SLOWER: Bound = { op: '<=', limit: 1 };

/** Milliseconds from the call to the first event; then the reply is drained. */
async function timeToFirstEvent(client: ChatKitClient): Promise<number> {
  const start = performance.now();
  const events = client.createThread(MESSAGE);
  const first = await events.next();
  const elapsed = performance.now() - start;
  if (first.done) throw new Error('threads.create streamed no event');
  for await (const _event of events) {
    // Drained so that the next sample starts on an idle server.
  }
  return elapsed;
}

const workers: Worker[] = [];
let database = '';

export const firstEvent: BenchSuite = {
  name: 'first-event',
  sampling: { warmup: 30, rounds: 10, perRound: 10 },
  async setup(env) {
    database = databaseName('first-event');
    const onIndexedDB = startServerWorker('indexeddb', database);
    const onMemory = startServerWorker('memory', 'first-event-memory');
    workers.push(onIndexedDB, onMemory);
    const viaShim = (worker: Worker) => new ChatKitClient({ url: '/chatkit', fetch: shimFor(worker) });
    const localhost = new ChatKitClient({ url: `${env.localhostOrigin}/chatkit` });
    const workerCase = (store: string, client: ChatKitClient): BenchCase => ({
      metric: `first-event.worker.${store}`,
      unit: 'ms',
      better: 'lower',
      description: `threads.create, page call to first event: fetch shim -> worker -> server on ${store === 'indexeddb' ? 'IndexedDB' : 'MemoryStore'}`,
      measure: () => timeToFirstEvent(client),
      bounds: [UNDER_5_MS],
      comparisons: [{ baseline: LOCALHOST, label: 'worker/localhost', bound: NOT_SLOWER }],
    });
    return [
      workerCase('indexeddb', viaShim(onIndexedDB)),
      workerCase('memory', viaShim(onMemory)),
      {
        metric: LOCALHOST,
        unit: 'ms',
        better: 'lower',
        description:
          'threads.create, page call to first event: ChatKitClient -> Node http on 127.0.0.1 -> server on MemoryStore',
        measure: () => timeToFirstEvent(localhost),
      },
    ];
  },
  async teardown() {
    for (const worker of workers.splice(0)) worker.terminate();
    if (database) await deleteDB(database);
  },
};

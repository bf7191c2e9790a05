/**
 * Worker memory while streaming the 10,000-delta reply through the shim, from the server worker on
 * IndexedDB:
 * - growth: the worker's JS heap at its highest during the reply, minus the heap at rest just before
 *   (after a full garbage collection). It counts garbage not yet collected too, so it is bounded below
 *   by how much young garbage V8 lets pile up between two scavenges, whatever the server holds;
 * - held while stalled: the page reads the first 1,000 frames, stops reading for 200 ms (time enough
 *   for a server that runs ahead to produce the whole reply), and the worker's live heap (after a
 *   collection) minus the live heap before the request is what the server holds for a reader that
 *   does not keep up. A server that buffered whole streams would hold the reply's ~10,000 frames;
 *   one that streams holds the chunks in flight.
 *
 * The heap is read by the runner over the DevTools protocol (`heap-probe.mjs`): Chromium gives
 * workers no `performance.memory`, and `measureUserAgentSpecificMemory` reports after a collection
 * (what is retained, never a peak). The probe finds the worker by its name.
 */
import { deleteDB } from 'idb';
import { FrameCounter } from '../support/frame-counter.ts';
import { createThreadBody, deltasCommand, REPLY_DELTAS } from '../support/requests.ts';
import { databaseName, shimFor, startServerWorker } from '../support/workers.ts';
import type { BenchSuite, WorkerHeapProbe } from '../types.ts';

declare global {
  interface Window {
    /** Lent by the runner (`page.exposeFunction`). */
    chatkitBenchHeapBegin?: WorkerHeapProbe['begin'];
    chatkitBenchHeapEnd?: WorkerHeapProbe['end'];
    chatkitBenchHeapLive?: WorkerHeapProbe['live'];
  }
}

const MIB = 2 ** 20;
const READ_BEFORE_STALL = 1_000;
const STALL_MS = 200;

function heapProbe(): WorkerHeapProbe {
  const { chatkitBenchHeapBegin: begin, chatkitBenchHeapEnd: end, chatkitBenchHeapLive: live } = window;
  if (!begin || !end || !live) throw new Error('the runner did not lend the worker heap probe');
  return { begin, end, live };
}

let worker: Worker | null = null;
let database = '';

export const workerMemory: BenchSuite = {
  name: 'worker-memory',
  sampling: { warmup: 2, rounds: 5, perRound: 2 },
  async setup() {
    const probe = heapProbe();
    database = databaseName('memory');
    worker = startServerWorker('indexeddb', database);
    const shim = shimFor(worker);
    const reply = () =>
      shim('/chatkit', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: createThreadBody(deltasCommand(REPLY_DELTAS)),
      });
    return [
      {
        metric: 'worker.heap.stream-growth',
        unit: 'MB',
        better: 'lower',
        description: `server worker JS heap, peak while streaming the ${REPLY_DELTAS}-delta reply through the shim minus idle (MiB)`,
        bounds: [{ op: '<', limit: 5 }],
        async measure() {
          await probe.begin(database);
          await (await reply()).body?.pipeTo(new WritableStream());
          const { idle, peak } = await probe.end();
          return (peak - idle) / MIB;
        },
      },
      {
        metric: 'worker.heap.held-while-stalled',
        unit: 'MB',
        better: 'lower',
        description: `server worker live JS heap while the page stops reading the reply after ${READ_BEFORE_STALL} frames, minus before the request (MiB)`,
        async measure() {
          const before = await probe.live(database);
          const body = (await reply()).body;
          if (!body) throw new Error('the reply has no body');
          const reader = body.getReader();
          const counter = new FrameCounter();
          while (counter.frames < READ_BEFORE_STALL) {
            const { done, value } = await reader.read();
            if (done) throw new Error(`the reply ended after ${counter.frames} frames`);
            counter.push(value);
          }
          await new Promise((resolve) => setTimeout(resolve, STALL_MS));
          const held = await probe.live(database);
          while (!(await reader.read()).done) {
            // The rest of the reply, so that it ends normally before the next sample.
          }
          return (held - before) / MIB;
        },
      },
    ];
  },
  async teardown() {
    worker?.terminate();
    worker = null;
    if (database) await deleteDB(database);
  },
};

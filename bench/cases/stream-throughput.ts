/**
 * Stream throughput: the scripted reply of 10,000 `text_delta` updates (`threads.create`, about
 * 10,005 frames), in events per second arriving on the page, from the call to the last frame:
 * - through the fetch shim from the server worker on IndexedDB (the whole path an app uses), counted
 *   as frames on the page's byte stream; target: at least 3x the raw baseline;
 * - the baselines, from a worker that does no server work (`workers/frames-worker.ts`): the same
 *   frames posted one `postMessage` each on a MessageChannel (raw: what a bridge without batching
 *   costs), and pre-joined 32 per chunk over a transferred ReadableStream (the practical ceiling of
 *   a stream between threads);
 * - the page's own share: `ChatKitClient` parsing the reply's byte stream, as the server chunks it,
 *   from memory (no transport at all), and delivering each event to a `for await` loop. It must be
 *   well above the shim's rate, or the client, not the transport, would bound what an app sees;
 *   the same reply through the shim *and* the client shows the two together.
 * Every variant counts frames the same way (`FrameCounter`, or one per event delivered by the
 * client) and must deliver as many as the baselines.
 * Also the time from the call to the reply's first frame through the shim: coalescing frames must
 * never hold the first one back. It is measured from the worker on IndexedDB (what an app gets;
 * target 3 ms) and from one on MemoryStore (target 2 ms): `threads.create` stores the thread and its
 * first message before the first event, so the difference is those writes, and the MemoryStore
 * figure is what the transport and the server's own work leave.
 */
import { deleteDB } from 'idb';
import { ChatKitClient } from '../../src/client.ts';
import { FrameCounter } from '../support/frame-counter.ts';
import { createThreadBody, deltasCommand, REPLY_DELTAS } from '../support/requests.ts';
import { databaseName, shimFor, startServerWorker } from '../support/workers.ts';
import type { FramesRequest } from '../workers/frames-worker.ts';
import type { BenchSuite } from '../types.ts';

const SHIM = 'stream.throughput.shim';
const RAW = 'stream.throughput.raw-postmessage';
const CEILING = 'stream.throughput.batched-stream';

interface Delivery {
  frames: number;
  /** ms from the call to the first frame. */
  firstFrame: number;
  /** ms from the call to the last frame. */
  total: number;
}

/** Reads `body` to its end, counting frames, with times relative to `start`. */
async function deliver(body: ReadableStream<Uint8Array>, start: number): Promise<Delivery> {
  const counter = new FrameCounter();
  let firstFrame = Number.NaN;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    counter.push(value);
    if (Number.isNaN(firstFrame) && counter.frames > 0) firstFrame = performance.now() - start;
  }
  return { frames: counter.frames, firstFrame, total: performance.now() - start };
}

const perSecond = ({ frames, total }: Delivery): number => (frames / total) * 1000;

/** The reply through the shim. */
async function viaShim(shim: typeof fetch): Promise<Delivery> {
  const start = performance.now();
  const response = await shim('/chatkit', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: createThreadBody(deltasCommand(REPLY_DELTAS)),
  });
  if (!response.ok || !response.body) throw new Error(`the shim answered ${response.status}`);
  return deliver(response.body, start);
}

/** The pre-rendered frames, one message each. */
function viaRawMessages(framesWorker: Worker): Promise<Delivery> {
  const { port1, port2 } = new MessageChannel();
  const counter = new FrameCounter();
  let firstFrame = Number.NaN;
  const start = performance.now();
  return new Promise((resolve) => {
    port1.onmessage = ({ data }: MessageEvent<string | null>) => {
      if (data !== null) {
        counter.push(data);
        if (Number.isNaN(firstFrame)) firstFrame = performance.now() - start;
        return;
      }
      port1.close();
      resolve({ frames: counter.frames, firstFrame, total: performance.now() - start });
    };
    framesWorker.postMessage({ kind: 'raw', port: port2 } satisfies FramesRequest, [port2]);
  });
}

/** The pre-rendered frames, 32 per chunk of a transferred stream. */
async function viaBatchedStream(framesWorker: Worker): Promise<Delivery> {
  const { port1, port2 } = new MessageChannel();
  const start = performance.now();
  const stream = new Promise<ReadableStream<Uint8Array>>((resolve) => {
    port1.onmessage = ({ data }: MessageEvent<ReadableStream<Uint8Array>>) => resolve(data);
  });
  framesWorker.postMessage({ kind: 'batched', port: port2 } satisfies FramesRequest, [port2]);
  const delivery = await deliver(await stream, start);
  port1.close();
  return delivery;
}

/** The reply's byte stream as the server chunks it, from the baseline worker, kept on the page. */
function serverChunks(framesWorker: Worker): Promise<Uint8Array[]> {
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve) => {
    port1.onmessage = ({ data }: MessageEvent<Uint8Array[]>) => {
      port1.close();
      resolve(data);
    };
    framesWorker.postMessage({ kind: 'chunks', port: port2 } satisfies FramesRequest, [port2]);
  });
}

/** Events delivered by `ChatKitClient` from the reply, as a delivery (one frame per event). */
async function viaClient(client: ChatKitClient): Promise<Delivery> {
  const start = performance.now();
  let frames = 0;
  let firstFrame = Number.NaN;
  for await (const _event of client.createThread(deltasCommand(REPLY_DELTAS))) {
    if (frames++ === 0) firstFrame = performance.now() - start;
  }
  return { frames, firstFrame, total: performance.now() - start };
}

/** A `fetch` that answers every request with `chunks` as an event stream, from memory. */
function replayFetch(chunks: Uint8Array[]): typeof fetch {
  return async () => {
    let next = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (next < chunks.length) controller.enqueue(chunks[next++]);
          else controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    return new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } });
  };
}

/** Starts the baseline worker and waits until its frames are rendered; resolves with their count. */
function startFramesWorker(): Promise<{ worker: Worker; frames: number }> {
  const worker = new Worker(new URL('../workers/frames-worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.onerror = (event) => reject(new Error(`the frames worker failed: ${event.message}`));
    worker.onmessage = ({ data }: MessageEvent<{ frames: number }>) => resolve({ worker, frames: data.frames });
  });
}

const workers: Worker[] = [];
let database = '';

export const streamThroughput: BenchSuite = {
  name: 'stream-throughput',
  sampling: { warmup: 5, rounds: 10, perRound: 3 },
  async setup() {
    database = databaseName('stream');
    const server = startServerWorker('indexeddb', database);
    const serverOnMemory = startServerWorker('memory', 'stream-memory');
    const { worker: framesWorker, frames } = await startFramesWorker();
    workers.push(server, serverOnMemory, framesWorker);
    const shim = shimFor(server);
    const shimOnMemory = shimFor(serverOnMemory);
    const replayed = new ChatKitClient({ url: '/chatkit', fetch: replayFetch(await serverChunks(framesWorker)) });
    const throughShim = new ChatKitClient({ url: '/chatkit', fetch: shim });
    /** The delivery, checked to carry every frame: a rate over a short stream would flatter. */
    const checked = (run: () => Promise<Delivery>) => async (): Promise<Delivery> => {
      const delivery = await run();
      if (delivery.frames !== frames) throw new Error(`expected ${frames} frames, got ${delivery.frames}`);
      return delivery;
    };
    const shimDelivery = checked(() => viaShim(shim));
    return [
      {
        metric: SHIM,
        unit: 'events/s',
        better: 'higher',
        description: `${REPLY_DELTAS}-delta reply through the fetch shim from the server worker on IndexedDB, events/s on the page`,
        measure: async () => perSecond(await shimDelivery()),
        comparisons: [
          { baseline: RAW, label: 'shim/raw', bound: { op: '>=', limit: 3 } },
          { baseline: CEILING, label: 'shim/ceiling' },
        ],
      },
      {
        metric: RAW,
        unit: 'events/s',
        better: 'higher',
        description: 'the same frames, pre-rendered, one postMessage each on a MessageChannel from a worker',
        measure: async () => perSecond(await checked(() => viaRawMessages(framesWorker))()),
      },
      {
        metric: CEILING,
        unit: 'events/s',
        better: 'higher',
        description: 'the same frames, pre-rendered, 32 per chunk over a transferred ReadableStream from a worker',
        measure: async () => perSecond(await checked(() => viaBatchedStream(framesWorker))()),
      },
      {
        metric: 'stream.client.parse',
        unit: 'events/s',
        better: 'higher',
        description: `the reply's byte stream, as the server chunks it, from memory: events/s parsed and delivered by ChatKitClient`,
        measure: async () => perSecond(await checked(() => viaClient(replayed))()),
        comparisons: [{ baseline: SHIM, label: 'client/shim', bound: { op: '>=', limit: 2 } }],
      },
      {
        metric: 'stream.throughput.shim-client',
        unit: 'events/s',
        better: 'higher',
        description: `the ${REPLY_DELTAS}-delta reply through the shim (IndexedDB worker) and ChatKitClient: events/s delivered to the app`,
        measure: async () => perSecond(await checked(() => viaClient(throughShim))()),
        comparisons: [{ baseline: SHIM, label: 'with client/without' }],
      },
      {
        metric: 'stream.first-frame.shim',
        unit: 'ms',
        better: 'lower',
        description: `${REPLY_DELTAS}-delta reply through the shim, worker on IndexedDB: page call to its first frame on the page`,
        measure: async () => (await shimDelivery()).firstFrame,
        bounds: [{ op: '<=', limit: 3 }],
      },
      {
        metric: 'stream.first-frame.shim-memory',
        unit: 'ms',
        better: 'lower',
        description: `the same from a worker on MemoryStore: without the two writes before the first event`,
        measure: async () => (await checked(() => viaShim(shimOnMemory))()).firstFrame,
        bounds: [{ op: '<=', limit: 2 }],
      },
    ];
  },
  async teardown() {
    for (const worker of workers.splice(0)) worker.terminate();
    if (database) await deleteDB(database);
  },
};

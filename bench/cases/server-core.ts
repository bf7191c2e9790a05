/**
 * The server core on Node: frames per second out of `process()` for the scripted 10,000-delta reply
 * (`threads.add_user_message` to a thread made at set-up), each server on an in-memory store, both in
 * this process, sampled in alternation. Target: chatkit-local at least twice the other port.
 * - chatkit-local's `ScriptedServer` on `MemoryStore`, its `StreamingResult` iterated (the bytes of
 *   each frame);
 * - `chatkit-node-backend-sdk`'s server running the same reply (`support/node-backend-sdk.ts`), its
 *   `StreamingResult` iterated (the text of each frame), each frame turned into bytes with
 *   `Buffer.from`, Node's cheapest per-string UTF-8 encoding (pooled; about 10 % faster for it than
 *   `TextEncoder`), as a socket write of a string would: both sides end at the bytes of each frame.
 *
 * And, for the transports' share, chatkit-local's byte stream (`toReadableStream`, what the HTTP
 * handler and the worker bridge send): the same frames, several per chunk, counted on the chunks.
 *
 * What is the same on both sides, so that only the servers differ: the responder's events, event
 * for event; the store's semantics (values copied in and out with `structuredClone`, the thread
 * loaded once per request, the user message and the reply stored once each); the request (parsed
 * once per reply on both sides); no logging on either side (the other port's `process()` logs each
 * request at `info`: its logger is silenced; chatkit-local's `reportError` is never called on this
 * path). The work differs where the designs do, and that difference is what the ratio measures:
 * chatkit-local validates every event the responder yields against the protocol schema, tracks
 * pending items for cancellation (and listens for it) and writes wire JSON field by field in the
 * schema's order; the other port forwards the responder's objects unchecked, serialises them with
 * `JSON.stringify` and a replacer, and compares the thread as JSON after every event.
 */
import { MemoryStore, StreamingResult } from '../../src/index.ts';
import { ScriptedServer, type TestContext } from '../../test/support/scripted-server.ts';
import { SdkDeltasServer, SdkMemoryStore } from '../support/node-backend-sdk.ts';
import { addUserMessageBody, deltasCommand, REPLY_DELTAS } from '../support/requests.ts';
import { FrameCounter } from '../support/frame-counter.ts';
import type { BenchSuite } from '../types.ts';

const THEIRS = 'server-core.node-backend-sdk';
const THREAD = {
  id: 'thr_bench',
  created_at: new Date(0).toISOString(),
  status: { type: 'active' as const },
  metadata: {},
};
const BODY = addUserMessageBody(THREAD.id, deltasCommand(REPLY_DELTAS));
/**
 * The bytes of one of the other port's frames. `Buffer` is Node's (this suite runs in Node only);
 * `TextEncoder` is the fallback for a runtime without it.
 */
const bytesOf: (text: string) => Uint8Array =
  typeof Buffer === 'function' ? (text) => Buffer.from(text, 'utf8') : (text) => new TextEncoder().encode(text);

/** Frames per second of one reply, from the call to `process()` to the last frame. */
async function framesPerSecond(
  reply: () => Promise<AsyncIterable<unknown>>,
  frameBytes: (frame: unknown) => number,
): Promise<number> {
  const start = performance.now();
  let frames = 0;
  let bytes = 0;
  for await (const frame of await reply()) {
    frames++;
    bytes += frameBytes(frame);
  }
  const elapsed = performance.now() - start;
  if (frames < REPLY_DELTAS || bytes === 0)
    throw new Error(`a reply of ${frames} frames is not the ${REPLY_DELTAS}-delta reply`);
  return (frames / elapsed) * 1000;
}

export const serverCore: BenchSuite = {
  name: 'server-core',
  sampling: { warmup: 5, rounds: 10, perRound: 3 },
  async setup() {
    const context: TestContext = { userId: 'bench' };
    const ours = new ScriptedServer(new MemoryStore<TestContext>());
    await ours.store.saveThread(THREAD, context);
    const theirStore = new SdkMemoryStore();
    await theirStore.saveThread(THREAD);
    const theirs = new SdkDeltasServer(theirStore);
    return [
      {
        metric: 'server-core.chatkit-local',
        unit: 'frames/s',
        better: 'higher',
        description: `process() of the ${REPLY_DELTAS}-delta reply on Node, MemoryStore: frames/s (chatkit-local)`,
        measure: () =>
          framesPerSecond(
            async () => {
              const result = await ours.process(BODY, context);
              if (!(result instanceof StreamingResult)) throw new Error('add_user_message did not stream');
              return result;
            },
            (frame) => (frame as Uint8Array).length,
          ),
        comparisons: [{ baseline: THEIRS, label: 'ours/theirs', bound: { op: '>=', limit: 2 } }],
      },
      {
        metric: 'server-core.chatkit-local.byte-stream',
        unit: 'frames/s',
        better: 'higher',
        description: `the same reply read as chatkit-local's byte stream (toReadableStream: frames batched per chunk)`,
        measure: async () => {
          const start = performance.now();
          const result = await ours.process(BODY, context);
          if (!(result instanceof StreamingResult)) throw new Error('add_user_message did not stream');
          const counter = new FrameCounter();
          const reader = result.toReadableStream().getReader();
          for (let step = await reader.read(); !step.done; step = await reader.read()) counter.push(step.value);
          if (counter.frames < REPLY_DELTAS) throw new Error(`a reply of ${counter.frames} frames is too short`);
          return (counter.frames / (performance.now() - start)) * 1000;
        },
        comparisons: [{ baseline: THEIRS, label: 'ours/theirs' }],
      },
      {
        metric: THEIRS,
        unit: 'frames/s',
        better: 'higher',
        description: `the same reply through chatkit-node-backend-sdk's process() on an in-memory store: frames/s`,
        measure: () =>
          framesPerSecond(
            async () => {
              const result = await theirs.process(BODY, context);
              if (!result.isStreaming) throw new Error('add_user_message did not stream');
              return result;
            },
            (frame) => bytesOf(frame as string).length,
          ),
      },
    ];
  },
  async teardown() {},
};

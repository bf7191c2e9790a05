/**
 * The server core on Node: frames per second out of `process()` for the scripted 10,000-delta reply
 * (`threads.add_user_message` to a thread made at set-up), each server on an in-memory store, both in
 * this process, sampled in alternation:
 * - chatkit-local's `ScriptedServer` on `MemoryStore`, its `StreamingResult` iterated (frame bytes);
 * - `chatkit-node-backend-sdk`'s server running the same reply (`support/node-backend-sdk.ts`), its
 *   `StreamingResult` iterated (frame strings), each encoded to UTF-8 as a socket write would: both
 *   sides end at the bytes of each frame.
 * The work differs where the designs do: chatkit-local validates every event the responder yields
 * against the protocol schema, tracks pending items for cancellation and writes wire JSON field by
 * field; the other port forwards the responder's objects unchecked and compares the thread as JSON
 * after every event.
 */
import { MemoryStore, StreamingResult } from '../../src/index.ts';
import { ScriptedServer, type TestContext } from '../../test/support/scripted-server.ts';
import { SdkDeltasServer, SdkMemoryStore } from '../support/node-backend-sdk.ts';
import { addUserMessageBody, deltasCommand, REPLY_DELTAS } from '../support/requests.ts';
import type { BenchSuite } from '../types.ts';

const THEIRS = 'server-core.node-backend-sdk';
const THREAD = {
  id: 'thr_bench',
  created_at: new Date(0).toISOString(),
  status: { type: 'active' as const },
  metadata: {},
};
const BODY = addUserMessageBody(THREAD.id, deltasCommand(REPLY_DELTAS));
const encoder = new TextEncoder();

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
        comparisons: [{ baseline: THEIRS, label: 'ours/theirs', bound: { op: '>=', limit: 1 } }],
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
            (frame) => encoder.encode(frame as string).length,
          ),
      },
    ];
  },
  async teardown() {},
};

/**
 * The transport baselines of the stream-throughput suite. At start-up it renders the frames of the
 * scripted reply once (the same server on MemoryStore, so the same events and sizes as the shim's),
 * then sends them to the page with no server work at all, each time the page asks:
 * - `raw`: one `postMessage` per frame on the given port, then `null`. Frames go as strings, the
 *   cheapest message per frame we measured (a Uint8Array copy or transfer each was 20 % slower), so
 *   the baseline is as strong as a per-frame bridge can be;
 * - `batched`: a ReadableStream of the frames pre-joined 32 per chunk, transferred over the port;
 * - `chunks`: the reply's byte stream as the server chunks it (`StreamingResult.toReadableStream`),
 *   collected once at start-up and posted as an array, for the page to replay to `ChatKitClient`
 *   from memory.
 * It posts `{ frames }` on itself once the frames are ready.
 */
import { MemoryStore, StreamingResult } from '../../src/index.ts';
import { ScriptedServer } from '../../test/support/scripted-server.ts';
import { createThreadBody, deltasCommand, REPLY_DELTAS } from '../support/requests.ts';

/** Frames per chunk of the pre-batched stream. */
const BATCH = 32;

export type FramesRequest = { kind: 'raw' | 'batched' | 'chunks'; port: MessagePort };

const scope = self as unknown as {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent<FramesRequest>) => void) | null;
};

async function reply(): Promise<StreamingResult> {
  const result = await new ScriptedServer(new MemoryStore()).process(createThreadBody(deltasCommand(REPLY_DELTAS)), {
    userId: 'bench',
  });
  if (!(result instanceof StreamingResult)) throw new Error('threads.create did not stream');
  return result;
}

async function renderFrames(): Promise<Uint8Array[]> {
  const frames: Uint8Array[] = [];
  // Copied: frames share buffers, and each is posted on its own below.
  for await (const frame of await reply()) frames.push(frame.slice());
  return frames;
}

async function renderChunks(): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const reader = (await reply()).toReadableStream().getReader();
  for (let step = await reader.read(); !step.done; step = await reader.read()) chunks.push(step.value);
  return chunks;
}

function join(parts: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

const frames = await renderFrames();
const chunks = await renderChunks();
const decoder = new TextDecoder();
const frameTexts = frames.map((frame) => decoder.decode(frame));
const batches: Uint8Array[] = [];
for (let i = 0; i < frames.length; i += BATCH) batches.push(join(frames.slice(i, i + BATCH)));

scope.onmessage = ({ data: { kind, port } }) => {
  if (kind === 'raw') {
    for (const text of frameTexts) port.postMessage(text);
    port.postMessage(null);
    return;
  }
  if (kind === 'chunks') {
    port.postMessage(chunks);
    return;
  }
  let next = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next < batches.length) controller.enqueue(batches[next++]);
      else controller.close();
    },
  });
  port.postMessage(stream, [stream]);
};
scope.postMessage({ frames: frames.length });

/**
 * One framer for both ways of reading a stream: iterating a `StreamingResult` gives one frame per
 * step; its byte stream (`toReadableStream`, and the handler's response body) gives the same frames,
 * as many per chunk as were ready together. A failure after the first event ends the byte stream
 * after the frames before it: with an error (toReadableStream), or as an `error` event (HTTP).
 */
import { describe, expect, test } from 'vitest';
import {
  ChatKitServer,
  createChatKitHandler,
  MemoryStore,
  StreamingResult,
  type ThreadMetadata,
  type ThreadStreamEventInput,
} from '../../src/index.ts';
import { decodeFrame } from '../support/run.ts';

const DELTAS = 500;

class DeltaServer extends ChatKitServer {
  /** Set: the responder renames the thread after its last event. */
  renameAtEnd = false;
  reported: unknown[] = [];
  async *respond(thread: ThreadMetadata): AsyncIterable<ThreadStreamEventInput> {
    for (let i = 0; i < DELTAS; i++) {
      yield {
        type: 'thread.item.updated',
        item_id: 'a1',
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: `d${i}é` },
      };
    }
    if (this.renameAtEnd) thread.title = 'Renamed';
  }
  override reportError(error: unknown): void {
    this.reported.push(error);
  }
}

/** A store whose thread saves fail once the thread exists (the rename at the end of a reply). */
class FailingRenameStore extends MemoryStore {
  override async saveThread(thread: ThreadMetadata, context: unknown): Promise<void> {
    if (thread.title === 'Renamed') throw new Error('cannot rename');
    return super.saveThread(thread, context);
  }
}

const createBody = JSON.stringify({
  type: 'threads.create',
  params: { input: { content: [{ type: 'input_text', text: 'go' }], attachments: [], inference_options: {} } },
});

async function stream(server: ChatKitServer): Promise<StreamingResult> {
  const result = await server.process(createBody, {});
  expect(result).toBeInstanceOf(StreamingResult);
  return result as StreamingResult;
}

/** The frames of a chunk; fails unless the chunk is whole frames. */
function framesOf(chunk: Uint8Array): string[] {
  const text = new TextDecoder().decode(chunk);
  expect(text).toMatch(/^(data: [^\n]*\n\n)+$/);
  return text.split(/(?<=\n\n)/).map((frame) => decodeFrame(new TextEncoder().encode(frame)));
}

/** The event types and deltas of frames, which are the same from run to run (ids and times are not). */
const shapeOf = (frames: string[]) =>
  frames.map((frame) => {
    const event = JSON.parse(frame);
    return event.update?.delta ?? event.type;
  });

describe('one framer', () => {
  test('the byte stream carries the frames iteration yields, several per chunk', async () => {
    const iterated: string[] = [];
    for await (const frame of await stream(new DeltaServer(new MemoryStore()))) iterated.push(decodeFrame(frame));

    const reader = (await stream(new DeltaServer(new MemoryStore()))).toReadableStream().getReader();
    const chunks: string[][] = [];
    for (let step = await reader.read(); !step.done; step = await reader.read()) chunks.push(framesOf(step.value));

    expect(shapeOf(chunks.flat())).toEqual(shapeOf(iterated));
    expect(iterated).toHaveLength(DELTAS + 3); // created, user message, stream_options
    expect(chunks.length).toBeLessThan(iterated.length / 10);
  });

  test('a failure after the first event errors the byte stream after the frames before it', async () => {
    const server = new DeltaServer(new FailingRenameStore());
    server.renameAtEnd = true;
    const reader = (await stream(server)).toReadableStream().getReader();
    const frames: string[] = [];
    const failure = await (async () => {
      for (let step = await reader.read(); !step.done; step = await reader.read()) frames.push(...framesOf(step.value));
    })().catch((error: unknown) => error);
    expect(failure).toMatchObject({ message: 'cannot rename' });
    expect(frames).toHaveLength(DELTAS + 3);
  });

  test('through HTTP the same failure is an error event after those frames, and is reported', async () => {
    const server = new DeltaServer(new FailingRenameStore());
    server.renameAtEnd = true;
    const handler = createChatKitHandler(server, { getContext: () => ({}) });
    const response = await handler(new Request('http://localhost/chatkit', { method: 'POST', body: createBody }));
    const frames = (await response.text()).split(/(?<=\n\n)/).map((frame) => JSON.parse(frame.slice(6)));
    expect(frames).toHaveLength(DELTAS + 4);
    expect(frames.at(-1)).toEqual({ type: 'error', code: 'stream.error', allow_retry: true });
    expect(server.reported).toMatchObject([{ message: 'cannot rename' }]);
  });
});

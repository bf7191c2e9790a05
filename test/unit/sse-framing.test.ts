/**
 * One framer for both ways of reading a stream: iterating a `StreamingResult` gives one frame per
 * step; its byte stream (`toReadableStream`, and the handler's response body) gives the same frames,
 * as many per chunk as were ready together. A failure after the first event ends the byte stream
 * after the frames before it: with an error (toReadableStream), or as an `error` event (HTTP).
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  ChatKitServer,
  createChatKitHandler,
  MemoryStore,
  StreamingResult,
  type ThreadMetadata,
  type ThreadStreamEventInput,
} from '../../src/index.ts';
import { decodeFrame } from '../support/run.ts';
import { useFixedClock } from '../support/clock.ts';

const DELTAS = 500;

class DeltaServer extends ChatKitServer {
  /** Set: the responder renames the thread after its last event. */
  renameAtEnd = false;
  reported: unknown[] = [];
  async *respond(thread: ThreadMetadata): AsyncIterable<ThreadStreamEventInput> {
    // A frame far larger than a chunk, and text deltas, some not ASCII, some to escape.
    yield {
      type: 'thread.item.done',
      item: {
        id: 'big',
        thread_id: thread.id,
        created_at: new Date().toISOString(),
        type: 'assistant_message',
        content: [{ text: 'long "reply" é '.repeat(20_000) }],
      },
    };
    for (let i = 0; i < DELTAS; i++) {
      yield {
        type: 'thread.item.updated',
        item_id: 'a1',
        update: {
          type: 'assistant_message.content_part.text_delta',
          content_index: 0,
          delta: i % 3 ? `d${i} ` : `"é${i}"\n`,
        },
      };
    }
    if (this.renameAtEnd) thread.title = 'Renamed';
  }
  override reportError(error: unknown): void {
    this.reported.push(error);
  }
}

/** A store with ids that are the same from run to run. */
class CountingStore extends MemoryStore {
  private next = 0;
  override generateThreadId(): string {
    return `thr_${this.next++}`;
  }
  override generateItemId(): string {
    return `msg_${this.next++}`;
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

afterEach(() => {
  vi.useRealTimers();
});

describe('one framer', () => {
  test('the byte stream carries the bytes iteration yields, several frames per chunk', async () => {
    useFixedClock();
    const iterated: Uint8Array[] = [];
    for await (const frame of await stream(new DeltaServer(new CountingStore()))) iterated.push(frame.slice());

    const reader = (await stream(new DeltaServer(new CountingStore()))).toReadableStream().getReader();
    const chunks: Uint8Array[] = [];
    for (let step = await reader.read(); !step.done; step = await reader.read()) chunks.push(step.value);

    const joined = (parts: Uint8Array[]) => new TextDecoder().decode(Buffer.concat(parts));
    expect(joined(chunks)).toBe(joined(iterated));
    expect(iterated).toHaveLength(DELTAS + 4); // created, user message, stream_options, the long reply
    expect(chunks.flatMap(framesOf)).toHaveLength(DELTAS + 4);
    expect(chunks.length).toBeLessThan(iterated.length / 10);
    expect(JSON.parse(decodeFrame(iterated[3]!)).item.content[0].text).toBe('long "reply" é '.repeat(20_000));
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
    expect(frames).toHaveLength(DELTAS + 4);
  });

  test('through HTTP the same failure is an error event after those frames, and is reported', async () => {
    const server = new DeltaServer(new FailingRenameStore());
    server.renameAtEnd = true;
    const handler = createChatKitHandler(server, { getContext: () => ({}) });
    const response = await handler(new Request('http://localhost/chatkit', { method: 'POST', body: createBody }));
    const frames = (await response.text()).split(/(?<=\n\n)/).map((frame) => JSON.parse(frame.slice(6)));
    expect(frames).toHaveLength(DELTAS + 5);
    expect(frames.at(-1)).toEqual({ type: 'error', code: 'stream.error', allow_retry: true });
    expect(server.reported).toMatchObject([{ message: 'cannot rename' }]);
  });
});

/**
 * Frame coalescing in the handler's event stream: frames produced without waiting share a chunk,
 * and a frame is never held back while the producer waits.
 */
import { describe, expect, test } from 'vitest';
import {
  ChatKitServer,
  createChatKitHandler,
  MemoryStore,
  now,
  type ThreadMetadata,
  type ThreadStreamEventInput,
  type UserMessageItem,
} from '../../src/index.ts';

class GatedServer extends ChatKitServer {
  /** Released by the test: the responder waits on it after its first delta. */
  gate: Promise<void> = Promise.resolve();
  async *respond(thread: ThreadMetadata, input: UserMessageItem | null): AsyncIterable<ThreadStreamEventInput> {
    const count = Number(input?.content[0]?.type === 'input_text' ? input.content[0].text : '0');
    const id = 'a1';
    yield {
      type: 'thread.item.added',
      item: { id, thread_id: thread.id, created_at: now(), type: 'assistant_message', content: [] },
    };
    yield {
      type: 'thread.item.updated',
      item_id: id,
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'first' },
    };
    await this.gate;
    for (let i = 0; i < count; i++) {
      yield {
        type: 'thread.item.updated',
        item_id: id,
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'x' },
      };
    }
  }
}

function request(count: number): Request {
  return new Request('http://localhost/chatkit', {
    method: 'POST',
    body: JSON.stringify({
      type: 'threads.create',
      params: {
        input: { content: [{ type: 'input_text', text: String(count) }], attachments: [], inference_options: {} },
      },
    }),
  });
}

const framesIn = (chunk: Uint8Array) => new TextDecoder().decode(chunk).split('\n\n').filter(Boolean).length;

describe('SSE frame coalescing', () => {
  test('frames produced without waiting travel in a few chunks, not one each', async () => {
    const server = new GatedServer(new MemoryStore());
    const response = await createChatKitHandler(server, { getContext: () => ({}) })(request(2000));
    const reader = response.body!.getReader();
    const chunks: number[] = [];
    for (let step = await reader.read(); !step.done; step = await reader.read()) chunks.push(framesIn(step.value));
    expect(chunks.reduce((sum, frames) => sum + frames, 0)).toBe(2000 + 5); // created, user message, stream_options, added, first
    expect(chunks.length).toBeLessThan(20);
  });

  test('a frame is delivered while the producer is still waiting', async () => {
    const server = new GatedServer(new MemoryStore());
    let release!: () => void;
    server.gate = new Promise((resolve) => (release = resolve));
    const response = await createChatKitHandler(server, { getContext: () => ({}) })(request(3));
    const reader = response.body!.getReader();
    let text = '';
    // The "first" delta comes out although the responder has not gone on yet.
    while (!text.includes('"delta":"first"')) {
      const step = await reader.read();
      expect(step.done).toBe(false);
      text += new TextDecoder().decode(step.value);
    }
    expect(text).not.toContain('"delta":"x"');
    release();
    for (let step = await reader.read(); !step.done; step = await reader.read())
      text += new TextDecoder().decode(step.value);
    expect(text.match(/"delta":"x"/g)).toHaveLength(3);
  });
});

/**
 * Turning a {@link StreamingResult} into an HTTP response.
 *
 * The first event is pulled before the response is built, so a request that fails before streaming
 * (thread not found, not a user message...) gets a 4xx JSON answer instead of an empty 200 stream,
 * which the ChatKit frontend would retry. Once streaming, a failure becomes an in-stream `error` event.
 *
 * Frames that are already produced travel together: each body chunk holds every frame the server
 * produced before the next macrotask, so a fast responder costs one chunk (one cross-thread hop in
 * the worker bridge) per batch instead of per frame. No frame is held back to wait for more: a
 * producer that waits on anything flushes the chunk.
 */
import type { StreamingResult } from '../server/results.ts';
import type { ThreadStreamEvent } from '../protocol/events.ts';
import { eventToJson } from '../protocol/serialize.ts';
import { errorEventFor } from '../server/event-pipeline.ts';

/** Headers of every event stream: no caching, no proxy buffering. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
};

/** A chunk is flushed at this many bytes of frames even if more are ready. */
const MAX_CHUNK_CHARS = 64 * 1024;

const encoder = new TextEncoder();
const frameOf = (event: ThreadStreamEvent) => `data: ${eventToJson(event)}\n\n`;

/**
 * The SSE response for `result`.
 * @throws whatever the stream throws before its first event (for the caller to map to a status).
 */
export async function sseResponse(result: StreamingResult, onLateError: (error: unknown) => void): Promise<Response> {
  const first = await result.nextEvent();
  let finished = first.done === true;
  let ahead: Promise<IteratorResult<ThreadStreamEvent, void>> | null = null;

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (first.done) controller.close();
        else controller.enqueue(encoder.encode(frameOf(first.value)));
      },
      async pull(controller) {
        let chunk = '';
        let end: boolean;
        try {
          let step = await (ahead ?? result.nextEvent());
          ahead = null;
          // Events that arrive before the next macrotask were produced without waiting for I/O: they
          // join this chunk. One that needs longer (a store write, a model call) loses the race, and
          // the chunk goes out at once.
          const producerWaits = nextMacrotask();
          while (!step.done) {
            chunk += frameOf(step.value);
            if (chunk.length >= MAX_CHUNK_CHARS) break;
            const next = result.nextEvent();
            if (
              !(await Promise.race([
                next.then(
                  () => true,
                  () => true,
                ),
                producerWaits,
              ]))
            ) {
              ahead = next;
              break;
            }
            step = await next;
          }
          end = step.done === true;
        } catch (error) {
          end = true;
          ahead = null;
          if (!result.cancelled) {
            onLateError(error);
            chunk += frameOf(errorEventFor(error));
          }
        }
        if (chunk) controller.enqueue(encoder.encode(chunk));
        if (end) {
          finished = true;
          controller.close();
        }
      },
      async cancel() {
        if (!finished) await result.close();
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}

/**
 * Resolves (with false) at the next macrotask: a task, not a timer, so nothing waits on a clamp.
 * Node has `setImmediate`; browsers and workers get a message through a shared port.
 */
function nextMacrotask(): Promise<false> {
  return new Promise((resolve) => {
    if (typeof setImmediate === 'function') {
      setImmediate(() => resolve(false));
      return;
    }
    const port = messagePort();
    port.waiting.push(() => resolve(false));
    port.channel.port2.postMessage(null);
  });
}

let sharedPort: { channel: MessageChannel; waiting: (() => void)[] } | null = null;

/** The port pair behind {@link nextMacrotask} where there is no `setImmediate`, made on first use. */
function messagePort(): { channel: MessageChannel; waiting: (() => void)[] } {
  if (!sharedPort) {
    const channel = new MessageChannel();
    const waiting: (() => void)[] = [];
    // Messages on one port arrive in the order they were posted, so the oldest waiter goes first.
    channel.port1.onmessage = () => waiting.shift()?.();
    sharedPort = { channel, waiting };
  }
  return sharedPort;
}

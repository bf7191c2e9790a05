/**
 * Turning a {@link StreamingResult} into an HTTP response.
 *
 * The first event is pulled before the response is built, so a request that fails before streaming
 * (thread not found, not a user message...) gets a 4xx JSON answer instead of an empty 200 stream,
 * which the ChatKit frontend would retry. Once streaming, a failure becomes an in-stream `error` event.
 *
 * Frames that are already produced travel together: each body chunk holds every frame the server
 * could produce without waiting, so a fast responder costs one chunk (one cross-thread hop in the
 * worker bridge) per batch instead of per frame. No frame is ever held back to wait for more.
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
/**
 * How many microtask turns a next event may take and still count as "already produced". An event
 * from a responder that does not wait for I/O settles within a few turns (about 8 through the whole
 * pipeline); one that waits for I/O (a store write, a model call) needs a macrotask and never does.
 */
const READY_WITHIN_MICROTASKS = 64;

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

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(encoder.encode(frameOf(first.value)));
    },
    async pull(controller) {
      let chunk = '';
      let end = false;
      try {
        let step = await (ahead ?? result.nextEvent());
        ahead = null;
        while (!step.done) {
          chunk += frameOf(step.value);
          if (chunk.length >= MAX_CHUNK_CHARS) break;
          const next = result.nextEvent();
          if (!(await settlesWithin(next, READY_WITHIN_MICROTASKS))) {
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
  }, { highWaterMark: 0 });
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}

/** Whether `promise` settles within `turns` microtask turns (its outcome is left to the caller). */
function settlesWithin(promise: Promise<unknown>, turns: number): Promise<boolean> {
  let settled = false;
  promise.then(() => { settled = true; }, () => { settled = true; });
  return new Promise((resolve) => {
    let turn = 0;
    const check = () => {
      if (settled) resolve(true);
      else if (++turn >= turns) resolve(false);
      else queueMicrotask(check);
    };
    queueMicrotask(check);
  });
}

/**
 * Turning a {@link StreamingResult} into an HTTP response. The first event is pulled before the
 * response is built, so a request that fails before streaming (thread not found, not a user
 * message...) gets a 4xx JSON answer instead of an empty 200 stream, which the ChatKit frontend
 * would retry. Once streaming, a failure becomes an in-stream `error` event.
 */
import type { StreamingResult } from '../server/results.ts';
import { encodeFrame } from '../server/sse.ts';
import { eventToJson } from '../protocol/serialize.ts';
import { errorEventFor } from '../server/event-pipeline.ts';

/** Headers of every event stream: no caching, no proxy buffering. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
};

/**
 * The SSE response for `result`.
 * @throws whatever the stream throws before its first event (for the caller to map to a status).
 */
export async function sseResponse(result: StreamingResult, onLateError: (error: unknown) => void): Promise<Response> {
  const first = await result.nextEvent();
  let finished = first.done === true;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(encodeFrame(eventToJson(first.value)));
    },
    async pull(controller) {
      try {
        const step = await result.nextEvent();
        if (step.done) {
          finished = true;
          controller.close();
        } else {
          controller.enqueue(encodeFrame(eventToJson(step.value)));
        }
      } catch (error) {
        finished = true;
        if (result.cancelled) {
          // The client is gone; cancellation was handled by the server.
          controller.close();
          return;
        }
        onLateError(error);
        controller.enqueue(encodeFrame(eventToJson(errorEventFor(error))));
        controller.close();
      }
    },
    async cancel() {
      if (!finished) await result.close();
    },
  }, { highWaterMark: 0 });
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}

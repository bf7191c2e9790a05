/**
 * Turning a {@link StreamingResult} into an HTTP response.
 *
 * The first event is pulled before the response is built, so a request that fails before streaming
 * (thread not found, not a user message...) gets a 4xx JSON answer instead of an empty 200 stream,
 * which the ChatKit frontend would retry. Once streaming, a failure becomes an in-stream `error` event.
 * The body is the result's SSE byte stream (framing and batching live in `server/sse.ts`).
 */
import type { StreamingResult } from '../server/results.ts';
import { eventStreamBody } from '../server/sse.ts';

/** Headers of every event stream: no caching, no proxy buffering. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
};

/**
 * The SSE response for `result`.
 * @param onLateError - called with a failure after the first event, before it becomes an `error` event.
 * @throws whatever the stream throws before its first event (for the caller to map to a status).
 */
export async function sseResponse(result: StreamingResult, onLateError: (error: unknown) => void): Promise<Response> {
  const first = await result.nextEvent();
  return new Response(eventStreamBody(result, { first, onLateError }), { status: 200, headers: SSE_HEADERS });
}

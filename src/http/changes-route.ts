/**
 * `GET {basePath}/changes`: what changed in the caller's scope, as an endless event stream, one
 * `data:` frame per change (`{"type":"thread.items.changed","thread_id":"thr_..."}`). The stream
 * opens with a comment, so that a client knows it is watching before anything happens, and sends
 * another now and then, so that proxies do not close an idle connection.
 */
import type { ChatKitChange } from '../protocol/changes.ts';
import type { ChangeSource } from '../store/changes/observed-store.ts';
import { SSE_HEADERS } from './sse-response.ts';

/** How often an idle stream sends a comment (proxies commonly close connections idle for 60 s). */
const KEEP_ALIVE_MS = 25_000;

/**
 * Changes queued for a client that does not read them; past this the stream fails rather than
 * growing without bound (the client can watch again and reload what it shows).
 */
const MAX_QUEUED_CHANGES = 10_000;

const encoder = new TextEncoder();

/**
 * The event stream of the changes `source` gives for `context`, until `signal` aborts or the client
 * cancels the body. The watch starts before this returns: a change made once the response exists
 * is in it.
 */
export function changesResponse<TContext>(
  source: ChangeSource<TContext>,
  context: TContext,
  signal: AbortSignal,
): Response {
  let stop: () => void = () => undefined;
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let stopped = false;
        const send = (frame: string) => {
          if (stopped) return;
          if ((controller.desiredSize ?? 0) < -MAX_QUEUED_CHANGES) {
            stop();
            controller.error(new Error('The watcher fell too far behind; watch again.'));
            return;
          }
          controller.enqueue(encoder.encode(frame));
        };
        const unwatch = source.watchChanges(context, (change: ChatKitChange) =>
          send(`data: ${JSON.stringify(change)}\n\n`),
        );
        const keepAlive = setInterval(() => send(': keep-alive\n\n'), KEEP_ALIVE_MS);
        const onAbort = () => {
          stop();
          try {
            controller.close();
          } catch {
            // Already errored or closed.
          }
        };
        stop = () => {
          if (stopped) return;
          stopped = true;
          unwatch();
          clearInterval(keepAlive);
          signal.removeEventListener('abort', onAbort);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        send(': watching\n\n');
        if (signal.aborted) onAbort();
      },
      cancel() {
        stop();
      },
    },
    { highWaterMark: 1 },
  );
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}

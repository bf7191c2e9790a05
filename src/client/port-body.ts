/**
 * The page's half of a response body that crosses from the worker on a `MessagePort` (the worker's
 * half is `worker/port-stream.ts`): a `ReadableStream` of the chunks, granting the worker credit for
 * {@link BODY_WINDOW} chunks ahead of the reader and one more for each chunk read.
 */
import type { BodyControl, BodyMessage } from '../worker/protocol.ts';

/** Chunks the worker may send ahead of the reader: up to this many are in flight or queued here. */
export const BODY_WINDOW = 4;

/** What ends a body besides its own end, and what it starts with. */
export interface PortBodyOptions {
  /** The chunk that came with the response, read first. */
  first: Uint8Array | null;
  /** Aborting errors the body with the signal's reason and cancels the worker's stream. */
  signal: AbortSignal;
  /**
   * Registers a listener for the worker's death (which errors the body instead of leaving a read
   * hanging); returns a function that unregisters it.
   */
  onDeath: (listener: (error: Error) => void) => () => void;
}

/**
 * The body behind `port`. Cancelling it, or aborting `signal`, cancels the worker's stream (which
 * the server treats as the client going away). Its listeners are removed, and the port closed, once
 * the body ends, errors or is cancelled.
 */
export function portBody(port: MessagePort, { first, signal, onDeath }: PortBodyOptions): ReadableStream<Uint8Array> {
  const queue: Uint8Array[] = [];
  let ended = false;
  let failure: { error: unknown } | null = null;
  let settled = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  /** Resolves the pull waiting for the next message, if one is. */
  let wake: (() => void) | null = null;
  let release: () => void = () => undefined;

  const send = (message: BodyControl) => port.postMessage(message);
  /** Ends the body's traffic (telling the worker `last`, if given); false when it already ended. */
  const settle = (last?: BodyControl): boolean => {
    if (settled) return false;
    settled = true;
    release();
    port.onmessage = null;
    if (last) send(last);
    port.close();
    return true;
  };
  const fail = (error: unknown) => {
    if (!settle({ cancel: reasonText(error) })) return;
    controller.error(error);
    wake?.();
  };
  /** Hands the reader what it waits for: a chunk (granting one more), the end, or the failure. */
  const deliver = (): boolean => {
    const chunk = queue.shift();
    if (chunk) {
      controller.enqueue(chunk);
      send({ pull: 1 });
      return true;
    }
    if (failure) {
      if (settle()) controller.error(failure.error);
      return true;
    }
    if (ended) {
      if (settle()) controller.close();
      return true;
    }
    return false;
  };

  return new ReadableStream<Uint8Array>(
    {
      start(streamController) {
        controller = streamController;
        const onAbort = () => fail(signal.reason);
        let offDeath: () => void = () => undefined;
        // Set before registering: a worker already dead calls `fail` (and so this) at once.
        release = () => {
          signal.removeEventListener('abort', onAbort);
          offDeath();
        };
        signal.addEventListener('abort', onAbort, { once: true });
        offDeath = onDeath(fail);
        if (settled) return;
        // Aborted between the answer and now: no event will come.
        if (signal.aborted) return onAbort();
        port.onmessage = ({ data }: MessageEvent<BodyMessage>) => {
          if ('chunk' in data) queue.push(data.chunk);
          else if ('end' in data) ended = true;
          else failure = { error: data.error };
          const waiting = wake;
          wake = null;
          waiting?.();
        };
        send({ pull: BODY_WINDOW });
        if (first) controller.enqueue(first);
      },
      async pull() {
        while (!settled && !deliver()) await new Promise<void>((resolve) => (wake = resolve));
      },
      cancel(reason) {
        settle({ cancel: reasonText(reason) });
      },
    },
    { highWaterMark: 0 },
  );
}

/** A cancellation's reason as text (what the worker's stream is cancelled with). */
function reasonText(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  return typeof reason === 'string' ? reason : 'cancelled';
}

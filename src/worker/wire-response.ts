/**
 * A handler's `Response` as it crosses to the page. Whatever body is ready at once travels with the
 * response itself, because every further piece costs a round trip between the threads: a transferred
 * stream sends nothing until the page asks for it. So a JSON (or any non-streaming) body crosses as
 * one transferred buffer, and an event stream sends its first chunk (the handler answers once the
 * first event exists) along with the headers; the rest follows on a port (see port-stream.ts).
 */
import * as Comlink from 'comlink';
import type { WireResponse } from './protocol.ts';
import { sendOverPort, transferable } from './port-stream.ts';

/**
 * The wire form of `response`, with what to transfer rather than copy.
 * @param wrapRest wraps the stream that carries the rest of an event stream (a SharedWorker watches
 *   it to finish or stop it when its page goes away); a body sent whole needs no watching.
 */
export async function toWireResponse(
  response: Response,
  wrapRest: (rest: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array> = (rest) => rest,
): Promise<WireResponse> {
  const head = { status: response.status, statusText: response.statusText, headers: [...response.headers] };
  const source = response.body;
  if (!source) return { ...head, first: null, body: null };
  if (!isEventStream(response)) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    return Comlink.transfer({ ...head, first: bytes, body: null }, [bytes.buffer]);
  }
  const reader = source.getReader();
  const firstRead = reader.read();
  // Not ready within this task (a slow producer), or failed: the page gets the headers now, and the
  // chunk (or the failure) through the stream.
  const ready = await Promise.race([firstRead.catch((): typeof NOT_YET => NOT_YET), nextTask()]);
  const first = ready === NOT_YET || ready.done ? null : transferable(ready.value);
  const body = sendOverPort(wrapRest(restOf(reader, ready === NOT_YET ? firstRead : null)));
  const transfers: Transferable[] = first ? [body, first.buffer] : [body];
  return Comlink.transfer({ ...head, first, body }, transfers);
}

const NOT_YET = Symbol('not yet');

/** Resolves at the next task: what was ready by then had no reason to wait. */
function nextTask(): Promise<typeof NOT_YET> {
  return new Promise((resolve) => setTimeout(() => resolve(NOT_YET), 0));
}

function isEventStream(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').toLowerCase().startsWith('text/event-stream');
}

/**
 * The rest of the stream behind `reader`: `pending` first (a read already started), then every
 * further chunk. Cancelling it cancels the source, which a server treats as the client going away.
 */
function restOf(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  pending: Promise<ReadableStreamReadResult<Uint8Array>> | null,
): ReadableStream<Uint8Array> {
  let next = pending;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const step = await (next ?? reader.read());
        next = null;
        if (step.done) controller.close();
        else controller.enqueue(step.value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

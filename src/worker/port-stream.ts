/**
 * The worker's half of a response body crossing to the page on a `MessagePort` of its own (the page's
 * half is `client/port-body.ts`). A port costs a fraction of what transferring a `ReadableStream`
 * costs to set up (the browser builds a cross-realm stream pair for every transferred stream), and a
 * response pays that on its way to its first frame.
 *
 * Flow control is by credit: the page grants chunks (`{ pull: n }`), this side sends at most that
 * many (`{ chunk }`, its buffer transferred), so the page never holds more than it granted and the
 * server is paused, as a slow reader of an HTTP response pauses it, while nobody reads.
 */
import type { BodyControl, BodyMessage } from './protocol.ts';

/**
 * Sends `source` over a new channel and returns the port to transfer to the page. Cancelling there
 * (`{ cancel }`) cancels `source`, which the server treats as the client going away.
 */
export function sendOverPort(source: ReadableStream<Uint8Array>): MessagePort {
  const { port1: port, port2: pagePort } = new MessageChannel();
  const reader = source.getReader();
  let credit = 0;
  let pumping = false;
  let finished = false;

  const finish = (message: BodyMessage | null) => {
    if (finished) return;
    finished = true;
    if (message) post(port, message);
    port.close();
  };

  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      while (credit > 0 && !finished) {
        const step = await reader.read();
        if (finished) return;
        if (step.done) return finish({ end: true });
        credit--;
        const chunk = transferable(step.value);
        port.postMessage({ chunk } satisfies BodyMessage, [chunk.buffer]);
      }
    } catch (error) {
      finish({ error });
    } finally {
      pumping = false;
    }
  };

  port.onmessage = ({ data }: MessageEvent<BodyControl>) => {
    if ('pull' in data) {
      credit += data.pull;
      void pump();
    } else {
      finish(null);
      void reader.cancel(data.cancel).catch(() => undefined);
    }
  };
  return pagePort;
}

/** Posts `message`; an error that cannot be cloned crosses as an `Error` with its text. */
function post(port: MessagePort, message: BodyMessage): void {
  try {
    port.postMessage(message);
  } catch {
    const error = 'error' in message ? message.error : undefined;
    port.postMessage({ error: new Error(error instanceof Error ? error.message : String(error)) });
  }
}

/**
 * `bytes`, or a copy when it is a view into a larger (or shared) buffer: transferring that buffer
 * would detach the rest of it, and cloning it would copy all of it.
 */
export function transferable(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer } = bytes;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength
    ? (bytes as Uint8Array<ArrayBuffer>)
    : bytes.slice();
}

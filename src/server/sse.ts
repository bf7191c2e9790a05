/**
 * Server-Sent-Events framing and batching, in one place. Every event is one `data: <json>\n\n`
 * frame and nothing else (no `event:` or `id:` lines, as the Python SDK writes them).
 *
 * One frame at a time is what iterating a `StreamingResult` yields. Transports read the byte stream
 * of {@link eventStreamBody} instead: each of its chunks holds every frame the server produced
 * before the next macrotask, encoded to UTF-8 in one call, so a fast responder costs one chunk (one
 * socket write, one cross-thread hop in the worker bridge) per batch instead of per frame. No frame
 * is held back to wait for more: a producer that waits on anything (a store write, a model call)
 * lets a task run, and that task sends what is ready.
 */
import type { ThreadStreamEvent } from '../protocol/events.ts';
import { eventToJson } from '../protocol/serialize.ts';
import { isPlainTextDelta, TEXT_DELTA_END, textDeltaPrefix, type TextDeltaEvent } from '../protocol/text-delta.ts';
import { errorEventFor, type EventSink } from './event-pipeline.ts';
import type { StreamingResult } from './results.ts';

/** A chunk is sent at this many characters of frames even if more are ready. */
export const MAX_CHUNK_CHARS = 64 * 1024;

const encoder = new TextEncoder();

/** The text of the frame carrying `event`. */
export function frameText(event: ThreadStreamEvent): string {
  return 'data: ' + eventToJson(event) + '\n\n';
}

/**
 * The bytes of the frame carrying `event`: the UTF-8 of {@link frameText}, written into a buffer
 * shared with other frames (see {@link FrameSlab}), so a frame costs no allocation of its own.
 */
export function encodeFrame(event: ThreadStreamEvent): Uint8Array {
  return isPlainTextDelta(event) ? slab.textDelta(event) : slab.text(frameText(event));
}

/** Bytes of one slab: room for about a hundred text-delta frames. */
const SLAB_BYTES = 16 * 1024;
/** A frame that may take more than this is encoded on its own, so it never wastes most of a slab. */
const MAX_SLAB_FRAME_BYTES = SLAB_BYTES / 4;

/**
 * Where frames are encoded: a buffer that frames are cut from, one after another, until it is full;
 * then a new one. Nothing is ever written over, so a frame stays valid as long as it is held (and
 * holds its slab). Allocating a buffer per frame is what a frame would otherwise cost most.
 *
 * Text deltas are written in pieces: the bytes of the event up to its delta are kept for the content
 * part being streamed, and only the delta's JSON is encoded (byte by byte when it is ASCII, as it
 * mostly is).
 */
class FrameSlab {
  private bytes = new Uint8Array(SLAB_BYTES);
  private used = 0;
  private deltaPrefix = { json: '', bytes: new Uint8Array(0) };
  private readonly deltaEnd = encoder.encode(TEXT_DELTA_END + '\n\n');

  /** The frame whose text is `text`. */
  text(text: string): Uint8Array {
    if (text.length * 3 > MAX_SLAB_FRAME_BYTES) return encoder.encode(text);
    const start = this.reserve(text.length * 3);
    const { written } = encoder.encodeInto(text, this.bytes.subarray(start));
    this.used = start + written;
    return this.bytes.subarray(start, this.used);
  }

  /** The frame of a text delta (the same bytes as `text(frameText(event))`). */
  textDelta(event: TextDeltaEvent): Uint8Array {
    const json = textDeltaPrefix(event.item_id, event.update.content_index);
    if (json !== this.deltaPrefix.json) this.deltaPrefix = { json, bytes: encoder.encode('data: ' + json) };
    const prefix = this.deltaPrefix.bytes;
    const delta = JSON.stringify(event.update.delta);
    const end = this.deltaEnd;
    const most = prefix.length + delta.length * 3 + end.length;
    if (most > MAX_SLAB_FRAME_BYTES) return encoder.encode(frameText(event));
    const start = this.reserve(most);
    const bytes = this.bytes;
    bytes.set(prefix, start);
    let at = start + prefix.length;
    let i = 0;
    for (; i < delta.length; i++) {
      const code = delta.charCodeAt(i);
      if (code >= 0x80) break;
      bytes[at + i] = code;
    }
    at += i;
    // Not all ASCII: the encoder writes the rest.
    if (i < delta.length) at += encoder.encodeInto(delta.slice(i), bytes.subarray(at)).written;
    bytes.set(end, at);
    this.used = at + end.length;
    return bytes.subarray(start, this.used);
  }

  /** The offset of `size` free bytes, in a new slab if this one has not got them (or was transferred away). */
  private reserve(size: number): number {
    if (this.bytes.byteLength - this.used < size) {
      this.bytes = new Uint8Array(SLAB_BYTES);
      this.used = 0;
    }
    return this.used;
  }
}

const slab = new FrameSlab();

/** Options of {@link eventStreamBody}. */
export interface EventStreamOptions {
  /** The first read, already taken from the result (to answer an early failure with a status). */
  first?: IteratorResult<ThreadStreamEvent, void>;
  /**
   * Turns a failure after the first event into an `error` event (after calling this with it), as
   * an HTTP response must: its status is already sent. Without it, the byte stream errors instead.
   */
  onLateError?: (error: unknown) => void;
}

/**
 * The SSE byte stream of `result`, its frames batched (see the module's comment). Cancelling it
 * stops the result as a client disconnect does. A stop by the `process()` signal ends it quietly.
 */
export function eventStreamBody(result: StreamingResult, options: EventStreamOptions = {}): ReadableStream<Uint8Array> {
  const { first, onLateError } = options;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  /** Frames produced and not yet sent. */
  let chunk = '';
  /** True while a pull runs the pipeline. */
  let pulling = false;
  /** A macrotask callback is scheduled. */
  let timerSet = false;
  /** The current pull already sent a chunk because the producer waited: it ends at the next frame. */
  let sentWhileWaiting = false;
  /** The stream is closed, errored or cancelled: nothing more is sent. */
  let finished = false;
  /** A failure to report once the frames before it are read (the stream has no `onLateError`). */
  let failure: { error: unknown } | null = null;

  const send = () => {
    if (chunk === '') return;
    controller.enqueue(encoder.encode(chunk));
    chunk = '';
  };
  // Only while the pipeline waits on something outside the microtask queue can a task run during a
  // pull: the frames ready by then go out now instead of waiting for the next one.
  const onMacrotask = () => {
    timerSet = false;
    if (pulling && chunk !== '' && !finished) {
      send();
      sentWhileWaiting = true;
    }
  };
  const armTimer = () => {
    if (timerSet) return;
    timerSet = true;
    afterMacrotask(onMacrotask);
  };
  const accept: EventSink = (event) => {
    if (chunk === '') armTimer();
    chunk += frameText(event);
    return !sentWhileWaiting && chunk.length < MAX_CHUNK_CHARS;
  };

  return new ReadableStream<Uint8Array>(
    {
      start(streamController) {
        controller = streamController;
        if (first?.done) {
          finished = true;
          controller.close();
        } else if (first) {
          controller.enqueue(encoder.encode(frameText(first.value)));
        }
      },
      // Every pull enqueues, closes or errors before it returns (or has sent a chunk already): a pull
      // that returns with nothing would leave the pending read hanging.
      async pull() {
        if (failure) {
          finished = true;
          controller.error(failure.error);
          return;
        }
        pulling = true;
        sentWhileWaiting = false;
        // Frames left from the last pull go out at the next macrotask too, if the producer waits.
        if (chunk !== '') armTimer();
        let over: boolean;
        try {
          over = await result.pull(accept);
        } catch (error) {
          over = true;
          if (!result.cancelled) {
            if (onLateError) {
              onLateError(error);
              chunk += frameText(errorEventFor(error));
            } else {
              failure = { error };
              over = false;
            }
          }
        } finally {
          pulling = false;
        }
        if (finished) return;
        if (failure && chunk === '') {
          finished = true;
          controller.error(failure.error);
        } else if (over) {
          send();
          finished = true;
          controller.close();
        } else if (!sentWhileWaiting || failure) {
          send();
        }
      },
      async cancel() {
        if (finished) return;
        finished = true;
        await result.close();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Calls `callback` at the next macrotask: a task, not a timer, so nothing waits on a clamp. Node has
 * `setImmediate`; browsers and workers get a message through a shared port.
 */
function afterMacrotask(callback: () => void): void {
  if (typeof setImmediate === 'function') {
    setImmediate(callback);
    return;
  }
  const port = messagePort();
  port.waiting.push(callback);
  port.channel.port2.postMessage(null);
}

let sharedPort: { channel: MessageChannel; waiting: (() => void)[] } | null = null;

/** The port pair behind {@link afterMacrotask} where there is no `setImmediate`, made on first use. */
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

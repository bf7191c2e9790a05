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

/** A chunk is sent once it holds this many bytes of frames, even if more are ready. */
const MAX_CHUNK_BYTES = 64 * 1024;

const encoder = new TextEncoder();
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The text of the frame carrying `event`. */
export function frameText(event: ThreadStreamEvent): string {
  return 'data: ' + eventToJson(event) + '\n\n';
}

/**
 * Frames written as UTF-8, one after another, into a buffer that a subclass makes room in. A text
 * delta is written in pieces: the bytes of the event up to its delta are kept for the content part
 * being streamed, and only the delta's JSON is written (byte by byte when it is printable ASCII, as it
 * mostly is). Anything else is its {@link frameText}, encoded in place.
 */
abstract class FrameWriter {
  protected bytes: Uint8Array;
  protected used = 0;
  private deltaPrefix = { json: '', bytes: new Uint8Array(0) };
  private static readonly deltaEnd = encoder.encode(TEXT_DELTA_END + '\n\n');

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
  }

  /** Makes `size` bytes free from `used` on, in `bytes` (which it may replace, moving `used`). */
  protected abstract makeRoom(size: number): void;

  /**
   * About the most bytes the frame of a text delta can take: 6 per UTF-16 unit of its strings (a
   * `\u00XX` escape), and the rest of the frame, under 200. It only chooses where a frame is written;
   * the writing itself asks for the room it needs.
   */
  protected static textDeltaBound(event: TextDeltaEvent): number {
    return 200 + 6 * (event.item_id.length + event.update.delta.length);
  }

  /** Writes the frame of `event`; returns where it starts. */
  protected writeFrame(event: ThreadStreamEvent): number {
    return isPlainTextDelta(event) ? this.writeTextDelta(event) : this.writeText(frameText(event));
  }

  /** Writes `text` (a frame's); returns where it starts. */
  protected writeText(text: string): number {
    this.makeRoom(text.length * 3);
    const start = this.used;
    this.used = start + encoder.encodeInto(text, this.bytes.subarray(start)).written;
    return start;
  }

  /** Writes the frame of a text delta (the bytes of its {@link frameText}); returns where it starts. */
  protected writeTextDelta(event: TextDeltaEvent): number {
    const json = textDeltaPrefix(event.item_id, event.update.content_index);
    if (json !== this.deltaPrefix.json) this.deltaPrefix = { json, bytes: encoder.encode('data: ' + json) };
    const prefix = this.deltaPrefix.bytes;
    const delta = event.update.delta;
    const end = FrameWriter.deltaEnd;
    this.makeRoom(prefix.length + delta.length * 6 + 2 + end.length);
    const bytes = this.bytes;
    const start = this.used;
    bytes.set(prefix, start);
    const open = start + prefix.length;
    bytes[open] = QUOTE;
    let at = open + 1;
    let i = 0;
    for (; i < delta.length; i++) {
      const code = delta.charCodeAt(i);
      // Printable ASCII other than `"` and `\` is its own JSON and its own UTF-8.
      if (code < 0x20 || code > 0x7e || code === QUOTE || code === BACKSLASH) break;
      bytes[at++] = code;
    }
    if (i < delta.length) {
      // An escape or a non-ASCII character: the encoder writes the delta's whole JSON instead.
      at = open + encoder.encodeInto(JSON.stringify(delta), bytes.subarray(open)).written;
    } else {
      bytes[at++] = QUOTE;
    }
    bytes.set(end, at);
    this.used = at + end.length;
    return start;
  }
}

/** Bytes of one slab: room for about a hundred text-delta frames. */
const SLAB_BYTES = 16 * 1024;
/** A frame that may take more than this is encoded on its own, so it never wastes most of a slab. */
const MAX_SLAB_FRAME_BYTES = SLAB_BYTES / 4;

/**
 * Where single frames are cut from: a buffer that frames take one after another until it is full;
 * then a new one. Nothing is ever written over, so a frame stays valid as long as it is held (and
 * holds its slab). Allocating a buffer per frame is what a frame would otherwise cost most.
 */
class FrameSlab extends FrameWriter {
  constructor() {
    super(SLAB_BYTES);
  }

  /** The bytes of the frame of `event`. */
  frame(event: ThreadStreamEvent): Uint8Array {
    let start: number;
    if (isPlainTextDelta(event)) {
      if (FrameWriter.textDeltaBound(event) > MAX_SLAB_FRAME_BYTES) return encoder.encode(frameText(event));
      start = this.writeTextDelta(event);
    } else {
      const text = frameText(event);
      if (text.length * 3 > MAX_SLAB_FRAME_BYTES) return encoder.encode(text);
      start = this.writeText(text);
    }
    return this.bytes.subarray(start, this.used);
  }

  protected makeRoom(size: number): void {
    // A slab that was transferred away has no bytes left: it is replaced like a full one.
    if (this.bytes.byteLength - this.used >= size) return;
    this.bytes = new Uint8Array(SLAB_BYTES);
    this.used = 0;
  }
}

const slab = new FrameSlab();

/**
 * The bytes of the frame carrying `event`: the UTF-8 of {@link frameText}, cut from a buffer shared
 * with other frames (see {@link FrameSlab}). Copy it (`slice()`) before transferring its buffer.
 */
export function encodeFrame(event: ThreadStreamEvent): Uint8Array {
  return slab.frame(event);
}

/** The first size of a chunk's buffer: a slow producer's chunks are a frame or two. */
const FIRST_CHUNK_BYTES = 4 * 1024;

/**
 * A chunk of frames in the making: frames are written into one buffer that grows as needed and is
 * reused, and a finished chunk is copied out at its exact size (it crosses threads as a copy of its
 * buffer, so it must not carry spare room).
 */
class ChunkBuilder extends FrameWriter {
  constructor() {
    super(FIRST_CHUNK_BYTES);
  }

  /** Whether the chunk holds no frame. */
  get empty(): boolean {
    return this.used === 0;
  }

  /** Adds the frame of `event`; returns whether the chunk has room for more. */
  add(event: ThreadStreamEvent): boolean {
    this.writeFrame(event);
    return this.used < MAX_CHUNK_BYTES;
  }

  /** The chunk's bytes; the builder starts a new chunk. */
  take(): Uint8Array {
    const chunk = this.bytes.slice(0, this.used);
    this.used = 0;
    // A huge frame grew the buffer: let it go rather than keep it for the rest of the stream.
    if (this.bytes.length > 4 * MAX_CHUNK_BYTES) this.bytes = new Uint8Array(FIRST_CHUNK_BYTES);
    return chunk;
  }

  protected makeRoom(size: number): void {
    if (this.bytes.length - this.used >= size) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.used + size));
    grown.set(this.bytes.subarray(0, this.used));
    this.bytes = grown;
  }
}

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
  const chunk = new ChunkBuilder();
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
    if (!chunk.empty) controller.enqueue(chunk.take());
  };
  // Only while the pipeline waits on something outside the microtask queue can a task run during a
  // pull: the frames ready by then go out now instead of waiting for the next one.
  const onMacrotask = () => {
    timerSet = false;
    if (pulling && !chunk.empty && !finished) {
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
    if (chunk.empty) armTimer();
    return chunk.add(event) && !sentWhileWaiting;
  };

  return new ReadableStream<Uint8Array>(
    {
      start(streamController) {
        controller = streamController;
        if (first?.done) {
          finished = true;
          controller.close();
        } else if (first) {
          chunk.add(first.value);
          send();
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
        if (!chunk.empty) armTimer();
        let over: boolean;
        try {
          over = await result.pull(accept);
        } catch (error) {
          over = true;
          // A stopped stream ends once its cancellation is handled: the partial reply is stored by then.
          if (result.cancelled) await result.whenStopped().catch(() => undefined);
          else {
            if (onLateError) {
              onLateError(error);
              chunk.add(errorEventFor(error));
            } else {
              failure = { error };
              over = false;
            }
          }
        } finally {
          pulling = false;
        }
        if (finished) return;
        if (failure && chunk.empty) {
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

/**
 * A Server-Sent-Events parser following the WHATWG "event stream interpretation" rules: UTF-8
 * decoding with a leading BOM dropped, CRLF / LF / CR line ends, `data` lines joined with "\n",
 * comments and unknown fields ignored, an event dispatched at each blank line, and an event left
 * unterminated at the end of the stream discarded.
 */

/** One dispatched event. */
export interface ServerSentEvent {
  /** The `event` field, `message` when absent. */
  event: string;
  data: string;
  /** The last event id seen (`id` field), '' when none. */
  lastEventId: string;
}

/**
 * Parses a byte stream into events. Leaving early (a `break` out of `for await`, a `return()`, an
 * exception in the loop) or aborting `signal` cancels `body`, so whoever produces it learns that
 * nobody is reading any more: for a ChatKit stream, the server stops the response.
 */
export async function* parseEventStream(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<ServerSentEvent> {
  for await (const events of eventBatches(body, signal)) yield* events;
}

/**
 * The events of `body` in batches: those each chunk completes, so a reader that handles a batch in
 * one go pays for one resumption per chunk rather than per event. Leaving early and aborting behave
 * as for {@link parseEventStream}.
 * @internal The client's own reading; apps use {@link parseEventStream}.
 */
export async function* eventBatches(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<ServerSentEvent[]> {
  const reader = body.getReader();
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  const decoder = new TextDecoder('utf-8');
  const parser = new EventStreamParser();
  let ended = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      // Cancelling the reader on abort ends the read quietly; the caller must still see the abort.
      signal?.throwIfAborted();
      if (done) {
        ended = true;
        const last = parser.push(decoder.decode());
        if (last.length > 0) yield last;
        break;
      }
      const events = parser.push(decoder.decode(value, { stream: true }));
      if (events.length > 0) yield events;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Releasing the lock alone would leave the producer streaming to nobody. Not awaited: the
    // caller's `break` need not wait for the other end to acknowledge.
    if (!ended)
      void reader
        .cancel(new DOMException('The reader stopped reading the stream.', 'AbortError'))
        .catch(() => undefined);
    else reader.releaseLock();
  }
}

/** The incremental parser behind {@link parseEventStream}: feed it decoded text, get events. */
export class EventStreamParser {
  private buffer = '';
  private data: string[] = [];
  private eventType = '';
  private lastEventId = '';
  private first = true;
  private pendingCR = false;

  /** Consumes a piece of text and returns the events it completes. */
  push(text: string): ServerSentEvent[] {
    // An empty piece says nothing, not even that a pending CR ended without its LF.
    if (text === '') return [];
    if (this.first) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    // A CR at the end of the previous piece may be the first half of a CRLF.
    if (this.pendingCR && text.startsWith('\n')) text = text.slice(1);
    this.pendingCR = false;
    this.buffer += text;
    const buffer = this.buffer;
    const events: ServerSentEvent[] = [];
    let start = 0;
    if (!buffer.includes('\r')) {
      // LF line ends only, as servers (this one included) write them: the native search is faster.
      for (let end = buffer.indexOf('\n'); end !== -1; end = buffer.indexOf('\n', start)) {
        const event = this.line(buffer.slice(start, end));
        if (event) events.push(event);
        start = end + 1;
      }
    } else {
      for (let i = 0; i < buffer.length; i++) {
        const char = buffer.charCodeAt(i);
        if (char !== 10 && char !== 13) continue;
        const event = this.line(buffer.slice(start, i));
        if (event) events.push(event);
        if (char === 13) {
          if (i + 1 === buffer.length) this.pendingCR = true;
          else if (buffer.charCodeAt(i + 1) === 10) i++;
        }
        start = i + 1;
      }
    }
    this.buffer = buffer.slice(start);
    return events;
  }

  private line(line: string): ServerSentEvent | null {
    if (line === '') return this.dispatch();
    // Nearly every line of a ChatKit stream: read without splitting it into field and value.
    if (line.startsWith('data:')) {
      this.data.push(line.slice(line.charCodeAt(5) === 32 ? 6 : 5));
      return null;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      default:
        // `retry` concerns reconnection, which ChatKit streams do not use; other fields are ignored.
        break;
    }
    return null;
  }

  private dispatch(): ServerSentEvent | null {
    const data = this.data;
    const eventType = this.eventType;
    this.data = [];
    this.eventType = '';
    if (data.length === 0) return null;
    return {
      event: eventType || 'message',
      data: data.length === 1 ? data[0]! : data.join('\n'),
      lastEventId: this.lastEventId,
    };
  }
}

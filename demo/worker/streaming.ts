/**
 * Helpers the scripted responder streams with: abortable pauses (so "stop" takes effect at once) and
 * assistant messages sent word by word, as a model would.
 */
import { now, type Annotation, type ThreadMetadata, type ThreadStreamEventInput } from 'chatkit-local';

/** What every reply needs: the thread, a way to make item ids, and the client's abort signal. */
export interface Turn {
  thread: ThreadMetadata;
  signal: AbortSignal;
  /** A new item id of the given kind. */
  newId(kind: 'message' | 'workflow' | 'task' | 'tool_call'): string;
}

/** Waits `ms`, or rejects as soon as the client goes away. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Options of {@link streamMessage}. */
export interface StreamMessageOptions {
  /** Pause between words, in ms (default 12). */
  delay?: number;
  /** Sources cited by the message. */
  annotations?: Annotation[];
}

/** Streams an assistant message: `added`, one text delta per word, then `done` with the full text. */
export async function* streamMessage(
  turn: Turn,
  text: string,
  options: StreamMessageOptions = {},
): AsyncGenerator<ThreadStreamEventInput> {
  const id = turn.newId('message');
  const created_at = now();
  const base = { id, thread_id: turn.thread.id, created_at, type: 'assistant_message' as const };
  yield { type: 'thread.item.added', item: { ...base, content: [] } };
  for (const word of text.split(/(?<=\s)(?=\S)/)) {
    yield {
      type: 'thread.item.updated',
      item_id: id,
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: word },
    };
    await sleep(options.delay ?? 12, turn.signal);
  }
  for (const [index, annotation] of (options.annotations ?? []).entries()) {
    yield {
      type: 'thread.item.updated',
      item_id: id,
      update: {
        type: 'assistant_message.content_part.annotation_added',
        content_index: 0,
        annotation_index: index,
        annotation,
      },
    };
  }
  yield { type: 'thread.item.done', item: { ...base, content: [{ text, annotations: options.annotations ?? [] }] } };
}

/** A payload value as text for a reply: strings, numbers and booleans as they are, anything else as `fallback`. */
export function scalarText(value: unknown, fallback: string): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : fallback;
}

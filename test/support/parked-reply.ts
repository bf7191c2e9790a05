/**
 * A responder for cancellation tests: it starts an assistant message (id `partial`), streams one
 * delta into it, then waits until the client goes away. The test sees when it is parked, whether it
 * ended, and the signal it was given.
 */
import { deferred, whenAborted, type Deferred } from './deferred.ts';
import type { RespondFn } from './test-server.ts';

/** The parked responder and what a test watches it with. */
export interface ParkedReply<C> {
  /** Assign to `TestServer.respondWith`. */
  respond: RespondFn<C>;
  /** Resolves once the partial message is out and the responder waits for the abort. */
  parked: Deferred<void>;
  /** Resolves when the responder has ended (its `finally` ran). */
  finished: Deferred<void>;
  /** The response's signal, once the responder has run. */
  readonly signal: AbortSignal | null;
}

/** The id of the message the parked responder leaves unfinished. */
export const PARTIAL_ID = 'partial';

/**
 * A responder that streams `text` into a new message and then waits for the abort.
 * @param text - the delta sent before parking (what the stored partial message holds).
 */
export function parkedReply<C>(text = 'Once upon'): ParkedReply<C> {
  const parked = deferred();
  const finished = deferred();
  let signal: AbortSignal | null = null;
  return {
    parked,
    finished,
    get signal() {
      return signal;
    },
    async *respond(thread, _input, _context, options) {
      signal = options.signal;
      try {
        yield {
          type: 'thread.item.added',
          item: {
            id: PARTIAL_ID,
            thread_id: thread.id,
            created_at: new Date().toISOString(),
            type: 'assistant_message',
            content: [],
          },
        };
        yield {
          type: 'thread.item.updated',
          item_id: PARTIAL_ID,
          update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: text },
        };
        parked.resolve();
        await whenAborted(options.signal);
      } finally {
        finished.resolve();
      }
    },
  };
}

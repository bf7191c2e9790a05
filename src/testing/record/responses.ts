/**
 * Following each streamed response to its end: the events it sent, and how it ended. A response the
 * page stopped counts as ended only once the server has handled the cancellation (the partial reply
 * and the cancellation note are stored), so a test can assert on the store right away.
 */
import type { ThreadStreamEvent } from '../../protocol/events.ts';
import { isStreamingRequest, type ChatKitReq } from '../../protocol/requests.ts';
import { EventStreamParser } from '../../client/sse.ts';
import type { RecordedRequest } from './requests.ts';

/**
 * How a response ended: `completed` (the stream ran to its end), `failed` (it carried an `error`
 * event, or the request was refused with an error status before streaming), `cancelled` (the page
 * went away mid-stream; the server's cancellation handling has finished).
 */
export type ResponseOutcome = 'completed' | 'failed' | 'cancelled';

/** A streamed response (one per streaming request), once it has ended. */
export interface RecordedResponse {
  /** The streaming request's type (`threads.create`, `threads.add_user_message`...). */
  type: string;
  /** Its params, as sent. */
  params: unknown;
  /** The HTTP status (200 for a stream; 4xx when refused before streaming). */
  status: number;
  outcome: ResponseOutcome;
  /** The thread it was about: `params.thread_id`, or the id in `thread.created`. */
  threadId: string | null;
  /** Every event the page was sent, in order. */
  events: ThreadStreamEvent[];
}

/** The streamed responses so far, and a way to wait for the next one to end. */
export class ResponseLog {
  /** Every ended response, in the order they ended. */
  readonly responses: RecordedResponse[] = [];
  private taken = 0;
  private readonly waiting: ((response: RecordedResponse) => void)[] = [];

  /**
   * The next ended response not yet returned by an earlier call: at once if it has already ended,
   * otherwise when it does. Successive calls walk through the responses in order, so
   * `await mock.nextResponse()` after each action never misses a fast response.
   */
  next(): Promise<RecordedResponse> {
    const ready = this.responses[this.taken];
    if (ready) {
      this.taken += 1;
      return Promise.resolve(ready);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /**
   * Follows `response` when `request` is a streaming request; returns the response for the page.
   * `signal` is the request's: a body that ends after it aborted is a cancelled response.
   */
  track(request: RecordedRequest, response: Response, signal?: AbortSignal): Response {
    if (!isStreamingRequest(request.type as ChatKitReq['type'])) return response;
    const threadId = threadIdOf(request.params);
    const record = (outcome: ResponseOutcome, events: ThreadStreamEvent[]) =>
      this.add({
        type: request.type,
        params: request.params,
        status: response.status,
        outcome,
        threadId: threadId ?? createdThreadId(events),
        events,
      });
    if (!response.ok || !response.body) {
      record('failed', []);
      return response;
    }
    return new Response(follow(response.body, record, signal), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  }

  private add(response: RecordedResponse): void {
    this.responses.push(response);
    const waiter = this.waiting.shift();
    if (waiter) {
      this.taken += 1;
      waiter(response);
    }
  }
}

/** The body as the page reads it, chunk for chunk; `done` is told how it ended and what it carried. */
function follow(
  source: ReadableStream<Uint8Array>,
  done: (outcome: ResponseOutcome, events: ThreadStreamEvent[]) => void,
  signal?: AbortSignal,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  const decoder = new TextDecoder();
  const parser = new EventStreamParser();
  const events: ThreadStreamEvent[] = [];
  let ended = false;
  const end = (outcome: ResponseOutcome) => {
    if (ended) return;
    ended = true;
    done(outcome, events);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let step: ReadableStreamReadResult<Uint8Array>;
        try {
          step = await reader.read();
        } catch (error) {
          end('failed');
          throw error;
        }
        if (ended) return;
        if (step.done) {
          // A request the page aborted ends its body once the server has handled the cancellation.
          if (signal?.aborted) end('cancelled');
          else end(events.some((event) => event.type === 'error') ? 'failed' : 'completed');
          controller.close();
          return;
        }
        for (const message of parser.push(decoder.decode(step.value, { stream: true }))) {
          events.push(JSON.parse(message.data) as ThreadStreamEvent);
        }
        controller.enqueue(step.value);
      },
      async cancel(reason) {
        // Marked first: the read in flight ends as "done" once the source is cancelled.
        const wasEnded = ended;
        ended = true;
        // Resolves once the server has run its cancellation handling.
        await reader.cancel(reason);
        if (!wasEnded) done('cancelled', events);
      },
    },
    { highWaterMark: 0 },
  );
}

function threadIdOf(params: unknown): string | null {
  const id = (params as { thread_id?: unknown } | null | undefined)?.thread_id;
  return typeof id === 'string' ? id : null;
}

function createdThreadId(events: ThreadStreamEvent[]): string | null {
  const created = events.find((event) => event.type === 'thread.created');
  return created?.type === 'thread.created' ? created.thread.id : null;
}

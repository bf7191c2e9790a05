/**
 * The queue between an {@link AgentContext}'s helpers (called from tools, synchronously or not) and
 * `streamAgentResponse`, which merges it into its output. One reader at a time; the queue outlives a
 * single read, so a context can serve several runs one after another.
 */
import type { ThreadStreamEventInput } from '../protocol/events.ts';

/** One queued event. */
export interface QueuedEvent {
  event: ThreadStreamEventInput;
  /**
   * True for events from the workflow helpers (`startWorkflow`, `addWorkflowTask`...). Those helpers
   * update the active workflow when they are called, so the stream must not work it out again from
   * their events, which it reads later.
   */
  fromWorkflowHelper: boolean;
}

/** An unbounded FIFO with one awaiting reader. */
export class EventQueue {
  #buffer: QueuedEvent[] = [];
  #reader: ((result: IteratorResult<QueuedEvent, undefined>) => void) | null = null;

  /** Adds an event, handing it straight to a waiting reader if there is one. */
  push(entry: QueuedEvent): void {
    const reader = this.#reader;
    if (reader) {
      this.#reader = null;
      reader({ done: false, value: entry });
    } else {
      this.#buffer.push(entry);
    }
  }

  /** The next event, waiting for one when the queue is empty, or `done` once {@link release}d. */
  next(): Promise<IteratorResult<QueuedEvent, undefined>> {
    const entry = this.#buffer.shift();
    if (entry) return Promise.resolve({ done: false, value: entry });
    if (this.#reader) throw new Error('EventQueue: only one read may wait at a time.');
    return new Promise((resolve) => {
      this.#reader = resolve;
    });
  }

  /** Ends a waiting read with `done` (events pushed later stay queued for the next reader). */
  release(): void {
    const reader = this.#reader;
    this.#reader = null;
    reader?.({ done: true, value: undefined });
  }

  /** Removes and returns the oldest queued event, without waiting. */
  shift(): QueuedEvent | undefined {
    return this.#buffer.shift();
  }

  /** Drops every queued event. */
  clear(): void {
    this.#buffer = [];
  }
}

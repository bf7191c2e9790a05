/**
 * Reads a run's events and the context's queue at the same time, yielding whichever comes first (the
 * Python SDK's `_merge_generators`). When the run ends, the queue's waiting read is released and what
 * is still queued follows; the queue never ends on its own, so the run decides when the merge ends.
 */
import type { RunStreamEvent } from '@openai/agents';
import type { EventQueue, QueuedEvent } from './event-queue.ts';

/** One merged value, tagged with where it came from. */
export type Merged = { source: 'run'; event: RunStreamEvent } | { source: 'queue'; entry: QueuedEvent };

type Settlement =
  | { source: 'run'; result: IteratorResult<RunStreamEvent> }
  | { source: 'queue'; result: IteratorResult<QueuedEvent, undefined> }
  | { source: 'run'; error: unknown };

/**
 * The merged stream. An error of the run is thrown as is; closing the merge early (the response was
 * cancelled) closes the run's iterator, which cancels a `StreamedRunResult`.
 */
export async function* mergeRunWithQueue(
  run: AsyncIterable<RunStreamEvent>,
  queue: EventQueue,
): AsyncGenerator<Merged, void, undefined> {
  const runIterator = run[Symbol.asyncIterator]();
  // Each read reports here once, so racing the two never piles handlers onto a read that waits long.
  const settled: Settlement[] = [];
  let wake: (() => void) | null = null;
  const report = (settlement: Settlement) => {
    settled.push(settlement);
    wake?.();
  };
  const nextSettlement = async (): Promise<Settlement> => {
    while (settled.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    return settled.shift()!;
  };
  const readRun = () => {
    let read: Promise<IteratorResult<RunStreamEvent>>;
    try {
      read = runIterator.next();
    } catch (error) {
      read = Promise.reject(error);
    }
    read.then(
      (result) => report({ source: 'run', result }),
      (error: unknown) => report({ source: 'run', error }),
    );
  };
  let queueReading = false;
  const readQueue = () => {
    queueReading = true;
    void queue.next().then((result) => report({ source: 'queue', result }));
  };

  let runEnded = false;
  try {
    readRun();
    readQueue();
    for (;;) {
      const next = await nextSettlement();
      if (next.source === 'queue') {
        queueReading = false;
        if (next.result.done) continue; // released elsewhere: go on with the run alone
        yield { source: 'queue', entry: next.result.value };
        readQueue();
        continue;
      }
      if ('error' in next) {
        runEnded = true;
        throw next.error;
      }
      if (next.result.done) break;
      yield { source: 'run', event: next.result.value };
      readRun();
    }
    runEnded = true;

    // The run is over: a read still waiting on the queue ends, unless an event reached it first.
    queue.release();
    while (queueReading) {
      const next = await nextSettlement();
      if (next.source !== 'queue') continue;
      queueReading = false;
      if (!next.result.done) yield { source: 'queue', entry: next.result.value };
    }
    for (let entry = queue.shift(); entry; entry = queue.shift()) yield { source: 'queue', entry };
  } finally {
    queue.release();
    if (!runEnded) {
      // Not awaited: a pending read may only end when the run's abort signal fires.
      void Promise.resolve()
        .then(() => runIterator.return?.())
        .catch(() => undefined);
    }
  }
}

/**
 * Holding a streaming request's thread in the store (`Store.holdThread`) for the whole response, so
 * a store that deletes threads on its own (retention) leaves it alone until the response is over:
 * finished, failed or cancelled, whichever comes first.
 */
import type { Store } from '../store/types.ts';
import type { EventRuns, EventSink, ResponsePreamble } from './event-pipeline.ts';

/**
 * `preamble`, run while the store holds `threadId`. The hold is taken before the preamble's first
 * event and released once the response is over; a preamble that fails or is closed releases it at
 * once. Without `threadId` (a new thread) or without `store.holdThread`, `preamble` itself.
 */
export function holdingThread<TContext>(
  store: Store<TContext>,
  threadId: string | null,
  context: TContext,
  signal: AbortSignal,
  preamble: ResponsePreamble,
): ResponsePreamble {
  if (threadId === null || !store.holdThread) return preamble;
  const hold = store.holdThread.bind(store);
  return (async function* held(): ResponsePreamble {
    const release = once(await hold(threadId, context));
    let handedOver = false;
    try {
      const runs = yield* preamble;
      if (!runs) return;
      handedOver = true;
      return new HeldRuns(runs, release, signal);
    } finally {
      if (!handedOver) release();
    }
  })();
}

/** A response's runs that release the hold once they are over. */
class HeldRuns implements EventRuns {
  constructor(
    private readonly runs: EventRuns,
    private readonly release: () => void,
    signal: AbortSignal,
  ) {
    // A stop ends the response once its cancellation work (handleStreamCancelled) is done.
    const onStop = () => void runs.whenStopped().finally(release);
    if (signal.aborted) onStop();
    else signal.addEventListener('abort', onStop, { once: true });
  }

  async pump(sink: EventSink): Promise<boolean> {
    try {
      const over = await this.runs.pump(sink);
      if (over) this.release();
      return over;
    } catch (error) {
      this.release();
      throw error;
    }
  }

  whenStopped(): Promise<void> {
    return this.runs.whenStopped();
  }
}

/** `release`, callable any number of times, running once. */
function once(release: () => void): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    release();
  };
}

/** Turning an operation into a sample. */

/**
 * A sample that is the mean duration, in ms, of `batch` consecutive calls of `run`: page timers are
 * coarse (5 µs with cross-origin isolation, 100 µs without), so short operations are timed in batches.
 */
export function meanDuration(run: () => Promise<unknown>, batch: number): () => Promise<number> {
  return async () => {
    const start = performance.now();
    for (let i = 0; i < batch; i++) await run();
    return (performance.now() - start) / batch;
  };
}

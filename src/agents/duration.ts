/** The summary a workflow gets when it ends without one: how long it ran, in whole seconds. */
import type { z } from 'zod';
import type { DurationSummary } from '../protocol/workflow.ts';

/**
 * A `DurationSummary` of the whole seconds (rounded toward zero, as the Python SDK's `int()`) from
 * `createdAt` until now. An unreadable timestamp counts as 0 seconds rather than failing the stream.
 */
export function durationSummarySince(createdAt: string): z.infer<typeof DurationSummary> {
  const elapsed = Date.now() - Date.parse(createdAt);
  return { duration: Number.isFinite(elapsed) ? Math.trunc(elapsed / 1000) : 0 };
}

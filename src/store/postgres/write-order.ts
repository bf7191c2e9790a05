/**
 * The `write_seq` of a new row: what orders entries with equal `created_at`, first written first.
 *
 * It is taken in the process, not from a database sequence, because calls started together (a
 * `Promise.all` of writes) run on different pool connections and reach the server in any order;
 * numbering them here, synchronously at the call, keeps their call order. It counts microseconds of
 * wall-clock time, never going backwards within a process, so numbers from several processes on
 * one database also follow time, as closely as their clocks agree. Rows that still tie are ordered
 * by their `rid` identity, so every reader sees the same single order.
 */

let last = 0;

/** A number greater than every one this process handed out before: `max(previous + 1, now in µs)`. */
export function nextWriteSeq(): number {
  // Date.now() * 1000 stays below 2^53 until the year 2255, so the number is exact.
  last = Math.max(last + 1, Date.now() * 1000);
  return last;
}

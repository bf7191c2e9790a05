/**
 * Counting SSE frames as they arrive, the same way for every transport compared. Each frame the
 * server writes is one `data: <json>` line and a blank line, and its JSON never holds a raw line
 * break, so a frame is exactly two line feeds wherever the chunks split. The native `indexOf` keeps
 * the counting cost small next to the transport's.
 */
const LF = 10;

export class FrameCounter {
  private lineFeeds = 0;

  /** Complete frames seen so far. */
  get frames(): number {
    return Math.floor(this.lineFeeds / 2);
  }

  /** Counts a chunk of a byte stream, or a frame posted as text. */
  push(chunk: Uint8Array | string): void {
    if (typeof chunk === 'string') {
      for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) this.lineFeeds++;
    } else {
      for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) this.lineFeeds++;
    }
  }
}

/**
 * What a SharedWorker does with a page's requests and streams when the page goes away: a write goes
 * on and its reply is read to the end in the worker; a read is aborted or cancelled; a stop from
 * the page itself always cancels.
 */
import { describe, expect, test } from 'vitest';
import { PageSession } from '../../src/worker/page-session.ts';

/** A reply of `count` chunks, produced as they are asked for, and what its reader did to it. */
function reply(count: number) {
  const seen = { produced: 0, closed: false, cancelled: null as unknown };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (seen.produced === count) {
          seen.closed = true;
          controller.close();
          return;
        }
        seen.produced++;
        controller.enqueue(new Uint8Array(1024));
      },
      cancel(reason) {
        seen.cancelled = reason;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

function watchedSession(): PageSession {
  const session = new PageSession();
  session.watch();
  return session;
}

describe('PageSession', () => {
  test("a write's reply is read to its end when its page goes away, and the page's stream ends", async () => {
    const session = watchedSession();
    const { stream, seen } = reply(500);
    const page = session.track(stream, true).getReader();
    expect((await page.read()).done).toBe(false);
    const pageEnd = page.read().then(
      () => 'read',
      (error: unknown) => (error as DOMException).name,
    );

    session.close('The page went away.');
    expect(await pageEnd).toBe('AbortError');
    expect(session.drainCount).toBe(1);
    await session.drained();
    expect(seen).toEqual({ produced: 500, closed: true, cancelled: null });
    // Nothing is held for the page any more.
    expect(session.size).toBe(0);
    expect(session.drainCount).toBe(0);
  });

  test("a read's stream (the changes feed) is cancelled when its page goes away", async () => {
    const session = watchedSession();
    const { stream, seen } = reply(500);
    const page = session.track(stream, false).getReader();
    await page.read();
    session.close('The page went away.');
    await expect(page.read()).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen.cancelled).toMatchObject({ name: 'AbortError', message: 'The page went away.' });
    expect(seen.produced).toBeLessThan(500);
    expect(session.drainCount).toBe(0);
    expect(session.size).toBe(0);
  });

  test("a stop from the page cancels a write's reply", async () => {
    const session = watchedSession();
    const { stream, seen } = reply(500);
    const page = session.track(stream, true);
    const reader = page.getReader();
    await reader.read();
    await reader.cancel('stopped');
    expect(seen.cancelled).toBe('stopped');
    expect(session.size).toBe(0);
    // The page going away later has nothing left to finish.
    session.close('The page went away.');
    expect(session.drainCount).toBe(0);
  });

  test('a reply that arrives after its page went away is read to its end at once', async () => {
    const session = watchedSession();
    session.close('The page went away.');
    const { stream, seen } = reply(20);
    const page = session.track(stream, true);
    await expect(page.getReader().read()).rejects.toMatchObject({ name: 'AbortError' });
    await session.drained();
    expect(seen).toEqual({ produced: 20, closed: true, cancelled: null });
  });

  test('requests in progress: a page going away aborts its reads, not its writes; its own abort aborts either', () => {
    const session = watchedSession();
    const write = session.begin(1, true);
    const read = session.begin(2, false);
    const stopped = session.begin(3, true);
    session.abort(3, 'Stop pressed');
    expect(stopped.signal.reason).toMatchObject({ name: 'AbortError', message: 'Stop pressed' });

    session.close('The page went away.');
    expect(read.signal.aborted).toBe(true);
    expect(write.signal.aborted).toBe(false);
    // Requests of the page still arriving (sent before it went): the same rule.
    expect(session.begin(4, false).signal.aborted).toBe(true);
    expect(session.begin(5, true).signal.aborted).toBe(false);
    expect(session.size).toBe(0);
  });

  test('unwatched (a dedicated worker, which dies with its page), bodies pass through untouched', () => {
    const session = new PageSession();
    const { stream } = reply(1);
    expect(session.track(stream, true)).toBe(stream);
  });
});

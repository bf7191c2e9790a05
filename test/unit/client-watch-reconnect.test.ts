/**
 * `ChatKitClient#watch({ reconnect })`: a failed or ended watch is opened again after a pause that
 * doubles up to its limit, `onReconnect` says when it is back, an answer that will not change ends
 * it, and aborting the signal ends it quietly, even between tries.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ChatKitClient, type ChatKitChange } from '../../src/client.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** An event stream the test writes changes into, then ends or fails. */
function changeStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  return {
    response: () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    send: (change: ChatKitChange) =>
      controller.enqueue(new TextEncoder().encode(`data: ${JSON.stringify(change)}\n\n`)),
    fail: () => controller.error(new TypeError('network error')),
    end: () => controller.close(),
  };
}

/** A client whose fetch answers the changes route with `answers`, one per call, in order. */
function clientAnswering(answers: Array<() => Response>) {
  const calls: string[] = [];
  const fetch = async (input: RequestInfo | URL): Promise<Response> => {
    calls.push(input instanceof Request ? input.url : input instanceof URL ? input.href : input);
    const answer = answers[calls.length - 1];
    if (!answer) throw new TypeError('Failed to fetch');
    return answer();
  };
  return { client: new ChatKitClient({ url: 'http://localhost/chatkit', fetch }), calls };
}

const change = (thread_id: string): ChatKitChange => ({ type: 'thread.items.changed', thread_id });

describe('watch() with reconnect', () => {
  test('watches again after the stream fails, then after it ends, and says when it is back', async () => {
    const first = changeStream();
    const second = changeStream();
    const third = changeStream();
    const refused = () => {
      throw new TypeError('Failed to fetch');
    };
    const { client, calls } = clientAnswering([first.response, refused, second.response, third.response]);
    const stop = new AbortController();
    let reconnects = 0;
    const changes = client.watch({
      signal: stop.signal,
      reconnect: { initialDelayMs: 1, onReconnect: () => reconnects++ },
    });
    await changes.ready;
    const seen = changes[Symbol.asyncIterator]();

    first.send(change('thr_1'));
    expect((await seen.next()).value).toEqual(change('thr_1'));
    first.fail();
    const afterFailure = seen.next();
    // Open again after one refused try: the change sent on the new stream arrives.
    await vi.waitFor(() => expect(calls).toHaveLength(3));
    second.send(change('thr_2'));
    expect((await afterFailure).value).toEqual(change('thr_2'));
    expect(reconnects).toBe(1);

    second.end();
    const afterEnd = seen.next();
    await vi.waitFor(() => expect(calls).toHaveLength(4));
    third.send(change('thr_3'));
    expect((await afterEnd).value).toEqual(change('thr_3'));
    expect(reconnects).toBe(2);
    expect(calls.every((url) => url === 'http://localhost/chatkit/changes')).toBe(true);

    stop.abort();
    expect(await seen.next()).toEqual({ done: true, value: undefined });
  });

  test('the pause doubles from initialDelayMs up to maxDelayMs; aborting between tries ends the watch', async () => {
    vi.useFakeTimers();
    const { client, calls } = clientAnswering([]);
    const stop = new AbortController();
    const changes = client.watch({ signal: stop.signal, reconnect: { initialDelayMs: 100, maxDelayMs: 400 } });
    const seen = changes[Symbol.asyncIterator]();
    const next = seen.next();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    for (const [pause, callsAfter] of [
      [100, 2],
      [200, 3],
      [400, 4],
      [400, 5],
    ] as const) {
      await vi.advanceTimersByTimeAsync(pause - 1);
      expect(calls).toHaveLength(callsAfter - 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(calls).toHaveLength(callsAfter);
    }
    stop.abort();
    expect(await next).toEqual({ done: true, value: undefined });
    await expect(changes.ready).rejects.toBe(stop.signal.reason);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(5);
  });

  test('an answer that will not change (501: no live changes) ends the watch with its error', async () => {
    const { client, calls } = clientAnswering([
      () => Response.json({ error: 'not_supported', message: 'Live changes are off.' }, { status: 501 }),
    ]);
    const changes = client.watch({ reconnect: { initialDelayMs: 1 } });
    await expect(changes.ready).rejects.toMatchObject({ status: 501, code: 'not_supported' });
    await expect(changes[Symbol.asyncIterator]().next()).rejects.toMatchObject({ status: 501 });
    expect(calls).toHaveLength(1);
  });

  test('bad delays are refused, naming the option', () => {
    const { client } = clientAnswering([]);
    expect(() => client.watch({ reconnect: { initialDelayMs: -1 } })).toThrow(/reconnect\.initialDelayMs/);
    expect(() => client.watch({ reconnect: { maxDelayMs: Number.NaN } })).toThrow(/reconnect\.maxDelayMs/);
  });
});

/**
 * Driving a testing-kit mock without a browser: a `ChatKitClient` whose fetch calls the mock's
 * recording handler directly, as the in-process server or the worker would.
 */
import { ChatKitClient } from '../../src/client.ts';
import type { ThreadStreamEvent } from '../../src/index.ts';
import { MockCore } from '../../src/testing/mock-core.ts';
import { ScriptedChatKitServer, type ScriptedServerOptions } from '../../src/testing/script.ts';

/** Where the unit tests pretend the endpoint is. */
export const ENDPOINT = 'http://app.test/api/chatkit';

/** A scripted server behind a mock core, and a client talking to it. */
export function scriptedMock(options: ScriptedServerOptions = {}) {
  const server = new ScriptedChatKitServer({ baseUrl: ENDPOINT, ...options });
  const core = new MockCore({ server, basePath: '/api/chatkit' });
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    core.handler(
      new Request(new URL(String(input instanceof Request ? input.url : input), ENDPOINT), init),
    )) as typeof globalThis.fetch;
  const client = new ChatKitClient({ url: ENDPOINT, fetch });
  return { server, core, client, fetch };
}

/** Every event of a stream. */
export async function collect(events: AsyncIterable<ThreadStreamEvent>): Promise<ThreadStreamEvent[]> {
  const out: ThreadStreamEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

/** The thread id in a stream's `thread.created` event. */
export function createdThreadId(events: ThreadStreamEvent[]): string {
  const created = events.find((event) => event.type === 'thread.created');
  if (created?.type !== 'thread.created') throw new Error('no thread.created event');
  return created.thread.id;
}

/** The events after `stream_options`: what the responder produced. */
export function responderEvents(events: ThreadStreamEvent[]): ThreadStreamEvent[] {
  const start = events.findIndex((event) => event.type === 'stream_options');
  return events.slice(start + 1);
}

/** A compact view of events: type, plus the update type for `thread.item.updated`. */
export function shapeOf(events: ThreadStreamEvent[]): string[] {
  return events.map((event) => {
    if (event.type === 'thread.item.updated') return `updated:${event.update.type}`;
    if (event.type === 'thread.item.added' || event.type === 'thread.item.done')
      return `${event.type}:${event.item.type}`;
    return event.type;
  });
}

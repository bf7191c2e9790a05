/**
 * What the worker-based browser tests share: server workers (the scripted server of
 * fixtures/chat-worker.ts) on a database of the test's own, deleted afterwards; collecting a
 * stream; and waiting for a worker to report a cancelled stream.
 */
import { afterEach, beforeEach } from 'vitest';
import type { ThreadStreamEvent } from '../../../src/protocol/index.ts';

/**
 * Registers the per-test setup and returns `startWorker`: each call starts one more server worker
 * on the current test's database (several workers share it, as tabs would).
 */
export function useTestWorkers(prefix = 'chatkit-test'): (() => Worker) & { databaseName: () => string } {
  const workers: Worker[] = [];
  let databaseName = '';
  beforeEach(() => {
    databaseName = `${prefix}-${crypto.randomUUID()}`;
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) worker.terminate();
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(databaseName);
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  });
  const start = () => {
    const worker = new Worker(new URL('../fixtures/chat-worker.ts', import.meta.url), {
      type: 'module',
      name: databaseName,
    });
    workers.push(worker);
    return worker;
  };
  // The current test's database, for tests that read it directly.
  return Object.assign(start, { databaseName: () => databaseName });
}

/** Every event of a stream. */
export async function collect(events: AsyncIterable<ThreadStreamEvent>): Promise<ThreadStreamEvent[]> {
  const out: ThreadStreamEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

/** The id in a stream's `thread.created` event. */
export function threadIdOf(events: ThreadStreamEvent[]): string {
  const created = events.find((event) => event.type === 'thread.created');
  if (!created || created.type !== 'thread.created') throw new Error('no thread.created event');
  return created.thread.id;
}

/** Resolves when a test worker reports it handled a cancelled stream on `threadId`. */
export function cancellationOf(threadId: string): Promise<void> {
  const channel = new BroadcastChannel('chatkit-test');
  return new Promise((resolve) => {
    channel.onmessage = (message: MessageEvent<{ type: string; threadId: string }>) => {
      if (message.data.type === 'cancelled' && message.data.threadId === threadId) {
        channel.close();
        resolve();
      }
    };
  });
}

/**
 * The URL of the server worker's module, for SharedWorkers: every connection must name the very
 * same URL (and name) to reach the same worker, including connections made from other frames, so
 * it is spelled out once here rather than left to each `new SharedWorker(...)` call.
 */
export const chatWorkerUrl = new URL('../fixtures/chat-worker.ts?worker_file&type=module', import.meta.url).href;

/**
 * Registers the per-test setup and returns `connect`: each call opens one more connection (as one
 * more tab would) to the current test's SharedWorker, which runs the server on the test's own
 * database. `name()` is that worker's (and database's) name.
 */
export function useSharedTestWorker(prefix = 'chatkit-shared'): { connect: () => SharedWorker; name: () => string } {
  let databaseName = '';
  const connections: SharedWorker[] = [];
  beforeEach(() => {
    databaseName = `${prefix}-${crypto.randomUUID()}`;
  });
  afterEach(() => {
    // A SharedWorker lives as long as the page that opened it; closing the ports frees what the
    // worker kept for each connection.
    for (const connection of connections.splice(0)) connection.port.close();
  });
  return {
    connect: () => {
      const worker = new SharedWorker(chatWorkerUrl, { type: 'module', name: databaseName });
      connections.push(worker);
      return worker;
    },
    name: () => databaseName,
  };
}

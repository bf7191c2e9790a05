/**
 * `mockChatKitWorker()`: the scripted server of `chatkit-local/testing`, in a Web Worker behind
 * `createChatKitFetch`, for component tests that run in a browser (vitest browser mode).
 */
import * as Comlink from 'comlink';
import { createChatKitFetch } from '../../client/fetch.ts';
import type { Attachment } from '../../protocol/attachments.ts';
import type { ThreadItem } from '../../protocol/items.ts';
import type { ThreadMetadata } from '../../protocol/thread.ts';
import type { TestClockOptions } from '../determinism/clock.ts';
import type { Seed } from '../determinism/seeded-ids.ts';
import type { ThreadSnapshot } from '../fixtures/read.ts';
import type { AttachmentSeed, SeededThread, ThreadSeed } from '../fixtures/seed.ts';
import { sentMessagesOf, type SentMessage } from '../mock-core.ts';
import { describeRequest, type RecordedRequest } from '../record/requests.ts';
import type { RecordedResponse } from '../record/responses.ts';
import type { Rule } from '../script/rules.ts';
import type { Step } from '../script/steps.ts';
import { encodeFunctions } from './functions.ts';
import type { ScriptedWorkerApi } from './protocol.ts';

/** Options of {@link mockChatKitWorker}. */
export interface ChatKitWorkerMockOptions {
  /** The endpoint the component calls (default `/chatkit`), resolved against the page's URL. */
  url?: string | undefined;
  /** The rules (functions in them run on the page and must return plain data). */
  script?: Rule[] | undefined;
  /** What answers a message no rule matches (default: an echo). */
  fallback?: Step[] | undefined;
  /** Seeds the ids (default 1). */
  seed?: Seed | undefined;
  /** The test clock (default: from 2025-01-01T00:00:00Z, 1 s per reading). */
  clock?: TestClockOptions | undefined;
  /** Also make it `globalThis.fetch` until {@link ChatKitWorkerMock.close}, for code that takes no fetch. */
  install?: boolean | undefined;
  /**
   * Starts the worker, for a bundler that cannot load the one shipped with the package: a module
   * calling `exposeScriptedChatKit()` from this entry.
   */
  worker?: (() => Worker) | undefined;
}

/** A running worker mock. Seeding, reading and waiting go to the worker, so they are async. */
export interface ChatKitWorkerMock {
  /** The endpoint URL it answers (absolute). */
  readonly url: string;
  /** A `fetch` answering the endpoint from the worker and passing every other URL on. */
  readonly fetch: typeof globalThis.fetch;
  /** Every request made through {@link fetch} to the endpoint, in order (see `RecordedRequest`). */
  readonly requests: readonly RecordedRequest[];
  /** The user's messages, in order. */
  sentMessages(): SentMessage[];
  /** The next streamed response to end that an earlier call has not returned. */
  nextResponse(): Promise<RecordedResponse>;
  seedThread(seed: ThreadSeed): Promise<SeededThread>;
  seedAttachment(seed: AttachmentSeed): Promise<Attachment>;
  threads(): Promise<ThreadMetadata[]>;
  items(threadId: string): Promise<ThreadItem[]>;
  snapshot(): Promise<ThreadSnapshot[]>;
  /** Adds rules ahead of the script's. */
  use(...rules: Rule[]): Promise<void>;
  /** Releases a `pause(name)` step. */
  resume(name?: string): Promise<void>;
  /** Stops the worker and puts back the global `fetch` if it was installed. */
  close(): void;
}

/**
 * Starts the scripted server in a worker and gives the `fetch` that reaches it: pass it to the
 * component (or to `ChatKitClient`, or as ChatKit's `api.fetch`), or set `install: true`.
 *
 * @example
 * const chatkit = await mockChatKitWorker({ url: '/api/chatkit', script: [on('hi', reply('Hello!'))] });
 * element.fetch = chatkit.fetch;
 */
export async function mockChatKitWorker(options: ChatKitWorkerMockOptions = {}): Promise<ChatKitWorkerMock> {
  const url = new URL(options.url ?? '/chatkit', location.href);
  const worker =
    options.worker?.() ??
    new Worker(new URL('./scripted-worker.ts', import.meta.url), { type: 'module', name: 'chatkit-local-testing' });
  const api = Comlink.wrap<ScriptedWorkerApi>(worker);
  const functions: ((...args: unknown[]) => unknown)[] = [];
  const callFunction = async (index: number, args: unknown[]) => functions[index]!(...args);
  await api.configure(
    {
      url: url.href,
      script: encodeFunctions(options.script ?? [], functions),
      ...(options.fallback ? { fallback: encodeFunctions(options.fallback, functions) } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    },
    Comlink.proxy(callFunction),
  );

  const requests: RecordedRequest[] = [];
  const workerFetch = createChatKitFetch({ worker, url: url.href });
  const basePath = url.pathname;
  const isEndpoint = (target: URL) =>
    target.origin === url.origin && (target.pathname === basePath || target.pathname.startsWith(`${basePath}/`));
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input instanceof URL ? input.href : input, init);
    if (isEndpoint(new URL(request.url))) requests.push(await describeRequest(request, basePath));
    return workerFetch(request);
  }) as typeof globalThis.fetch;

  const original = globalThis.fetch;
  if (options.install) globalThis.fetch = fetch;
  let closed = false;
  return {
    url: url.href,
    fetch,
    requests,
    sentMessages: () => sentMessagesOf(requests),
    nextResponse: () => api.nextResponse(),
    seedThread: (seed) => api.seedThread(seed),
    seedAttachment: (seed) => api.seedAttachment(seed),
    threads: () => api.threads(),
    items: (threadId) => api.items(threadId),
    snapshot: () => api.snapshot(),
    use: (...rules) => api.use(encodeFunctions(rules, functions)),
    resume: (name = 'default') => api.resume(name),
    close() {
      if (closed) return;
      closed = true;
      if (options.install && globalThis.fetch === fetch) globalThis.fetch = original;
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

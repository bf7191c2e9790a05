/** The worker side of `mockChatKitWorker`: the scripted server behind the ChatKit worker API. */
import * as Comlink from 'comlink';
import type { ChatKitHandler } from '../../http/handler.ts';
import { createWorkerApi } from '../../worker/expose.ts';
import { MockCore } from '../mock-core.ts';
import { ScriptedChatKitServer } from '../script/scripted-server.ts';
import { decodeFunctions, type CallFunction } from './functions.ts';
import type { ScriptedWorkerApi, WorkerMockSetup } from './protocol.ts';

/**
 * Serves a scripted ChatKit server from this worker to `mockChatKitWorker` on the page. Call it once
 * at the top of a worker module; the package's own worker does. Needed only when your bundler
 * cannot load that worker: write a module that calls this, and pass `worker: () => new Worker(...)`.
 * @param endpoint - where to listen (default: the worker's global scope).
 */
export function exposeScriptedChatKit(endpoint: Comlink.Endpoint = self as unknown as Comlink.Endpoint): void {
  let core: MockCore<unknown> | null = null;
  let call: CallFunction | null = null;
  let ready!: (handler: ChatKitHandler) => void;
  const handler = new Promise<ChatKitHandler>((resolve) => (ready = resolve));
  const configured = (): MockCore<unknown> => {
    if (!core) throw new Error('The scripted worker is not configured yet.');
    return core;
  };
  const api: ScriptedWorkerApi = {
    ...createWorkerApi(handler),
    async configure(setup: WorkerMockSetup, callFunction: CallFunction) {
      call = callFunction;
      const url = new URL(setup.url);
      const server = new ScriptedChatKitServer({
        script: decodeFunctions(setup.script, callFunction),
        fallback: setup.fallback && decodeFunctions(setup.fallback, callFunction),
        seed: setup.seed,
        clock: setup.clock,
        baseUrl: url.href,
      });
      core = new MockCore({ server, basePath: url.pathname });
      ready(core.handler);
    },
    use: (rules) => configured().use(...decodeFunctions(rules, call!)),
    resume: (name) => configured().resume(name),
    nextResponse: () => configured().nextResponse(),
    seedThread: (seed) => configured().seedThread(seed),
    seedAttachment: (seed) => configured().seedAttachment(seed),
    threads: () => configured().threads(),
    items: (threadId) => configured().items(threadId),
    snapshot: () => configured().snapshot(),
  };
  Comlink.expose(api, endpoint);
}

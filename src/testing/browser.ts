/**
 * `chatkit-local/testing/browser`: the scripted server of `chatkit-local/testing` for tests that run
 * in a browser (vitest browser mode, component tests). `mockChatKitWorker()` starts it in a Web
 * Worker behind `createChatKitFetch` and gives the `fetch` that reaches it. A separate entry from
 * the Node one, so neither pulls the other's platform (Node's `http`, or a worker module) in.
 */
export { mockChatKitWorker, type ChatKitWorkerMock, type ChatKitWorkerMockOptions } from './browser/mock-worker.ts';
export { exposeScriptedChatKit } from './browser/expose.ts';
export type { SentMessage } from './mock-core.ts';
export * from './script.ts';

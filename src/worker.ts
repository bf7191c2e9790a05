/** `chatkit-local/worker`: run inside the Web Worker that hosts the server. */
export { exposeChatKit, createWorkerApi } from './worker/expose.ts';
export type { ChatKitWorkerApi, WireRequest, WireResponse } from './worker/protocol.ts';

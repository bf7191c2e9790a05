/**
 * `chatkit-local/client`: the page side. Never imports server code, so the page bundle stays small.
 */
export { createChatKitFetch, type ChatKitFetchOptions } from './client/fetch.ts';
export {
  ChatKitClient,
  type ChatKitClientOptions,
  type MessageInput,
  type StreamCallOptions,
  type ListOptions,
  type UploadStrategy,
  type SyncActionResult,
  type WatchOptions,
  type ChatKitChangeStream,
} from './client/client.ts';
export type { ChatKitChange, ChatKitChangeType } from './protocol/changes.ts';
export { ChatKitClientError, WorkerDiedError } from './client/errors.ts';
export { parseEventStream, EventStreamParser, type ServerSentEvent } from './client/sse.ts';
export { requestPersistentStorage, storageStatus, type StorageStatus } from './client/storage.ts';

/**
 * The move the README promises (a user's history from the browser to a server): what both sides of the
 * test share. The same server class runs in the page over IndexedDBStore and in Node over
 * PostgresStore, and the same reads go through each side's handler, so their answers can be compared
 * byte for byte.
 */
import {
  ChatKitServer,
  streamText,
  type ChatKitHandler,
  type ResponseOptions,
  type ResponseStream,
  type ThreadMetadata,
  type UserMessageItem,
} from '../../src/index.ts';

/** The user whose history moves. */
export interface MoveContext {
  userId: string;
}

/** Where both handlers live. */
export const MOVE_BASE = 'http://localhost/chatkit';

/** Answers every message with its text, streamed word by word. */
export class MoveServer extends ChatKitServer<MoveContext> {
  async *respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: MoveContext,
    { signal }: ResponseOptions,
  ): ResponseStream {
    const text = input?.content.map((part) => part.text).join('') ?? '';
    yield* streamText(thread, `You said: ${text}`.split(/(?<= )/), { store: this.store, context, signal });
  }
}

/** What a handler answers for one thread and one attachment: the bodies as sent, and the bytes. */
export interface HandlerAnswers {
  /** `threads.get_by_id`: status and JSON text. */
  thread: { status: number; body: string };
  /** `items.list` (every item, oldest first): status and JSON text. */
  items: { status: number; body: string };
  /** The attachment's bytes from the download route, with their content type. */
  file: { status: number; type: string | null; bytes: number[] };
}

/** POSTs a ChatKit request to the handler. */
export function chatKitRequest(handler: ChatKitHandler, type: string, params: unknown): Promise<Response> {
  return handler(
    new Request(MOVE_BASE, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type, params }),
    }),
  );
}

/** Reads a thread, its items and one attachment's bytes through a handler. */
export async function readThrough(
  handler: ChatKitHandler,
  threadId: string,
  attachmentId: string,
): Promise<HandlerAnswers> {
  const thread = await chatKitRequest(handler, 'threads.get_by_id', { thread_id: threadId });
  const items = await chatKitRequest(handler, 'items.list', { thread_id: threadId, limit: 100, order: 'asc' });
  const file = await handler(new Request(`${MOVE_BASE}/attachments/${encodeURIComponent(attachmentId)}/content`));
  return {
    thread: { status: thread.status, body: await thread.text() },
    items: { status: items.status, body: await items.text() },
    file: {
      status: file.status,
      type: file.headers.get('content-type'),
      bytes: [...new Uint8Array(await file.arrayBuffer())],
    },
  };
}

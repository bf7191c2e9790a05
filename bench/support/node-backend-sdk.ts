/**
 * The same scripted `deltas: N` reply on `chatkit-node-backend-sdk` (the most used TypeScript port of
 * the ChatKit server), for the server-core comparison. That package ships no in-memory store, so this
 * one has the semantics of chatkit-local's `MemoryStore`: values copied in and out with
 * `structuredClone`, a missing thread or item is a not-found error. The comparison's hot path loads
 * the thread once and adds two items (the user message, the reply) per reply, on both sides.
 */
import {
  ChatKitServer,
  Store,
  StoreNotFoundError as NotFoundError,
  type Attachment,
  type Logger,
  type Page,
  type ThreadItem,
  type ThreadMetadata,
  type ThreadStreamEvent,
  type UserMessageItem,
} from 'chatkit-node-backend-sdk';

const copy = <T>(value: T): T => structuredClone(value);

/** Its `process()` logs each request at `info`; a server in a benchmark logs nothing. */
const silent: Logger = { info() {}, warn() {}, error() {}, debug() {} };

/** Threads and items in memory, for any context. */
export class SdkMemoryStore extends Store<unknown> {
  private readonly threads = new Map<string, { thread: ThreadMetadata; items: ThreadItem[] }>();
  private readonly attachments = new Map<string, Attachment>();

  private record(threadId: string) {
    const record = this.threads.get(threadId);
    if (!record) throw new NotFoundError(`Thread ${threadId} not found`);
    return record;
  }

  async loadThread(threadId: string): Promise<ThreadMetadata> {
    return copy(this.record(threadId).thread);
  }

  async saveThread(thread: ThreadMetadata): Promise<void> {
    const record = this.threads.get(thread.id);
    if (record) record.thread = copy(thread);
    else this.threads.set(thread.id, { thread: copy(thread), items: [] });
  }

  async deleteThread(threadId: string): Promise<void> {
    this.threads.delete(threadId);
  }

  async loadThreads(limit: number, after: string | null, order: 'asc' | 'desc'): Promise<Page<ThreadMetadata>> {
    return pageOf(
      [...this.threads.values()].map((record) => record.thread),
      limit,
      after,
      order,
    );
  }

  async loadThreadItems(
    threadId: string,
    after: string | null,
    limit: number,
    order: 'asc' | 'desc',
  ): Promise<Page<ThreadItem>> {
    return pageOf(this.threads.get(threadId)?.items ?? [], limit, after, order);
  }

  async addThreadItem(threadId: string, item: ThreadItem): Promise<void> {
    this.record(threadId).items.push(copy(item));
  }

  async saveItem(threadId: string, item: ThreadItem): Promise<void> {
    const items = this.record(threadId).items;
    const index = items.findIndex((existing) => existing.id === item.id);
    if (index === -1) items.push(copy(item));
    else items[index] = copy(item);
  }

  async loadItem(threadId: string, itemId: string): Promise<ThreadItem> {
    const item = this.record(threadId).items.find((existing) => existing.id === itemId);
    if (!item) throw new NotFoundError(`Item ${itemId} not found`);
    return copy(item);
  }

  async deleteThreadItem(threadId: string, itemId: string): Promise<void> {
    const record = this.threads.get(threadId);
    if (record) record.items = record.items.filter((item) => item.id !== itemId);
  }

  async saveAttachment(attachment: Attachment): Promise<void> {
    this.attachments.set(attachment.id, copy(attachment));
  }

  async loadAttachment(attachmentId: string): Promise<Attachment> {
    const attachment = this.attachments.get(attachmentId);
    if (!attachment) throw new NotFoundError(`Attachment ${attachmentId} not found`);
    return copy(attachment);
  }

  async deleteAttachment(attachmentId: string): Promise<void> {
    this.attachments.delete(attachmentId);
  }
}

/** A page of `entries` (kept in insertion order, which is `created_at` order here). */
function pageOf<T extends { id: string }>(
  entries: T[],
  limit: number,
  after: string | null,
  order: 'asc' | 'desc',
): Page<T> {
  const ordered = order === 'asc' ? entries : [...entries].reverse();
  const start = after === null ? 0 : ordered.findIndex((entry) => entry.id === after) + 1;
  const data = ordered.slice(start, start + limit);
  const hasMore = start + limit < ordered.length;
  return { data: data.map(copy), has_more: hasMore, after: hasMore ? (data.at(-1)?.id ?? null) : null };
}

/** The scripted server's `deltas: N` reply, event for event (`test/support/scripted-server.ts`). */
export class SdkDeltasServer extends ChatKitServer<unknown> {
  constructor(store: SdkMemoryStore) {
    super(store, undefined, silent);
  }

  async *respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: unknown,
  ): AsyncGenerator<ThreadStreamEvent> {
    const text = input?.content.map((part) => (part.type === 'input_text' ? part.text : '')).join('') ?? '';
    const [command, argument = ''] = text.split(/:\s*/, 2) as [string, string?];
    if (command !== 'deltas') throw new Error(`this server only streams deltas, not "${text}"`);
    const messageId = this.store.generateItemId('message', thread, context);
    const created_at = new Date().toISOString();
    yield {
      type: 'thread.item.added',
      item: { id: messageId, thread_id: thread.id, created_at, type: 'assistant_message', content: [] },
    };
    const count = Number(argument);
    for (let i = 0; i < count; i++) {
      yield {
        type: 'thread.item.updated',
        item_id: messageId,
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'x' },
      };
    }
    yield {
      type: 'thread.item.done',
      item: {
        id: messageId,
        thread_id: thread.id,
        created_at,
        type: 'assistant_message',
        content: [{ type: 'output_text', text: 'x'.repeat(count), annotations: [] }],
      },
    };
  }
}

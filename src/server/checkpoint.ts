/**
 * Checkpoints of a reply in progress, so that a worker or tab that dies mid-reply does not take
 * the partial reply with it. While a reply streams, its pending items are saved now and then
 * (throttled: at most once per {@link CHECKPOINT_INTERVAL_MS}, never once per delta) as one hidden
 * item of the thread. When the reply ends in any way the server sees (done, failed, stopped), the
 * checkpoint is deleted. If the server died instead, the next load of the thread finds it, sees
 * that its reply is no longer alive, and stores what it holds as a cancellation does
 * (`handleStreamCancelled`): the partial reply, then the note for the model.
 *
 * Whether a reply is alive: where Web Locks exist (browsers, workers) the reply holds a lock for
 * as long as it streams, which the browser releases when its worker dies, so any worker on the
 * database can tell. Elsewhere (Node), a reply of this process is known; one of another process is
 * taken as alive while its checkpoint is recent, and a live reply refreshes it for that reason.
 */
import { now } from '../protocol/common.ts';
import type { ThreadItem } from '../protocol/items.ts';
import type { ThreadMetadata } from '../protocol/thread.ts';
import { defaultGenerateId } from '../store/ids.ts';
import type { Store } from '../store/types.ts';

/** The least time between two checkpoints of one reply. */
export const CHECKPOINT_INTERVAL_MS = 400;
/** Without Web Locks: how often a live reply refreshes its checkpoint even with nothing new. */
const HEARTBEAT_MS = 5_000;
/** Without Web Locks: a checkpoint of another process older than this belongs to a dead reply. */
const STALE_MS = 20_000;
/** How many of a thread's newest items are searched for checkpoints (a reply's is among them). */
export const CHECKPOINT_SEARCH_DEPTH = 30;

/** What a checkpoint item's content starts with; the rest is its JSON {@link CheckpointRecord}. */
const PREFIX = 'chatkit-local:reply-checkpoint:';

/** What a checkpoint holds: everything its recovery needs, without the original request. */
interface CheckpointRecord {
  /** The reply's pending items (a copy) as of the checkpoint. */
  items: ThreadItem[];
  /** When it was saved (ms since the epoch). */
  saved_at: number;
}

/** The replies of this process (or worker) still streaming, by checkpoint id. */
const liveHere = new Set<string>();

const locks = (): LockManager | null =>
  typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : null;
const lockName = (checkpointId: string) => `chatkit-local:reply:${checkpointId}`;

/** Whether `item` is a reply checkpoint (a hidden item no model or client should see). */
export function isCheckpointItem(item: ThreadItem): boolean {
  return item.type === 'sdk_hidden_context' && item.content.startsWith(PREFIX);
}

/**
 * The hidden item that holds a checkpoint of a reply's pending `items`, saved at `savedAt` (ms).
 * @internal Exported for tests.
 */
export function checkpointItem(id: string, threadId: string, items: ThreadItem[], savedAt: number): ThreadItem {
  const record: CheckpointRecord = { items, saved_at: savedAt };
  return {
    id,
    thread_id: threadId,
    created_at: now(),
    type: 'sdk_hidden_context',
    content: PREFIX + JSON.stringify(record),
  };
}

/** Checkpoints one reply while it streams. */
export class ReplyCheckpoints<TContext> {
  private id: string | null = null;
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Whether the timer is a heartbeat (no locks: refresh the checkpoint though nothing changed). */
  private heartbeatTimer = false;
  private saving: Promise<void> = Promise.resolve();
  private written = false;
  private over = false;
  private releaseLock: () => void = () => undefined;

  /**
   * @param pendingItems what to save: the reply's pending items, read at each checkpoint.
   */
  constructor(
    private readonly store: Store<TContext>,
    private readonly thread: ThreadMetadata,
    private readonly context: TContext,
    private readonly pendingItems: () => ThreadItem[],
  ) {}

  /** The pending items changed: a checkpoint is due within the interval. */
  changed(): void {
    this.dirty = true;
    if (this.over || (this.timer !== null && !this.heartbeatTimer)) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.schedule(CHECKPOINT_INTERVAL_MS, false);
  }

  /**
   * The reply ended (done, failed or stopped, and a stop's items stored): deletes the checkpoint.
   * Resolves once the store holds no checkpoint of this reply.
   */
  async discard(): Promise<void> {
    if (this.over) return this.saving;
    this.over = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const id = this.id;
    this.saving = this.saving.then(async () => {
      if (id && this.written) await this.store.deleteThreadItem(this.thread.id, id, this.context);
    });
    try {
      await this.saving;
    } finally {
      if (id) liveHere.delete(id);
      this.releaseLock();
    }
  }

  private schedule(delay: number, heartbeat: boolean): void {
    this.heartbeatTimer = heartbeat;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.over) return;
      this.saving = this.saving.then(() => this.save(heartbeat)).catch(() => undefined);
      // Without locks, a live reply keeps its checkpoint fresh so that other processes leave it alone.
      if (!locks()) this.schedule(HEARTBEAT_MS, true);
    }, delay);
    // A pending checkpoint must not keep a Node process alive.
    (this.timer as { unref?: () => void }).unref?.();
  }

  private async save(heartbeat: boolean): Promise<void> {
    if (this.over || (heartbeat ? !this.written : !this.dirty)) return;
    this.dirty = false;
    const items = this.pendingItems();
    if (!this.written && !items.some(hasContent)) return;
    if (!this.id) {
      // Not the store's generator: whether a checkpoint happens depends on timing, and a store whose
      // ids are a sequence (the testing kit's) would number everything after it differently.
      this.id = defaultGenerateId('sdk_hidden_context');
      liveHere.add(this.id);
      await this.holdLock(this.id);
    }
    if (this.over) return;
    await this.store.saveItem(this.thread.id, checkpointItem(this.id, this.thread.id, items, Date.now()), this.context);
    this.written = true;
  }

  /** Takes the reply's lock (where Web Locks exist) and resolves once it is held. */
  private async holdLock(id: string): Promise<void> {
    const manager = locks();
    if (!manager) return;
    await new Promise<void>((held) => {
      void manager.request(lockName(id), () => {
        held();
        return new Promise<void>((release) => (this.releaseLock = release));
      });
    });
  }
}

/** Checkpoints being recovered in this process, so that two loads at once recover one once. */
const recovering = new Set<string>();

/**
 * Recovers the replies of `thread` whose server died mid-reply: for each checkpoint among the
 * newest items whose reply is no longer alive, `cancelled` gets the pending items the store does not
 * hold yet (a reply's finished items were stored already), then the checkpoint is deleted.
 * @param cancelled stores a cancelled reply's items, as `handleStreamCancelled` does.
 */
export async function recoverInterruptedReplies<TContext>(
  store: Store<TContext>,
  thread: ThreadMetadata,
  context: TContext,
  cancelled: (pendingItems: ThreadItem[]) => Promise<void>,
): Promise<void> {
  const newest = await store.loadThreadItems(
    thread.id,
    { after: null, limit: CHECKPOINT_SEARCH_DEPTH, order: 'desc' },
    context,
  );
  for (const item of newest.data) {
    if (!isCheckpointItem(item) || item.type !== 'sdk_hidden_context' || recovering.has(item.id)) continue;
    let record: CheckpointRecord;
    try {
      record = JSON.parse(item.content.slice(PREFIX.length)) as CheckpointRecord;
    } catch {
      continue;
    }
    if (await isAlive(item.id, record)) continue;
    recovering.add(item.id);
    try {
      const missing: ThreadItem[] = [];
      for (const pending of record.items ?? []) {
        const stored = await store.loadItem(thread.id, pending.id, context).then(
          () => true,
          () => false,
        );
        if (!stored) missing.push(pending);
      }
      await cancelled(missing);
      await store.deleteThreadItem(thread.id, item.id, context);
    } finally {
      recovering.delete(item.id);
    }
  }
}

async function isAlive(checkpointId: string, record: CheckpointRecord): Promise<boolean> {
  if (liveHere.has(checkpointId)) return true;
  const manager = locks();
  if (manager) {
    const state = await manager.query();
    return (state.held ?? []).some((lock) => lock.name === lockName(checkpointId));
  }
  return Date.now() - record.saved_at < STALE_MS;
}

function hasContent(item: ThreadItem): boolean {
  return item.type === 'assistant_message' && item.content.some((part) => part.text.trim() !== '');
}

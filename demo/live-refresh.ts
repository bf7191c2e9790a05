/**
 * Keeps the chat live across tabs: watches the server's changes (`ChatKitClient#watch`) and asks the
 * chat to catch up with each one. Refreshes never overlap: changes that arrive during one are
 * folded into a single refresh after it. A watch that fails (the worker was restarted) is started
 * again, with a full refresh, since changes made meanwhile were missed.
 */
import { ChatKitClient } from 'chatkit-local/client';

/** How long to wait before watching again after a failed watch. */
const RETRY_MS = 1000;

/** What the live refresh drives: the chat element's `fetchUpdates`. */
export interface Refreshable {
  fetchUpdates(threadId?: string): Promise<void>;
}

/**
 * Refreshes `chat` on every change seen through `fetch` at `url`, until `signal` aborts.
 * @param fetch the page's ChatKit fetch (from `createChatKitFetch`).
 * @param url the ChatKit endpoint.
 * @param chat what to refresh.
 * @param signal stops the watching.
 */
export async function keepLive(fetch: typeof globalThis.fetch, url: string, chat: Refreshable, signal: AbortSignal) {
  const client = new ChatKitClient({ url, fetch });
  const refresh = serialised((threadId?: string) => chat.fetchUpdates(threadId));
  let missedSome = false;
  while (!signal.aborted) {
    try {
      const changes = client.watch({ signal });
      await changes.ready;
      if (missedSome) void refresh();
      for await (const change of changes) void refresh(change.thread_id);
    } catch {
      // Watched again below; what changed meanwhile is reloaded then.
    }
    missedSome = true;
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

/**
 * `run`, never twice at once: calls made while it runs become one more run afterwards (for every
 * thread when they named different ones).
 */
function serialised(run: (threadId?: string) => Promise<void>): (threadId?: string) => Promise<void> {
  let running: Promise<void> | null = null;
  let queued: { threadId: string | undefined } | null = null;
  const next = async (threadId?: string): Promise<void> => {
    if (running) {
      queued = queued && queued.threadId !== threadId ? { threadId: undefined } : { threadId };
      return;
    }
    running = run(threadId).catch(() => undefined);
    await running;
    running = null;
    const again = queued;
    queued = null;
    if (again) await next(again.threadId);
  };
  return next;
}

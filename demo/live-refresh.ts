/**
 * Keeps the chat live across tabs: watches the server's changes (`ChatKitClient#watch`) and asks the
 * chat to catch up with each one. Refreshes never overlap: changes that arrive during one are
 * folded into a single refresh after it. A watch that fails (the worker was restarted) watches again
 * by itself (`reconnect`), with a full refresh, since changes made meanwhile were missed.
 */
import { ChatKitClient } from 'chatkit-local/client';

/** How long to wait before watching again after a failed watch, at first (it doubles up to 30 s). */
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
  const changes = client.watch({ signal, reconnect: { initialDelayMs: RETRY_MS, onReconnect: () => void refresh() } });
  try {
    for await (const change of changes) void refresh(change.thread_id);
  } catch {
    // A server without live changes: the chat stays as it is, refreshed by the user's own actions.
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

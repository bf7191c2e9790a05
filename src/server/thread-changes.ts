/**
 * Noticing that a responder changed the thread it was given (title, status, metadata...), so the
 * server can save it and tell the client with `thread.updated`.
 */
import type { ThreadMetadata } from '../protocol/thread.ts';

/** The fields compared; `items` is not part of the metadata. */
const TRACKED_FIELDS = ['id', 'title', 'created_at', 'status', 'allowed_image_domains', 'metadata'] as const;

/** Remembers the thread as it was, and tells when the live object has moved on. */
export class ThreadChangeTracker {
  private snapshot: string;

  constructor(private readonly thread: ThreadMetadata) {
    this.snapshot = fingerprint(thread);
  }

  /** True (once) when the thread differs from the last snapshot; the snapshot then moves on. */
  takeChange(): boolean {
    const current = fingerprint(this.thread);
    if (current === this.snapshot) return false;
    this.snapshot = current;
    return true;
  }
}

/** A canonical JSON of the tracked fields (object keys sorted, null and absent alike). */
function fingerprint(thread: ThreadMetadata): string {
  const picked: Record<string, unknown> = {};
  for (const field of TRACKED_FIELDS) picked[field] = thread[field] ?? null;
  return JSON.stringify(picked, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

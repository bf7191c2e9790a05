/**
 * Noticing that a responder changed the thread it was given (title, status, metadata...), so the
 * server can save it and tell the client with `thread.updated`. It runs after every event, so it
 * compares against a private copy structurally rather than building strings.
 */
import { sameJson } from '../protocol/same-json.ts';
import type { ThreadMetadata } from '../protocol/thread.ts';

/** The fields compared; `items` is not part of the metadata. */
const TRACKED_FIELDS = ['id', 'title', 'created_at', 'status', 'allowed_image_domains', 'metadata'] as const;

type Snapshot = Record<(typeof TRACKED_FIELDS)[number], unknown>;

/** Remembers the thread as it was, and tells when the live object has moved on. */
export class ThreadChangeTracker {
  private snapshot: Snapshot;

  constructor(private readonly thread: ThreadMetadata) {
    this.snapshot = snapshotOf(thread);
  }

  /** True (once) when the thread differs from the last snapshot; the snapshot then moves on. */
  takeChange(): boolean {
    // The common answer, cheaply: the scalar fields are the very same values, and the few small
    // objects are equal. Anything else gets the field-by-field comparison below.
    const live = this.thread;
    const was = this.snapshot;
    if (
      live.title === was.title &&
      live.id === was.id &&
      live.created_at === was.created_at &&
      sameJson(was.status, live.status) &&
      sameJson(was.allowed_image_domains, live.allowed_image_domains) &&
      sameJson(was.metadata, live.metadata)
    ) {
      return false;
    }
    for (const field of TRACKED_FIELDS) {
      if (!sameJson(this.snapshot[field], this.thread[field])) {
        this.snapshot = snapshotOf(this.thread);
        return true;
      }
    }
    return false;
  }
}

function snapshotOf(thread: ThreadMetadata): Snapshot {
  const snapshot = {} as Snapshot;
  for (const field of TRACKED_FIELDS) snapshot[field] = structuredClone(thread[field]);
  return snapshot;
}

/**
 * Where {@link PostgresAttachmentStore} keeps attachment bytes. By default a `bytea` column in the
 * store's own schema ({@link PostgresBytes}): one database to back up, and deleting a thread removes
 * its files in the same statement. For large files or heavy traffic, implement
 * {@link AttachmentBytesBackend} over object storage (S3, GCS, a disk) and pass it as the `bytes` option.
 */
import type { Queryable } from './database.ts';
import type { Statements } from './statements.ts';

/** Names one attachment's bytes: the scope they were written under and the attachment id. */
export interface AttachmentBytesKey {
  /** The scope (`scope(context)` of the store; `''` without a scope function). Keep it in the object key, so scopes never share bytes. */
  scope: string;
  attachmentId: string;
}

/**
 * Storage for attachment bytes behind a {@link PostgresAttachmentStore}: the extension point for object
 * storage. The records (names, types, thread ties) stay in PostgreSQL either way.
 *
 * Deleting: `delete` runs for `attachments.delete`, and after a thread's deletion commits, for the
 * attachments deleted with it. It runs after PostgreSQL's commit and cannot be part of it: if it fails
 * (or the process stops first), orphaned objects may remain, never records pointing at missing bytes.
 * A periodic sweep of keys without records removes them.
 */
export interface AttachmentBytesBackend {
  /** Stores (or replaces) the bytes; `bytes.type` is the MIME type to serve them with. */
  put(key: AttachmentBytesKey, bytes: Blob): Promise<void>;
  /** The bytes and their MIME type (as the Blob's `type`), or null when none were stored. */
  get(key: AttachmentBytesKey): Promise<Blob | null>;
  /** Deletes the bytes of each key; silent for keys that have none. */
  delete(keys: AttachmentBytesKey[]): Promise<void>;
}

/**
 * The default backend: a `bytea` row per attachment in the store's schema. On a transaction's
 * connection ({@link queriesOn}) its reads and writes are part of that transaction.
 */
export class PostgresBytes implements AttachmentBytesBackend {
  constructor(
    private readonly db: Queryable,
    private readonly sql: Statements,
  ) {}

  async put(key: AttachmentBytesKey, bytes: Blob): Promise<void> {
    const buffer = Buffer.from(await bytes.arrayBuffer());
    await this.db.query(`saving the bytes of attachment ${key.attachmentId}`, {
      text: this.sql.putBytes,
      values: [key.scope, key.attachmentId, bytes.type, buffer],
    });
  }

  async get(key: AttachmentBytesKey): Promise<Blob | null> {
    const { rows } = await this.db.query<{ mime_type: string; bytes: Buffer }>(
      `loading the bytes of attachment ${key.attachmentId}`,
      { text: this.sql.getBytes, values: [key.scope, key.attachmentId] },
    );
    const row = rows[0];
    // `pg` decodes a bytea into a Buffer of its own, over a plain ArrayBuffer.
    return row ? new Blob([row.bytes as Uint8Array<ArrayBuffer>], { type: row.mime_type }) : null;
  }

  async delete(keys: AttachmentBytesKey[]): Promise<void> {
    const byScope = new Map<string, string[]>();
    for (const { scope, attachmentId } of keys) byScope.set(scope, [...(byScope.get(scope) ?? []), attachmentId]);
    for (const [scope, ids] of byScope) {
      await this.db.query(`deleting the bytes of attachment ${ids.join(', ')}`, {
        text: this.sql.deleteBytes,
        values: [scope, ids],
      });
    }
  }
}

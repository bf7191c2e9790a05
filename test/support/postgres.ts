/**
 * Postgres in the node tests: the run's cluster (started by postgres-global-setup.ts) and fresh,
 * isolated schemas on it. A test file shares one pool; each store gets a schema of its own, dropped
 * when the file ends.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { Pool, type PoolConfig } from 'pg';
import type { AttachmentBytesBackend, AttachmentBytesKey } from '../../src/postgres.ts';
import type { PostgresConnectionInfo } from './postgres-cluster.ts';

/** How to reach the run's cluster. */
export function postgresInfo(): PostgresConnectionInfo {
  return inject('postgres');
}

/** A schema name no other test uses: `prefix_` and 48 random bits. */
export function uniqueSchema(prefix = 't'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** A pool on the run's cluster; `end()` it when done. Always listens for 'error', as `pg` asks. */
export function testPool(config: PoolConfig = {}): Pool {
  const pool = new Pool({ connectionString: postgresInfo().connectionString, ...config });
  pool.on('error', () => undefined);
  return pool;
}

/** Drops schemas (and everything in them). */
export async function dropSchemas(pool: Pool, schemas: Iterable<string>): Promise<void> {
  for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

/** An object-storage stand-in for `bytes`: a Map keyed by scope and id, recording each `delete` call. */
export function mapBytesBackend(): {
  objects: Map<string, Blob>;
  deleted: AttachmentBytesKey[][];
  backend: AttachmentBytesBackend;
} {
  const objects = new Map<string, Blob>();
  const deleted: AttachmentBytesKey[][] = [];
  const keyOf = ({ scope, attachmentId }: AttachmentBytesKey) => `${scope}/${attachmentId}`;
  const backend: AttachmentBytesBackend = {
    async put(key, bytes) {
      objects.set(keyOf(key), bytes);
    },
    async get(key) {
      return objects.get(keyOf(key)) ?? null;
    },
    async delete(keys) {
      deleted.push(keys);
      for (const key of keys) objects.delete(keyOf(key));
    },
  };
  return { objects, deleted, backend };
}

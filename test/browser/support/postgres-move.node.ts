/**
 * The Node half of the browser-to-server move (test/browser/move-to-server.test.ts), run as the
 * browser command `moveToPostgres`: imports the page's export into a PostgresStore on the run's
 * cluster (a schema of its own, dropped afterwards), then answers the same reads as the page did
 * through the Node handler over that store.
 */
import type { BrowserCommandContext } from 'vitest/node';
import { createChatKitHandler, type ImportSummary } from '../../../src/index.ts';
import { PostgresAttachmentStore, PostgresStore } from '../../../src/postgres.ts';
import { MoveServer, readThrough, type HandlerAnswers, type MoveContext } from '../../shared/move-to-server.ts';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';

/** What the command returns to the page. */
export interface MoveResult {
  summary: ImportSummary;
  answers: HandlerAnswers;
}

/**
 * @param exported - the export's JSON text, as a file saved from the page would hold it.
 * @param userId - whose history it is (the store is scoped by user).
 * @param read - which thread and attachment to read back.
 */
export async function moveToPostgres(
  context: BrowserCommandContext,
  exported: string,
  userId: string,
  read: { threadId: string; attachmentId: string },
): Promise<MoveResult> {
  const { connectionString } = context.project.getProvidedContext().postgres;
  const pool = new Pool({ connectionString, max: 2 });
  pool.on('error', () => undefined);
  const schema = `move_${randomBytes(6).toString('hex')}`;
  try {
    const store = await PostgresStore.connect<MoveContext>({ pool, schema, scope: (user) => user.userId });
    const server = new MoveServer(store, new PostgresAttachmentStore(store));
    const user: MoveContext = { userId };
    const summary = await store.importData(exported, user);
    const handler = createChatKitHandler(server, { getContext: () => user, imagePreview: false });
    return { summary, answers: await readThrough(handler, read.threadId, read.attachmentId) };
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  }
}

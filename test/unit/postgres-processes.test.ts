/**
 * Several processes, one database: real Node child processes, each serving the ChatKit handler over
 * PostgresStore on the same schema (test/support/postgres-child-server.ts), driven over HTTP. Messages
 * sent to one thread through both at once are all kept, once each, in one order both processes agree
 * on; uploads go through either; and a new process, started after the others stopped, serves it all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from 'vite';
import { dropSchemas, postgresInfo, testPool, uniqueSchema } from '../support/postgres.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Inside node_modules, so that the built script resolves pg and zod from the project.
const buildDir = fileURLToPath(
  new URL(`../../node_modules/.cache/chatkit-test-postgres-${process.pid}/`, import.meta.url),
);
const schema = uniqueSchema('processes');
/** Each test drives real processes over HTTP (a start costs about a second): more than the default 5 s under load. */
const PROCESS_TEST_TIMEOUT = 30_000;
const admin = testPool();

/** A running server process. */
interface ServerProcess {
  origin: string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Starts a server process named `name` on the shared schema; resolves once it listens. */
function startServer(name: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, [`${buildDir}server.mjs`, postgresInfo().connectionString, schema, name], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line) {
        const { port } = JSON.parse(line) as { port: number };
        resolve({
          origin: `http://127.0.0.1:${port}`,
          async stop() {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    void exited.then(() => reject(new Error(`server ${name} exited before listening:\n${stderr}`)));
  });
}

// Bundling the child server with Vite takes a few seconds here, more than the default 10 s hook
// time allows on a machine shared by several suites; a build that hangs still fails.
beforeAll(async () => {
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: 'test/support/postgres-child-server.ts',
      outDir: buildDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: { output: { entryFileNames: 'server.mjs' } },
    },
  });
}, 60_000);

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(buildDir, { recursive: true, force: true });
  await dropSchemas(admin, [schema]);
  await admin.end();
});

/** POSTs a ChatKit request as `user`. */
function call(server: ServerProcess, body: unknown, user = 'alice'): Promise<Response> {
  return fetch(`${server.origin}/chatkit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user': user },
    body: JSON.stringify(body),
  });
}

async function events(response: Response): Promise<any[]> {
  expect(response.status).toBe(200);
  return (await response.text())
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => JSON.parse(frame.slice(6)));
}

const input = (text: string, attachments: string[] = []) => ({
  content: [{ type: 'input_text', text }],
  attachments,
  inference_options: {},
});

const textOf = (item: any): string => item.content.map((part: { text: string }) => part.text).join('');

/** Every item of a thread through `items.list`, walking pages of `limit`. */
async function listItems(server: ServerProcess, threadId: string, limit: number): Promise<any[]> {
  const items: any[] = [];
  let after: string | null = null;
  for (;;) {
    const response = await call(server, {
      type: 'items.list',
      params: { thread_id: threadId, limit, after, order: 'asc' },
    });
    const page = (await response.json()) as { data: any[]; has_more: boolean; after: string | null };
    items.push(...page.data);
    if (!page.has_more) return items;
    after = page.after;
  }
}

describe('two processes serving one database', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let threadId: string;
  let thread: unknown;
  const bytes = { twoPhase: 'two-phase bytes \u00e9\u0000\u00ff', direct: 'direct upload bytes' };
  const fileIds: string[] = [];

  // Two Node processes start, connect and check the schema (a second or two here); a loaded machine
  // needs more than the default 10 s hook time, and a process that never listens still fails.
  beforeAll(async () => {
    [a, b] = await Promise.all([startServer('A'), startServer('B')]);
  }, 30_000);

  test(
    'messages sent at once through both to one thread: every one kept once, with its reply, in one order',
    async () => {
      const created = await events(await call(a, { type: 'threads.create', params: { input: input('start') } }));
      threadId = created[0].thread.id;
      const count = 16;
      const streams = await Promise.all(
        Array.from({ length: count }, async (_, i) => {
          const server = i % 2 === 0 ? a : b;
          const response = await call(server, {
            type: 'threads.add_user_message',
            params: { thread_id: threadId, input: input(`m${i}`) },
          });
          return events(response);
        }),
      );
      streams.forEach((stream, i) => {
        expect(stream.at(-1)).toMatchObject({ type: 'thread.item.done' });
        expect(textOf(stream.at(-1).item)).toBe(`${i % 2 === 0 ? 'A' : 'B'}: reply to m${i}`);
      });

      const fromA = await listItems(a, threadId, 100);
      const fromB = await listItems(b, threadId, 100);
      expect(fromB).toEqual(fromA);
      // Walking small pages gives the same sequence: nothing skipped or repeated at page boundaries.
      expect(await listItems(b, threadId, 5)).toEqual(fromA);
      expect(await listItems(a, threadId, 3)).toEqual(fromA);

      expect(fromA).toHaveLength(2 + 2 * count);
      expect(new Set(fromA.map((item) => item.id)).size).toBe(fromA.length);
      const texts = fromA.map(textOf);
      expect(texts.slice(0, 2)).toEqual(['start', 'A: reply to start']);
      for (let i = 0; i < count; i++) {
        const message = texts.indexOf(`m${i}`);
        const reply = texts.indexOf(`${i % 2 === 0 ? 'A' : 'B'}: reply to m${i}`);
        expect(texts.filter((text) => text === `m${i}`)).toHaveLength(1);
        expect(message).toBeGreaterThan(1);
        expect(reply).toBeGreaterThan(message);
      }
      const times = fromA.map((item) => Date.parse(item.created_at));
      expect(times).toEqual([...times].sort((x, y) => x - y));
    },
    PROCESS_TEST_TIMEOUT,
  );

  test(
    'a two-phase upload created on one process and sent to the other; a direct upload; both downloadable anywhere',
    async () => {
      const createResponse = await call(b, {
        type: 'attachments.create',
        params: { name: 'notes.txt', size: new Blob([bytes.twoPhase]).size, mime_type: 'text/plain' },
      });
      const created = (await createResponse.json()) as {
        id: string;
        upload_descriptor: { url: string; method: string };
      };
      expect(created.upload_descriptor).toEqual({
        url: `/chatkit/attachments/${created.id}/upload`,
        method: 'PUT',
        headers: {},
      });
      const uploaded = await fetch(`${a.origin}${created.upload_descriptor.url}`, {
        method: created.upload_descriptor.method,
        headers: { 'x-user': 'alice' },
        body: bytes.twoPhase,
      });
      expect(uploaded.status).toBe(200);
      const done = (await uploaded.json()) as { id: string; type: string; upload_descriptor?: unknown };
      expect(done).toMatchObject({ id: created.id, type: 'file' });
      expect(done.upload_descriptor ?? null).toBeNull();

      const form = new FormData();
      form.set('file', new Blob([bytes.direct], { type: 'text/markdown' }), 'direct.md');
      const direct = await fetch(`${b.origin}/chatkit/attachments`, {
        method: 'POST',
        headers: { 'x-user': 'alice' },
        body: form,
      });
      expect(direct.status).toBe(200);
      const directAttachment = (await direct.json()) as { id: string; name: string; mime_type: string };
      expect(directAttachment).toMatchObject({ name: 'direct.md', mime_type: 'text/markdown' });
      fileIds.push(created.id, directAttachment.id);

      const withFiles = await events(
        await call(a, { type: 'threads.create', params: { input: input('files', fileIds) } }),
      );
      const message = withFiles[1].item;
      expect(message.attachments.map((attachment: { id: string }) => attachment.id)).toEqual(fileIds);

      for (const server of [a, b]) {
        for (const [id, text] of [
          [created.id, bytes.twoPhase],
          [directAttachment.id, bytes.direct],
        ] as const) {
          const download = await fetch(`${server.origin}/chatkit/attachments/${id}/content`, {
            headers: { 'x-user': 'alice' },
          });
          expect(download.status).toBe(200);
          expect(await download.text()).toBe(text);
        }
      }
      // Another user, scoped apart, cannot read them even with the ids.
      const stolen = await fetch(`${a.origin}/chatkit/attachments/${created.id}/content`, {
        headers: { 'x-user': 'bob' },
      });
      expect(stolen.status).toBe(404);
      thread = await (await call(b, { type: 'threads.get_by_id', params: { thread_id: threadId } })).json();
    },
    PROCESS_TEST_TIMEOUT,
  );

  test(
    'after both stop, a new process serves the same threads, items and files; and deletes them',
    async () => {
      await Promise.all([a.stop(), b.stop()]);
      const c = await startServer('C');
      try {
        expect(await (await call(c, { type: 'threads.get_by_id', params: { thread_id: threadId } })).json()).toEqual(
          thread,
        );
        const listed = (await (await call(c, { type: 'threads.list', params: { limit: 10 } })).json()) as {
          data: unknown[];
        };
        expect(listed.data).toHaveLength(2);
        const download = await fetch(`${c.origin}/chatkit/attachments/${fileIds[0]}/content`, {
          headers: { 'x-user': 'alice' },
        });
        expect(await download.text()).toBe(bytes.twoPhase);
        expect((await (await call(c, { type: 'threads.list', params: { limit: 10 } }, 'bob')).json()).data).toEqual([]);

        const filesThread = (listed.data as Array<{ id: string }>).find((entry) => entry.id !== threadId)!.id;
        expect((await call(c, { type: 'threads.delete', params: { thread_id: filesThread } })).status).toBe(200);
        for (const id of fileIds) {
          const gone = await fetch(`${c.origin}/chatkit/attachments/${id}/content`, { headers: { 'x-user': 'alice' } });
          expect(gone.status).toBe(404);
        }
        const rows = await admin.query(`SELECT count(*)::int AS n FROM "${schema}".attachment_bytes`);
        expect(rows.rows[0].n).toBe(0);
      } finally {
        await c.stop();
      }
    },
    PROCESS_TEST_TIMEOUT,
  );
});

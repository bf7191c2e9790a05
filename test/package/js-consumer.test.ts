/**
 * A plain JavaScript ESM project on Node (fixtures/js/server.mjs) imports `chatkit-local` and
 * `chatkit-local/node` from the installed tarball, with no TypeScript loader, and streams a reply
 * to `fetch`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, expect, test } from 'vitest';
import { packed } from './support/consumer.ts';

let child: ChildProcess | null = null;

afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill();
    await once(child, 'exit');
  }
  child = null;
});

/** Starts fixtures/js/server.mjs with plain `node` (no flags, no NODE_OPTIONS); resolves with its port. */
async function startServer(): Promise<{ port: number; node: string }> {
  const env = { ...process.env };
  delete env['NODE_OPTIONS'];
  const server = spawn(process.execPath, ['server.mjs'], {
    cwd: join(packed().consumer, 'js'),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = server;
  let stderr = '';
  server.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const lines = createInterface({ input: server.stdout });
  const exited = once(server, 'exit').then(([code]) => {
    throw new Error(`server.mjs exited with ${String(code)} before listening:\n${stderr}`);
  });
  const [firstLine] = (await Promise.race([once(lines, 'line'), exited])) as [string];
  lines.close();
  return JSON.parse(firstLine) as { port: number; node: string };
}

/** The JSON of each `data:` frame of an SSE body. */
function framesOf(body: string): any[] {
  expect(body.endsWith('\n\n'), 'the stream ends with a whole frame').toBe(true);
  return body
    .split('\n\n')
    .filter((frame) => frame !== '')
    .map((frame) => {
      expect(frame.startsWith('data: '), `a data frame: ${frame}`).toBe(true);
      return JSON.parse(frame.slice('data: '.length));
    });
}

test('a JavaScript ESM project serves chatkit-local with toNodeListener and streams a reply to fetch', async () => {
  const { port, node } = await startServer();
  console.log(`consumer server on Node ${node}`);
  const response = await fetch(`http://127.0.0.1:${port}/chatkit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user': 'alice' },
    body: JSON.stringify({
      type: 'threads.create',
      params: { input: { content: [{ type: 'input_text', text: 'Hello' }], attachments: [], inference_options: {} } },
    }),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);

  const frames = framesOf(await response.text());
  expect(frames.map((frame) => frame.type)).toEqual([
    'thread.created',
    'thread.item.done',
    'stream_options',
    'thread.item.added',
    'thread.item.updated',
    'thread.item.done',
  ]);
  const reply = frames.at(-1);
  expect(reply.item.type).toBe('assistant_message');
  expect(reply.item.content.map((part: { text: string }) => part.text)).toEqual(['echo: Hello']);

  // The store is scoped by user: another user does not see alice's thread.
  const threadId: string = frames[0].thread.id;
  const asBob = await fetch(`http://127.0.0.1:${port}/chatkit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user': 'bob' },
    body: JSON.stringify({ type: 'threads.get_by_id', params: { thread_id: threadId } }),
  });
  expect(asBob.status).toBe(404);
});

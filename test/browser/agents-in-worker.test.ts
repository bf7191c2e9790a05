/**
 * The agents bridge in a real browser: a module worker imports `chatkit-local/agents` and
 * `@openai/agents`, runs an agent over a scripted model through a ChatKitServer, and posts the
 * events back. This is what shows the bridge and the SDK need nothing from Node.
 */
import { afterEach, expect, test } from 'vitest';
import type { ThreadItem, ThreadStreamEvent } from '../../src/index.ts';
// The worker's dependencies, imported here as well so that Vite's dependency scan (which reads test
// files, not workers) bundles them before the run: a dependency found mid-run makes Vite reload the
// page and fail the test.
import '@openai/agents';
import '../../src/agents.ts';
import '../../src/widgets.ts';

type Reply =
  { ok: true; events: ThreadStreamEvent[]; stored: ThreadItem[]; modelInput: unknown[] } | { ok: false; error: string };

const workers: Worker[] = [];
afterEach(() => {
  for (const worker of workers.splice(0)) worker.terminate();
});

function runInWorker(): Promise<Reply> {
  const worker = new Worker(new URL('./fixtures/agents-worker.ts', import.meta.url), { type: 'module' });
  workers.push(worker);
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<Reply>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(`the worker failed to load or run: ${event.message}`));
    worker.postMessage('run');
  });
}

test('an agent runs in a module worker: reasoning, a widget from a tool, and the reply come out as ChatKit events', async () => {
  const reply = await runInWorker();
  if (!reply.ok) throw new Error(reply.error);

  const kinds = reply.events.map((event) =>
    event.type === 'thread.item.updated'
      ? `updated:${event.update.type}`
      : `${event.type}:${'item' in event ? event.item.type : ''}`,
  );
  expect(kinds.slice(0, 3)).toEqual(['thread.created:', 'thread.item.done:user_message', 'stream_options:']);
  expect(kinds).toContain('thread.item.added:workflow');
  expect(kinds).toContain('thread.item.done:widget');
  expect(kinds.at(-1)).toBe('thread.item.done:assistant_message');
  expect(kinds.indexOf('thread.item.done:workflow')).toBeLessThan(kinds.indexOf('thread.item.done:widget'));
  const reply_ = reply.events.at(-1);
  expect(reply_?.type === 'thread.item.done' && reply_.item).toMatchObject({
    id: 'msg_1',
    content: [{ text: 'Hello from a worker' }],
  });
  expect(reply.stored.map((item) => item.type)).toEqual(['user_message', 'workflow', 'widget', 'assistant_message']);
  expect(reply.modelInput[0]).toEqual([
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] },
  ]);
});

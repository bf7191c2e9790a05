// The worker heap probe the runner lends the page (see WorkerHeapProbe in types.ts): it reads a
// worker's JS heap over the DevTools protocol. Chromium exposes `performance.memory` to pages only
// (not to workers, even with --enable-precise-memory-info), and `measureUserAgentSpecificMemory`
// measures after a garbage collection, which shows what is retained but never a peak; the protocol's
// `Runtime.getHeapUsage` reads a worker's heap at any moment, garbage included.

/**
 * Lends `page` the functions `chatkitBenchHeapBegin(name)`, `chatkitBenchHeapEnd()` and
 * `chatkitBenchHeapLive(name)`: begin collects garbage in the worker named `name` and reads its heap
 * at rest, then polls the heap back to back (each poll is a round trip of about a millisecond) until
 * end, which returns the largest; live collects garbage and reads the heap once.
 */
const REPLY_TIMEOUT_MS = 5_000;

export async function lendWorkerHeapProbe(page) {
  const cdp = await page.context().newCDPSession(page);
  const workers = new Set();
  const replies = new Map();
  let nextId = 0;
  cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    if (targetInfo.type === 'worker') workers.add(sessionId);
  });
  cdp.on('Target.detachedFromTarget', ({ sessionId }) => workers.delete(sessionId));
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const reply = JSON.parse(message);
    replies.get(reply.id)?.(reply);
    replies.delete(reply.id);
  });
  // Not the flat mode: Playwright's CDPSession cannot address child sessions, so commands to a
  // worker travel wrapped in Target.sendMessageToTarget.
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });

  // A worker that is terminated while a command is on its way never answers it: give up after a while.
  const send = (sessionId, method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => {
        replies.delete(id);
        reject(new Error(`${method}: no answer from the worker in ${REPLY_TIMEOUT_MS} ms`));
      }, REPLY_TIMEOUT_MS);
      replies.set(id, (reply) => {
        clearTimeout(timer);
        if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
        else resolve(reply.result);
      });
      cdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
        .catch(reject);
    });
  const heapUsed = async (sessionId) => (await send(sessionId, 'Runtime.getHeapUsage')).usedSize;

  /** The session of the worker named `name`, waiting (up to 5 s) for a worker just started to attach. */
  async function workerNamed(name) {
    for (let attempt = 0; attempt < 50; attempt++) {
      for (const sessionId of workers) {
        const named = await send(sessionId, 'Runtime.evaluate', { expression: 'self.name', returnByValue: true }).catch(
          () => null,
        );
        if (named?.result.value === name) return sessionId;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no worker named ${name}`);
  }

  const liveHeap = async (sessionId) => {
    await send(sessionId, 'HeapProfiler.collectGarbage');
    return heapUsed(sessionId);
  };

  let polling = null;
  await page.exposeFunction('chatkitBenchHeapLive', async (name) => liveHeap(await workerNamed(name)));
  await page.exposeFunction('chatkitBenchHeapBegin', async (name) => {
    if (polling) throw new Error('the heap probe is already polling');
    const sessionId = await workerNamed(name);
    const state = { sessionId, idle: await liveHeap(sessionId), peak: 0, polls: 0, stop: false };
    state.loop = (async () => {
      while (!state.stop) {
        state.peak = Math.max(state.peak, await heapUsed(sessionId));
        state.polls++;
      }
    })();
    polling = state;
  });
  await page.exposeFunction('chatkitBenchHeapEnd', async () => {
    const state = polling;
    if (!state) throw new Error('the heap probe is not polling');
    polling = null;
    state.stop = true;
    await state.loop;
    const peak = Math.max(state.peak, await heapUsed(state.sessionId));
    return { idle: state.idle, peak, polls: state.polls + 1 };
  });
}

/** The demo's data route: the store's export, import and delete-all as HTTP, on a real MemoryStore. */
import { describe, expect, test } from 'vitest';
import { MemoryStore } from '../../src/index.ts';
import { DATA_PATH } from '../../demo/data-paths.ts';
import { handleDataRequest, isDataRequest } from '../../demo/worker/data/data-route.ts';
import { assistantMessage, makeThread, userMessage } from '../shared/store-fixtures.ts';

type Ctx = { userId: string };
const me: Ctx = { userId: 'local' };
const url = `http://localhost${DATA_PATH}`;

async function filledStore(): Promise<MemoryStore<Ctx>> {
  const store = new MemoryStore<Ctx>({ scope: (context) => context.userId });
  await store.saveThread(makeThread('thr_1', 0, { title: 'Kept' }), me);
  await store.addThreadItem('thr_1', userMessage('thr_1', 'msg_1', 1), me);
  await store.addThreadItem('thr_1', assistantMessage('thr_1', 'msg_2', 2), me);
  return store;
}

const itemsOf = async (store: MemoryStore<Ctx>) =>
  (await store.loadThreadItems('thr_1', { limit: 10, order: 'asc' }, me)).data;

describe('demo data route', () => {
  test('only its own path is the route', () => {
    expect(isDataRequest(new Request(url))).toBe(true);
    expect(isDataRequest(new Request('http://localhost/chatkit'))).toBe(false);
  });

  test('GET downloads everything as a dated JSON file that POST imports elsewhere, identical', async () => {
    const source = await filledStore();
    const exported = await handleDataRequest(new Request(url), source, me);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(
      /^attachment; filename="chatkit-local-demo-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const file = await exported.blob();

    const target = new MemoryStore<Ctx>({ scope: (context) => context.userId });
    const imported = await handleDataRequest(new Request(url, { method: 'POST', body: file }), target, me);
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({ threads: 1, items: 2, threadIds: ['thr_1'] });
    expect(await target.loadThread('thr_1', me)).toStrictEqual(await source.loadThread('thr_1', me));
    expect(await itemsOf(target)).toStrictEqual(await itemsOf(source));
  });

  test('a file that is not an export is refused with 400 naming the problem, and changes nothing', async () => {
    const store = await filledStore();
    const before = await itemsOf(store);
    const response = await handleDataRequest(
      new Request(url, { method: 'POST', body: JSON.stringify({ format: 'something-else' }) }),
      store,
      me,
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe('invalid_request');
    expect(body.message).toMatch(/format|version/);
    expect(await itemsOf(store)).toStrictEqual(before);
    expect((await store.loadThreads({ limit: 10, order: 'asc' }, me)).data).toHaveLength(1);
  });

  test('DELETE removes everything of the user; other methods get 405 with Allow', async () => {
    const store = await filledStore();
    expect((await handleDataRequest(new Request(url, { method: 'DELETE' }), store, me)).status).toBe(204);
    expect((await store.loadThreads({ limit: 10, order: 'asc' }, me)).data).toEqual([]);
    const put = await handleDataRequest(new Request(url, { method: 'PUT', body: '{}' }), store, me);
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST, DELETE');
  });
});

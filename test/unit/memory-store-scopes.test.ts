/**
 * `MemoryStore` with a `scope`: a scope that only ever reads (or deletes what is not there) must not
 * leave anything behind. A public Node server sees a scope per user or tenant; an entry for each
 * one that merely listed its (empty) threads was kept forever, about 570 bytes a user.
 */
import { describe, expect, test } from 'vitest';
import { MemoryStore } from '../../src/index.ts';
import { makeThread } from '../shared/store-fixtures.ts';

interface Ctx {
  user: string;
}

/** How many scopes the store keeps data structures for (its private map, read for this check only). */
function spaceCount(store: MemoryStore<Ctx>): number {
  return (store as unknown as { spaces: Map<string, unknown> }).spaces.size;
}

describe('MemoryStore scopes', () => {
  test('reads and deletes of absent data create no space for a scope', async () => {
    const store = new MemoryStore<Ctx>({ scope: (context) => context.user });
    for (let i = 0; i < 500; i++) {
      const context = { user: `reader-${i}` };
      expect((await store.loadThreads({ limit: 10, order: 'desc' }, context)).data).toEqual([]);
      expect((await store.loadThreadItems('thr_x', { limit: 10, order: 'asc' }, context)).data).toEqual([]);
      await expect(store.loadThread('thr_x', context)).rejects.toThrow(/not found/);
      await expect(store.loadItem('thr_x', 'msg_x', context)).rejects.toThrow(/not found/);
      await expect(store.loadAttachment('atc_x', context)).rejects.toThrow(/not found/);
      await expect(store.addThreadItem('thr_x', { id: 'm' } as never, context)).rejects.toThrow(/not found/);
      await store.deleteThread('thr_x', context);
      await store.deleteThreadItem('thr_x', 'msg_x', context);
      await store.deleteAttachment('atc_x', context);
    }
    expect(spaceCount(store)).toBe(0);
  });

  test('a scope that wrote keeps its data, and another scope still reads nothing of it', async () => {
    const store = new MemoryStore<Ctx>({ scope: (context) => context.user });
    const alice = { user: 'alice' };
    await store.saveThread(makeThread('thr_1'), alice);
    expect(spaceCount(store)).toBe(1);
    expect((await store.loadThreads({ limit: 10, order: 'desc' }, { user: 'bob' })).data).toEqual([]);
    expect(spaceCount(store)).toBe(1);
    expect((await store.loadThread('thr_1', alice)).id).toBe('thr_1');
  });
});

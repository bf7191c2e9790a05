/** MemoryStore and MemoryAttachmentStore against the shared store contracts, in Node. */
import { expect, test } from 'vitest';
import { MemoryAttachmentStore, MemoryStore } from '../../src/store/memory.ts';
import { describeAttachmentStoreContract } from '../shared/attachment-store-contract.ts';
import { describeStoreContract } from '../shared/store-contract.ts';
import { describeSaveThreadWithItemContract, uncloneableItem } from '../shared/save-thread-with-item-contract.ts';
import { alice, makeThread, type TestContext } from '../shared/store-fixtures.ts';

describeStoreContract('MemoryStore', async (options) => ({ store: new MemoryStore<TestContext>(options) }));

describeSaveThreadWithItemContract(
  'MemoryStore',
  async (options) => ({ store: new MemoryStore<TestContext>(options) }),
  uncloneableItem,
);

describeAttachmentStoreContract(
  'MemoryAttachmentStore',
  async (options) => ({
    store: new MemoryStore<TestContext>(options),
    attachments: new MemoryAttachmentStore<TestContext>(options),
  }),
  // Its bytes live apart from MemoryStore, which cannot reach them when a thread is deleted.
  { deleteThreadRemovesBytes: false },
);

test('MemoryStore works with no arguments, and a subclass overrides the generators', async () => {
  class CountingStore extends MemoryStore {
    private count = 0;
    override generateThreadId(_context: unknown): string {
      return `thr_${++this.count}`;
    }
  }
  const store = new CountingStore();
  expect([store.generateThreadId(alice), store.generateThreadId(alice)]).toEqual(['thr_1', 'thr_2']);
  await store.saveThread(makeThread('thr_1'), alice);
  expect((await new MemoryStore().loadThreads({ limit: 5, order: 'asc' }, alice)).data).toEqual([]);
  expect((await store.loadThreads({ limit: 5, order: 'asc' }, alice)).data.map((thread) => thread.id)).toEqual([
    'thr_1',
  ]);
});

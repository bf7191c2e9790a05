/**
 * MemoryStore's data control in Node: the shared contract (with a MemoryAttachmentStore holding the
 * bytes), what only a store without bytes of its own has to say, and the generic export and import
 * over the public Store methods, which any store can use.
 */
import { describe, expect, test } from 'vitest';
import {
  exportThroughStore,
  importThroughStore,
  MemoryAttachmentStore,
  MemoryStore,
  type AttachmentBytesStore,
} from '../../src/index.ts';
import { describeDataControlContract } from '../shared/data-control-contract.ts';
import { ATTACHMENTS, fillScope, readScope } from '../shared/data-control-fixtures.ts';
import { alice, bob, byUser, type TestContext } from '../shared/store-fixtures.ts';

describeDataControlContract('MemoryStore', async () => {
  const attachments = new MemoryAttachmentStore<TestContext>({ scope: byUser });
  return { store: new MemoryStore<TestContext>({ scope: byUser }), attachments, options: { attachments } };
});

describe('MemoryStore data control — bytes live in the attachment store', () => {
  test('an export with bytes and no attachment store to take them is refused before anything is written', async () => {
    const attachments = new MemoryAttachmentStore<TestContext>({ scope: byUser });
    const store = new MemoryStore<TestContext>({ scope: byUser });
    await fillScope(store, attachments, alice);
    const data = await store.exportData(alice, { attachments });
    await expect(store.importData(data, bob)).rejects.toThrow(
      /holds the bytes of 3 attachments.*pass options\.attachments/,
    );
    expect((await store.loadThreads({ limit: 5, order: 'asc' }, bob)).data).toEqual([]);
    // Without bytes, the records import on their own.
    const summary = await store.importData(await store.exportData(alice, { includeFiles: false }), bob);
    expect(summary).toMatchObject({ threads: 2, attachments: 4, files: 0 });
  });

  test('when storing the bytes fails, the records just added are removed again', async () => {
    const attachments = new MemoryAttachmentStore<TestContext>({ scope: byUser });
    const store = new MemoryStore<TestContext>({ scope: byUser });
    await fillScope(store, attachments, alice);
    const data = await store.exportData(alice, { attachments });
    const full: AttachmentBytesStore<TestContext> = Object.assign(new MemoryAttachmentStore<TestContext>(), {
      putBytes: async () => {
        throw new Error('disk full');
      },
    });
    await expect(store.importData(data, bob, { attachments: full })).rejects.toThrow('disk full');
    expect((await store.loadThreads({ limit: 5, order: 'asc' }, bob)).data).toEqual([]);
    await expect(store.loadAttachment(ATTACHMENTS.file, bob)).rejects.toThrow('not found');
  });

  test('deleteAll without the attachment store keeps the bytes, which only it can reach', async () => {
    const attachments = new MemoryAttachmentStore<TestContext>({ scope: byUser });
    const store = new MemoryStore<TestContext>({ scope: byUser });
    await fillScope(store, attachments, alice);
    await store.deleteAll(alice);
    expect((await readScope(store, attachments, alice)).threads).toEqual([]);
    expect(await attachments.getBytes(ATTACHMENTS.file, alice)).not.toBeNull();
    await attachments.deleteAll(alice);
    expect(await attachments.getBytes(ATTACHMENTS.file, alice)).toBeNull();
  });
});

describe('exportThroughStore / importThroughStore — any Store, through its public methods', () => {
  test('round trip between stores, attachments found through the messages that send them', async () => {
    const attachments = new MemoryAttachmentStore<TestContext>({ scope: byUser });
    const source = new MemoryStore<TestContext>({ scope: byUser });
    await fillScope(source, attachments, alice);
    const data = await exportThroughStore(source, alice, { attachments });
    // No way to list attachments: only those the messages send are found.
    expect(data.attachments.map(({ attachment }) => attachment.id).sort()).toEqual([
      ATTACHMENTS.file,
      ATTACHMENTS.image,
    ]);
    expect(data).toEqual({
      ...(await source.exportData(alice, { attachments, threadIds: ['thr_a', 'thr_b'] })),
      exported_at: data.exported_at,
      attachments: data.attachments,
    });

    const targetBytes = new MemoryAttachmentStore<TestContext>({ scope: byUser });
    const target = new MemoryStore<TestContext>({ scope: byUser });
    const summary = await importThroughStore(target, JSON.stringify(data), alice, { attachments: targetBytes });
    expect(summary).toMatchObject({ threads: 2, items: 13, attachments: 2, files: 2 });
    const ids = [ATTACHMENTS.file, ATTACHMENTS.image];
    expect(await readScope(target, targetBytes, alice, ids)).toStrictEqual(
      await readScope(source, attachments, alice, ids),
    );
  });

  test('with a lister, every attachment of the scope; a failing write undoes the import', async () => {
    const attachments = new MemoryAttachmentStore<TestContext>({ scope: byUser });
    const source = new MemoryStore<TestContext>({ scope: byUser });
    await fillScope(source, attachments, alice);
    const all = Object.values(ATTACHMENTS);
    const data = await exportThroughStore(source, alice, { attachments }, async () =>
      Promise.all(all.map((id) => source.loadAttachment(id, alice))),
    );
    expect(data.attachments).toHaveLength(4);

    const target = new MemoryStore<TestContext>({ scope: byUser });
    let writes = 0;
    const failing = Object.assign(target, {
      addThreadItem: async (...args: Parameters<MemoryStore<TestContext>['addThreadItem']>) => {
        if (++writes === 12) throw new Error('write failed');
        return MemoryStore.prototype.addThreadItem.apply(target, args);
      },
    });
    const targetBytes = new MemoryAttachmentStore<TestContext>({ scope: byUser });
    await expect(importThroughStore(failing, data, alice, { attachments: targetBytes })).rejects.toThrow(
      'write failed',
    );
    expect((await target.loadThreads({ limit: 5, order: 'asc' }, alice)).data).toEqual([]);
    expect(await targetBytes.getBytes(ATTACHMENTS.file, alice)).toBeNull();
  });
});

/**
 * The contract of attachment stores that keep bytes ({@link AttachmentBytesStore}): two-phase
 * descriptors, Blob round trips, per-scope isolation and, where the bytes live with the records, removal
 * by `Store.deleteThread`. MemoryAttachmentStore runs it in Node, IndexedDBAttachmentStore in Chromium.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { NotFoundError } from '../../src/store/errors.ts';
import type { AttachmentUrlOptions } from '../../src/store/two-phase.ts';
import type { AttachmentBytesStore, Store } from '../../src/store/types.ts';
import { alice, bob, byUser, fileAttachment, imageAttachment, makeThread, type TestContext } from './store-fixtures.ts';

/** An attachment store with the store it belongs with, made for one test. */
export interface AttachmentStoresUnderTest {
  store: Store<TestContext>;
  attachments: AttachmentBytesStore<TestContext>;
  /** Closes and deletes whatever was created. */
  dispose?: () => Promise<void> | void;
}

/** Options a factory must honour. */
export interface AttachmentStoreFactoryOptions extends AttachmentUrlOptions {
  /** Partition the data by this function of the context. */
  scope?: (context: TestContext) => string;
}

/** Makes fresh, empty stores for each call. */
export type AttachmentStoreFactory = (options: AttachmentStoreFactoryOptions) => Promise<AttachmentStoresUnderTest>;

/** What an implementation promises beyond the common contract. */
export interface AttachmentStoreCapabilities {
  /** `Store.deleteThread` also removes the bytes of the thread's attachments (same database). */
  deleteThreadRemovesBytes: boolean;
}

const bytesOf = async (blob: Blob | null): Promise<number[] | null> =>
  blob ? [...new Uint8Array(await blob.arrayBuffer())] : null;

/**
 * Registers the attachment store contract tests for one implementation.
 * @param name how the implementation appears in test names.
 * @param factory makes fresh, empty stores per call.
 * @param capabilities which optional behaviours to check.
 */
export function describeAttachmentStoreContract(
  name: string,
  factory: AttachmentStoreFactory,
  capabilities: AttachmentStoreCapabilities,
): void {
  describe(`${name} — AttachmentStore contract`, () => {
    const disposers: Array<() => Promise<void> | void> = [];
    afterEach(async () => {
      while (disposers.length) await disposers.pop()!();
    });
    const open = async (options: AttachmentStoreFactoryOptions = {}): Promise<AttachmentStoresUnderTest> => {
      const made = await factory(options);
      if (made.dispose) disposers.push(made.dispose);
      return made;
    };

    test('createAttachment: an image gets a preview_url and a PUT upload descriptor to the default routes', async () => {
      const { attachments } = await open();
      const created = await attachments.createAttachment({ name: 'cat.png', size: 3, mime_type: 'image/png' }, alice);
      expect(created.id).toMatch(/^atc_[0-9a-f]{16}$/);
      expect(created).toStrictEqual({
        id: created.id,
        type: 'image',
        name: 'cat.png',
        mime_type: 'image/png',
        preview_url: `/chatkit/attachments/${created.id}/content`,
        upload_descriptor: { url: `/chatkit/attachments/${created.id}/upload`, method: 'PUT', headers: {} },
      });
    });

    test('createAttachment: anything else is a file without a preview_url', async () => {
      const { attachments } = await open();
      const created = await attachments.createAttachment(
        { name: 'notes.txt', size: 3, mime_type: 'text/plain' },
        alice,
      );
      expect(created).toStrictEqual({
        id: created.id,
        type: 'file',
        name: 'notes.txt',
        mime_type: 'text/plain',
        upload_descriptor: { url: `/chatkit/attachments/${created.id}/upload`, method: 'PUT', headers: {} },
      });
    });

    test('createAttachment uses the uploadUrl and previewUrl options', async () => {
      const { attachments } = await open({
        uploadUrl: (id) => `https://files.example/${id}/put`,
        previewUrl: (id) => `https://files.example/${id}/thumb`,
      });
      const created = await attachments.createAttachment({ name: 'a.jpg', size: 1, mime_type: 'image/jpeg' }, alice);
      expect(created.upload_descriptor?.url).toBe(`https://files.example/${created.id}/put`);
      expect(created.type === 'image' && created.preview_url).toBe(`https://files.example/${created.id}/thumb`);
    });

    test('createAttachment does not save the record (the server does), and never repeats an id', async () => {
      const { store, attachments } = await open();
      const first = await attachments.createAttachment({ name: 'a.txt', size: 1, mime_type: 'text/plain' }, alice);
      const second = await attachments.createAttachment({ name: 'a.txt', size: 1, mime_type: 'text/plain' }, alice);
      expect(first.id).not.toBe(second.id);
      await expect(store.loadAttachment(first.id, alice)).rejects.toBeInstanceOf(NotFoundError);
    });

    test('an overridden generateAttachmentId names the created attachment', async () => {
      const { attachments } = await open();
      attachments.generateAttachmentId = (mimeType) => `atc_custom_${mimeType.replace('/', '_')}`;
      const created = await attachments.createAttachment({ name: 'a.gif', size: 1, mime_type: 'image/gif' }, alice);
      expect(created.id).toBe('atc_custom_image_gif');
      expect(created.upload_descriptor?.url).toBe('/chatkit/attachments/atc_custom_image_gif/upload');
    });

    test('bytes round-trip as a Blob with their type, every byte value intact', async () => {
      const { attachments } = await open();
      const all = Uint8Array.from({ length: 256 }, (_, i) => i);
      await attachments.putBytes('atc_1', new Blob([all], { type: 'application/octet-stream' }), alice);
      await attachments.putBytes('atc_2', new Blob(['héllo'], { type: 'text/plain' }), alice);
      const binary = await attachments.getBytes('atc_1', alice);
      expect(binary).toBeInstanceOf(Blob);
      expect(binary?.type).toBe('application/octet-stream');
      expect(await bytesOf(binary)).toEqual([...all]);
      const text = await attachments.getBytes('atc_2', alice);
      expect(text?.type).toBe('text/plain');
      expect(await text?.text()).toBe('héllo');
    });

    test('getBytes of unknown bytes is null; putBytes replaces', async () => {
      const { attachments } = await open();
      expect(await attachments.getBytes('atc_missing', alice)).toBeNull();
      await attachments.putBytes('atc_1', new Blob(['one'], { type: 'text/plain' }), alice);
      await attachments.putBytes('atc_1', new Blob(['two!'], { type: 'text/markdown' }), alice);
      const bytes = await attachments.getBytes('atc_1', alice);
      expect([bytes?.type, await bytes?.text()]).toEqual(['text/markdown', 'two!']);
    });

    test('deleteAttachment removes the bytes of that attachment only, and is silent when there are none', async () => {
      const { attachments } = await open();
      await attachments.putBytes('atc_1', new Blob(['one']), alice);
      await attachments.putBytes('atc_2', new Blob(['two']), alice);
      await attachments.deleteAttachment('atc_1', alice);
      expect(await attachments.getBytes('atc_1', alice)).toBeNull();
      expect(await (await attachments.getBytes('atc_2', alice))?.text()).toBe('two');
      await expect(attachments.deleteAttachment('atc_1', alice)).resolves.toBeUndefined();
    });

    test('another scope can neither read, replace nor delete the bytes, even with the id', async () => {
      const { attachments } = await open({ scope: byUser });
      await attachments.putBytes('atc_1', new Blob(['alice']), alice);
      expect(await attachments.getBytes('atc_1', bob)).toBeNull();
      await attachments.deleteAttachment('atc_1', bob);
      await attachments.putBytes('atc_1', new Blob(['bob']), bob);
      expect(await (await attachments.getBytes('atc_1', alice))?.text()).toBe('alice');
      expect(await (await attachments.getBytes('atc_1', bob))?.text()).toBe('bob');
    });

    if (capabilities.deleteThreadRemovesBytes) {
      test("deleteThread removes the bytes of the thread's attachments, in its scope only", async () => {
        const { store, attachments } = await open({ scope: byUser });
        for (const context of [alice, bob]) {
          await store.saveThread(makeThread('thr_a'), context);
          await store.saveThread(makeThread('thr_b'), context);
          await store.saveAttachment(fileAttachment('atc_a', { thread_id: 'thr_a' }), context);
          await store.saveAttachment(imageAttachment('atc_b', { thread_id: 'thr_b' }), context);
          await store.saveAttachment(fileAttachment('atc_free'), context);
          for (const id of ['atc_a', 'atc_b', 'atc_free'])
            await attachments.putBytes(id, new Blob([`${context.userId}:${id}`]), context);
        }
        await store.deleteThread('thr_a', alice);
        expect(await attachments.getBytes('atc_a', alice)).toBeNull();
        await expect(store.loadAttachment('atc_a', alice)).rejects.toBeInstanceOf(NotFoundError);
        expect(await (await attachments.getBytes('atc_b', alice))?.text()).toBe('alice:atc_b');
        expect(await (await attachments.getBytes('atc_free', alice))?.text()).toBe('alice:atc_free');
        expect(await (await attachments.getBytes('atc_a', bob))?.text()).toBe('bob:atc_a');
      });
    }
  });
}

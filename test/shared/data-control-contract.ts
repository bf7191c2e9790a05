/**
 * The data-control contract as tests (export, import, delete-everything): MemoryStore runs it in Node,
 * IndexedDBStore in Chromium (plain and encrypted), so their behaviour cannot drift apart.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { AttachmentBytesStore, ChatKitExport, DataControl, Store } from '../../src/index.ts';
import { EXPORT_FORMAT, EXPORT_VERSION, ExportFormatError, NotFoundError } from '../../src/index.ts';
import { allItems } from '../support/store-snapshot.ts';
import { ATTACHMENTS, BINARY, fillScope, readScope } from './data-control-fixtures.ts';
import { alice, bob, type TestContext } from './store-fixtures.ts';

/** A store with data control, scoped by user, and its attachment store, made for one test. */
export interface DataControlUnderTest {
  store: Store<TestContext> & DataControl<TestContext>;
  attachments: AttachmentBytesStore<TestContext>;
  /** What to pass as `options.attachments` (the attachment store, for a store that keeps no bytes). */
  options: { attachments?: AttachmentBytesStore<TestContext> };
  /** Closes and deletes whatever was created. */
  dispose?: () => Promise<void> | void;
}

/** Makes a fresh, empty store scoped by `userId` for each call. */
export type DataControlFactory = () => Promise<DataControlUnderTest>;

/** An export's JSON text parsed again: what a saved file gives back. */
const throughJson = (data: ChatKitExport): unknown => JSON.parse(JSON.stringify(data));

/** Awaits `promise`, expecting it to reject with an {@link ExportFormatError} whose message matches `message`. */
async function expectFormatError(promise: Promise<unknown>, message: RegExp): Promise<ExportFormatError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ExportFormatError);
  expect((error as Error).message).toMatch(message);
  return error as ExportFormatError;
}

/**
 * Cases of bad data: each takes a valid export (JSON, as read from a file) and spoils it, with the
 * message the import must give. The later ones break only the last part of the file, so an import that
 * wrote as it validated would be caught.
 */
export const BAD_EXPORTS: Array<{ name: string; spoil: (valid: any) => unknown; message: RegExp }> = [
  { name: 'text that is not JSON', spoil: () => '{"format": "chatkit-local.export", ', message: /not valid JSON/ },
  { name: 'an array', spoil: () => [], message: /expected a JSON object .* got an array/ },
  { name: 'another program’s file', spoil: () => ({ conversations: [] }), message: /"format" is missing/ },
  {
    name: 'another format name',
    spoil: (valid) => ({ ...valid, format: 'chatgpt.export' }),
    message: /"format" is "chatgpt.export", expected "chatkit-local.export"/,
  },
  { name: 'a newer version', spoil: (valid) => ({ ...valid, version: 99 }), message: /version 99 export, newer/ },
  {
    name: 'a bad timestamp',
    spoil: (valid) => {
      valid.threads[1].thread.created_at = 'yesterday';
      return valid;
    },
    message: /^threads\[1\]\.thread\.created_at: expected an ISO-8601 timestamp/,
  },
  {
    name: 'an unknown item type',
    spoil: (valid) => {
      valid.threads[1].items[2].type = 'telepathy';
      return valid;
    },
    message: /^threads\[1\]\.items\[2\]\.type: /,
  },
  {
    name: 'an item listed under another thread',
    spoil: (valid) => {
      valid.threads[1].items[0].thread_id = 'thr_a';
      return valid;
    },
    message: /^threads\[1\]\.items\[0\]\.thread_id: expected thr_b/,
  },
  {
    name: 'a duplicate thread',
    spoil: (valid) => ({ ...valid, threads: [...valid.threads, valid.threads[0]] }),
    message: /^threads\[2\]\.thread\.id: duplicate thread id thr_a/,
  },
  {
    name: 'a duplicate item',
    spoil: (valid) => {
      valid.threads[1].items.push(valid.threads[1].items[0]);
      return valid;
    },
    message: /^threads\[1\]\.items\[3\]\.id: duplicate item id msg_1/,
  },
  {
    name: 'bytes that are not base64',
    spoil: (valid) => {
      valid.attachments.at(-1).file = { ...valid.attachments[0].file, base64: 'not base64!' };
      return valid;
    },
    message: /^attachments\[\d\]\.file\.base64: expected base64/,
  },
  {
    name: 'a size that does not match the bytes',
    spoil: (valid) => {
      const withFile = valid.attachments.findLast((entry: any) => entry.file);
      withFile.file.size += 1;
      return valid;
    },
    message: /^attachments\[\d\]\.file\.size: the base64 text holds \d+ bytes, not \d+/,
  },
  {
    name: 'damaged bytes (the digest does not match)',
    spoil: (valid) => {
      const withFile = valid.attachments.findLast((entry: any) => entry.file);
      const text: string = withFile.file.base64;
      withFile.file.base64 = (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
      return valid;
    },
    message: /^attachments\[\d\]\.file\.base64: the bytes of attachment \w+ do not match their sha256/,
  },
];

/**
 * Registers the data-control contract tests for one implementation.
 * @param name how the implementation appears in test names.
 * @param factory makes fresh, empty stores (scoped by user) per call.
 */
export function describeDataControlContract(name: string, factory: DataControlFactory): void {
  describe(`${name} — data control contract`, () => {
    const disposers: Array<() => Promise<void> | void> = [];
    afterEach(async () => {
      while (disposers.length) await disposers.pop()!();
    });
    const open = async (): Promise<DataControlUnderTest> => {
      const made = await factory();
      if (made.dispose) disposers.push(made.dispose);
      return made;
    };
    const filled = async (): Promise<DataControlUnderTest> => {
      const made = await open();
      await fillScope(made.store, made.attachments, alice);
      return made;
    };

    test('export -> JSON -> import into a fresh store: identical threads, items (in order), attachments and bytes', async () => {
      const source = await filled();
      const data = await source.store.exportData(alice, source.options);
      const target = await open();
      const summary = await target.store.importData(throughJson(data), alice, target.options);

      expect(summary).toEqual({
        threads: 2,
        items: 13,
        attachments: 4,
        files: 3,
        threadIds: ['thr_a', 'thr_b'],
        renamed: { threads: {}, attachments: {} },
      });
      const expected = await readScope(source.store, source.attachments, alice);
      expect(expected.threads.map(({ items }) => items.length)).toEqual([10, 3]);
      expect(expected.bytes[ATTACHMENTS.image]).toEqual({ type: 'image/png', data: [...BINARY] });
      expect(await readScope(target.store, target.attachments, alice)).toStrictEqual(expected);
      // Ties of equal created_at keep their order, newest first as well as oldest first.
      const newestFirst = await target.store.loadThreadItems('thr_b', { limit: 10, order: 'desc' }, alice);
      expect(newestFirst.data.map((item) => item.id)).toEqual(['msg_y', 'msg_z', 'msg_1']);
    });

    test('the export is the documented format: versioned, threads oldest first, bytes with size and digest', async () => {
      const { store, options } = await filled();
      const data = await store.exportData(alice, options);
      expect(data.format).toBe(EXPORT_FORMAT);
      expect(data.version).toBe(EXPORT_VERSION);
      expect(Date.parse(data.exported_at)).not.toBeNaN();
      expect(data.threads.map(({ thread }) => thread.id)).toEqual(['thr_a', 'thr_b']);
      expect(data.threads[1]!.items.map((item) => item.id)).toEqual(['msg_1', 'msg_z', 'msg_y']);
      const files = Object.fromEntries(data.attachments.map(({ attachment, file }) => [attachment.id, file ?? null]));
      expect(Object.keys(files).sort()).toEqual(Object.values(ATTACHMENTS).sort());
      expect(files[ATTACHMENTS.pending]).toBeNull();
      expect(files[ATTACHMENTS.file]).toEqual({
        mime_type: 'text/plain',
        size: 18,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        base64: btoa('text file of alice'),
      });
      expect(throughJson(data)).toStrictEqual(data);
    });

    test('exports only the threads named, with their attachments; an unknown thread is NotFoundError', async () => {
      const { store, options } = await filled();
      const data = await store.exportData(alice, { ...options, threadIds: ['thr_b'] });
      expect(data.threads.map(({ thread }) => thread.id)).toEqual(['thr_b']);
      expect(data.attachments.map(({ attachment }) => attachment.id).sort()).toEqual([
        ATTACHMENTS.image,
        ATTACHMENTS.pending,
      ]);
      await expect(store.exportData(alice, { ...options, threadIds: ['thr_b', 'thr_nope'] })).rejects.toThrow(
        NotFoundError,
      );
      await expect(store.exportData(bob, { ...options, threadIds: ['thr_a'] })).rejects.toThrow(
        'Thread thr_a not found',
      );
    });

    test('includeFiles: false leaves the bytes out', async () => {
      const { store, options } = await filled();
      const data = await store.exportData(alice, { ...options, includeFiles: false });
      expect(data.attachments).toHaveLength(4);
      expect(data.attachments.every(({ file }) => file == null)).toBe(true);
    });

    test('importing where the ids are taken adds renamed copies and leaves the originals as they were', async () => {
      const { store, attachments, options } = await filled();
      const before = await readScope(store, attachments, alice);
      const summary = await store.importData(throughJson(await store.exportData(alice, options)), alice, options);

      const after = await readScope(store, attachments, alice);
      expect(after.attachments).toStrictEqual(before.attachments);
      expect(after.bytes).toStrictEqual(before.bytes);
      expect(after.threads.filter(({ thread }) => thread.id === 'thr_a' || thread.id === 'thr_b')).toStrictEqual(
        before.threads,
      );
      const { threads: renamedThreads, attachments: renamedAttachments } = summary.renamed;
      expect(Object.keys(renamedThreads).sort()).toEqual(['thr_a', 'thr_b']);
      expect(Object.keys(renamedAttachments).sort()).toEqual(Object.values(ATTACHMENTS).sort());
      expect(summary.threadIds).toEqual([renamedThreads.thr_a, renamedThreads.thr_b]);
      const newB = renamedThreads.thr_b!;
      const newImage = renamedAttachments[ATTACHMENTS.image]!;

      const listed = await store.loadThreads({ limit: 10, order: 'asc' }, alice);
      expect(listed.data.map((thread) => thread.id)).toEqual(['thr_a', renamedThreads.thr_a, 'thr_b', newB]);
      const copied = await allItems(store, newB, alice);
      expect(copied.map((item) => [item.id, item.thread_id])).toEqual([
        ['msg_1', newB],
        ['msg_z', newB],
        ['msg_y', newB],
      ]);
      const message = copied[0]!;
      if (message.type !== 'user_message') throw new Error('expected the user message');
      expect(message.attachments[0]).toMatchObject({
        id: newImage,
        thread_id: newB,
        preview_url: `/chatkit/attachments/${newImage}/content`,
        upload_descriptor: { url: `/chatkit/attachments/${newImage}/upload` },
      });
      expect(await store.loadAttachment(newImage, alice)).toEqual(message.attachments[0]);
      const bytes = await attachments.getBytes(newImage, alice);
      expect([...new Uint8Array(await bytes!.arrayBuffer())]).toEqual([...BINARY]);
    });

    test('import works per scope: another user’s import neither clashes with nor touches this one', async () => {
      const { store, attachments, options } = await filled();
      const before = await readScope(store, attachments, alice);
      const summary = await store.importData(await store.exportData(alice, options), bob, options);
      expect(summary.renamed).toEqual({ threads: {}, attachments: {} });
      expect(await readScope(store, attachments, alice)).toStrictEqual(before);
      const asBob = await readScope(store, attachments, bob);
      expect(asBob.bytes).toStrictEqual(before.bytes);
      expect(asBob.threads).toStrictEqual(before.threads);
    });

    test('takes the export as an object, as JSON text, or as a Blob of that text', async () => {
      const { store, options } = await filled();
      const json = JSON.stringify(await store.exportData(alice, { ...options, threadIds: ['thr_a'] }));
      for (const [context, data] of [
        [bob, json],
        [{ userId: 'carol' }, new Blob([json], { type: 'application/json' })],
      ] as const) {
        const summary = await store.importData(data, context, options);
        expect(summary.threadIds).toEqual(['thr_a']);
        expect((await allItems(store, 'thr_a', context)).length).toBe(10);
      }
    });

    for (const { name: what, spoil, message } of BAD_EXPORTS) {
      test(`refuses ${what} with a clear error and changes nothing`, async () => {
        const { store, attachments, options } = await filled();
        const valid = JSON.stringify(await store.exportData(alice, options));
        const before = await readScope(store, attachments, alice);
        await expectFormatError(store.importData(spoil(JSON.parse(valid)), alice, options), message);
        // Imported under another scope, the valid parts would have landed in an empty space.
        await expectFormatError(store.importData(spoil(JSON.parse(valid)), bob, options), message);
        expect(await readScope(store, attachments, alice)).toStrictEqual(before);
        expect((await store.loadThreads({ limit: 5, order: 'asc' }, bob)).data).toEqual([]);
      });
    }

    test('deleteAll removes every thread, item, attachment and byte of the scope, and nothing of another', async () => {
      const { store, attachments, options } = await filled();
      await fillScope(store, attachments, bob);
      const bobs = await readScope(store, attachments, bob);
      await store.deleteAll(alice, options);

      const gone = await readScope(store, attachments, alice);
      expect(gone.threads).toEqual([]);
      expect(Object.values(gone.attachments)).toEqual(['missing', 'missing', 'missing', 'missing']);
      expect(Object.values(gone.bytes)).toEqual([null, null, null, null]);
      await expect(store.loadItem('thr_a', 'msg_user', alice)).rejects.toThrow(NotFoundError);
      expect(await readScope(store, attachments, bob)).toStrictEqual(bobs);

      // The scope works as new afterwards, and deleting an empty scope is fine.
      await fillScope(store, attachments, alice);
      expect((await readScope(store, attachments, alice)).threads).toHaveLength(2);
      await store.deleteAll({ userId: 'nobody' }, options);
    });
  });
}

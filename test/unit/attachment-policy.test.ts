import { describe, expect, test } from 'vitest';
import {
  createChatKitHandler,
  MemoryAttachmentStore,
  MemoryStore,
  sanitizeFileName,
  isAllowedMimeType,
  maxAttachmentBytes,
  largestAttachmentBytes,
  DEFAULT_ATTACHMENT_POLICY,
  type AttachmentPolicy,
} from '../../src/index.ts';
import { ScriptedServer, type TestContext } from '../support/scripted-server.ts';
import { snapshotStore } from '../support/store-snapshot.ts';

function setup(policy: AttachmentPolicy = { maxBytes: 1000, allowedMimeTypes: ['image/*', 'text/plain'] }) {
  const store = new MemoryStore<TestContext>();
  const attachments = new MemoryAttachmentStore<TestContext>();
  const server = new ScriptedServer(store, attachments);
  server.attachmentPolicy = policy;
  const context = { userId: 'u' };
  const handler = createChatKitHandler(server, { getContext: () => context, imagePreview: false });
  const create = (params: Record<string, unknown>) =>
    handler(
      new Request('http://localhost/chatkit', {
        method: 'POST',
        body: JSON.stringify({ type: 'attachments.create', params }),
      }),
    );
  const direct = (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return handler(new Request('http://localhost/chatkit/attachments', { method: 'POST', body: form }));
  };
  return { store, attachments, handler, context, create, direct };
}

describe('attachment limits', () => {
  test('attachments.create refuses a declared size over the limit (413) and a type not accepted (415)', async () => {
    const { create, store, context } = setup();
    const tooBig = await create({ name: 'a.png', size: 1001, mime_type: 'image/png' });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({
      error: 'payload_too_large',
      message: expect.stringContaining('params.size'),
    });
    const wrongType = await create({ name: 'a.exe', size: 10, mime_type: 'application/x-msdownload' });
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toMatchObject({ message: expect.stringContaining('params.mime_type') });
    expect(await snapshotStore(store, context)).toEqual({ threads: [], attachments: {} });
    expect((await create({ name: 'ok.png', size: 1000, mime_type: 'image/png' })).status).toBe(200);
  });

  test('an upload larger than the limit is refused, whatever was declared', async () => {
    const { create, handler } = setup();
    const { id, upload_descriptor } = await (await create({ name: 'a.txt', size: 10, mime_type: 'text/plain' })).json();
    const put = await handler(
      new Request(`http://localhost${upload_descriptor.url}`, { method: 'PUT', body: 'x'.repeat(1001) }),
    );
    expect(put.status).toBe(413);
    const form = new FormData();
    form.append('file', new File(['x'.repeat(1001)], 'a.txt', { type: 'text/plain' }));
    const post = await handler(new Request(`http://localhost${upload_descriptor.url}`, { method: 'POST', body: form }));
    expect(post.status).toBe(413);
    const exact = await handler(
      new Request(`http://localhost${upload_descriptor.url}`, { method: 'PUT', body: 'x'.repeat(1000) }),
    );
    expect(exact.status).toBe(200);
    expect((await exact.json()).id).toBe(id);
  });

  test('a direct upload checks size and type, and stores nothing when refused', async () => {
    const { direct, store, context } = setup();
    expect((await direct(new File(['x'.repeat(1001)], 'big.txt', { type: 'text/plain' }))).status).toBe(413);
    const wrongType = await direct(new File(['<html>'], 'page.html', { type: 'text/html' }));
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toMatchObject({ message: expect.stringContaining('file.mime_type') });
    expect(await snapshotStore(store, context)).toEqual({ threads: [], attachments: {} });
  });

  test('file names are stripped of paths and control characters', async () => {
    const { create, direct } = setup();
    const created = await (
      await create({ name: '../../etc/passwd\u0000.txt', size: 1, mime_type: 'text/plain' })
    ).json();
    expect(created.name).toBe('passwd.txt');
    const uploaded = await (
      await direct(new File(['hi'], 'C:\\Users\\me\\evil\u202Egnp.txt', { type: 'text/plain' }))
    ).json();
    expect(uploaded.name).toBe('evilgnp.txt');
  });
});

describe('limits per MIME type', () => {
  const policy: AttachmentPolicy = {
    maxBytes: 1000,
    allowedMimeTypes: ['*/*'],
    maxBytesByType: { 'image/*': 100, 'image/gif': 10, 'application/pdf': 5000 },
  };

  test('the most specific pattern wins; other types have maxBytes', () => {
    expect(maxAttachmentBytes(policy, 'image/png')).toBe(100);
    expect(maxAttachmentBytes(policy, 'IMAGE/GIF; x=y')).toBe(10);
    expect(maxAttachmentBytes(policy, 'application/pdf')).toBe(5000);
    expect(maxAttachmentBytes(policy, 'text/plain')).toBe(1000);
    expect(maxAttachmentBytes({ ...policy, maxBytesByType: { '*/*': 7 } }, 'text/plain')).toBe(7);
    expect(largestAttachmentBytes(policy)).toBe(5000);
    expect(largestAttachmentBytes(DEFAULT_ATTACHMENT_POLICY)).toBe(DEFAULT_ATTACHMENT_POLICY.maxBytes);
  });

  test('attachments.create refuses a file over its type’s limit, naming the type, and accepts one over maxBytes when its type allows', async () => {
    const { create, store, context } = setup(policy);
    const image = await create({ name: 'a.png', size: 101, mime_type: 'image/png' });
    expect(image.status).toBe(413);
    expect((await image.json()).message).toBe(
      'params.size: the file is 101 bytes; attachments of type image/* may be at most 100 bytes.',
    );
    expect((await create({ name: 'a.gif', size: 11, mime_type: 'image/gif' })).status).toBe(413);
    expect(await snapshotStore(store, context)).toEqual({ threads: [], attachments: {} });
    expect((await create({ name: 'big.pdf', size: 4000, mime_type: 'application/pdf' })).status).toBe(200);
    expect((await create({ name: 'a.txt', size: 1001, mime_type: 'text/plain' })).status).toBe(413);
  });

  test('uploads are held to their own type’s limit, two-phase and direct', async () => {
    const { create, handler, direct, store, context } = setup(policy);
    const { upload_descriptor } = await (await create({ name: 'a.png', size: 50, mime_type: 'image/png' })).json();
    const before = await snapshotStore(store, context);
    const put = await handler(
      new Request(`http://localhost${upload_descriptor.url}`, { method: 'PUT', body: 'x'.repeat(101) }),
    );
    expect(put.status).toBe(413);
    expect(await snapshotStore(store, context)).toEqual(before);

    expect((await direct(new File(['x'.repeat(101)], 'b.png', { type: 'image/png' }))).status).toBe(413);
    const pdf = await direct(new File(['x'.repeat(3000)], 'doc.pdf', { type: 'application/pdf' }));
    expect(pdf.status).toBe(200);
    expect((await pdf.json()).mime_type).toBe('application/pdf');
  });
});

describe('sanitizeFileName', () => {
  test.each([
    ['report.pdf', 'report.pdf'],
    ['a/b/c.txt', 'c.txt'],
    ['..', 'file'],
    ['   ', 'file'],
    ['\u0007bell\u0085.txt', 'bell.txt'],
    ['x'.repeat(300), 'x'.repeat(255)],
    ['日本語.txt', '日本語.txt'],
  ])('%j becomes %j', (input, output) => {
    expect(sanitizeFileName(input)).toBe(output);
  });
});

describe('isAllowedMimeType', () => {
  test('exact, family and wildcard patterns; parameters ignored', () => {
    const policy = { maxBytes: 1, allowedMimeTypes: ['image/*', 'application/pdf'] };
    expect(isAllowedMimeType(policy, 'image/png')).toBe(true);
    expect(isAllowedMimeType(policy, 'IMAGE/JPEG')).toBe(true);
    expect(isAllowedMimeType(policy, 'application/pdf; charset=binary')).toBe(true);
    expect(isAllowedMimeType(policy, 'application/json')).toBe(false);
    expect(isAllowedMimeType(policy, '')).toBe(false);
    expect(isAllowedMimeType(DEFAULT_ATTACHMENT_POLICY, 'anything/at-all')).toBe(true);
  });
});

/**
 * The handler against requests an attacker would send: malformed paths, absurdly nested JSON, MIME
 * types that would turn stored files into active content or break their headers, and cross-origin
 * requests from a browser (CSRF). Every one gets a clear 4xx (or is served safely), none is reported
 * as a server error, and none changes the store.
 */
import { describe, expect, test } from 'vitest';
import {
  createChatKitHandler,
  MemoryAttachmentStore,
  MemoryStore,
  type ChatKitHandlerOptions,
} from '../../src/index.ts';
import { TestServer, testContext, type TestContext } from '../support/test-server.ts';
import { req, userInput } from '../support/fixtures.ts';
import { expectError, ORIGIN, sseEvents } from '../support/http.ts';
import { snapshotStore } from '../support/store-snapshot.ts';
import type { Wire } from '../support/run.ts';

function setup(options: Partial<ChatKitHandlerOptions<TestContext>> = {}) {
  const store = new MemoryStore<TestContext>();
  const attachments = new MemoryAttachmentStore<TestContext>();
  const server = new TestServer(store, attachments);
  const context = testContext();
  let contexts = 0;
  const handler = createChatKitHandler(server, {
    getContext: () => {
      contexts += 1;
      return context;
    },
    ...options,
  });
  return { store, attachments, server, context, handler, contextCalls: () => contexts };
}

function postJson(
  handler: (request: Request) => Promise<Response>,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return handler(
    new Request(`${ORIGIN}/chatkit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

async function createAttachment(
  handler: (request: Request) => Promise<Response>,
  name: string,
  mimeType: string,
  bytes: string | Uint8Array,
): Promise<Wire> {
  const size = typeof bytes === 'string' ? new TextEncoder().encode(bytes).length : bytes.length;
  const created = await (await postJson(handler, req.attachmentsCreate(name, size, mimeType))).json();
  const upload = await handler(
    new Request(ORIGIN + created.upload_descriptor.url, { method: 'PUT', body: bytes as BodyInit }),
  );
  expect(upload.status).toBe(200);
  return created;
}

describe('paths', () => {
  test.each(['%E0%A4%A', '%', '%zz', 'a%', '%C0%AF', '%ED%A0%80'])(
    'a malformed percent-escape in an attachment id (%s) is a 400, not a server error',
    async (id) => {
      const { handler, server, store, context } = setup();
      const before = await snapshotStore(store, context);
      for (const [suffix, method] of [
        ['content', 'GET'],
        ['upload', 'PUT'],
      ] as const) {
        const response = await handler(
          new Request(`${ORIGIN}/chatkit/attachments/${id}/${suffix}`, {
            method,
            ...(method === 'PUT' ? { body: 'x' } : {}),
          }),
        );
        const body = await expectError(response, 400, 'invalid_request');
        expect(body.message).toMatch(/attachment id/i);
      }
      expect(server.reportedErrors).toEqual([]);
      expect(await snapshotStore(store, context)).toEqual(before);
    },
  );
});

describe('deeply nested JSON', () => {
  const deep = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  /** Every place a free-form JSON value can sit, with the nested value spliced in. */
  const positions: Record<string, (value: string) => string> = {
    'an input tag’s data': (value) =>
      `{"type":"threads.create","params":{"input":{"content":[{"type":"input_tag","id":"e","text":"t","data":${value},"interactive":false}],"attachments":[],"inference_options":{}}}}`,
    'request metadata': (value) => `{"type":"threads.list","params":{},"metadata":${value}}`,
    'thread metadata update': (value) =>
      `{"type":"threads.update","params":{"thread_id":"thr_x","title":"t"},"metadata":${value}}`,
    'an action payload': (value) =>
      `{"type":"threads.custom_action","params":{"thread_id":"thr_x","item_id":null,"action":{"type":"a","payload":${value}}}}`,
    'a client tool result': (value) =>
      `{"type":"threads.add_client_tool_output","params":{"thread_id":"thr_x","result":${value}}}`,
    'an unknown key': (value) => `{"type":"threads.list","params":{"extra":${value}}}`,
  };

  for (const [where, build] of Object.entries(positions)) {
    test(`nested 10,000 deep in ${where}: a 400 naming the field, never a 500`, async () => {
      const { handler, server, store, context } = setup();
      const before = await snapshotStore(store, context);
      for (const value of [deep(10_000), deepArray(10_000)]) {
        const body = await expectError(await postJson(handler, build(value)), 400, 'invalid_request');
        expect(body.message).toMatch(/nested deeper than \d+ levels/);
        expect(body.message).toMatch(/^(params|metadata)/);
      }
      expect(server.reportedErrors).toEqual([]);
      expect(await snapshotStore(store, context)).toEqual(before);
    });
  }

  test('ordinary nesting (dozens of levels) is accepted', async () => {
    const { handler, server } = setup();
    server.respondWith = async function* () {};
    const events = await sseEvents(await postJson(handler, positions['an input tag’s data']!(deep(60))));
    expect(events[0].type).toBe('thread.created');
    expect(server.reportedErrors).toEqual([]);
  });
});

describe('MIME types', () => {
  test.each([
    ['CR', 'text/plain\r'],
    ['LF', 'text/plain\nX-Injected: 1'],
    ['NUL', 'image/png\u0000'],
  ])('a mime_type with %s is refused at creation with a 400 naming the field', async (_name, mimeType) => {
    const { handler, server, store, context } = setup();
    const before = await snapshotStore(store, context);
    const body = await expectError(
      await postJson(handler, req.attachmentsCreate('a.txt', 1, mimeType)),
      400,
      'invalid_request',
    );
    expect(body.message).toContain('params.mime_type');
    expect(server.reportedErrors).toEqual([]);
    expect(await snapshotStore(store, context)).toEqual(before);
  });

  test('a direct upload whose part type has a control character is refused with a 400 naming the field', async () => {
    const { handler, server } = setup();
    const boundary = 'xyzzy';
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="a.txt"',
      'Content-Type: text/pl\u0000ain',
      '',
      'hello',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const response = await handler(
      new Request(`${ORIGIN}/chatkit/attachments`, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
      }),
    );
    // Either the multipart parser drops the bad type (then the file is plain bytes) or we refuse it.
    if (response.status === 200) {
      expect((await response.json()).mime_type).not.toMatch(/[\u0000-\u001f]/);
    } else {
      expect((await expectError(response, 400, 'invalid_request')).message).toMatch(/^file/);
    }
    expect(server.reportedErrors).toEqual([]);
  });

  test.each([
    ['page.html', 'text/html', '<script>alert(1)</script>'],
    ['code.js', 'text/javascript', 'alert(1)'],
    ['app.mjs', 'application/javascript', 'alert(1)'],
    ['pic.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
    ['notes.txt', 'text/plain', 'hello'],
    ['doc.xml', 'application/xml', '<x/>'],
    ['anything.bin', 'application/x-whatever', 'bytes'],
    ['pic.bmp', 'image/bmp', 'BM'],
    ['fake.png', 'image/pngx', 'bytes'],
  ])('%s (%s) is served as an inert download', async (name, mimeType, bytes) => {
    const { handler } = setup();
    const created = await createAttachment(handler, name, mimeType, bytes);
    const download = await handler(new Request(`${ORIGIN}/chatkit/attachments/${created.id}/content`));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/octet-stream');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toMatch(/\bsandbox\b/);
    expect(await download.text()).toBe(bytes);
  });

  test.each([
    ['a.png', 'image/png', 'image/png'],
    ['a.jpg', 'image/jpeg', 'image/jpeg'],
    ['a.gif', 'IMAGE/GIF', 'image/gif'],
    ['a.webp', 'image/webp', 'image/webp'],
    ['a.avif', 'image/avif', 'image/avif'],
    ['b.png', ' image/png; charset=binary', 'image/png'],
  ])('a raster image %s (%s) is served inline as %s', async (name, mimeType, served) => {
    const { handler } = setup();
    const created = await createAttachment(handler, name, mimeType, new Uint8Array([1, 2, 3]));
    const download = await handler(new Request(`${ORIGIN}/chatkit/attachments/${created.id}/content`));
    expect(download.headers.get('content-type')).toBe(served);
    expect(download.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toMatch(/\bsandbox\b/);
  });
});

describe('cross-origin requests (CSRF)', () => {
  const FOREIGN = ['http://evil.test', 'http://localhost:8080', 'https://localhost', 'http://sub.localhost', 'null'];

  test.each(FOREIGN)('a POST to the endpoint from %s is refused with 403 before anything runs', async (origin) => {
    const { handler, server, store, context, contextCalls } = setup();
    server.respondWith = async function* () {};
    const before = await snapshotStore(store, context);
    for (const contentType of ['application/json', 'text/plain;charset=UTF-8']) {
      const body = await expectError(
        await postJson(handler, req.create(userInput('planted')), { origin, 'content-type': contentType }),
        403,
        'forbidden',
      );
      expect(body.message).toContain('allowedOrigins');
    }
    expect(contextCalls()).toBe(0);
    expect(server.respondCalls).toHaveLength(0);
    expect(await snapshotStore(store, context)).toEqual(before);
  });

  test('both upload routes refuse a foreign origin too', async () => {
    const { handler, attachments, store, context } = setup();
    const created = await (await postJson(handler, req.attachmentsCreate('a.txt', 5, 'text/plain'))).json();
    const form = new FormData();
    form.set('file', new File(['hello'], 'a.txt', { type: 'text/plain' }));
    const before = await snapshotStore(store, context, [created.id]);
    const twoPhase = await handler(
      new Request(ORIGIN + created.upload_descriptor.url, {
        method: 'POST',
        headers: { origin: 'http://evil.test' },
        body: form,
      }),
    );
    await expectError(twoPhase, 403, 'forbidden');
    const direct = await handler(
      new Request(`${ORIGIN}/chatkit/attachments`, {
        method: 'POST',
        headers: { origin: 'http://evil.test' },
        body: form,
      }),
    );
    await expectError(direct, 403, 'forbidden');
    expect(await attachments.getBytes(created.id, context)).toBeNull();
    expect(await snapshotStore(store, context, [created.id])).toEqual(before);
  });

  test('the handler’s own origin, requests without an Origin, and reads pass', async () => {
    const { handler } = setup();
    expect((await postJson(handler, req.list(), { origin: ORIGIN })).status).toBe(200);
    // Non-browser clients and the worker shim send no Origin; text/plain is then read as JSON.
    expect((await postJson(handler, req.list(), { 'content-type': 'text/plain;charset=UTF-8' })).status).toBe(200);
    expect((await postJson(handler, req.list(), { 'content-type': 'text/plain', origin: ORIGIN })).status).toBe(200);
    const created = await createAttachment(handler, 'a.png', 'image/png', new Uint8Array([1]));
    const read = await handler(
      new Request(`${ORIGIN}/chatkit/attachments/${created.id}/content`, { headers: { origin: 'http://evil.test' } }),
    );
    expect(read.status).toBe(200);
  });

  test('allowedOrigins lets a listed origin in, exactly as listed', async () => {
    const { handler } = setup({ allowedOrigins: ['https://app.example.com', 'http://localhost:5173/'] });
    expect((await postJson(handler, req.list(), { origin: 'https://app.example.com' })).status).toBe(200);
    expect((await postJson(handler, req.list(), { origin: 'http://localhost:5173' })).status).toBe(200);
    expect((await postJson(handler, req.list(), { origin: ORIGIN })).status).toBe(200);
    for (const origin of ['https://evil.app.example.com', 'http://app.example.com', 'https://app.example.com:8443']) {
      await expectError(await postJson(handler, req.list(), { origin }), 403, 'forbidden');
    }
  });

  test('an allowedOrigins entry that is not an origin is refused when the handler is made', () => {
    const { server } = setup();
    expect(() =>
      createChatKitHandler(server, { getContext: () => testContext(), allowedOrigins: ['not a url'] }),
    ).toThrow(/allowedOrigins/);
    expect(() =>
      createChatKitHandler(server, { getContext: () => testContext(), allowedOrigins: ['https://a.example/path'] }),
    ).toThrow(/allowedOrigins/);
  });
});

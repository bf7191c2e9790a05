/**
 * The web-standard handler (`createChatKitHandler`): content types, the JSON error format and status
 * of every failure, streams that fail before or after their first event, the upload and download
 * routes, and `basePath`. Every rejected request must leave the store as it was.
 *
 * Deliberate difference from the Python SDK (whose FastAPI example lets exceptions surface as 500, or
 * as an empty 200 stream once streaming began): failures before a stream's first event are answered
 * with a 4xx JSON error, since the ChatKit frontend retries failed streaming POSTs.
 */
import { describe, expect, test } from 'vitest';
import {
  createChatKitHandler,
  INTERNAL_ERROR_MESSAGE,
  MemoryAttachmentStore,
  MemoryStore,
  type AttachmentStore,
  type ChatKitHandlerOptions,
  type Page,
  type PageQuery,
  type Store,
  type ThreadItem,
  type ThreadMetadata,
} from '../../src/index.ts';
import { TestServer, testContext, type TestContext } from '../support/test-server.ts';
import { InMemoryFileStore } from '../support/file-store.ts';
import { assistantMessage, clientToolCall, req, userInput } from '../support/fixtures.ts';
import { expectError, ORIGIN, parseSse, post, sseEvents, sseReader } from '../support/http.ts';
import { snapshotStore } from '../support/store-snapshot.ts';
import { parkedReply } from '../support/parked-reply.ts';
import type { Wire } from '../support/run.ts';

interface Setup {
  attachments?: 'memory' | 'no bytes' | 'none';
  store?: MemoryStore<TestContext>;
  attachmentStore?: AttachmentStore<TestContext>;
  options?: Partial<ChatKitHandlerOptions<TestContext>>;
}

function setup(config: Setup = {}) {
  const store = config.store ?? new MemoryStore<TestContext>();
  const attachmentStore =
    config.attachmentStore ??
    (config.attachments === 'memory'
      ? new MemoryAttachmentStore<TestContext>()
      : config.attachments === 'no bytes'
        ? new InMemoryFileStore<TestContext>()
        : null);
  const server = new TestServer(store, attachmentStore);
  const context = testContext();
  const handler = createChatKitHandler(server, { getContext: () => context, ...config.options });
  return { store, attachmentStore, server, context, handler };
}

/** Creates a thread through the handler; its id and user message. */
async function createThread(
  handler: (request: Request) => Promise<Response>,
  text = 'Hello',
): Promise<{ threadId: string; userMessage: Wire }> {
  const events = await sseEvents(await post(handler, req.create(userInput(text))));
  return { threadId: events[0].thread.id, userMessage: events[1].item };
}

/** Runs `reject` and checks the store holds exactly what it held before. */
async function expectUnchanged(
  store: MemoryStore<TestContext>,
  context: TestContext,
  reject: () => Promise<void>,
  attachmentIds: string[] = [],
): Promise<void> {
  const before = await snapshotStore(store, context, attachmentIds);
  await reject();
  expect(await snapshotStore(store, context, attachmentIds)).toEqual(before);
}

describe('content types', () => {
  test('a non-streaming request is answered with application/json', async () => {
    const { handler } = setup();
    const response = await post(handler, req.list());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"data":[],"has_more":false}');
  });

  test('a streaming request is answered with text/event-stream, uncached and unbuffered', async () => {
    const { handler, server } = setup();
    server.respondWith = async function* (thread) {
      yield { type: 'thread.item.done', item: assistantMessage('a', thread.id, 'Hi') };
    };
    const response = await post(handler, req.create());
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const events = await sseEvents(response);
    expect(events.map((event) => event.type)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'thread.item.done',
    ]);
  });

  test('text/plain and a missing content type are read as JSON, but not from a page on another origin', async () => {
    const { handler } = setup();
    expect((await post(handler, req.list(), { contentType: 'text/plain;charset=UTF-8' })).status).toBe(200);
    expect((await post(handler, req.list(), { contentType: null })).status).toBe(200);
    expect((await post(handler, req.list(), { contentType: 'application/json; charset=utf-8' })).status).toBe(200);
    // A browser sends text/plain cross-origin without asking first: refused unless the origin is allowed.
    const crossSite = await handler(
      new Request(`${ORIGIN}/chatkit`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'http://elsewhere.test' },
        body: JSON.stringify(req.list()),
      }),
    );
    await expectError(crossSite, 403, 'forbidden');
  });

  test('415 for a non-JSON content type on the endpoint', async () => {
    const { handler, store, context } = setup();
    await expectUnchanged(store, context, async () => {
      const body = await expectError(
        await post(handler, req.create(), { contentType: 'application/x-www-form-urlencoded' }),
        415,
        'unsupported_media_type',
      );
      expect(body.message).toMatch(/application\/x-www-form-urlencoded/);
    });
  });
});

describe('invalid requests: 400 with the field named', () => {
  test('malformed JSON', async () => {
    const { handler, store, context } = setup();
    await expectUnchanged(store, context, async () => {
      const body = await expectError(await post(handler, '{"type":"threads.create",'), 400, 'invalid_request');
      expect(body.message).toMatch(/not valid JSON/);
    });
  });

  test('an empty body, invalid UTF-8, and JSON that is not an object', async () => {
    const { handler } = setup();
    expect((await expectError(await post(handler, ''), 400, 'invalid_request')).message).toMatch(/empty/);
    expect(
      (await expectError(await post(handler, new Uint8Array([0x7b, 0xc3, 0x28, 0x7d])), 400, 'invalid_request'))
        .message,
    ).toMatch(/UTF-8/);
    expect((await expectError(await post(handler, '[1]'), 400, 'invalid_request')).message).toMatch(/JSON object/);
  });

  test('a streaming request missing a field: the message names it, nothing is written', async () => {
    const { handler, store, context, server } = setup();
    await expectUnchanged(store, context, async () => {
      const body = await expectError(
        await post(handler, { type: 'threads.create', params: { input: { attachments: [], inference_options: {} } } }),
        400,
        'invalid_request',
      );
      expect(body.message).toMatch(/^params\.input\.content: /);
    });
    expect(server.respondCalls).toEqual([]);
  });

  test('an unknown type and a missing params', async () => {
    const { handler } = setup();
    expect(
      (await expectError(await post(handler, { type: 'threads.nope', params: {} }), 400, 'invalid_request')).message,
    ).toMatch(/^type: unknown request type/);
    expect((await expectError(await post(handler, { type: 'threads.list' }), 400, 'invalid_request')).message).toMatch(
      /^params: /,
    );
  });

  test('a streaming request rejected by state before its first event (retry after a non-user item)', async () => {
    const { handler, store, context, server } = setup();
    server.respondWith = async function* (thread) {
      yield { type: 'thread.item.done', item: assistantMessage('a1', thread.id, 'x') };
    };
    const { threadId } = await createThread(handler);
    await expectUnchanged(store, context, async () => {
      const body = await expectError(await post(handler, req.retryAfterItem(threadId, 'a1')), 400, 'invalid_request');
      expect(body.message).toMatch(/is not a user message/);
    });
  });
});

describe('404: missing thread, item or attachment', () => {
  test('a missing thread, non-streaming and streaming', async () => {
    const { handler, store, context } = setup();
    await expectUnchanged(store, context, async () => {
      expect((await expectError(await post(handler, req.getById('thr_missing')), 404, 'not_found')).message).toBe(
        'Thread thr_missing not found',
      );
      expect(
        (await expectError(await post(handler, req.addUserMessage('thr_missing')), 404, 'not_found')).message,
      ).toBe('Thread thr_missing not found');
      await expectError(await post(handler, req.update('thr_missing', 'x')), 404, 'not_found');
    });
  });

  test('a missing item, non-streaming (items.list cursor) and streaming (custom action, structured input)', async () => {
    const { handler, store, context } = setup();
    const { threadId } = await createThread(handler);
    await expectUnchanged(store, context, async () => {
      await expectError(await post(handler, req.itemsList(threadId, { after: 'nope' })), 404, 'not_found');
      expect(
        (await expectError(await post(handler, req.customAction(threadId, 'nope', { type: 'x' })), 404, 'not_found'))
          .message,
      ).toMatch(/Item nope not found/);
      await expectError(await post(handler, req.addStructuredInput(threadId, 'nope', {})), 404, 'not_found');
    });
  });

  test('a missing attachment in a new thread: 404 and no thread created', async () => {
    const { handler, store, context, server } = setup({ attachments: 'memory' });
    await expectUnchanged(store, context, async () => {
      const body = await expectError(
        await post(handler, req.create(userInput('x', { attachments: ['atc_missing'] }))),
        404,
        'not_found',
      );
      expect(body.message).toBe('File atc_missing not found');
    });
    expect((await store.loadThreads({ limit: 5, order: 'asc' }, context)).data).toEqual([]);
    expect(server.respondCalls).toEqual([]);
  });

  test("paths that are not the handler's", async () => {
    const { handler } = setup({ attachments: 'memory' });
    for (const path of [
      '/',
      '/other',
      '/chatkitx',
      '/chatkit/nope',
      '/chatkit/attachments/a/b/c',
      '/chatkit/attachments/a/other',
    ]) {
      await expectError(await post(handler, req.list(), { path }), 404, 'not_found');
    }
  });
});

describe('409: requests that conflict with the stored state', () => {
  test('a client tool output with no pending call, and a second structured answer', async () => {
    const { handler, store, context, server } = setup();
    server.respondWith = async function* (thread, input) {
      if (input) {
        yield {
          type: 'thread.item.done',
          item: {
            id: 'si',
            thread_id: thread.id,
            created_at: new Date().toISOString(),
            type: 'structured_input',
            inputs: [{ id: 'q', question: 'Q', type: 'freeform' }],
          },
        };
      }
    };
    const { threadId } = await createThread(handler);
    await sseEvents(await post(handler, req.addStructuredInput(threadId, 'si', { answers: { q: { values: ['a'] } } })));
    await expectUnchanged(store, context, async () => {
      expect(
        (await expectError(await post(handler, req.addStructuredInput(threadId, 'si', {})), 409, 'conflict')).message,
      ).toMatch(/is not pending/);
      expect(
        (await expectError(await post(handler, req.addClientToolOutput(threadId, 1)), 409, 'conflict')).message,
      ).toMatch(/was not a ClientToolCallItem/);
    });
  });
});

describe('405 with an Allow header', () => {
  test('each route names the methods it takes', async () => {
    const { handler } = setup({ attachments: 'memory' });
    const cases: [string, string, string][] = [
      ['GET', '/chatkit', 'POST'],
      ['PUT', '/chatkit', 'POST'],
      ['GET', '/chatkit/attachments', 'POST'],
      ['GET', '/chatkit/attachments/atc_1/upload', 'POST, PUT'],
      ['DELETE', '/chatkit/attachments/atc_1/upload', 'POST, PUT'],
      ['POST', '/chatkit/attachments/atc_1/content', 'GET, HEAD'],
    ];
    for (const [method, path, allow] of cases) {
      const response = await handler(new Request(ORIGIN + path, { method }));
      expect(response.headers.get('allow'), `${method} ${path}`).toBe(allow);
      await expectError(response, 405, 'method_not_allowed');
    }
  });
});

describe('413: bodies over the limits', () => {
  test('a request body over maxRequestBytes, declared or streamed', async () => {
    const { handler, store, context } = setup({ options: { maxRequestBytes: 64 } });
    const big = JSON.stringify(req.create(userInput('x'.repeat(100))));
    await expectUnchanged(store, context, async () => {
      await expectError(await post(handler, big), 413, 'payload_too_large');
      const streamed = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big.slice(0, 50)));
          controller.enqueue(new TextEncoder().encode(big.slice(50)));
          controller.close();
        },
      });
      const request = new Request(`${ORIGIN}/chatkit`, {
        method: 'POST',
        body: streamed,
        headers: { 'content-type': 'application/json' },
        duplex: 'half',
      } as RequestInit);
      expect(request.headers.get('content-length')).toBeNull();
      await expectError(await handler(request), 413, 'payload_too_large');
    });
    expect((await post(handler, req.list())).status).toBe(200);
  });

  test('options passed as undefined (an unset environment variable) keep their defaults', async () => {
    const { handler, store, context } = setup({
      options: { basePath: undefined, maxRequestBytes: undefined, maxUploadBytes: undefined, imagePreview: undefined },
    });
    const overDefault = JSON.stringify(req.create(userInput('x'.repeat(4 * 1024 * 1024))));
    await expectUnchanged(store, context, async () => {
      await expectError(await post(handler, overDefault), 413, 'payload_too_large');
    });
    expect((await post(handler, req.list())).status).toBe(200);
  });
});

describe('500 and 501', () => {
  test('an unexpected exception is a 500 with the generic message, and is reported', async () => {
    class BrokenStore extends MemoryStore<TestContext> {
      override async loadThreads(_query: PageQuery, _context: TestContext): Promise<Page<ThreadMetadata>> {
        throw new Error('database on fire at /var/secret');
      }
    }
    const { handler, server } = setup({ store: new BrokenStore() });
    const body = await expectError(await post(handler, req.list()), 500, 'internal_error');
    expect(body.message).toBe(INTERNAL_ERROR_MESSAGE);
    expect(body.message).not.toContain('secret');
    expect(server.reportedErrors).toHaveLength(1);
    expect((server.reportedErrors[0] as Error).message).toBe('database on fire at /var/secret');
  });

  test('a stream failing with an unexpected exception before its first event is a 500 too', async () => {
    class BrokenStore extends MemoryStore<TestContext> {
      override async loadThread(_id: string, _context: TestContext): Promise<ThreadMetadata> {
        throw new TypeError('corrupt record');
      }
    }
    const { handler, server } = setup({ store: new BrokenStore() });
    expect((await expectError(await post(handler, req.addUserMessage('t')), 500, 'internal_error')).message).toBe(
      INTERNAL_ERROR_MESSAGE,
    );
    expect(server.reportedErrors).toHaveLength(1);
  });

  test('getContext throwing an ordinary error is a reported 500', async () => {
    const server = new TestServer(new MemoryStore<TestContext>());
    const handler = createChatKitHandler(server, {
      getContext: () => {
        throw new Error('no session');
      },
    });
    expect((await expectError(await post(handler, req.list()), 500, 'internal_error')).message).toBe(
      INTERNAL_ERROR_MESSAGE,
    );
    expect((server.reportedErrors[0] as Error).message).toBe('no session');
  });

  test('501 for hooks and stores the integration did not provide; nothing reported', async () => {
    const { handler, store, context, server } = setup();
    const { threadId } = await createThread(handler);
    await expectUnchanged(store, context, async () => {
      expect(
        (await expectError(await post(handler, req.transcribe('aGk=', 'audio/ogg')), 501, 'not_supported')).message,
      ).toMatch(/transcribe\(\) must be overridden/);
      expect(
        (await expectError(await post(handler, req.attachmentsCreate('a', 1, 'text/plain')), 501, 'not_supported'))
          .message,
      ).toMatch(/AttachmentStore is not configured/);
      expect(
        (
          await expectError(
            await post(handler, req.syncCustomAction(threadId, null, { type: 'x' })),
            501,
            'not_supported',
          )
        ).message,
      ).toMatch(/syncAction\(\) must be overridden/);
      await expectError(
        await handler(new Request(`${ORIGIN}/chatkit/attachments/atc_1/content`)),
        501,
        'not_supported',
      );
    });
    expect(server.reportedErrors).toEqual([]);
  });

  test('501 for the byte routes when the attachment store keeps no bytes', async () => {
    const { handler, store, context } = setup({ attachments: 'no bytes' });
    const attachment = await (await post(handler, req.attachmentsCreate('a.txt', 3, 'text/plain'))).json();
    await expectUnchanged(
      store,
      context,
      async () => {
        await expectError(
          await handler(
            new Request(`${ORIGIN}/chatkit/attachments/${attachment.id}/upload`, { method: 'PUT', body: 'abc' }),
          ),
          501,
          'not_supported',
        );
        const form = new FormData();
        form.set('file', new File(['abc'], 'a.txt', { type: 'text/plain' }));
        await expectError(
          await handler(new Request(`${ORIGIN}/chatkit/attachments`, { method: 'POST', body: form })),
          501,
          'not_supported',
        );
      },
      [attachment.id],
    );
  });
});

describe('streams that fail', () => {
  test('a failure after the first event becomes an in-stream error event, and is reported', async () => {
    const { handler, server } = setup();
    server.getStreamOptions = () => {
      throw new Error('options unavailable');
    };
    const response = await post(handler, req.create());
    expect(response.status).toBe(200);
    const frames = parseSse(await response.text());
    expect(frames.map((frame) => JSON.parse(frame).type)).toEqual(['thread.created', 'thread.item.done', 'error']);
    expect(frames[2]).toBe('{"type":"error","code":"stream.error","allow_retry":true}');
    expect((server.reportedErrors[0] as Error).message).toBe('options unavailable');
  });

  test('the first message failing to save answers 500 and leaves no empty thread', async () => {
    class FailingStore extends MemoryStore<TestContext> {
      override async addThreadItem(threadId: string, item: ThreadItem, context: TestContext): Promise<void> {
        if (item.type === 'user_message') throw new Error('disk full');
        return super.addThreadItem(threadId, item, context);
      }
    }
    const store = new FailingStore();
    // Without the atomic saveThreadWithItem, so the server's own clean-up is what is tested.
    (store as Store<TestContext>).saveThreadWithItem = undefined;
    const { handler, server } = setup({ store });
    const response = await post(handler, req.create());
    expect(response.status).toBe(500);
    expect((server.reportedErrors[0] as Error).message).toBe('disk full');
    expect((await store.loadThreads({ limit: 10, order: 'asc' }, testContext())).data).toEqual([]);
  });

  test('a responder error is an error event inside a 200 stream', async () => {
    const { handler, server } = setup();
    server.respondWith = async function* () {
      yield { type: 'progress_update', text: 'working' };
      throw new Error('model down');
    };
    const events = await sseEvents(await post(handler, req.create()));
    expect(events.slice(3)).toEqual([
      { type: 'progress_update', text: 'working' },
      { type: 'error', code: 'stream.error', allow_retry: true },
    ]);
  });

  test('an empty stream (retry after an unknown item) is a 200 with no frames', async () => {
    const { handler } = setup();
    const { threadId } = await createThread(handler);
    const response = await post(handler, req.retryAfterItem(threadId, 'unknown'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  test('a custom action from a non-widget item is a 200 stream with one error event', async () => {
    const { handler } = setup();
    const { threadId, userMessage } = await createThread(handler);
    const response = await post(handler, req.customAction(threadId, userMessage.id, { type: 'x' }));
    expect(parseSse(await response.text())).toEqual(['{"type":"error","code":"stream.error","allow_retry":false}']);
  });
});

describe('client disconnects through the handler', () => {
  for (const how of ['aborting the request signal', 'cancelling the response body'] as const) {
    test(`${how} cancels the response: partial message and note stored`, async () => {
      const { handler, server, store, context } = setup();
      const reply = parkedReply<TestContext>('Half an ans');
      server.respondWith = reply.respond;
      const controller = new AbortController();
      const response = await post(handler, req.create(), { signal: controller.signal });
      const frames = sseReader(response);
      const created = await frames.next();
      for (let i = 0; i < 4; i++) await frames.next();
      const pendingRead = frames.reader.read();
      await reply.parked.promise;
      if (how === 'aborting the request signal') controller.abort();
      else await frames.reader.cancel();
      await server.whenCancelled();
      await reply.finished.promise;
      // Either way the read in progress ends the body cleanly, with no error frame.
      expect(await pendingRead).toEqual({ done: true, value: undefined });
      const threadId = created.thread.id;
      expect(await store.loadItem(threadId, 'partial', context)).toMatchObject({ content: [{ text: 'Half an ans' }] });
      const newest = await store.loadThreadItems(threadId, { limit: 1, order: 'desc' }, context);
      expect(newest.data[0]!.type).toBe('sdk_hidden_context');
      expect(server.reportedErrors).toEqual([]);
    });
  }
});

describe('uploads (MemoryAttachmentStore)', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

  async function createAttachment(
    handler: (r: Request) => Promise<Response>,
    name: string,
    size: number,
    mimeType: string,
  ): Promise<Wire> {
    const response = await post(handler, req.attachmentsCreate(name, size, mimeType));
    expect(response.status).toBe(200);
    return response.json();
  }

  test('two-phase: attachments.create, then PUT the raw bytes; GET gives them back with safety headers', async () => {
    const { handler, store, context } = setup({ attachments: 'memory' });
    const created = await createAttachment(handler, 'notes.txt', 5, 'text/plain');
    expect(created).toEqual({
      id: created.id,
      name: 'notes.txt',
      mime_type: 'text/plain',
      type: 'file',
      upload_descriptor: { url: `/chatkit/attachments/${created.id}/upload`, method: 'PUT', headers: {} },
    });
    expect(created.id).toMatch(/^atc_[0-9a-f]{16,}$/);

    const upload = await handler(new Request(ORIGIN + created.upload_descriptor.url, { method: 'PUT', body: 'hello' }));
    expect(upload.status).toBe(200);
    expect(upload.headers.get('content-type')).toBe('application/json');
    expect(await upload.text()).toBe(
      `{"id":"${created.id}","name":"notes.txt","mime_type":"text/plain","type":"file"}`,
    );
    expect((await store.loadAttachment(created.id, context)).upload_descriptor ?? null).toBeNull();

    const download = await handler(new Request(`${ORIGIN}/chatkit/attachments/${created.id}/content`));
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('hello');
    // Not an image: served as inert bytes whatever type was declared.
    expect(download.headers.get('content-type')).toBe('application/octet-stream');
    expect(download.headers.get('content-length')).toBe('5');
    expect(download.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''notes.txt");
    expect(download.headers.get('content-security-policy')).toBe('sandbox');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');

    const head = await handler(new Request(`${ORIGIN}/chatkit/attachments/${created.id}/content`, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('5');
    expect(await head.text()).toBe('');
  });

  test('two-phase with a multipart POST; an image is served inline with its own type', async () => {
    const { handler } = setup({ attachments: 'memory' });
    const created = await createAttachment(handler, 'pic.png', png.length, 'image/png');
    expect(created.type).toBe('image');
    expect(created.preview_url).toBe(`/chatkit/attachments/${created.id}/content`);
    const form = new FormData();
    form.set('file', new File([png], 'pic.png', { type: 'image/png' }));
    const upload = await handler(new Request(ORIGIN + created.upload_descriptor.url, { method: 'POST', body: form }));
    expect(upload.status).toBe(200);
    const uploaded = await upload.json();
    expect(uploaded).not.toHaveProperty('upload_descriptor');
    // No thumbnail maker can run in Node, so the store's preview URL stays.
    expect(uploaded.preview_url).toBe(created.preview_url);
    const download = await handler(new Request(ORIGIN + created.preview_url));
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(png);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toBe("inline; filename*=UTF-8''pic.png");
  });

  test('an image preview maker replaces the preview URL of an uploaded image', async () => {
    const seen: Blob[] = [];
    const { handler, store, context } = setup({
      attachments: 'memory',
      options: {
        imagePreview: async (image) => {
          seen.push(image);
          return 'data:image/webp;base64,AAAA';
        },
      },
    });
    const created = await createAttachment(handler, 'pic.png', png.length, 'image/png');
    const uploaded = await (
      await handler(new Request(ORIGIN + created.upload_descriptor.url, { method: 'PUT', body: png }))
    ).json();
    expect(uploaded.preview_url).toBe('data:image/webp;base64,AAAA');
    expect((await store.loadAttachment(created.id, context)).type === 'image').toBe(true);
    expect(new Uint8Array(await seen[0]!.arrayBuffer())).toEqual(png);
    expect(seen[0]!.type).toBe('image/png');
  });

  test('a second upload is a 409 and keeps the first bytes', async () => {
    const { handler, store, context } = setup({ attachments: 'memory' });
    const created = await createAttachment(handler, 'a.txt', 5, 'text/plain');
    await handler(new Request(ORIGIN + created.upload_descriptor.url, { method: 'PUT', body: 'first' }));
    await expectUnchanged(
      store,
      context,
      async () => {
        const again = await handler(
          new Request(ORIGIN + created.upload_descriptor.url, { method: 'PUT', body: 'second' }),
        );
        expect((await expectError(again, 409, 'conflict')).message).toMatch(/already uploaded/);
      },
      [created.id],
    );
    expect(await (await handler(new Request(`${ORIGIN}/chatkit/attachments/${created.id}/content`))).text()).toBe(
      'first',
    );
  });

  test('404 for an unknown attachment, and for content not uploaded yet', async () => {
    const { handler, store, context } = setup({ attachments: 'memory' });
    await expectError(
      await handler(new Request(`${ORIGIN}/chatkit/attachments/atc_nope/upload`, { method: 'PUT', body: 'x' })),
      404,
      'not_found',
    );
    await expectError(await handler(new Request(`${ORIGIN}/chatkit/attachments/atc_nope/content`)), 404, 'not_found');
    const created = await createAttachment(handler, 'a.txt', 1, 'text/plain');
    await expectUnchanged(
      store,
      context,
      async () => {
        expect(
          (
            await expectError(
              await handler(new Request(`${ORIGIN}/chatkit/attachments/${created.id}/content`)),
              404,
              'not_found',
            )
          ).message,
        ).toMatch(/no uploaded content/);
      },
      [created.id],
    );
  });

  test('413 over maxUploadBytes: nothing stored, the attachment still awaits its bytes', async () => {
    const { handler, store, context } = setup({ attachments: 'memory', options: { maxUploadBytes: 4 } });
    const created = await createAttachment(handler, 'a.txt', 10, 'text/plain');
    await expectUnchanged(
      store,
      context,
      async () => {
        await expectError(
          await handler(new Request(ORIGIN + created.upload_descriptor.url, { method: 'PUT', body: '0123456789' })),
          413,
          'payload_too_large',
        );
        const form = new FormData();
        form.set('file', new File(['0123456789'], 'big.txt', { type: 'text/plain' }));
        await expectError(
          await handler(new Request(`${ORIGIN}/chatkit/attachments`, { method: 'POST', body: form })),
          413,
          'payload_too_large',
        );
      },
      [created.id],
    );
    await expectError(
      await handler(new Request(`${ORIGIN}/chatkit/attachments/${created.id}/content`)),
      404,
      'not_found',
    );
    expect(
      (await handler(new Request(ORIGIN + created.upload_descriptor.url, { method: 'PUT', body: 'ok' }))).status,
    ).toBe(200);
  });

  test('400 when a multipart body has no file field', async () => {
    const { handler, store, context } = setup({ attachments: 'memory' });
    const created = await createAttachment(handler, 'a.txt', 1, 'text/plain');
    await expectUnchanged(
      store,
      context,
      async () => {
        const form = new FormData();
        form.set('document', new File(['x'], 'a.txt'));
        form.set('file', 'not a file');
        const body = await expectError(
          await handler(new Request(ORIGIN + created.upload_descriptor.url, { method: 'POST', body: form })),
          400,
          'invalid_request',
        );
        expect(body.message).toMatch(/"file" field/);
        const direct = new FormData();
        direct.set('other', new File(['x'], 'a.txt'));
        await expectError(
          await handler(new Request(`${ORIGIN}/chatkit/attachments`, { method: 'POST', body: direct })),
          400,
          'invalid_request',
        );
      },
      [created.id],
    );
  });

  test('direct upload: a multipart POST to {base}/attachments creates the attachment at once', async () => {
    const { handler, store, context, server } = setup({ attachments: 'memory' });
    const form = new FormData();
    form.set('file', new File(['a,b\n1,2\n'], 'data.csv', { type: 'text/csv' }));
    const response = await handler(new Request(`${ORIGIN}/chatkit/attachments`, { method: 'POST', body: form }));
    expect(response.status).toBe(200);
    const attachment = await response.json();
    expect(attachment).toEqual({ id: attachment.id, name: 'data.csv', mime_type: 'text/csv', type: 'file' });
    expect((await store.loadAttachment(attachment.id, context)).name).toBe('data.csv');
    expect(await (await handler(new Request(`${ORIGIN}/chatkit/attachments/${attachment.id}/content`))).text()).toBe(
      'a,b\n1,2\n',
    );

    // The uploaded file can be sent with a message straight away.
    const events = await sseEvents(
      await post(handler, req.create(userInput('see attached', { attachments: [attachment.id] }))),
    );
    expect(events[1].item.attachments).toEqual([{ ...attachment, thread_id: events[0].thread.id }]);
    expect(server.reportedErrors).toEqual([]);
  });

  test('415 for a direct upload that is not multipart', async () => {
    const { handler } = setup({ attachments: 'memory' });
    await expectError(
      await handler(
        new Request(`${ORIGIN}/chatkit/attachments`, {
          method: 'POST',
          body: 'raw',
          headers: { 'content-type': 'text/plain' },
        }),
      ),
      415,
      'unsupported_media_type',
    );
  });

  test('attachments.delete through the endpoint removes the record and the bytes', async () => {
    const { handler, store, context } = setup({ attachments: 'memory' });
    const created = await createAttachment(handler, 'a.txt', 1, 'text/plain');
    await handler(new Request(ORIGIN + created.upload_descriptor.url, { method: 'PUT', body: 'x' }));
    expect(await (await post(handler, req.attachmentsDelete(created.id))).text()).toBe('{}');
    await expect(store.loadAttachment(created.id, context)).rejects.toThrow(/not found/);
    await expectError(
      await handler(new Request(`${ORIGIN}/chatkit/attachments/${created.id}/content`)),
      404,
      'not_found',
    );
  });
});

describe('basePath', () => {
  test('every route moves under the base path; the default path is no longer served', async () => {
    const attachmentStore = new MemoryAttachmentStore<TestContext>({
      uploadUrl: (id) => `/api/ck/attachments/${id}/upload`,
      previewUrl: (id) => `/api/ck/attachments/${id}/content`,
    });
    const { handler } = setup({ attachmentStore, options: { basePath: 'api/ck/' } });
    expect((await post(handler, req.list(), { path: '/api/ck' })).status).toBe(200);
    expect((await post(handler, req.list(), { path: '/api/ck/' })).status).toBe(200);
    await expectError(await post(handler, req.list()), 404, 'not_found');
    const created = await (
      await post(handler, req.attachmentsCreate('a.txt', 2, 'text/plain'), { path: '/api/ck' })
    ).json();
    expect(
      (await handler(new Request(ORIGIN + created.upload_descriptor.url, { method: 'PUT', body: 'hi' }))).status,
    ).toBe(200);
    expect(await (await handler(new Request(`${ORIGIN}/api/ck/attachments/${created.id}/content`))).text()).toBe('hi');
    await expectError(
      await handler(new Request(`${ORIGIN}/chatkit/attachments/${created.id}/content`)),
      404,
      'not_found',
    );
  });

  test('a handler mounted at the root', async () => {
    const { handler } = setup({ options: { basePath: '/' } });
    expect((await post(handler, req.list(), { path: '/' })).status).toBe(200);
    await expectError(await post(handler, req.list(), { path: '/chatkit' }), 404, 'not_found');
  });
});

describe('every request type through the handler', () => {
  test('16 request types: 6 answered as streams, 10 as JSON', async () => {
    const { handler, server } = setup({ attachments: 'memory' });
    server.syncActionWith = async () => ({});
    server.transcribeWith = async () => ({ text: 'said' });
    server.actionWith = async function* () {
      yield { type: 'progress_update', text: 'acted' };
    };
    server.respondWith = async function* (thread, input) {
      if (input && (input.content[0] as { text: string }).text === 'tool')
        yield { type: 'thread.item.done', item: clientToolCall('tc', thread.id, 'c', 'n', {}) };
      if (input && (input.content[0] as { text: string }).text === 'ask') {
        yield {
          type: 'thread.item.done',
          item: {
            id: 'si',
            thread_id: thread.id,
            created_at: new Date().toISOString(),
            type: 'structured_input',
            inputs: [{ id: 'q', question: 'Q', type: 'freeform' }],
          },
        };
      }
    };
    const { threadId, userMessage } = await createThread(handler, 'tool');
    const streams = [
      req.addClientToolOutput(threadId, { ok: 1 }),
      req.addUserMessage(threadId, userInput('ask')),
      req.addStructuredInput(threadId, 'si', {}),
      req.retryAfterItem(threadId, userMessage.id),
      req.customAction(threadId, null, { type: 'go' }),
    ];
    for (const body of streams) {
      const events = await sseEvents(await post(handler, body));
      expect(
        events.some((event) => event.type === 'stream_options'),
        body.type,
      ).toBe(true);
    }
    const attachment = await (await post(handler, req.attachmentsCreate('a', 1, 'text/plain'))).json();
    const json = [
      req.getById(threadId),
      req.list(),
      req.itemsList(threadId),
      req.feedback(threadId, [userMessage.id], 'positive'),
      req.syncCustomAction(threadId, null, { type: 'x' }),
      req.transcribe('aGk=', 'audio/ogg'),
      req.attachmentsDelete(attachment.id),
      req.update(threadId, 'T'),
      req.delete(threadId),
    ];
    const bodies: string[] = [];
    for (const body of json) {
      const response = await post(handler, body);
      expect(response.status, body.type).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      bodies.push(await response.text());
    }
    expect(bodies.slice(3, 7)).toEqual(['{}', '{}', '{"text":"said"}', '{}']);
    expect(JSON.parse(bodies[7]!).title).toBe('T');
    expect(bodies[8]).toBe('{}');
  });
});

describe('refusing a request from getContext', () => {
  test('an HttpError thrown by getContext is the answer, with its status and message; nothing runs', async () => {
    const { HttpError, createChatKitHandler: create, MemoryStore: Store } = await import('../../src/index.ts');
    const server = new TestServer(new Store<TestContext>());
    let responded = false;
    server.respondWith = async function* () {
      responded = true;
    };
    const handler = create(server, {
      getContext: () => {
        throw new HttpError(401, 'Sign in to chat.');
      },
    });
    const response = await post(handler, req.create());
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'unauthorized', message: 'Sign in to chat.' });
    expect(responded).toBe(false);
  });
});

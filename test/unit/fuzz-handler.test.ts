/**
 * Bad input, fuzzed: generated malformed and mutated requests of every type thrown at the handler,
 * and whole `Request`s with odd paths (malformed escapes, huge or strange ids), methods, headers
 * (foreign origins, odd content types) and bodies. Every one must get a 4xx JSON answer whose
 * message names the problem, none may throw, and the store (records and attachment bytes) must be
 * unchanged, byte for byte. Over 10,000 cases a run; FUZZ_RUNS scales them.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import {
  ChatKitReq,
  createChatKitHandler,
  MemoryAttachmentStore,
  MemoryStore,
  type ChatKitHandler,
} from '../../src/index.ts';
import { ScriptedServer, type TestContext } from '../support/scripted-server.ts';
import { snapshotStore } from '../support/store-snapshot.ts';

const context: TestContext = { userId: 'fuzz' };
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const MAX_REQUEST_BYTES = 64 * 1024;

/** Counts of cases tried, reported at the end so a run's coverage is visible. */
const tried: Record<string, number> = {};

let store: MemoryStore<TestContext>;
let attachmentStore: MemoryAttachmentStore<TestContext>;
let handler: ChatKitHandler;
let threadId: string;
let itemIds: string[];
let attachmentId: string;
let baseline: string;

beforeAll(async () => {
  store = new MemoryStore<TestContext>();
  const attachments = new MemoryAttachmentStore<TestContext>();
  attachmentStore = attachments;
  const server = new ScriptedServer(store, attachments);
  handler = createChatKitHandler(server, { getContext: () => context, maxRequestBytes: MAX_REQUEST_BYTES });
  // Something to protect: a thread with messages, a widget and a question, and an attachment.
  const created = await post({
    type: 'threads.create',
    params: { input: { content: [{ type: 'input_text', text: 'widget' }], attachments: [], inference_options: {} } },
  });
  threadId = JSON.parse((await created.text()).split('\n\n')[0]!.slice(6)).thread.id;
  await (
    await post({
      type: 'threads.add_user_message',
      params: {
        thread_id: threadId,
        input: { content: [{ type: 'input_text', text: 'question' }], attachments: [], inference_options: {} },
      },
    })
  ).text();
  itemIds = (await store.loadThreadItems(threadId, { limit: 50, order: 'asc' }, context)).data.map((item) => item.id);
  attachmentId = JSON.parse(
    await (
      await post({ type: 'attachments.create', params: { name: 'a.txt', size: 1, mime_type: 'text/plain' } })
    ).text(),
  ).id;
  await handler(
    new Request(`http://localhost/chatkit/attachments/${attachmentId}/upload`, { method: 'PUT', body: 'A' }),
  );
  baselineBytes = await attachmentStore.getBytes(attachmentId, context);
  expect(await baselineBytes?.text()).toBe('A');
  baseline = await snapshot();
});

function post(
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<Response> {
  return handler(
    new Request('http://localhost/chatkit', {
      method: 'POST',
      headers,
      body: typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
    }),
  );
}

/** The stored bytes as uploaded; Blobs are immutable, so the same object means the same bytes. */
let baselineBytes: Blob | null = null;

async function snapshot(): Promise<string> {
  const bytes = await attachmentStore.getBytes(attachmentId, context);
  return JSON.stringify({
    store: await snapshotStore(store, context, [attachmentId]),
    bytes: bytes === baselineBytes ? 'unchanged' : bytes === null ? 'missing' : `replaced (${bytes.size} bytes)`,
  });
}

/** The invariant every bad request must keep. Returns the parsed error body. */
async function expectRejected(
  response: Response,
  kind: string,
  label = kind,
): Promise<{ error: string; message: string }> {
  tried[kind] = (tried[kind] ?? 0) + 1;
  expect(response.status, label).toBeGreaterThanOrEqual(400);
  expect(response.status, label).toBeLessThan(500);
  expect(response.headers.get('content-type')).toBe('application/json');
  const body = JSON.parse(await response.text()) as { error: string; message: string };
  expect(typeof body.error).toBe('string');
  expect(body.message.length).toBeGreaterThan(0);
  expect(await snapshot()).toBe(baseline);
  return body;
}

/** A valid request of every type, over the protected data's ids. */
function validRequests(): Record<string, Record<string, unknown>> {
  const input = { content: [{ type: 'input_text', text: 'hi' }], attachments: [], inference_options: {} };
  const action = { type: 'choose', payload: { choice: 1 } };
  return {
    'threads.create': { type: 'threads.create', params: { input } },
    'threads.add_user_message': { type: 'threads.add_user_message', params: { thread_id: threadId, input } },
    'threads.add_client_tool_output': {
      type: 'threads.add_client_tool_output',
      params: { thread_id: threadId, result: { ok: true } },
    },
    'threads.add_structured_input': {
      type: 'threads.add_structured_input',
      params: { thread_id: threadId, item_id: itemIds[3], input: { status: 'answered', answers: {} } },
    },
    'threads.retry_after_item': {
      type: 'threads.retry_after_item',
      params: { thread_id: threadId, item_id: itemIds[0] },
    },
    'threads.custom_action': {
      type: 'threads.custom_action',
      params: { thread_id: threadId, item_id: itemIds[1], action },
    },
    'threads.sync_custom_action': {
      type: 'threads.sync_custom_action',
      params: { thread_id: threadId, item_id: itemIds[1], action },
    },
    'threads.get_by_id': { type: 'threads.get_by_id', params: { thread_id: threadId } },
    'threads.list': { type: 'threads.list', params: { limit: 5, order: 'asc' } },
    'threads.update': { type: 'threads.update', params: { thread_id: threadId, title: 'x' } },
    'threads.delete': { type: 'threads.delete', params: { thread_id: threadId } },
    'items.list': { type: 'items.list', params: { thread_id: threadId } },
    'items.feedback': {
      type: 'items.feedback',
      params: { thread_id: threadId, item_ids: [itemIds[0]], kind: 'positive' },
    },
    'attachments.create': { type: 'attachments.create', params: { name: 'f.txt', size: 3, mime_type: 'text/plain' } },
    'attachments.delete': { type: 'attachments.delete', params: { attachment_id: attachmentId } },
    'input.transcribe': { type: 'input.transcribe', params: { audio_base64: 'aGk=', mime_type: 'audio/webm' } },
  };
}

/** A path to a required field of the request type, found from its zod schema, and whether it takes a string. */
interface RequiredField {
  path: (string | number)[];
  /** The kind of JSON value the field takes; a value of another kind is always invalid. */
  kind: 'string' | 'number' | 'boolean' | 'array' | 'object' | 'any';
}

function requiredFields(type: string): RequiredField[] {
  const option = ChatKitReq.options.find((candidate) => candidate.shape.type.value === type)!;
  const fields: RequiredField[] = [];
  const walk = (schema: z.core.$ZodType, path: (string | number)[]) => {
    const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
    if (def.type === 'object') {
      for (const [key, child] of Object.entries((def as unknown as z.core.$ZodObjectDef).shape)) {
        if (child._zod.optin) continue; // optional, or defaulted
        const childDef = child._zod.def;
        const kind = kindOf(childDef.type);
        fields.push({ path: [...path, key], kind });
        if (childDef.type === 'object') walk(child, [...path, key]);
      }
    }
  };
  walk(option, []);
  return fields;
}

function kindOf(defType: string): RequiredField['kind'] {
  switch (defType) {
    case 'string':
    case 'literal':
    case 'enum':
    case 'template_literal':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'array';
    case 'object':
    case 'record':
      return 'object';
    default:
      return 'any';
  }
}

/** A JSON value that is never of `kind`. */
function wrongValue(kind: RequiredField['kind']): fc.Arbitrary<unknown> {
  const all: Record<Exclude<RequiredField['kind'], 'any'>, fc.Arbitrary<unknown>> = {
    string: fc.string({ maxLength: 20 }),
    number: fc.double({ noNaN: true, noDefaultInfinity: true }),
    boolean: fc.boolean(),
    array: fc.array(fc.integer(), { maxLength: 3 }),
    object: fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  };
  const others = Object.entries(all)
    .filter(([name]) => name !== kind)
    .map(([, arbitrary]) => arbitrary);
  return fc.oneof(fc.constant(null), ...others);
}

function setPath(target: Record<string, unknown>, path: (string | number)[], value: unknown, remove = false): void {
  let node = target as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (remove) delete node[last];
  else node[last] = value;
}

/** Whether noise bytes happen to be a request the handler would accept (then the case is skipped). */
function isValidJsonRequest(noise: string | Uint8Array): boolean {
  try {
    const text = typeof noise === 'string' ? noise : new TextDecoder('utf-8', { fatal: true }).decode(noise);
    const json = JSON.parse(text) as { type?: unknown };
    return typeof json === 'object' && json !== null && typeof json.type === 'string';
  } catch {
    return false;
  }
}

/** A path segment that is not a stored attachment id: malformed escapes, huge, odd or traversing. */
const oddSegment = fc.oneof(
  fc.constantFrom('%', '%E0%A4%A', '%zz', 'a%', '%C0%AF', '%ED%A0%80', '%FF', '%00', '..', '.', '%2e%2e', '%2F', '~'),
  fc.string({ minLength: 1, maxLength: 40 }).map((text) => encodeURIComponent(text)),
  fc.integer({ min: 1_000, max: 5_000 }).map((length) => 'x'.repeat(length)),
  fc.stringMatching(/^[%0-9A-Fa-f]{1,12}$/),
);

/** A method, path and body under the handler's routes that must be refused (never a stored id). */
function pathCase(): fc.Arbitrary<{ method: string; path: string; body: string }> {
  const segment = oddSegment.filter((value) => value !== attachmentId && value !== '' && !value.includes('/'));
  return fc.oneof(
    // Reads and uploads of ids that do not exist or do not decode.
    fc.record({
      method: fc.constantFrom('GET', 'HEAD', 'PUT', 'POST'),
      path: fc
        .tuple(segment, fc.constantFrom('content', 'upload'))
        .map(([id, route]) => `/chatkit/attachments/${id}/${route}`),
      body: fc.constant('bytes'),
    }),
    // Routes that do not exist under the base path, and paths outside it.
    fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT'),
      path: fc.oneof(
        fc.tuple(segment, segment).map(([a, b]) => `/chatkit/attachments/${a}/${b}/extra`),
        segment.map((a) => `/chatkit/${a}`),
        segment.map((a) => `/${a}/chatkit`),
        fc.constant('/chatkit/attachments/x'),
      ),
      body: fc.constant('{}'),
    }),
    // Wrong methods on every real route, the stored attachment's included.
    fc.record({
      method: fc.constantFrom('DELETE', 'PATCH', 'OPTIONS', 'PROPFIND'),
      path: fc.constantFrom(
        '/chatkit',
        '/chatkit/attachments',
        `/chatkit/attachments/${attachmentId}/content`,
        `/chatkit/attachments/${attachmentId}/upload`,
      ),
      body: fc.constant('{}'),
    }),
    // A second upload of the stored attachment (already uploaded: 409), and a direct upload that is not multipart.
    fc.record({
      method: fc.constantFrom('PUT', 'POST'),
      path: fc.constantFrom(`/chatkit/attachments/${attachmentId}/upload`, '/chatkit/attachments'),
      body: fc.string({ maxLength: 32 }),
    }),
  );
}

/** Extra keys sprinkled anywhere: never a reason to fail, never a reason to succeed. */
const extraKeys = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }).filter((key) => !['type', 'params', 'metadata'].includes(key)),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 3 },
);

// About 11,000 cases in all, 1 to 4 s per test here: near the default 5 s per test, and past it on
// a machine shared by several suites. The ceiling is for load, not for slowness: each case is one
// in-memory handler call.
describe('the handler under fuzzed bad input', { timeout: 60_000 }, () => {
  test('a required field removed, for every field of every request type', async () => {
    for (const [type, request] of Object.entries(validRequests())) {
      for (const field of requiredFields(type)) {
        if (field.path[0] === 'type') continue;
        await fc.assert(
          fc.asyncProperty(extraKeys, async (extra) => {
            const mutated = { ...structuredClone(request), ...extra };
            setPath(mutated, field.path, undefined, true);
            const body = await expectRejected(
              await post(mutated),
              'missing field',
              `${type} without ${field.path.join('.')}`,
            );
            expect(body.message).toContain(field.path.join('.'));
          }),
          { numRuns: Math.max(5, RUNS / 20) },
        );
      }
    }
  });

  test('a required field of the wrong type, for every field of every request type', async () => {
    for (const [type, request] of Object.entries(validRequests())) {
      for (const field of requiredFields(type)) {
        if (field.kind === 'any' || field.path[0] === 'type') continue;
        await fc.assert(
          fc.asyncProperty(wrongValue(field.kind), extraKeys, async (value, extra) => {
            const mutated = { ...structuredClone(request), ...extra };
            setPath(mutated, field.path, value);
            const body = await expectRejected(
              await post(mutated),
              'wrong type',
              `${type} with a bad ${field.path.join('.')}`,
            );
            expect(body.message).toContain(field.path.join('.'));
          }),
          { numRuns: Math.max(5, RUNS / 10) },
        );
      }
    }
  });

  test('unknown or missing request types, and non-object JSON', async () => {
    const requestTypes = new Set(Object.keys(validRequests()));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({
            type: fc.string({ maxLength: 40 }).filter((type) => !requestTypes.has(type)),
            params: fc.object(),
          }),
          fc.record({ params: fc.object() }),
          fc.jsonValue().filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)),
        ),
        async (body) => {
          await expectRejected(await post(JSON.stringify(body)), 'bad envelope');
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('bytes that are not JSON, not UTF-8, or nothing at all', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string().filter((text) => {
            try {
              JSON.parse(text);
              return false;
            } catch {
              return true;
            }
          }),
          fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => Uint8Array.from([0xff, ...bytes])),
          fc.constantFrom('', ' ', '\n\t'),
        ),
        async (body) => {
          const answer = await expectRejected(await post(body), 'not JSON');
          expect(answer.error).toBe('invalid_request');
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('deep nesting and huge strings inside an otherwise invalid request', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 0, max: 40_000 }),
        async (depth, size) => {
          const nested = '['.repeat(depth) + ']'.repeat(depth);
          const body = `{"type":"threads.update","params":{"thread_id":${nested},"title":"${'x'.repeat(size)}"}}`;
          await expectRejected(await post(body), 'deep or huge');
        },
      ),
      { numRuns: Math.max(10, RUNS / 10) },
    );
  });

  test('bodies over the size limit get 413', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: MAX_REQUEST_BYTES + 1, max: MAX_REQUEST_BYTES * 4 }), async (size) => {
        const body = JSON.stringify({ type: 'threads.list', params: {}, metadata: { pad: 'x'.repeat(size) } });
        const answer = await expectRejected(await post(body), 'too large');
        expect(answer.error).toBe('payload_too_large');
      }),
      { numRuns: Math.max(5, RUNS / 20) },
    );
  });

  test('wrong methods and wrong content types', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
        fc.constantFrom(
          'multipart/form-data; boundary=x',
          'application/x-www-form-urlencoded',
          'image/png',
          'application/xml',
        ),
        async (method, contentType) => {
          const wrongMethod = await handler(
            new Request('http://localhost/chatkit', { method, ...(method === 'GET' ? {} : { body: '{}' }) }),
          );
          const answer = await expectRejected(wrongMethod, 'wrong method');
          expect(answer.error).toBe('method_not_allowed');
          expect(wrongMethod.headers.get('allow')).toBe('POST');
          const wrongType = await post(JSON.stringify(validRequests()['threads.list']), {
            'content-type': contentType,
          });
          expect((await expectRejected(wrongType, 'wrong content type')).error).toBe('unsupported_media_type');
        },
      ),
      { numRuns: Math.max(10, RUNS / 10) },
    );
  });

  test('valid requests that name ids which do not exist get 404', async () => {
    const missing = fc
      .string({ minLength: 1, maxLength: 30 })
      .filter((id) => id !== threadId && !itemIds.includes(id) && id !== attachmentId);
    await fc.assert(
      fc.asyncProperty(
        missing,
        fc.constantFrom(
          'threads.add_user_message',
          'threads.add_client_tool_output',
          'threads.add_structured_input',
          'threads.custom_action',
          'threads.sync_custom_action',
          'threads.get_by_id',
          'threads.update',
          'threads.retry_after_item',
        ),
        async (id, type) => {
          const request = structuredClone(validRequests()[type]!) as { params: Record<string, unknown> };
          request.params.thread_id = id;
          const answer = await expectRejected(await post(request), 'unknown id');
          expect(answer.error).toBe('not_found');
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('paths: malformed escapes, huge and odd ids, wrong methods, under every route', async () => {
    await fc.assert(
      fc.asyncProperty(pathCase(), async ({ method, path, body }) => {
        const response = await handler(
          new Request(`http://localhost${path}`, {
            method,
            ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
          }),
        );
        if (method === 'HEAD') {
          // No body to read: the status alone must be a client error.
          tried['path'] = (tried['path'] ?? 0) + 1;
          expect(response.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
          expect(response.status, `${method} ${path}`).toBeLessThan(500);
          expect(await snapshot()).toBe(baseline);
          return;
        }
        await expectRejected(response, 'path', `${method} ${path.slice(0, 200)}`);
      }),
      { numRuns: RUNS * 22 },
    );
  });

  test('whole requests: odd methods, headers, origins and bodies', async () => {
    const requestTypes = Object.keys(validRequests());
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...requestTypes),
        fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'post', 'Post', 'PROPFIND', 'X-CUSTOM'),
        fc.option(fc.constantFrom('http://evil.test', 'null', 'http://localhost:8080', 'https://localhost'), {
          nil: undefined,
        }),
        fc.constantFrom(
          'application/json',
          'text/plain',
          'application/json; charset=utf-16',
          'multipart/form-data',
          'multipart/form-data; boundary=',
          'application/x-www-form-urlencoded',
          '*/*',
          '',
        ),
        fc.oneof(fc.constant(null), fc.uint8Array({ maxLength: 64 }), fc.string({ maxLength: 64 })),
        async (type, method, origin, contentType, noise) => {
          const valid = JSON.stringify(validRequests()[type]);
          // A valid body that must still be refused (foreign origin, wrong method or type), or noise.
          const isPost = method.toUpperCase() === 'POST';
          const mediaType = contentType.split(';')[0]!.trim();
          const refusedAnyway =
            origin !== undefined || !isPost || !['application/json', 'text/plain', ''].includes(mediaType);
          // An accepted method, type and origin with a valid body would be a good request: send noise then.
          if (!refusedAnyway && (noise === null || isValidJsonRequest(noise))) return;
          const body = refusedAnyway || noise === null ? valid : noise;
          const headers: Record<string, string> = {};
          if (contentType) headers['content-type'] = contentType;
          if (origin) headers.origin = origin;
          const response = await handler(
            new Request('http://localhost/chatkit', { method, headers, body: body as BodyInit }),
          );
          await expectRejected(response, 'request', `${method} ${type} ${origin ?? 'no origin'} ${contentType}`);
        },
      ),
      { numRuns: RUNS * 22 },
    );
  });

  test('reports how many cases ran', () => {
    const total = Object.values(tried).reduce((sum, count) => sum + count, 0);
    console.log(`fuzz: ${total} bad requests tried, store unchanged after each (${JSON.stringify(tried)})`);
    expect(total).toBeGreaterThanOrEqual(RUNS * 50);
  });
});

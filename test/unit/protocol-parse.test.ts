/**
 * Request parsing (protocol.md §1.2, §1.3, §11.4): defaults, unknown keys, required fields, and the
 * errors a malformed body raises. Every error is a ChatKitRequestError (HTTP 400) whose message starts
 * with the path of the offending field; the Python SDK raises a pydantic ValidationError instead.
 */
import { describe, expect, test } from 'vitest';
import {
  ChatKitRequestError,
  REQUEST_TYPES,
  isStreamingRequest,
  parseRequest,
  type ChatKitReq,
} from '../../src/index.ts';
import { req, userInput } from '../support/fixtures.ts';
import type { Wire } from '../support/run.ts';

function parse(body: unknown): Wire {
  return parseRequest(typeof body === 'string' ? body : JSON.stringify(body)) as Wire;
}

/** The ChatKitRequestError a body raises. */
function rejection(body: unknown): ChatKitRequestError {
  try {
    parseRequest(typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body));
  } catch (error) {
    expect(error).toBeInstanceOf(ChatKitRequestError);
    expect((error as ChatKitRequestError).status).toBe(400);
    return error as ChatKitRequestError;
  }
  throw new Error('the body was accepted');
}

const createWith = (input: Record<string, unknown>) => ({ type: 'threads.create', params: { input } });

describe('request catalogue', () => {
  test('the 16 request types are known, 6 of them streaming', () => {
    expect([...REQUEST_TYPES].sort()).toEqual([
      'attachments.create',
      'attachments.delete',
      'input.transcribe',
      'items.feedback',
      'items.list',
      'threads.add_client_tool_output',
      'threads.add_structured_input',
      'threads.add_user_message',
      'threads.create',
      'threads.custom_action',
      'threads.delete',
      'threads.get_by_id',
      'threads.list',
      'threads.retry_after_item',
      'threads.sync_custom_action',
      'threads.update',
    ]);
    expect(REQUEST_TYPES.filter((type) => isStreamingRequest(type)).sort()).toEqual([
      'threads.add_client_tool_output',
      'threads.add_structured_input',
      'threads.add_user_message',
      'threads.create',
      'threads.custom_action',
      'threads.retry_after_item',
    ]);
  });

  test('a valid body of every request type parses to that type', () => {
    const bodies = [
      req.create(),
      req.addUserMessage('t'),
      req.addClientToolOutput('t', { ok: true }),
      req.addStructuredInput('t', 'si', {}),
      req.retryAfterItem('t', 'i'),
      req.customAction('t', 'w', { type: 'go' }),
      req.syncCustomAction('t', null, { type: 'go' }),
      req.getById('t'),
      req.list(),
      req.update('t', 'T'),
      req.delete('t'),
      req.itemsList('t'),
      req.feedback('t', ['i'], 'negative'),
      req.attachmentsCreate('a.txt', 3, 'text/plain'),
      req.attachmentsDelete('a'),
      req.transcribe('aGk=', 'audio/ogg'),
    ];
    expect(bodies.map((body) => parse(body).type)).toEqual(bodies.map((body) => body.type));
  });
});

describe('defaults (§1.3, §11.4)', () => {
  test('metadata defaults to {} on every request type', () => {
    expect(parse(req.list()).metadata).toEqual({});
    expect(parse(req.create()).metadata).toEqual({});
    expect(parse({ ...req.list(), metadata: { a: 1 } }).metadata).toEqual({ a: 1 });
  });

  test('threads.list: order defaults to desc, limit and after to unset', () => {
    const { params } = parse(req.list());
    expect(params.order).toBe('desc');
    expect(params.limit ?? null).toBeNull();
    expect(params.after ?? null).toBeNull();
  });

  test('items.list: order defaults to desc, limit and after to unset; limit 0 is accepted', () => {
    const { params } = parse(req.itemsList('t'));
    expect(params).toMatchObject({ thread_id: 't', order: 'desc' });
    expect(params.limit ?? null).toBeNull();
    expect(parse(req.itemsList('t', { limit: 0, order: 'asc', after: 'x' })).params).toMatchObject({
      limit: 0,
      order: 'asc',
      after: 'x',
    });
  });

  test('custom actions: item_id defaults to unset and action.payload to null', () => {
    const { params } = parse({ type: 'threads.custom_action', params: { thread_id: 't', action: { type: 'go' } } });
    expect(params.item_id ?? null).toBeNull();
    expect(params.action).toEqual({ type: 'go', payload: null });
  });

  test('structured input submission: status answered, answers {}, answer values [] and skipped false', () => {
    expect(parse(req.addStructuredInput('t', 'si', {})).params.input).toEqual({ status: 'answered', answers: {} });
    expect(parse(req.addStructuredInput('t', 'si', { answers: { q1: {} } })).params.input.answers).toEqual({
      q1: { values: [], skipped: false },
    });
  });

  test('input tags default interactive to false; quoted_text and inference options stay unset', () => {
    const input = {
      content: [{ type: 'input_tag', id: 'e', text: 'Doc', data: { k: 1 } }],
      attachments: [],
      inference_options: {},
    };
    const parsed = parse(createWith(input)).params.input;
    expect(parsed.content).toEqual([{ type: 'input_tag', id: 'e', text: 'Doc', data: { k: 1 }, interactive: false }]);
    expect(parsed.quoted_text ?? null).toBeNull();
    expect(parsed.inference_options.tool_choice ?? null).toBeNull();
    expect(parsed.inference_options.model ?? null).toBeNull();
  });

  test('add_client_tool_output accepts any JSON result, null included', () => {
    expect(parse(req.addClientToolOutput('t', null)).params.result).toBeNull();
    expect(parse(req.addClientToolOutput('t', [1, { a: null }])).params.result).toEqual([1, { a: null }]);
  });
});

describe('unknown keys are ignored at every level', () => {
  test('envelope, params, input, content parts, inference options and tool choice', () => {
    const parsed = parse({
      type: 'threads.create',
      extra: 'ignored',
      metadata: { a: 1 },
      params: {
        surplus: true,
        input: {
          content: [{ type: 'input_text', text: 'hi', bold: true }],
          attachments: [],
          inference_options: { tool_choice: { id: 'web', label: 'Web' }, model: 'm', temperature: 2 },
          draft: 1,
        },
      },
    });
    expect(parsed).toEqual({
      type: 'threads.create',
      metadata: { a: 1 },
      params: {
        input: {
          content: [{ type: 'input_text', text: 'hi' }],
          attachments: [],
          inference_options: { tool_choice: { id: 'web' }, model: 'm' },
        },
      },
    });
  });

  test('the documented example: threads.list with extra envelope keys', () => {
    expect(parse({ type: 'threads.list', params: {}, metadata: { a: 1 }, extra: 'ignored' })).toEqual({
      type: 'threads.list',
      params: { order: 'desc' },
      metadata: { a: 1 },
    });
  });

  test('an action drops the client-side keys (handler, loadingBehavior) and keeps its payload with nulls', () => {
    const parsed = parse(
      req.customAction('t', 'w', {
        type: 'go',
        payload: { k: null, n: [null] },
        handler: 'server',
        loadingBehavior: 'self',
      }),
    );
    expect(parsed.params.action).toEqual({ type: 'go', payload: { k: null, n: [null] } });
  });

  test('structured answers drop unknown keys', () => {
    const parsed = parse(req.addStructuredInput('t', 'si', { answers: { q: { values: ['A'], note: 'x' } }, extra: 1 }));
    expect(parsed.params.input).toEqual({ status: 'answered', answers: { q: { values: ['A'], skipped: false } } });
  });
});

describe('required fields are rejected when missing, naming the field path', () => {
  test('params is required, even for threads.list', () => {
    const error = rejection({ type: 'threads.list' });
    expect(error.message).toMatch(/^params: /);
    expect(error.field).toBe('params');
  });

  test('input.attachments is required (no default)', () => {
    const error = rejection(createWith({ content: [], inference_options: {} }));
    expect(error.message).toMatch(/^params\.input\.attachments: /);
    expect(error.field).toBe('params.input.attachments');
  });

  test('input.inference_options is required', () => {
    const error = rejection(createWith({ content: [], attachments: [] }));
    expect(error.message).toMatch(/^params\.input\.inference_options: /);
  });

  test('input.content is required (an empty list is fine)', () => {
    expect(rejection(createWith({ attachments: [], inference_options: {} })).message).toMatch(
      /^params\.input\.content: /,
    );
    expect(parse(createWith({ content: [], attachments: [], inference_options: {} })).params.input.content).toEqual([]);
  });

  test('result is required by add_client_tool_output (the key must be present)', () => {
    const error = rejection({ type: 'threads.add_client_tool_output', params: { thread_id: 't' } });
    expect(error.message).toMatch(/^params\.result: /);
    expect(error.field).toBe('params.result');
  });

  test('add_user_message needs thread_id', () => {
    expect(rejection({ type: 'threads.add_user_message', params: { input: userInput() } }).message).toMatch(
      /^params\.thread_id: /,
    );
  });

  test('a nested field is named with its index', () => {
    const error = rejection(createWith({ content: [{ type: 'input_text' }], attachments: [], inference_options: {} }));
    expect(error.message).toMatch(/^params\.input\.content\[0\]\.text: /);
    expect(error.field).toBe('params.input.content[0].text');
  });

  test('wrong types and values are rejected with their path', () => {
    expect(rejection({ type: 'threads.update', params: { thread_id: 't', title: null } }).message).toMatch(
      /^params\.title: /,
    );
    expect(rejection({ type: 'threads.list', params: { order: 'up' } }).message).toMatch(/^params\.order: /);
    expect(
      rejection({ type: 'items.feedback', params: { thread_id: 't', item_ids: ['i'], kind: 'meh' } }).message,
    ).toMatch(/^params\.kind: /);
    expect(
      rejection(createWith({ content: [{ type: 'image' }], attachments: [], inference_options: {} })).message,
    ).toMatch(/^params\.input\.content\[0\]\.type: /);
  });
});

describe('malformed bodies', () => {
  test('invalid UTF-8 is rejected', () => {
    expect(rejection(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])).message).toMatch(/UTF-8/);
  });

  test('an empty body is rejected', () => {
    expect(rejection('').message).toMatch(/empty/);
    expect(rejection('  \n').message).toMatch(/empty/);
    expect(rejection(new Uint8Array(0)).message).toMatch(/empty/);
  });

  test('text that is not JSON is rejected', () => {
    expect(rejection('{"type":').message).toMatch(/not valid JSON/);
  });

  test('JSON that is not an object is rejected', () => {
    for (const body of ['[]', '1', 'null', '"threads.list"', 'true']) {
      expect(rejection(body).message).toMatch(/must be a JSON object/);
    }
  });

  test('an unknown or missing type is rejected, naming the field type', () => {
    const unknown = rejection({ type: 'threads.nope', params: {} });
    expect(unknown.message).toMatch(/^type: unknown request type \("threads\.nope"\)/);
    expect(unknown.field).toBe('type');
    expect(rejection({ params: {} }).message).toMatch(/^type: unknown request type \(missing\)/);
  });

  test('bytes and ArrayBuffers parse like text', () => {
    const bytes = new TextEncoder().encode(JSON.stringify(req.list({ limit: 3 })));
    expect((parseRequest(bytes) as ChatKitReq & Wire).params.limit).toBe(3);
    expect((parseRequest(bytes.slice().buffer) as ChatKitReq & Wire).params.limit).toBe(3);
  });
});

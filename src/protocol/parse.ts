/** Turning request bytes into a validated, defaulted {@link ChatKitReq}. */
import type { z } from 'zod';
import { ChatKitRequestError } from './errors.ts';
import { ChatKitReq, REQUEST_TYPES } from './requests.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Request body bytes or text, as `process()` accepts them. */
export type RequestBody = string | Uint8Array | ArrayBuffer;

/**
 * Parses and validates a request body: applies the Python SDK's defaults and drops unknown keys.
 * @throws {ChatKitRequestError} (400) when the body is not UTF-8 JSON, or not a valid request; the
 *   message names the offending field path.
 */
export function parseRequest(body: RequestBody): ChatKitReq {
  const json = parseJson(body);
  checkNesting(json);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ChatKitRequestError('The request body must be a JSON object like {"type": ..., "params": {...}}.');
  }
  const type = (json as { type?: unknown }).type;
  if (typeof type !== 'string' || !(REQUEST_TYPES as readonly string[]).includes(type)) {
    const got = type === undefined ? 'missing' : JSON.stringify(type);
    throw new ChatKitRequestError(`type: unknown request type (${got}); expected one of ${REQUEST_TYPES.join(', ')}.`, {
      field: 'type',
    });
  }
  const result = ChatKitReq.safeParse(json);
  if (!result.success) throw requestErrorFrom(result.error);
  return result.data;
}

function parseJson(body: RequestBody): unknown {
  let text: string;
  if (typeof body === 'string') {
    text = body;
  } else {
    try {
      text = utf8.decode(body);
    } catch (cause) {
      throw new ChatKitRequestError('The request body is not valid UTF-8.', { cause });
    }
  }
  if (text.trim() === '') throw new ChatKitRequestError('The request body is empty; expected a JSON request.');
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ChatKitRequestError(`The request body is not valid JSON: ${(cause as Error).message}`, { cause });
  }
}

/**
 * How deeply a request's JSON may nest. Far above anything a ChatKit request carries (widget
 * payloads, tool results and metadata nest a few levels), and far below what breaks the recursive
 * code that handles a request afterwards (validation, `structuredClone` in the stores, IndexedDB,
 * `JSON.stringify`), which would otherwise fail with a stack overflow.
 */
export const MAX_JSON_DEPTH = 128;

/**
 * Refuses JSON nested deeper than {@link MAX_JSON_DEPTH}, naming where. Walks with its own stack,
 * so the check itself cannot overflow.
 * @throws {ChatKitRequestError} (400) naming the field under which the nesting is too deep.
 */
function checkNesting(json: unknown): void {
  interface Entry {
    value: unknown;
    depth: number;
    key: PropertyKey | null;
    parent: Entry | null;
  }
  const stack: Entry[] = [{ value: json, depth: 0, key: null, parent: null }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const { value, depth } = entry;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) throw tooDeep(entry);
    if (Array.isArray(value)) {
      value.forEach((child, index) => stack.push({ value: child, depth: depth + 1, key: index, parent: entry }));
    } else {
      for (const [key, child] of Object.entries(value))
        stack.push({ value: child, depth: depth + 1, key, parent: entry });
    }
  }

  function tooDeep(entry: Entry): ChatKitRequestError {
    const path: PropertyKey[] = [];
    for (let at: Entry | null = entry; at?.key != null; at = at.parent) path.unshift(at.key);
    // Name the field the client wrote, not the levels under it.
    const field = formatPath(path.slice(0, 6)) + (path.length > 6 ? '…' : '');
    return new ChatKitRequestError(`${field}: the JSON is nested deeper than ${MAX_JSON_DEPTH} levels.`, { field });
  }
}

/** Builds a {@link ChatKitRequestError} naming the first invalid field. */
export function requestErrorFrom(error: z.ZodError): ChatKitRequestError {
  const issue = error.issues[0];
  if (!issue) return new ChatKitRequestError('Invalid request.');
  const field = formatPath(issue.path);
  const more =
    error.issues.length > 1
      ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})`
      : '';
  return new ChatKitRequestError(`${field || 'request'}: ${issue.message}${more}`, { field: field || undefined });
}

/** `['params', 'input', 'content', 0, 'text']` → `params.input.content[0].text`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

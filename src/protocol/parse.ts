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

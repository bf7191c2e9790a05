/** Calling a web-standard handler the way the ChatKit client does, and reading SSE bodies. */
import { expect } from 'vitest';
import type { ChatKitHandler } from '../../src/index.ts';
import type { Wire } from './run.ts';

export const ORIGIN = 'http://localhost';

/** POSTs a ChatKit request (an object is JSON-encoded) to `path`. */
export function post(
  handler: ChatKitHandler,
  body: unknown,
  options: { path?: string; contentType?: string | null; signal?: AbortSignal } = {},
): Promise<Response> {
  const headers: Record<string, string> = {};
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  const text = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
  return handler(
    new Request(ORIGIN + (options.path ?? '/chatkit'), {
      method: 'POST',
      headers,
      body: text as BodyInit,
      signal: options.signal,
    }),
  );
}

/** The frames of an SSE body (frames may arrive several to a chunk), each checked to be `data: <json>`. */
export function parseSse(text: string): string[] {
  expect(text.endsWith('\n\n') || text === '').toBe(true);
  return text
    .split('\n\n')
    .filter((frame) => frame !== '')
    .map((frame) => {
      expect(frame.startsWith('data: ')).toBe(true);
      expect(frame.slice(6)).not.toContain('\n');
      return frame.slice(6);
    });
}

/** Reads a whole SSE response: its events, parsed. */
export async function sseEvents(response: Response): Promise<Wire[]> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  return parseSse(await response.text()).map((frame) => JSON.parse(frame));
}

/** Checks a JSON error response and returns its body. */
export async function expectError(
  response: Response,
  status: number,
  error: string,
): Promise<{ error: string; message: string }> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/json');
  const body = (await response.json()) as { error: string; message: string };
  expect(body.error).toBe(error);
  expect(typeof body.message).toBe('string');
  expect(Object.keys(body).sort()).toEqual(['error', 'message']);
  return body;
}

/** Reads SSE frames from a response body one at a time (frames may share a chunk). */
export function sseReader(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    reader,
    /** The next frame's JSON, or null at the end of the stream. */
    async next(): Promise<Wire | null> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          expect(frame.startsWith('data: ')).toBe(true);
          return JSON.parse(frame.slice(6));
        }
        const { done, value } = await reader.read();
        if (done) return null;
        buffer += decoder.decode(value, { stream: true });
      }
    },
  };
}

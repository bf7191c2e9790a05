/**
 * Running requests through `ChatKitServer.process()` and reading what comes back, the way an HTTP
 * adapter would: streaming results as SSE frames (each chunk checked to be exactly one frame),
 * non-streaming results as JSON text.
 */
import { expect } from 'vitest';
import { NonStreamingResult, StreamingResult, type ChatKitServer } from '../../src/index.ts';

/** A wire JSON value, loosely typed for assertions. */
export type Wire = any;

const decoder = new TextDecoder();

/** The request body as `process()` receives it: objects are JSON-encoded, strings and bytes pass through. */
export function bodyOf(request: unknown): string | Uint8Array | ArrayBuffer {
  if (typeof request === 'string' || request instanceof Uint8Array || request instanceof ArrayBuffer) return request;
  return JSON.stringify(request);
}

/** Runs `process()` and returns its result untouched. */
export function processRequest<C>(
  server: ChatKitServer<C>,
  request: unknown,
  context: C,
  options: { signal?: AbortSignal } = {},
) {
  return server.process(bodyOf(request), context, options);
}

/** The JSON text of one SSE chunk; fails the test unless the chunk is exactly one `data: …\n\n` frame. */
export function decodeFrame(chunk: Uint8Array): string {
  const text = decoder.decode(chunk);
  const match = /^data: ([^\n]*)\n\n$/.exec(text);
  if (!match) throw new Error(`not exactly one SSE frame: ${JSON.stringify(text)}`);
  return match[1]!;
}

/** Reads a streaming result to its end; the JSON text of each frame. */
export async function collectFrames(result: StreamingResult): Promise<string[]> {
  const frames: string[] = [];
  for await (const chunk of result) frames.push(decodeFrame(chunk));
  return frames;
}

/** Runs a streaming request to its end; the JSON text of each frame. */
export async function streamFrames<C>(
  server: ChatKitServer<C>,
  request: unknown,
  context: C,
  options: { signal?: AbortSignal } = {},
): Promise<string[]> {
  const result = await processRequest(server, request, context, options);
  expect(result).toBeInstanceOf(StreamingResult);
  return collectFrames(result as StreamingResult);
}

/** Runs a streaming request to its end; each frame parsed. */
export async function streamEvents<C>(
  server: ChatKitServer<C>,
  request: unknown,
  context: C,
  options: { signal?: AbortSignal } = {},
): Promise<Wire[]> {
  return (await streamFrames(server, request, context, options)).map((frame) => JSON.parse(frame));
}

/** Runs a non-streaming request; the response body text. */
export async function requestText<C>(server: ChatKitServer<C>, request: unknown, context: C): Promise<string> {
  const result = await processRequest(server, request, context);
  expect(result).toBeInstanceOf(NonStreamingResult);
  return (result as NonStreamingResult).json;
}

/** Runs a non-streaming request; the response body parsed. */
export async function requestJson<C>(server: ChatKitServer<C>, request: unknown, context: C): Promise<Wire> {
  return JSON.parse(await requestText(server, request, context));
}

/** The `type` of each event, for order and count assertions. */
export function typesOf(events: readonly Wire[]): string[] {
  return events.map((event) => event.type as string);
}

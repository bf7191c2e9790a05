/**
 * What the worker sends back for a handler's Response: the body's ready part travels with the
 * response (a whole JSON body; an event stream's first chunk), the rest through a stream.
 */
import { describe, expect, test } from 'vitest';
import { portBody } from '../../src/client/port-body.ts';
import { toWireResponse } from '../../src/worker/wire-response.ts';

const SSE = { 'content-type': 'text/event-stream' };
const text = (bytes: Uint8Array | null): string => new TextDecoder().decode(bytes ?? new Uint8Array());

/** The page's reading of a body port, with no worker death or abort to watch. */
const bodyOf = (port: MessagePort | null): ReadableStream<Uint8Array> | null =>
  port && portBody(port, { first: null, signal: new AbortController().signal, onDeath: () => () => undefined });

async function readAll(port: MessagePort | null): Promise<string[]> {
  const chunks: string[] = [];
  const reader = bodyOf(port)?.getReader();
  for (let step = await reader?.read(); step && !step.done; step = await reader!.read()) chunks.push(text(step.value));
  return chunks;
}

/** An event stream whose chunks the test pushes, and what its consumer did to it. */
function controlledStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancelledWith!: (reason: unknown) => void;
  const seen = { cancelled: new Promise<unknown>((resolve) => (cancelledWith = resolve)) };
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => void (controller = c),
    cancel: (reason) => cancelledWith(reason),
  });
  const push = (chunk: string) => controller.enqueue(new TextEncoder().encode(chunk));
  return { stream, push, controller, seen };
}

describe('toWireResponse', () => {
  test('a JSON body crosses whole, as one buffer, with status and headers', async () => {
    const wire = await toWireResponse(Response.json({ ok: true }, { status: 201, statusText: 'Created' }));
    expect(wire.status).toBe(201);
    expect(wire.statusText).toBe('Created');
    expect(wire.headers).toContainEqual(['content-type', 'application/json']);
    expect(JSON.parse(text(wire.first))).toEqual({ ok: true });
    expect(wire.body).toBeNull();
  });

  test('no body: neither part', async () => {
    const wire = await toWireResponse(new Response(null, { status: 204 }));
    expect([wire.first, wire.body]).toEqual([null, null]);
  });

  test("an event stream's ready first chunk comes with the response, the rest through the stream", async () => {
    const { stream, push, controller } = controlledStream();
    push('data: 1\n\n');
    const wire = await toWireResponse(new Response(stream, { headers: SSE }));
    expect(text(wire.first)).toBe('data: 1\n\n');
    push('data: 2\n\n');
    push('data: 3\n\n');
    controller.close();
    expect(await readAll(wire.body)).toEqual(['data: 2\n\n', 'data: 3\n\n']);
  });

  test('a first chunk not ready within the task: the response goes now, the chunk follows in the stream', async () => {
    const { stream, push, controller } = controlledStream();
    const wire = await toWireResponse(new Response(stream, { headers: SSE }));
    expect(wire.first).toBeNull();
    push('data: late\n\n');
    controller.close();
    expect(await readAll(wire.body)).toEqual(['data: late\n\n']);
  });

  test('a stream that fails at once still answers; its body then fails with the error', async () => {
    const failure = new Error('broken producer');
    const stream = new ReadableStream<Uint8Array>({ pull: () => Promise.reject(failure) });
    const wire = await toWireResponse(new Response(stream, { headers: SSE }));
    expect(wire.first).toBeNull();
    await expect(readAll(wire.body)).rejects.toThrow('broken producer');
  });

  test('a first chunk that is a view into a larger buffer is copied out, leaving the buffer whole', async () => {
    const buffer = new TextEncoder().encode('xxdata: 1\n\nyy');
    const { stream, controller } = controlledStream();
    controller.enqueue(buffer.subarray(2, 11));
    const wire = await toWireResponse(new Response(stream, { headers: SSE }));
    expect(text(wire.first)).toBe('data: 1\n\n');
    expect(wire.first!.buffer.byteLength).toBe(9);
    expect(buffer.byteLength).toBe(13);
  });

  test('cancelling the rest cancels the handler stream (the server hears the client leave)', async () => {
    const { stream, push, seen } = controlledStream();
    push('data: 1\n\n');
    const wire = await toWireResponse(new Response(stream, { headers: SSE }));
    await bodyOf(wire.body)!.cancel('page left');
    expect(await seen.cancelled).toBe('page left');
  });
});

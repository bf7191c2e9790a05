/**
 * Both request switches of `ChatKitServer` are exhaustive: a request type without a case fails `tsc`
 * (the `@ts-expect-error` below is checked by the typecheck step), and a type that slips past the
 * types anyway is an error, never an empty stream.
 */
import { describe, expect, test } from 'vitest';
import type { StreamingReq } from '../../src/index.ts';
import { assertNever } from '../../src/server/exhaustive.ts';
import { TestServer, testContext } from '../support/test-server.ts';

/** A router missing `threads.custom_action`, as the server's would be with that case deleted. */
function routeWithoutCustomAction(request: StreamingReq): string {
  // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check -- the missing case is the point
  switch (request.type) {
    case 'threads.create':
    case 'threads.add_user_message':
    case 'threads.add_client_tool_output':
    case 'threads.add_structured_input':
    case 'threads.retry_after_item':
      return request.type;
  }
  // @ts-expect-error -- a custom action has no case, so `request` is not `never` here.
  return assertNever(request, 'streaming request type');
}

interface StreamRouter {
  streamFor(request: unknown, context: unknown, signal: AbortSignal): AsyncGenerator<unknown>;
}

describe('exhaustive request routing', () => {
  test('assertNever throws for a value that reaches it, naming its type', () => {
    expect(() =>
      routeWithoutCustomAction({
        type: 'threads.custom_action',
        params: { thread_id: 'thr_1', item_id: null, action: { type: 'x', payload: null } },
        metadata: {},
      }),
    ).toThrow(new TypeError('Unhandled streaming request type: "threads.custom_action"'));
  });

  test('the streaming router ends in assertNever: an unknown type is an error, not an empty stream', async () => {
    const server = new TestServer();
    const router = server as unknown as StreamRouter;
    const events = router.streamFor(
      { type: 'threads.unknown', params: {} },
      testContext(),
      new AbortController().signal,
    );
    await expect(events.next()).rejects.toThrow('Unhandled streaming request type: "threads.unknown"');
  });
});

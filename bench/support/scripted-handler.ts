/**
 * The one server every transport in the bench serves: the tests' scripted server (`deltas: N`
 * streams N one-character deltas) behind `createChatKitHandler`, on whichever store the side uses.
 */
import { createChatKitHandler, type ChatKitHandler, type Store } from '../../src/index.ts';
import { ScriptedServer, type TestContext } from '../../test/support/scripted-server.ts';

/**
 * @param allowedOrigins a page origin that calls cross-origin (the localhost case): the handler refuses
 *   state-changing requests from other origins unless listed.
 */
export function scriptedHandler(store: Store<TestContext>, allowedOrigins: string[] = []): ChatKitHandler {
  return createChatKitHandler(new ScriptedServer(store), { getContext: () => ({ userId: 'bench' }), allowedOrigins });
}

/**
 * The one server every transport in the bench serves: the tests' scripted server (`deltas: N`
 * streams N one-character deltas) behind `createChatKitHandler`, on whichever store the side uses.
 */
import { createChatKitHandler, type ChatKitHandler, type Store } from '../../src/index.ts';
import { ScriptedServer, type TestContext } from '../../test/support/scripted-server.ts';

export function scriptedHandler(store: Store<TestContext>): ChatKitHandler {
  return createChatKitHandler(new ScriptedServer(store), { getContext: () => ({ userId: 'bench' }) });
}

/** The scripted server in a worker on IndexedDB, as an app deploys it: the database is named by the worker's `name`. */
import { IndexedDBStore } from '../../src/indexeddb.ts';
import { exposeChatKit } from '../../src/worker.ts';
import type { TestContext } from '../../test/support/scripted-server.ts';
import { scriptedHandler } from '../support/scripted-handler.ts';

exposeChatKit(IndexedDBStore.open<TestContext>({ name: self.name }).then(scriptedHandler));

/** The scripted server in a worker on MemoryStore: the store Node uses, to set the transport apart from storage. */
import { MemoryStore } from '../../src/index.ts';
import { exposeChatKit } from '../../src/worker.ts';
import { scriptedHandler } from '../support/scripted-handler.ts';

exposeChatKit(scriptedHandler(new MemoryStore()));

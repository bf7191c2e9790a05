/** The worker module `mockChatKitWorker` starts: a scripted ChatKit server, set up by the page. */
import { exposeScriptedChatKit } from './expose.ts';

exposeScriptedChatKit();

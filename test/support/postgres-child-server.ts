/**
 * One server process on a shared PostgreSQL database, for the several-processes tests: the Node handler
 * over PostgresStore and PostgresAttachmentStore, on a free port of 127.0.0.1. Built to plain
 * JavaScript and started by the tests as a child process; it prints `{"port":N}` once it listens, and
 * closes its store and exits on SIGTERM.
 *
 * Arguments: connection string, schema, and a name the replies carry (to tell the processes apart).
 * The user is the `x-user` header (a stand-in for real authentication), and the store is scoped by it.
 */
import { createServer } from 'node:http';
import {
  ChatKitServer,
  createChatKitHandler,
  now,
  type ThreadMetadata,
  type ThreadStreamEventInput,
  type UserMessageItem,
} from '../../src/index.ts';
import { toNodeListener } from '../../src/node.ts';
import { PostgresAttachmentStore, PostgresStore } from '../../src/postgres.ts';

interface Context {
  userId: string;
}

const [connectionString, schema, name] = process.argv.slice(2);

/** Replies `<name>: reply to <text>` in one assistant message. */
class EchoServer extends ChatKitServer<Context> {
  async *respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: Context,
  ): AsyncIterable<ThreadStreamEventInput> {
    const text = input?.content.map((part) => part.text).join('') ?? '';
    yield {
      type: 'thread.item.done',
      item: {
        id: this.store.generateItemId('message', thread, context),
        thread_id: thread.id,
        created_at: now(),
        type: 'assistant_message',
        content: [{ text: `${name}: reply to ${text}` }],
      },
    };
  }
}

const store = await PostgresStore.connect<Context>({ connectionString, schema, scope: (context) => context.userId });
const server = new EchoServer(store, new PostgresAttachmentStore(store));
const handler = createChatKitHandler(server, {
  getContext: (request) => ({ userId: request.headers.get('x-user') ?? 'anonymous' }),
  imagePreview: false,
});
const http = createServer(toNodeListener(handler));
http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
process.once('SIGTERM', () => {
  http.close();
  http.closeAllConnections();
  void store.close().then(() => process.exit(0));
});

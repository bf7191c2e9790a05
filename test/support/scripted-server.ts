/**
 * A server whose responses are scripted by the user's message text, shared by the browser tests'
 * worker and the benchmarks. Commands:
 * - `echo: TEXT`: an assistant message TEXT (added, one delta per word, done);
 * - `deltas: N`: an assistant message streamed as N one-character deltas;
 * - `hang`: an assistant message "partial", then waits until the client goes away;
 * - `tool`: a pending client tool call `get_selection`;
 * - `widget`: a Card widget with a button;
 * - `question`: a structured-input item with two questions;
 * - `fail`: a custom error;
 * anything else: "You said: TEXT". After a tool output or structured input: "Thanks: <json>".
 */
import {
  ChatKitServer,
  CustomStreamError,
  now,
  type Action,
  type AudioInput,
  type FeedbackKind,
  type ResponseOptions,
  type SyncCustomActionResponse,
  type ThreadMetadata,
  type ThreadStreamEventInput,
  type UserMessageItem,
  type WidgetItem,
} from '../../src/index.ts';

/** The context the test server expects (a user id, for scoped stores). */
export interface TestContext {
  userId: string;
}

export class ScriptedServer extends ChatKitServer<TestContext> {
  async *respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: TestContext,
    options: ResponseOptions,
  ): AsyncIterable<ThreadStreamEventInput> {
    const text = input?.content.map((part) => part.text).join('') ?? null;
    const id = () => this.store.generateItemId('message', thread, context);
    if (text === null) {
      const items = await this.store.loadThreadItems(thread.id, { limit: 1, order: 'desc' }, context);
      yield* assistantMessage(thread, id(), `Thanks: ${JSON.stringify(items.data[0])}`.slice(0, 200));
      return;
    }
    const [command, argument = ''] = text.split(/:\s*/, 2) as [string, string?];
    switch (command) {
      case 'echo':
        yield* assistantMessage(thread, id(), argument);
        return;
      case 'deltas': {
        const messageId = id();
        const created_at = now();
        yield {
          type: 'thread.item.added',
          item: { id: messageId, thread_id: thread.id, created_at, type: 'assistant_message', content: [] },
        };
        const count = Number(argument);
        for (let i = 0; i < count; i++) {
          yield {
            type: 'thread.item.updated',
            item_id: messageId,
            update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'x' },
          };
        }
        yield {
          type: 'thread.item.done',
          item: {
            id: messageId,
            thread_id: thread.id,
            created_at,
            type: 'assistant_message',
            content: [{ text: 'x'.repeat(count) }],
          },
        };
        return;
      }
      case 'hang': {
        const messageId = id();
        yield {
          type: 'thread.item.added',
          item: { id: messageId, thread_id: thread.id, created_at: now(), type: 'assistant_message', content: [] },
        };
        yield {
          type: 'thread.item.updated',
          item_id: messageId,
          update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'partial' },
        };
        await new Promise((resolve) => options.signal.addEventListener('abort', resolve, { once: true }));
        return;
      }
      case 'tool':
        yield {
          type: 'thread.item.done',
          item: {
            id: this.store.generateItemId('tool_call', thread, context),
            thread_id: thread.id,
            created_at: now(),
            type: 'client_tool_call',
            call_id: 'call_1',
            name: 'get_selection',
            arguments: { scope: 'page' },
          },
        };
        return;
      case 'widget':
        yield { type: 'thread.item.done', item: widgetItem(thread, id(), 'Pick one') };
        return;
      case 'question':
        yield {
          type: 'thread.item.done',
          item: {
            id: id(),
            thread_id: thread.id,
            created_at: now(),
            type: 'structured_input',
            inputs: [
              {
                id: 'colour',
                question: 'Which colour?',
                type: 'multiple_choice',
                options: [{ value: 'red' }, { value: 'blue' }],
              },
              { id: 'why', question: 'Why?', type: 'freeform' },
            ],
          },
        };
        return;
      case 'fail':
        throw new CustomStreamError('The scripted failure happened.', { allowRetry: true });
      default:
        yield* assistantMessage(thread, id(), `You said: ${text}`);
    }
  }

  override async *action(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
  ): AsyncIterable<ThreadStreamEventInput> {
    if (!sender) throw new CustomStreamError('No widget sent this action.');
    yield {
      type: 'thread.item.updated',
      item_id: sender.id,
      update: {
        type: 'widget.root.updated',
        widget: widgetItem(thread, sender.id, `Chose ${JSON.stringify(action.payload)}`).widget,
      },
    };
  }

  override async syncAction(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    context: TestContext,
  ): Promise<SyncCustomActionResponse> {
    if (!sender) return {};
    const updated = {
      ...sender,
      widget: widgetItem(thread, sender.id, `Synced ${JSON.stringify(action.payload)}`).widget,
    };
    await this.store.saveItem(thread.id, updated, context);
    return { updated_item: updated };
  }

  /** Records feedback in the thread title, where a client can see it. */
  override async addFeedback(
    threadId: string,
    itemIds: string[],
    feedback: FeedbackKind,
    context: TestContext,
  ): Promise<void> {
    const thread = await this.store.loadThread(threadId, context);
    thread.title = `feedback ${feedback} on ${itemIds.join(',')}`;
    await this.store.saveThread(thread, context);
  }

  override async transcribe(audio: AudioInput): Promise<{ text: string }> {
    return { text: `${audio.media_type}: ${new TextDecoder().decode(audio.data)}` };
  }

  override reportError(_error: unknown, _context: TestContext): void {
    // Scripted failures are expected; keep test output clean.
  }
}

async function* assistantMessage(
  thread: ThreadMetadata,
  id: string,
  text: string,
): AsyncIterable<ThreadStreamEventInput> {
  const created_at = now();
  yield {
    type: 'thread.item.added',
    item: { id, thread_id: thread.id, created_at, type: 'assistant_message', content: [] },
  };
  for (const word of text.split(/(?<= )/)) {
    yield {
      type: 'thread.item.updated',
      item_id: id,
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: word },
    };
  }
  yield {
    type: 'thread.item.done',
    item: { id, thread_id: thread.id, created_at, type: 'assistant_message', content: [{ text }] },
  };
}

function widgetItem(thread: ThreadMetadata, id: string, label: string): WidgetItem {
  return {
    id,
    thread_id: thread.id,
    created_at: now(),
    type: 'widget',
    copy_text: label,
    widget: {
      type: 'Card',
      children: [
        { type: 'Text', value: label },
        { type: 'Button', label: 'Choose', onClickAction: { type: 'choose', payload: { choice: 1 } } },
      ],
    },
  };
}

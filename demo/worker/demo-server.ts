/**
 * The demo's ChatKit server: the scripted responder (or, when the user's setting says so, a model
 * through the Agents SDK bridge) for messages, the widget actions, and feedback recorded in the
 * thread's (server-only) metadata.
 */
import {
  ChatKitServer,
  CustomStreamError,
  type Action,
  type AttachmentStore,
  type FeedbackKind,
  type ResponseOptions,
  type Store,
  type SyncCustomActionResponse,
  type ThreadMetadata,
  type ThreadStreamEventInput,
  type UserMessageItem,
  type WidgetItem,
} from 'chatkit-local';
import { runAction, syncActionResult } from './actions.ts';
import { followUp, replyTo, titleFor } from './responder.ts';
import type { StoredResponderSettings } from './settings/settings-record.ts';
import type { Turn } from './streaming.ts';

/** The request context: this demo has one local user. */
export interface DemoContext {
  userId: string;
}

/** Reads the user's responder setting (from the worker's settings store). */
export type LoadResponderSettings = () => Promise<StoredResponderSettings>;

/** The demo's ChatKit server (see the module comment). */
export class DemoServer extends ChatKitServer<DemoContext> {
  /**
   * @param responderSettings - read before every response, so a change made in the settings
   *   dialog (in any tab) applies to the next message.
   */
  constructor(
    store: Store<DemoContext>,
    attachmentStore: AttachmentStore<DemoContext> | null,
    private readonly responderSettings: LoadResponderSettings,
  ) {
    super(store, attachmentStore);
  }

  async *respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: DemoContext,
    options: ResponseOptions,
  ): AsyncIterable<ThreadStreamEventInput> {
    const settings = await this.responderSettings();
    if (settings.responder === 'model') {
      if (input) thread.title ??= titleFor(input);
      // Loaded on first use: the Agents SDK and the OpenAI client are a chunk of their own, which
      // the scripted demo never fetches.
      const { respondWithModel } = await import('./model/model-responder.ts');
      yield* respondWithModel({ thread, store: this.store, context, signal: options.signal, settings });
      return;
    }
    const turn = this.turn(thread, context, options);
    if (input) {
      // Changing the title is enough: the server saves the thread and sends thread.updated.
      thread.title ??= titleFor(input);
      yield* replyTo(turn, input);
      return;
    }
    const recent = await this.store.loadThreadItems(thread.id, { limit: 5, order: 'desc' }, context);
    yield* followUp(turn, recent.data);
  }

  override action(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    context: DemoContext,
    options: ResponseOptions,
  ): AsyncIterable<ThreadStreamEventInput> {
    return runAction(this.turn(thread, context, options), action, sender);
  }

  override async syncAction(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    context: DemoContext,
  ): Promise<SyncCustomActionResponse> {
    const updated = syncActionResult(action, sender);
    if (!updated) return {};
    // The server does not store a synchronous action's result: save it so a reload shows it.
    await this.store.saveItem(thread.id, updated, context);
    return { updated_item: updated };
  }

  override async addFeedback(
    threadId: string,
    itemIds: string[],
    feedback: FeedbackKind,
    context: DemoContext,
  ): Promise<void> {
    const thread = await this.store.loadThread(threadId, context);
    const recorded = (thread.metadata.feedback ?? {}) as Record<string, FeedbackKind>;
    for (const id of itemIds) recorded[id] = feedback;
    thread.metadata.feedback = recorded;
    await this.store.saveThread(thread, context);
  }

  override reportError(error: unknown, context: DemoContext): void {
    // The scripted failures of `/error` are expected; anything else is a bug worth logging.
    if (!(error instanceof CustomStreamError)) super.reportError(error, context);
  }

  private turn(thread: ThreadMetadata, context: DemoContext, options: ResponseOptions): Turn {
    return { thread, signal: options.signal, newId: (kind) => this.store.generateItemId(kind, thread, context) };
  }
}

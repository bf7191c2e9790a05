/**
 * A scripted ChatKit server for tests: each test sets what `respond`, `action`, `syncAction` and
 * `transcribe` do, and every hook call is recorded (arguments as they were at call time).
 */
import {
  ChatKitServer,
  MemoryAttachmentStore,
  MemoryStore,
  type Action,
  type AttachmentStore,
  type AudioInput,
  type FeedbackKind,
  type ResponseOptions,
  type ResponseStream,
  type Store,
  type SyncCustomActionResponse,
  type ThreadItem,
  type ThreadMetadata,
  type ThreadStreamEventInput,
  type TranscriptionResult,
  type UserMessageItem,
  type WidgetItem,
} from '../../src/index.ts';
import { deferred, type Deferred } from './deferred.ts';

/** The request context the tests pass: the same object must reach every hook. */
export interface TestContext {
  userId: string;
}

/** A fresh context, as the SDK tests use (`{user_id: "test_user"}`). */
export function testContext(userId = 'test_user'): TestContext {
  return { userId };
}

export type RespondFn<C> = (
  thread: ThreadMetadata,
  input: UserMessageItem | null,
  context: C,
  options: ResponseOptions,
) => ResponseStream;

export type ActionFn<C> = (
  thread: ThreadMetadata,
  action: Action,
  sender: WidgetItem | null,
  context: C,
  options: ResponseOptions,
) => ResponseStream;

export interface RespondCall<C> {
  /** The live thread object the server handed over. */
  thread: ThreadMetadata;
  /** A copy of the input message as it was at call time. */
  input: UserMessageItem | null;
  context: C;
  options: ResponseOptions;
}

export interface ActionCall<C> {
  thread: ThreadMetadata;
  action: Action;
  sender: WidgetItem | null;
  context: C;
  options?: ResponseOptions;
}

export interface CancelledCall<C> {
  /** A copy of the thread as it was when cancellation was handled. */
  thread: ThreadMetadata;
  /** Copies of the pending items handed over. */
  pendingItems: ThreadItem[];
  context: C;
}

async function* nothing(): AsyncIterable<ThreadStreamEventInput> {}

/** A {@link ChatKitServer} whose hooks each test scripts, recording every call. */
export class TestServer<C = TestContext> extends ChatKitServer<C> {
  /** What `respond` streams; by default nothing, as in the SDK tests. */
  respondWith: RespondFn<C> = () => nothing();
  /** What `action` streams; unset means the default hook (which throws). */
  actionWith: ActionFn<C> | null = null;
  /** What `syncAction` returns; unset means the default hook (which throws). */
  syncActionWith:
    | ((
        thread: ThreadMetadata,
        action: Action,
        sender: WidgetItem | null,
        context: C,
      ) => Promise<SyncCustomActionResponse>)
    | null = null;
  /** What `transcribe` returns; unset means the default hook (which throws). */
  transcribeWith: ((audio: AudioInput, context: C) => Promise<TranscriptionResult>) | null = null;

  readonly respondCalls: RespondCall<C>[] = [];
  readonly actionCalls: ActionCall<C>[] = [];
  readonly syncActionCalls: ActionCall<C>[] = [];
  readonly feedbackCalls: { threadId: string; itemIds: string[]; kind: FeedbackKind; context: C }[] = [];
  readonly transcribeCalls: { audio: AudioInput; context: C }[] = [];
  readonly cancelledCalls: CancelledCall<C>[] = [];
  /** Errors passed to `reportError` (instead of the console). */
  readonly reportedErrors: unknown[] = [];

  private cancelled: Deferred<CancelledCall<C>> = deferred();

  constructor(store: Store<C> = new MemoryStore<C>(), attachmentStore: AttachmentStore<C> | null = null) {
    super(store, attachmentStore);
  }

  /** Resolves once `handleStreamCancelled` has finished (the store writes are done). */
  whenCancelled(): Promise<CancelledCall<C>> {
    return this.cancelled.promise;
  }

  override respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: C,
    options: ResponseOptions,
  ): ResponseStream {
    this.respondCalls.push({ thread, input: input && structuredClone(input), context, options });
    return this.respondWith(thread, input, context, options);
  }

  override action(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    context: C,
    options: ResponseOptions,
  ): ResponseStream {
    this.actionCalls.push({
      thread,
      action: structuredClone(action),
      sender: sender && structuredClone(sender),
      context,
      options,
    });
    return this.actionWith
      ? this.actionWith(thread, action, sender, context, options)
      : super.action(thread, action, sender, context, options);
  }

  override syncAction(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    context: C,
  ): Promise<SyncCustomActionResponse> {
    this.syncActionCalls.push({
      thread,
      action: structuredClone(action),
      sender: sender && structuredClone(sender),
      context,
    });
    return this.syncActionWith
      ? this.syncActionWith(thread, action, sender, context)
      : super.syncAction(thread, action, sender, context);
  }

  override async addFeedback(threadId: string, itemIds: string[], kind: FeedbackKind, context: C): Promise<void> {
    this.feedbackCalls.push({ threadId, itemIds, kind, context });
  }

  override transcribe(audio: AudioInput, context: C): Promise<TranscriptionResult> {
    this.transcribeCalls.push({ audio, context });
    return this.transcribeWith ? this.transcribeWith(audio, context) : super.transcribe(audio, context);
  }

  override async handleStreamCancelled(thread: ThreadMetadata, pendingItems: ThreadItem[], context: C): Promise<void> {
    const call: CancelledCall<C> = {
      thread: structuredClone(thread),
      pendingItems: structuredClone(pendingItems),
      context,
    };
    this.cancelledCalls.push(call);
    await super.handleStreamCancelled(thread, pendingItems, context);
    this.cancelled.resolve(call);
  }

  override reportError(error: unknown, _context: C): void {
    this.reportedErrors.push(error);
  }
}

/** A server over a fresh {@link MemoryStore} and, when asked, a {@link MemoryAttachmentStore}. */
export function createTestServer(options: { attachments?: boolean } = {}): {
  server: TestServer<TestContext>;
  store: MemoryStore<TestContext>;
  attachmentStore: MemoryAttachmentStore<TestContext> | null;
  context: TestContext;
} {
  const store = new MemoryStore<TestContext>();
  const attachmentStore = options.attachments ? new MemoryAttachmentStore<TestContext>() : null;
  return { server: new TestServer(store, attachmentStore), store, attachmentStore, context: testContext() };
}

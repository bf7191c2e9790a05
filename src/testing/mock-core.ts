/**
 * What every mock shares, wherever its server runs (the test process or a worker): the server behind
 * a recording handler, the request and response logs, and the seeding and reading helpers.
 */
import type { Attachment } from '../protocol/attachments.ts';
import type { ThreadItem } from '../protocol/items.ts';
import type { ThreadMetadata } from '../protocol/thread.ts';
import type { UserMessageInput } from '../protocol/input.ts';
import type { ChatKitServer } from '../server/server.ts';
import { createChatKitHandler, type ChatKitHandler, type ChatKitHandlerOptions } from '../http/handler.ts';
import { TestClock } from './determinism/clock.ts';
import { allItems, allThreads, snapshotStore, type ThreadSnapshot } from './fixtures/read.ts';
import {
  seedAttachment,
  seedThread,
  type AttachmentSeed,
  type SeededThread,
  type SeedTarget,
  type ThreadSeed,
} from './fixtures/seed.ts';
import { describeRequest, textOfInput, type RecordedRequest } from './record/requests.ts';
import { ResponseLog, type RecordedResponse } from './record/responses.ts';
import type { Rule } from './script/rules.ts';
import { ScriptedChatKitServer } from './script/scripted-server.ts';

/** The request context: a value, or a function deriving it from each request. */
export type ContextOption<TContext> = TContext | ((request: Request) => TContext | Promise<TContext>);

/** Handler options a mock passes through to `createChatKitHandler` (limits, image previews...). */
export type MockHandlerOptions<TContext> = Omit<ChatKitHandlerOptions<TContext>, 'getContext' | 'basePath'>;

/** What the user sent in one message. */
export interface SentMessage {
  /** The thread it went to; null for the message that created a thread. */
  threadId: string | null;
  /** Its text parts, joined. */
  text: string;
  /** The whole input, as sent (`attachments` holds attachment ids). */
  input: UserMessageInput;
}

/** Options of {@link MockCore}. */
export interface MockCoreOptions<TContext> {
  server: ChatKitServer<TContext>;
  /** The endpoint's path: the handler's base path. */
  basePath: string;
  context?: ContextOption<TContext> | undefined;
  handler?: MockHandlerOptions<TContext> | undefined;
}

/** A server behind a recording handler, with the helpers tests use on it. */
export class MockCore<TContext> {
  /** Every request answered, in order of arrival. */
  readonly requests: RecordedRequest[] = [];
  /** The streamed responses, as they end. */
  readonly log = new ResponseLog();
  /** The server answering. */
  readonly server: ChatKitServer<TContext>;
  /** The handler to serve: records each request, then answers it with the server. */
  readonly handler: ChatKitHandler;
  private readonly contextOption: ContextOption<TContext> | undefined;
  private readonly clock: TestClock;

  constructor(options: MockCoreOptions<TContext>) {
    this.server = options.server;
    this.contextOption = options.context;
    this.clock = options.server instanceof ScriptedChatKitServer ? options.server.clock : new TestClock();
    const contextOption = options.context;
    const inner = createChatKitHandler(options.server, {
      ...options.handler,
      basePath: options.basePath,
      getContext: (request) =>
        typeof contextOption === 'function'
          ? (contextOption as (request: Request) => TContext | Promise<TContext>)(request)
          : (contextOption as TContext),
    });
    this.handler = async (request) => {
      const recorded = await describeRequest(request, options.basePath);
      this.requests.push(recorded);
      return this.log.track(recorded, await inner(request), request.signal);
    };
  }

  /** See {@link ResponseLog.next}. */
  nextResponse(): Promise<RecordedResponse> {
    return this.log.next();
  }

  /** The user's messages, in the order they were sent. */
  sentMessages(): SentMessage[] {
    return sentMessagesOf(this.requests);
  }

  /** Stores a thread and its items (see {@link seedThread}). */
  seedThread(seed: ThreadSeed, context?: TContext): Promise<SeededThread> {
    return seedThread(this.target(context), seed);
  }

  /** Stores an attachment as if uploaded (see {@link seedAttachment}). */
  seedAttachment(seed: AttachmentSeed, context?: TContext): Promise<Attachment> {
    return seedAttachment(this.target(context), seed);
  }

  /** Every stored thread, oldest first. */
  threads(context?: TContext): Promise<ThreadMetadata[]> {
    return allThreads(this.server.store, this.contextFor(context));
  }

  /** Every stored item of a thread, oldest first, hidden ones included. */
  items(threadId: string, context?: TContext): Promise<ThreadItem[]> {
    return allItems(this.server.store, threadId, this.contextFor(context));
  }

  /** The whole store: every thread with its items. */
  snapshot(context?: TContext): Promise<ThreadSnapshot[]> {
    return snapshotStore(this.server.store, this.contextFor(context));
  }

  /** Adds rules ahead of the script's (scripted server only). */
  use(...rules: Rule[]): void {
    this.scripted('use').use(...rules);
  }

  /** Releases a `pause(name)` step (scripted server only). */
  resume(name = 'default'): void {
    this.scripted('resume').resume(name);
  }

  private scripted(what: string): ScriptedChatKitServer<TContext> {
    if (!(this.server instanceof ScriptedChatKitServer)) {
      throw new TypeError(`${what}() needs the scripted server; this mock runs a server of your own.`);
    }
    return this.server as ScriptedChatKitServer<TContext>;
  }

  private target(context: TContext | undefined): SeedTarget<TContext> {
    return {
      store: this.server.store,
      attachmentStore: this.server.attachmentStore,
      clock: this.clock,
      context: this.contextFor(context),
    };
  }

  /** The context for helpers: the one given, else the `context` option when it is a value. */
  private contextFor(context: TContext | undefined): TContext {
    if (context !== undefined) return context;
    return (typeof this.contextOption === 'function' ? undefined : this.contextOption) as TContext;
  }
}

/** The user's messages among `requests`. */
export function sentMessagesOf(requests: readonly RecordedRequest[]): SentMessage[] {
  return requests
    .filter((request) => request.type === 'threads.create' || request.type === 'threads.add_user_message')
    .map((request) => {
      const params = request.params as { thread_id?: string; input: UserMessageInput };
      return { threadId: params.thread_id ?? null, text: textOfInput(params.input), input: params.input };
    });
}

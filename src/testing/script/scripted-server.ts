/**
 * `ScriptedChatKitServer`: a ChatKit server whose assistant follows a script of rules, on stores
 * whose ids and timestamps are the same on every run. The default server of `mockChatKit`.
 */
import type { ResponseEvent } from '../../protocol/events.ts';
import type { ClientToolCallItem, UserMessageItem, WidgetItem } from '../../protocol/items.ts';
import type { Action } from '../../protocol/requests.ts';
import type { ThreadMetadata } from '../../protocol/thread.ts';
import { CustomStreamError, StreamError } from '../../server/errors.ts';
import { ChatKitServer, type ResponseOptions, type ResponseStream } from '../../server/server.ts';
import { TestClock, type TestClockOptions } from '../determinism/clock.ts';
import { SeededIds, type Seed } from '../determinism/seeded-ids.ts';
import { SeededAttachmentStore, SeededMemoryStore, type Determinism } from '../determinism/seeded-store.ts';
import { ECHO, matches, type Rule } from './rules.ts';
import { runSteps, type Continuation } from './run-steps.ts';
import type { Step, Turn } from './steps.ts';
import { PauseGates } from './waits.ts';

/** Options of {@link ScriptedChatKitServer}. */
export interface ScriptedServerOptions {
  /** The rules, tried in order (default none: everything gets the fallback). */
  script?: Rule[] | undefined;
  /** What answers a message no rule matches (default: an echo, `You said: <text>`). */
  fallback?: Step[] | undefined;
  /** Seeds the ids (default 1): the same seed gives the same ids in the same order. */
  seed?: Seed | undefined;
  /** Where the test clock starts and how far it moves per reading (default 2025-01-01, 1 s). */
  clock?: TestClockOptions | undefined;
  /**
   * The endpoint URL, absolute or a path (default `/chatkit`): two-phase upload descriptors and
   * image previews point under it.
   */
  baseUrl?: string | undefined;
}

/**
 * A scripted ChatKit server. Each message (or retry) is answered by the first {@link Rule} that
 * matches it and has uses left, or by the fallback; widget actions by the first action rule. After a
 * client tool call, the steps that followed it answer the page's output. Everything it stores lives
 * in memory, with seeded ids and test-clock timestamps.
 *
 * @typeParam TContext - the request context; the scripted server ignores it.
 */
export class ScriptedChatKitServer<TContext = unknown> extends ChatKitServer<TContext> {
  /** The id sequence behind every id it makes. */
  readonly ids: SeededIds;
  /** The clock behind every timestamp it stores. */
  readonly clock: TestClock;
  /** Errors the server reported that no `error` step asked for (a script or app bug). */
  readonly unexpectedErrors: unknown[] = [];

  private readonly rules: Rule[];
  private readonly fallback: Step[];
  private readonly uses = new Map<Rule, number>();
  private readonly continuations = new Map<string, Continuation & { turn: Turn }>();
  private readonly gates = new PauseGates();

  constructor(options: ScriptedServerOptions = {}) {
    const determinism: Determinism = { ids: new SeededIds(options.seed), clock: new TestClock(options.clock) };
    super(
      new SeededMemoryStore<TContext>(determinism),
      new SeededAttachmentStore<TContext>(determinism, options.baseUrl ?? '/chatkit'),
    );
    this.ids = determinism.ids;
    this.clock = determinism.clock;
    this.rules = [...(options.script ?? [])];
    this.fallback = options.fallback ?? ECHO;
  }

  /** Adds rules that take precedence over the existing ones (like MSW's `use`). */
  use(...rules: Rule[]): void {
    this.rules.unshift(...rules);
  }

  /** Releases one `pause(name)`: the one waiting now, or else the next to arrive. */
  resume(name = 'default'): void {
    this.gates.resume(name);
  }

  override async *respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: TContext,
    options: ResponseOptions,
  ): ResponseStream {
    if (!input) {
      // After a tool output: the steps that followed the call answer it.
      const continuation = await this.continuationFor(thread, context);
      if (continuation) yield* this.run(continuation.steps, continuation.turn, thread, options);
      return;
    }
    const text = input.content.map((part) => part.text).join('');
    const turn = this.turn(thread, { text, input });
    const rule = await this.pick('message', text, turn);
    yield* this.run(rule ? rule.steps : this.fallback, turn, thread, options);
  }

  override async *action(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    _context: TContext,
    options: ResponseOptions,
  ): ResponseStream {
    const turn = this.turn(thread, { action, sender });
    const rule = await this.pick('action', action.type, turn);
    if (!rule) throw new CustomStreamError(`No scripted rule handles the action "${action.type}".`);
    yield* this.run(rule.steps, turn, thread, options);
  }

  /** Keeps errors that `error` steps raise out of the console; collects any other. */
  override reportError(error: unknown, _context: TContext): void {
    if (error instanceof CustomStreamError || error instanceof StreamError) return;
    this.unexpectedErrors.push(error);
    console.error('chatkit-local/testing: the scripted server failed:', error);
  }

  private async *run(
    steps: readonly Step[],
    turn: Turn,
    thread: ThreadMetadata,
    options: ResponseOptions,
  ): AsyncGenerator<ResponseEvent, void, undefined> {
    const rest = yield* runSteps(steps, turn, {
      signal: options.signal,
      newId: (kind) => this.ids.next(kind),
      newCallId: () => this.ids.nextCallId(),
      now: () => this.clock.now(),
      gates: this.gates,
    });
    // Kept until the page answers the call; the turn goes with it so `text` and `input` stay known.
    if (rest) this.continuations.set(rest.itemId, { ...rest, turn: { ...turn, thread } });
  }

  private async pick(on: Rule['on'], subject: string, turn: Turn): Promise<Rule | null> {
    for (const rule of this.rules) {
      if (rule.on !== on) continue;
      const used = this.uses.get(rule) ?? 0;
      if (rule.times !== undefined && used >= rule.times) continue;
      if (!(await matches(rule, subject, turn))) continue;
      this.uses.set(rule, used + 1);
      return rule;
    }
    return null;
  }

  /** The continuation of the thread's newest client tool call, now answered, with its output in the turn. */
  private async continuationFor(
    thread: ThreadMetadata,
    context: TContext,
  ): Promise<(Continuation & { turn: Turn }) | null> {
    const newest = await this.store.loadThreadItems(thread.id, { limit: 20, order: 'desc' }, context);
    const call = newest.data.find(
      (item): item is ClientToolCallItem => item.type === 'client_tool_call' && this.continuations.has(item.id),
    );
    if (!call || call.status !== 'completed') return null;
    const continuation = this.continuations.get(call.id)!;
    this.continuations.delete(call.id);
    return { ...continuation, turn: { ...continuation.turn, thread, toolCall: call, toolOutput: call.output } };
  }

  private turn(thread: ThreadMetadata, parts: Partial<Turn>): Turn {
    return {
      text: '',
      input: null,
      toolCall: null,
      toolOutput: undefined,
      action: null,
      sender: null,
      ...parts,
      thread,
    };
  }
}

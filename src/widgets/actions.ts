/**
 * `defineAction`: typed widget actions, as the Python SDK's `Action[TType, TPayload]` and its
 * `Action.create(payload)`. One definition makes the action config a widget declares and
 * recognises the action when the user triggers it, with `payload` typed as the app declares it.
 */
import { ChatKitRequestError } from '../protocol/errors.ts';
import { formatPath } from '../protocol/parse.ts';
import type { Action } from '../protocol/requests.ts';
import { ActionConfig } from '../protocol/widgets.ts';

/** How a widget action is handled and shown (Python: the keyword arguments of `Action.create`). */
export interface ActionOptions {
  /** `'server'` (the default) sends it to the server; `'client'` hands it to the page's `onAction`. */
  handler?: 'client' | 'server' | undefined;
  /** Which part of the UI shows it loading: `'auto'` (the default), `'none'`, `'self'` or `'container'`. */
  loadingBehavior?: 'auto' | 'none' | 'self' | 'container' | undefined;
  /**
   * True (the default) sends `threads.custom_action` and streams `action()`; false sends
   * `threads.sync_custom_action`, answered by `syncAction()`.
   */
  streaming?: boolean | undefined;
}

/** Checks an action's payload: anything with a zod-style `parse` (a zod schema, say). */
export interface PayloadValidator<TPayload> {
  /** Returns the payload when it is valid; throws otherwise. */
  parse(payload: unknown): TPayload;
}

/** One kind of widget action: its `type`, and what its payload is. Made by {@link defineAction}. */
export interface ActionDefinition<TAction extends Action<string, unknown>> {
  /** The action's `type` on the wire. */
  readonly type: TAction['type'];
  /**
   * The action config a widget declares (`Button({ onClickAction: vote.create({ option: 'a' }) })`),
   * defaults filled in as the protocol's schema defines them. Python: `Action.create(payload, ...)`.
   * @param payload - what the action carries (checked by the validator, when there is one).
   * @param options - how it is handled and shown.
   * @throws whatever the validator throws for an invalid payload.
   */
  create(payload: TAction['payload'], options?: ActionOptions): ActionConfig<TAction['type'], TAction['payload']>;
  /**
   * Whether `action` is this kind: its `type` matches and, when the definition has a validator, its
   * payload passes it. Narrows `action` so that `payload` has the declared type.
   */
  is(action: Action<string, unknown>): action is TAction;
  /**
   * `action` as this kind, its payload checked by the validator (and replaced by what the validator
   * returns, so defaults and transforms apply).
   * @throws {ChatKitRequestError} (400) when the type differs or the payload is invalid.
   */
  parse(action: Action<string, unknown>): TAction;
}

/**
 * Defines a widget action. Declare the payload type (`defineAction<Action<'vote', Vote>>('vote')`)
 * or give a validator, such as a zod schema, to infer it and check it at run time
 * (`defineAction('vote', z.object({ option: z.string() }))`).
 *
 * @param type - the action's `type` on the wire.
 * @param payload - an optional validator for the payload.
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { ChatKitServer, type Action, type ResponseOptions, type ResponseStream, type ThreadMetadata, type UserMessageItem, type WidgetItem, progressUpdate } from 'chatkit-local';
 * import { Button, Card, defineAction } from 'chatkit-local/widgets';
 *
 * const vote = defineAction('vote', z.object({ option: z.enum(['yes', 'no']) }));
 * const card = Card({ children: [Button({ label: 'Yes', onClickAction: vote.create({ option: 'yes' }) })] });
 *
 * class PollServer extends ChatKitServer {
 *   async *respond(_thread: ThreadMetadata, _input: UserMessageItem | null): ResponseStream {}
 *   override async *action(_thread: ThreadMetadata, action: Action, _sender: WidgetItem | null): ResponseStream {
 *     if (vote.is(action)) yield progressUpdate(`Counting a ${action.payload.option} vote`);
 *   }
 * }
 * ```
 */
export function defineAction<TAction extends Action<string, unknown>>(type: TAction['type']): ActionDefinition<TAction>;
export function defineAction<TType extends string, TPayload>(
  type: TType,
  payload: PayloadValidator<TPayload>,
): ActionDefinition<Action<TType, TPayload>>;
export function defineAction(
  type: string,
  validator?: PayloadValidator<unknown>,
): ActionDefinition<Action<string, unknown>> {
  const check = (action: Action<string, unknown>): { ok: true; payload: unknown } | { ok: false; why: string } => {
    if (action.type !== type) return { ok: false, why: `params.action.type: expected "${type}", got "${action.type}"` };
    if (!validator) return { ok: true, payload: action.payload };
    try {
      return { ok: true, payload: validator.parse(action.payload) };
    } catch (error) {
      return { ok: false, why: payloadProblem(error) };
    }
  };
  return {
    type,
    create(payload, options = {}) {
      const checked = validator ? validator.parse(payload) : payload;
      return ActionConfig.parse({ ...options, type, payload: checked ?? null });
    },
    is(action): action is Action<string, unknown> {
      return check(action).ok;
    },
    parse(action) {
      const result = check(action);
      if (!result.ok) throw new ChatKitRequestError(result.why, { field: 'params.action' });
      return { ...action, payload: result.payload };
    },
  };
}

/** The message for a payload the validator refused, naming the field (a zod error's first issue). */
function payloadProblem(error: unknown): string {
  const issues = (error as { issues?: unknown }).issues;
  const first = Array.isArray(issues) ? (issues[0] as { path?: unknown; message?: unknown } | undefined) : undefined;
  if (first && Array.isArray(first.path) && typeof first.message === 'string') {
    const path = formatPath(first.path as PropertyKey[]);
    return `params.action.payload${path ? (path.startsWith('[') ? path : `.${path}`) : ''}: ${first.message}`;
  }
  return `params.action.payload: ${error instanceof Error ? error.message : String(error)}`;
}

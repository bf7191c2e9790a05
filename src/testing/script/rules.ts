/**
 * Rules: which steps answer which input. The first rule that matches (and has uses left) answers;
 * nothing matching falls back to an echo.
 */
import { reply, type Step, type Turn } from './steps.ts';

/**
 * What a rule matches: a string (the whole text, trimmed, exactly), a RegExp (anywhere in the text),
 * or a predicate of the turn.
 */
export type Matcher = string | RegExp | ((turn: Turn) => boolean | Promise<boolean>);

/** Steps to run for the turns a matcher accepts. */
export interface Rule {
  /** `message`: the user's messages (and retries); `action`: widget actions, matched on their `type`. */
  on: 'message' | 'action';
  match: Matcher;
  steps: Step[];
  /** How many turns it answers before later rules get them (default: every turn). */
  times?: number | undefined;
}

/**
 * A rule for the user's messages.
 * @example on('hello', reply('Hi!'))
 * @example on(/weather in (\w+)/, progress('Looking outside'), reply('Sunny.'))
 * @param match - a string (the whole trimmed text), a RegExp, or a predicate of the turn.
 * @param steps - what the assistant does, in order.
 */
export function on(match: Matcher, ...steps: Step[]): Rule {
  return { on: 'message', match, steps };
}

/**
 * A rule that answers one turn only, then lets later rules answer (an error whose retry succeeds:
 * `once('book', error('Busy', { allowRetry: true }))` before `on('book', reply('Booked'))`).
 */
export function once(match: Matcher, ...steps: Step[]): Rule {
  return { on: 'message', match, steps, times: 1 };
}

/**
 * A rule for widget actions (`threads.custom_action`), matched on the action's `type` (a string
 * exactly, a RegExp, or a predicate of the turn, whose `action` and `sender` are set).
 */
export function onAction(match: Matcher, ...steps: Step[]): Rule {
  return { on: 'action', match, steps };
}

/** The default answer to a message no rule matches: `You said: <text>`. */
export const ECHO: Step[] = [reply((turn) => `You said: ${turn.text}`)];

/** Whether `rule` accepts `turn`: `subject` is the text for message rules, the action type for action rules. */
export async function matches(rule: Rule, subject: string, turn: Turn): Promise<boolean> {
  const { match } = rule;
  if (typeof match === 'string') return subject.trim() === match;
  if (match instanceof RegExp) return subject.search(match) !== -1;
  return Boolean(await match(turn));
}

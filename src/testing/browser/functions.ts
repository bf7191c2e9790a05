/**
 * Functions in a script (matchers, computed replies) cannot be copied into a worker. The page keeps
 * them in a table and sends markers instead; the worker turns each marker back into a function that
 * calls the page's one (through a Comlink proxy) and awaits its result.
 */

/** The key of the object that stands for a function in an encoded script. */
const MARK = '__chatkitLocalFunction';

/** A function's stand-in: its index in the page's table. */
export interface FunctionMarker {
  [MARK]: number;
}

/** Calls the page's function at `index` with `args` (arguments and result are copied). */
export type CallFunction = (index: number, args: unknown[]) => Promise<unknown>;

/** Replaces every function inside `value` (arrays and plain objects) by a marker, adding it to `table`. */
export function encodeFunctions<T>(value: T, table: ((...args: unknown[]) => unknown)[]): T {
  if (typeof value === 'function') {
    table.push(value as (...args: unknown[]) => unknown);
    return { [MARK]: table.length - 1 } as T;
  }
  if (Array.isArray(value)) return value.map((entry: unknown) => encodeFunctions(entry, table)) as T;
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, encodeFunctions(entry, table)])) as T;
  }
  return value;
}

/** Replaces every marker inside `value` by a function calling the page's through `call`. */
export function decodeFunctions<T>(value: T, call: CallFunction): T {
  if (Array.isArray(value)) return value.map((entry: unknown) => decodeFunctions(entry, call)) as T;
  if (isPlainObject(value)) {
    if (typeof value[MARK] === 'number') {
      const index = value[MARK];
      return ((...args: unknown[]) => call(index, args)) as T;
    }
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, decodeFunctions(entry, call)])) as T;
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

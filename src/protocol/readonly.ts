/** `DeepReadonly`: the read-only view of a wire type that responders may yield. */

/**
 * `T` with every property and array read-only, all the way down: what `as const` makes of an object
 * literal. A mutable value fits it too, so a type written with it accepts both forms. Functions
 * are left as they are (no wire type holds one).
 */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

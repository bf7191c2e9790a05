/**
 * `assertNever`: the end of a switch that must handle every member of a union, as Python's
 * `typing.assert_never`. When a member has no case the value is not `never` there and `tsc` fails;
 * should a value the types rule out arrive anyway, it throws instead of falling through silently.
 */

/**
 * Marks a point no value can reach once every case is handled.
 * @param value - the switched-on value, narrowed to `never` by the cases above.
 * @param what - what the value is, for the error message (`streaming request type`).
 * @throws {TypeError} always: reaching it at run time means a value the types rule out.
 */
export function assertNever(value: never, what: string): never {
  const type = (value as { type?: unknown } | null)?.type;
  throw new TypeError(`Unhandled ${what}: ${JSON.stringify(type ?? value)}`);
}

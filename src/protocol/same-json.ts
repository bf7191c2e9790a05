/**
 * Equality of JSON values as the wire sees them, for the places that must tell a real change from
 * the same data read again (a thread's tracked fields, a widget's tree, an item reloaded by the UI).
 */

/**
 * Whether two JSON values are equal, as the wire would see them: object key order does not matter,
 * and a null or undefined entry is the same as an absent one.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((value, index) => sameJson(value, other[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key in left) if (!sameJson(left[key], right[key])) return false;
  for (const key in right) if (!(key in left) && right[key] !== null && right[key] !== undefined) return false;
  return true;
}

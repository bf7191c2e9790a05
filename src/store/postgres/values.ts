/** What a value must be for the store to keep it: ids PostgreSQL text can hold, documents JSON can carry. */

/**
 * Whether an id can name a stored row at all. Text in PostgreSQL cannot hold U+0000, so an id with
 * one names nothing: reading it finds nothing, deleting it deletes nothing.
 */
export const storable = (id: string): boolean => !id.includes('\0');

/** The JSON text of a document, or a clear error for a value JSON cannot carry. */
export function jsonOf(value: unknown, what: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new TypeError(`${what} cannot be stored: it is not JSON (${(error as Error).message}).`, { cause: error });
  }
  if (text === undefined) throw new TypeError(`${what} cannot be stored: it is not JSON.`);
  return text;
}

/** Checking and quoting the PostgreSQL schema name a store lives in: the one piece of SQL built from a string. */

/** The schema {@link PostgresStore} uses when none is given. */
export const DEFAULT_SCHEMA = 'chatkit';

/** PostgreSQL truncates longer identifiers to this many bytes, which would silently alias two names. */
const MAX_IDENTIFIER_BYTES = 63;

/**
 * Checks a schema name: letters, digits and `_`, not starting with a digit, at most 63 bytes, and not
 * `pg_…` (reserved for the system). Any other name is refused rather than escaped, so a name from
 * configuration can never carry SQL.
 * @throws {TypeError} naming the `schema` option and what is wrong with it.
 */
export function checkSchemaName(name: unknown): string {
  if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new TypeError(
      `schema: ${JSON.stringify(name)} is not a valid schema name; use letters, digits and "_", not starting with a digit.`,
    );
  }
  if (name.length > MAX_IDENTIFIER_BYTES) {
    throw new TypeError(`schema: "${name}" is ${name.length} characters long; PostgreSQL names are at most 63.`);
  }
  if (/^pg_/i.test(name)) throw new TypeError(`schema: "${name}" starts with "pg_", which PostgreSQL reserves.`);
  return name;
}

/** `name` as a quoted identifier (its case kept). Quotes are doubled, though checked names contain none. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

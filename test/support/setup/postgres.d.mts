/** Types of postgres.mjs, for the TypeScript modules that start a cluster. */
export function findPostgresBin(): string | null;
export function ensurePostgres(): string;

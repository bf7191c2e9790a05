/** Types of postgres.mjs, for the TypeScript modules that start a cluster. */
export function findPostgresBin(): string | null;
export function ensurePostgres(): string;
export const name: string;
export function ensure(): Promise<{ PG_BIN: string }>;

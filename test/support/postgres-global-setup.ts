/**
 * Vitest global set-up of the node project: one throwaway PostgreSQL cluster for the whole run
 * (started in about a second), handed to the test files through `inject('postgres')` and stopped at
 * the end. Each test file isolates itself in schemas of its own (test/support/postgres.ts).
 */
import type { TestProject } from 'vitest/node';
import { startPostgresCluster, type PostgresConnectionInfo } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** How to reach the run's PostgreSQL cluster. */
    postgres: PostgresConnectionInfo;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgresCluster();
  const { connectionString, socketDir, port, user } = cluster;
  project.provide('postgres', { connectionString, socketDir, port, user });
  return () => cluster.stop();
}

/**
 * The store's access to PostgreSQL: a `pg` pool, each call named for its error messages, and one
 * place that turns driver failures into {@link PostgresStoreError}s.
 */
import type { Pool, PoolClient, QueryConfig, QueryResult, QueryResultRow } from 'pg';
import { PostgresStoreError, storeErrorFor } from './errors.ts';

/** Anything that runs one named statement: the pool ({@link Database}), or a transaction's connection ({@link queriesOn}). */
export interface Queryable {
  /** Runs one statement for `operation`; failures become {@link PostgresStoreError}s naming it. */
  query<R extends QueryResultRow>(operation: string, config: QueryConfig): Promise<QueryResult<R>>;
}

/** The statements of one connection (inside a transaction), with failures named as the pool's are. */
export function queriesOn(client: PoolClient): Queryable {
  return {
    async query<R extends QueryResultRow>(operation: string, config: QueryConfig): Promise<QueryResult<R>> {
      try {
        return await client.query<R>(config);
      } catch (error) {
        throw storeErrorFor(error, operation);
      }
    },
  };
}

/** A pool and whether the store made it (and so ends it on close). */
export class Database implements Queryable {
  private closed = false;

  constructor(
    readonly pool: Pool,
    private readonly ownsPool: boolean,
  ) {
    if (ownsPool) {
      // An idle connection the server ends (a restart, pg_terminate_backend) makes the pool emit
      // 'error'; unheard, that would crash the process. The pool has already dropped that
      // connection, and the next query opens a new one, so there is nothing else to do.
      pool.on('error', () => undefined);
    }
  }

  /** Runs one statement (one implicit transaction) for `operation`. */
  async query<R extends QueryResultRow>(operation: string, config: QueryConfig): Promise<QueryResult<R>> {
    this.assertOpen(operation);
    try {
      return await this.pool.query<R>(config);
    } catch (error) {
      throw storeErrorFor(error, operation);
    }
  }

  /**
   * Runs `work` on one connection of the pool, released afterwards (and discarded when it broke).
   * Failures become {@link PostgresStoreError}s for `operation`.
   */
  async withClient<T>(operation: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    this.assertOpen(operation);
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw storeErrorFor(error, operation);
    }
    // Between two queries nobody listens on the client; a connection lost just then must not crash the process.
    const ignore = () => undefined;
    client.on('error', ignore);
    let discard: Error | undefined;
    try {
      return await work(client);
    } catch (error) {
      const failure = storeErrorFor(error, operation);
      // A failure of the driver or the server leaves the connection's state in doubt: releasing with
      // an error makes the pool discard it. The store's own errors (not found, bad input) leave it clean.
      if (failure instanceof PostgresStoreError) discard = failure;
      throw failure;
    } finally {
      client.off('error', ignore);
      client.release(discard);
    }
  }

  /**
   * Runs `work` in a transaction: committed when it resolves, rolled back when it throws.
   * @param begin - the statement that opens it, e.g. `BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY`
   *   for a consistent read of several statements.
   */
  async transaction<T>(operation: string, work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    return this.withClient(operation, async (client) => {
      await client.query(begin);
      try {
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A lost connection cannot roll back, and needs not: the server discards the transaction.
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /** Refuses further calls; ends the pool when the store made it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsPool) await this.pool.end();
  }

  private assertOpen(operation: string): void {
    if (this.closed) {
      throw new PostgresStoreError(`The PostgresStore is closed (while ${operation}); connect a new one to go on.`, {
        operation,
      });
    }
  }
}

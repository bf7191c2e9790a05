/**
 * `PostgresChangeFeed`: live changes across every server process on one database, through
 * PostgreSQL's `LISTEN`/`NOTIFY`. Each process listens on one connection of its own; a change is
 * sent with `pg_notify`, and PostgreSQL hands it to every listening process, this one included, so
 * watchers here and elsewhere hear it the same way, once.
 */
import { createHash } from 'node:crypto';
import { Pool, type PoolClient, type Notification } from 'pg';
import type { ChatKitChange } from '../../protocol/changes.ts';
import { LocalChangeFeed, type ChangeFeed, type ChangeListener } from '../changes/feed.ts';
import { checkSchemaName, DEFAULT_SCHEMA, quoteIdentifier } from './identifiers.ts';

/** Options of {@link PostgresChangeFeed.listen}. */
export interface PostgresChangeFeedOptions {
  /** A PostgreSQL URL; the feed makes a small pool of it and ends it on {@link PostgresChangeFeed.close}. */
  connectionString?: string | undefined;
  /** A `pg` pool of your own (one of its connections is kept for listening); the feed never ends it. */
  pool?: Pool | undefined;
  /** The store's schema (default `chatkit`): stores on other schemas have other channels. */
  schema?: string | undefined;
  /**
   * Called when a change cannot be sent, or the listening connection is lost (it is then opened
   * again; changes sent meanwhile are missed, so watchers should reload what they show when their
   * watch is restarted). Default: ignore.
   */
  onError?: ((error: unknown) => void) | undefined;
}

/** How long to wait before listening again after the connection was lost. */
const RECONNECT_DELAY_MS = 1000;

/** A notification's payload: the scope and the change, as short keys (NOTIFY allows 8000 bytes). */
interface Payload {
  s: string;
  c: ChatKitChange;
}

/**
 * A {@link ChangeFeed} across processes sharing a PostgreSQL database: give it to `withChanges`
 * around each process's `PostgresStore`.
 *
 * @example
 * ```ts
 * import { withChanges } from 'chatkit-local';
 * import { PostgresChangeFeed, PostgresStore } from 'chatkit-local/postgres';
 *
 * const connectionString = process.env.DATABASE_URL;
 * const feed = await PostgresChangeFeed.listen({ connectionString });
 * const store = withChanges(await PostgresStore.connect<{ userId: string }>({ connectionString, scope: (c) => c.userId }), { feed });
 * ```
 */
export class PostgresChangeFeed implements ChangeFeed {
  private readonly local = new LocalChangeFeed();
  /** Sends one at a time, so that changes reach the other processes in the order they were made. */
  private sending: Promise<void> = Promise.resolve();
  private client: PoolClient | null = null;
  private closed = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
    private readonly channel: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  /**
   * Connects and starts listening; resolves once changes from any process are being heard.
   * @throws {TypeError} for an invalid `schema`, or both `connectionString` and `pool`.
   * @throws the driver's error when the database cannot be reached.
   */
  static async listen(options: PostgresChangeFeedOptions = {}): Promise<PostgresChangeFeed> {
    const schema = checkSchemaName(options.schema ?? DEFAULT_SCHEMA);
    if (options.pool && options.connectionString !== undefined) {
      throw new TypeError('PostgresChangeFeed: pass either connectionString or pool, not both.');
    }
    const pool =
      options.pool ??
      new Pool({
        max: 2,
        ...(options.connectionString === undefined ? {} : { connectionString: options.connectionString }),
      });
    if (!options.pool) pool.on('error', () => undefined);
    const feed = new PostgresChangeFeed(pool, !options.pool, channelFor(schema), options.onError ?? (() => {}));
    try {
      await feed.startListening();
    } catch (error) {
      if (!options.pool) await pool.end().catch(() => undefined);
      throw error;
    }
    return feed;
  }

  publish(scope: string, change: ChatKitChange): void {
    if (this.closed) return;
    const payload: Payload = { s: scope, c: change };
    this.sending = this.sending
      .then(() => this.pool.query('SELECT pg_notify($1, $2)', [this.channel, JSON.stringify(payload)]))
      .then(
        () => undefined,
        (error: unknown) => this.onError(error),
      );
  }

  subscribe(scope: string, listener: ChangeListener): () => void {
    return this.local.subscribe(scope, listener);
  }

  /** Resolves once every change published so far has been sent (for an orderly shutdown). */
  async flush(): Promise<void> {
    await this.sending;
  }

  /** Stops listening and sending; ends the pool when the feed made it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.sending;
    const client = this.client;
    this.client = null;
    if (client) {
      await client.query(`UNLISTEN ${quoteIdentifier(this.channel)}`).catch(() => undefined);
      client.release();
    }
    if (this.ownsPool) await this.pool.end();
  }

  private async startListening(): Promise<void> {
    const client = await this.pool.connect();
    const onNotification = (message: Notification) => this.deliver(message);
    const onError = (error: unknown) => {
      client.off('notification', onNotification);
      client.off('error', onError);
      client.release(error instanceof Error ? error : new Error(String(error)));
      if (this.client === client) this.client = null;
      this.onError(error);
      this.scheduleReconnect();
    };
    client.on('notification', onNotification);
    client.on('error', onError);
    try {
      await client.query(`LISTEN ${quoteIdentifier(this.channel)}`);
    } catch (error) {
      client.off('notification', onNotification);
      client.off('error', onError);
      client.release(error instanceof Error ? error : true);
      throw error;
    }
    if (this.closed) {
      client.release();
      return;
    }
    this.client = client;
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.closed) return;
      this.startListening().catch((error: unknown) => {
        this.onError(error);
        this.scheduleReconnect();
      });
    }, RECONNECT_DELAY_MS);
    // A server waiting to listen again must not keep a process alive that has nothing else to do.
    (this.reconnectTimer as { unref?: () => void }).unref?.();
  }

  private deliver(message: Notification): void {
    if (message.channel !== this.channel || !message.payload) return;
    let payload: Partial<Payload>;
    try {
      payload = JSON.parse(message.payload) as Partial<Payload>;
    } catch {
      return;
    }
    if (typeof payload.s === 'string' && payload.c) this.local.publish(payload.s, payload.c);
  }
}

/**
 * The channel of a schema's changes. Channel names are identifiers (at most 63 bytes): a long schema
 * name is replaced by its hash rather than truncated, which could make two schemas share a channel.
 */
function channelFor(schema: string): string {
  const channel = `chatkit_changes_${schema}`;
  if (channel.length <= 63) return channel;
  return `chatkit_changes_${createHash('sha256').update(schema).digest('hex').slice(0, 40)}`;
}

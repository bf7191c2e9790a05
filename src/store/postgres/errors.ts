/** What a {@link PostgresStore} says when PostgreSQL fails: one error type whose message says what happened and what to do. */
import { ChatKitRequestError } from '../../protocol/errors.ts';
import { NotFoundError } from '../errors.ts';

/**
 * A PostgreSQL failure, told in terms of what the store was doing. `code` is PostgreSQL's SQLSTATE
 * (`57014` for a statement timeout, `23505` for a unique violation...) when the server sent one;
 * `cause` is the original error from `pg`.
 */
export class PostgresStoreError extends Error {
  override readonly name = 'PostgresStoreError';
  /** PostgreSQL's SQLSTATE, when the server sent one. */
  readonly code: string | undefined;
  /** What the store was doing (`saving item msg_1 of thread thr_1`). */
  readonly operation: string;

  constructor(message: string, options: { operation: string; code?: string | undefined; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.operation = options.operation;
    this.code = options.code;
  }
}

/** The fields of a `pg` DatabaseError (or socket error) that the messages use. */
interface DriverError {
  message: string;
  code?: string;
  constraint?: string;
  detail?: string;
}

/** Errors meaning no connection could be made: nothing listens there, a wrong name, or credentials refused. */
const CONNECT_FAILED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENOENT', '28P01', '28000', '3D000']);

/** Errors meaning the connection is gone: the server ended it, or the network did. */
const CONNECTION_LOST_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
const CONNECTION_LOST_MESSAGE = /Connection terminated|connection error|not queryable|Connection ended/i;

/** Whether `error` says the connection to PostgreSQL was lost (or could not be made). */
export function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as DriverError).code ?? '';
  return CONNECTION_LOST_CODES.has(code) || code.startsWith('08') || CONNECTION_LOST_MESSAGE.test(error.message);
}

/**
 * The error to raise for a failure while doing `operation`: the store's own errors (not found, bad
 * input) unchanged; anything from PostgreSQL or the network as a {@link PostgresStoreError} whose
 * message says what happened to the data and what to do.
 */
export function storeErrorFor(error: unknown, operation: string): Error {
  if (
    error instanceof NotFoundError ||
    error instanceof ChatKitRequestError ||
    error instanceof PostgresStoreError ||
    error instanceof TypeError
  ) {
    return error;
  }
  const driver = (error instanceof Error ? error : new Error(String(error))) as DriverError;
  const code = driver.code;
  const make = (message: string) =>
    new PostgresStoreError(message, {
      operation,
      code: code && /^[0-9A-Z]{5}$/.test(code) ? code : undefined,
      cause: error,
    });
  if (CONNECT_FAILED_CODES.has(code ?? '')) {
    return make(
      `Could not connect to PostgreSQL while ${operation} (${driver.message}). Check the connection string, and that the server is running and accepts this user.`,
    );
  }
  if (isConnectionLost(error)) {
    return make(
      `The connection to PostgreSQL was lost while ${operation} (${driver.message}). Check that the database is reachable, then retry: the store's writes are upserts, so repeating one is safe.`,
    );
  }
  switch (code) {
    case '57014':
      return make(
        `PostgreSQL cancelled ${operation} (${driver.message}); the statement was rolled back, so nothing of it was saved.`,
      );
    case '23505':
    case '23514':
    case '23P01':
      return make(
        `${capitalise(operation)} broke the constraint ${driver.constraint ?? '(unnamed)'}${driver.detail ? ` (${driver.detail})` : ''}; nothing of it was saved.`,
      );
    case '40001':
    case '40P01':
      return make(
        `${capitalise(operation)} lost a conflict with a concurrent transaction (${driver.message}); nothing of it was saved, retry.`,
      );
    case '53100':
      return make(`PostgreSQL's disk is full: ${operation} could not be saved. Free space on the database server.`);
    case '22021':
    case '22P05':
      return make(
        `${capitalise(operation)} failed: PostgreSQL cannot store a character of it in a text column (${driver.message}).`,
      );
    default:
      return make(`${capitalise(operation)} failed: ${driver.message}${code ? ` (SQLSTATE ${code})` : ''}.`);
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

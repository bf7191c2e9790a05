/**
 * A throwaway PostgreSQL cluster for the tests and the bench: `initdb` into a temporary directory, a
 * server on a free port of 127.0.0.1 (and a unix socket in that directory), stopped and deleted at the
 * end. Never the system service. initdb refuses to run as root, so as root everything runs as the
 * `postgres` user (created by Debian's package), in a directory that user owns.
 */
import { execFile, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensurePostgres } from './setup/postgres.mjs';

const run = promisify(execFile);

/** How to reach a running cluster: plain values, so they can be handed to test workers and child processes. */
export interface PostgresConnectionInfo {
  /** `postgresql://user@127.0.0.1:port/postgres` (trust authentication: no password). */
  connectionString: string;
  /** The directory of the unix socket. */
  socketDir: string;
  port: number;
  /** The cluster's superuser. */
  user: string;
}

/** A running throwaway cluster. */
export interface PostgresCluster extends PostgresConnectionInfo {
  /** Stops the server and deletes its directory. */
  stop(): Promise<void>;
}

/** The cluster's superuser: not `postgres`, so nothing here can be mistaken for the system service's. */
const SUPERUSER = 'chatkit';

/** A TCP port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Runs `program` from `bin` as `user` (through runuser when that is not who we are). */
async function runAs(user: string | null, bin: string, program: string, args: string[]): Promise<void> {
  const [command, commandArgs] = user
    ? ['runuser', ['-u', user, '--', join(bin, program), ...args]]
    : [join(bin, program), args];
  try {
    await run(command, commandArgs, { env: { ...process.env, LC_ALL: 'C' } });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${program} failed: ${(error as Error).message}\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
}

/** The uid and gid of `user`. */
async function idsOf(user: string): Promise<{ uid: number; gid: number }> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch (cause) {
    throw new Error(
      `initdb refuses to run as root, and there is no "${user}" user to run it as (Debian's postgresql package creates it).`,
      { cause },
    );
  }
}

/**
 * A detached process that stops the cluster and deletes its directory when this process ends, however it
 * ends (an interrupted run, a killed test runner), so no server is left behind. It learns of the end
 * when its stdin, a pipe from this process, closes: no polling. After a normal stop it finds nothing to do.
 */
function startWatchdog(runUser: string | null, bin: string, data: string, dir: string): void {
  const pgCtl = join(bin, 'pg_ctl');
  const stop = runUser ? ['runuser', '-u', runUser, '--', pgCtl] : [pgCtl];
  const script = `
    const { spawnSync } = require('node:child_process');
    const { rmSync } = require('node:fs');
    const [command, ...args] = JSON.parse(process.argv[1]);
    process.stdin.on('close', () => {
      spawnSync(command, [...args, '--pgdata', process.argv[2], '--mode', 'immediate', '--wait', 'stop'], { stdio: 'ignore' });
      rmSync(process.argv[3], { recursive: true, force: true });
    });
    process.stdin.resume();`;
  const watchdog = spawn(process.execPath, ['-e', script, JSON.stringify(stop), data, dir], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  // Neither the watchdog nor its pipe may keep this process alive.
  watchdog.unref();
  (watchdog.stdin as unknown as { unref(): void }).unref();
}

/**
 * Starts a cluster tuned for tests (no fsync: the data is thrown away) and returns how to reach it.
 * Installs Debian's postgresql first when its binaries are missing and we are root.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = ensurePostgres();
  const runUser = userInfo().uid === 0 ? 'postgres' : null;
  const dir = mkdtempSync(join(tmpdir(), 'chatkit-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  try {
    if (runUser) {
      const { uid, gid } = await idsOf(runUser);
      chownSync(dir, uid, gid);
    }
    await runAs(runUser, bin, 'initdb', [
      '--pgdata',
      data,
      '--username',
      SUPERUSER,
      '--auth',
      'trust',
      '--encoding',
      'UTF8',
      '--locale',
      'C',
      '--no-sync',
      '--no-instructions',
    ]);
    const port = await freePort();
    const settings = [
      `-p ${port}`,
      `-k '${dir}'`,
      "-c listen_addresses='127.0.0.1'",
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ];
    startWatchdog(runUser, bin, data, dir);
    await runAs(runUser, bin, 'pg_ctl', [
      '--pgdata',
      data,
      '--log',
      log,
      '--wait',
      '--options',
      settings.join(' '),
      'start',
    ]);
    let stopped = false;
    return {
      connectionString: `postgresql://${SUPERUSER}@127.0.0.1:${port}/postgres`,
      socketDir: dir,
      port,
      user: SUPERUSER,
      async stop() {
        if (stopped) return;
        stopped = true;
        try {
          await runAs(runUser, bin, 'pg_ctl', ['--pgdata', data, '--mode', 'immediate', '--wait', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    let serverLog = '';
    try {
      serverLog = readFileSync(log, 'utf8');
    } catch {
      // The server never got as far as writing a log.
    }
    rmSync(dir, { recursive: true, force: true });
    throw serverLog ? new Error(`${(error as Error).message}\nserver log:\n${serverLog}`, { cause: error }) : error;
  }
}

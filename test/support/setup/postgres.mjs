// PostgreSQL for the tests and the bench: where its server binaries are, and installing Debian's
// `postgresql` package when they are missing (as root, as CI runs). The tests start their own
// throwaway cluster from these binaries (test/support/postgres-cluster.ts); the system service is never used.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The programs a throwaway cluster needs. */
const PROGRAMS = ['initdb', 'pg_ctl', 'postgres'];

const hasPrograms = (dir) => PROGRAMS.every((program) => existsSync(join(dir, program)));

/**
 * The directory holding PostgreSQL's server binaries: `PG_BIN` when set, else the newest
 * `/usr/lib/postgresql/<version>/bin` (Debian's layout), else what `pg_config --bindir` says; null if none.
 */
export function findPostgresBin() {
  if (process.env.PG_BIN) return hasPrograms(process.env.PG_BIN) ? process.env.PG_BIN : null;
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot)
      .filter((name) => /^\d+(\.\d+)?$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const dir = join(debianRoot, version, 'bin');
      if (hasPrograms(dir)) return dir;
    }
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (dir && hasPrograms(dir)) return dir;
  } catch {
    // No pg_config on the PATH: nothing more to look at.
  }
  return null;
}

/**
 * Makes sure PostgreSQL's server binaries are there, installing Debian's `postgresql` with apt-get
 * when they are not and we are root. Returns their directory.
 * @throws {Error} saying what to install when they are missing and cannot be installed here.
 */
export function ensurePostgres() {
  const found = findPostgresBin();
  if (found) return found;
  const howTo =
    "Install PostgreSQL's server (Debian: apt-get install postgresql) or set PG_BIN to the directory holding initdb, pg_ctl and postgres.";
  if (process.env.PG_BIN) throw new Error(`PG_BIN=${process.env.PG_BIN} has no ${PROGRAMS.join(', ')}. ${howTo}`);
  if (process.getuid?.() !== 0) throw new Error(`PostgreSQL's server binaries were not found. ${howTo}`);
  console.log("Installing Debian's postgresql (no PostgreSQL server binaries found)...");
  const log = join(mkdtempSync(join(tmpdir(), 'chatkit-apt-')), 'apt.log');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'],
  ]) {
    const result = spawnSync('apt-get', args, { env, encoding: 'utf8' });
    writeFileSync(log, `${result.stdout ?? ''}${result.stderr ?? ''}`, { flag: 'a' });
    if (result.status !== 0) {
      console.error(readFileSync(log, 'utf8'));
      throw new Error(`apt-get ${args.join(' ')} failed${result.error ? `: ${result.error.message}` : ''}. ${howTo}`);
    }
  }
  const installed = findPostgresBin();
  if (!installed) throw new Error(`apt-get installed postgresql, but its binaries were not found. ${howTo}`);
  return installed;
}

/** What this prerequisite is called in `npm test`'s output. */
export const name = 'PostgreSQL';

/** `npm test`'s prerequisite hook: finds (or installs) the binaries and hands their directory on in PG_BIN. */
export async function ensure() {
  return { PG_BIN: ensurePostgres() };
}

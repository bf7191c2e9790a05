// Chromium for the browser tests, Playwright and the benchmarks: where it is, how to launch it, and
// getting one when the machine has none. `npm test` calls `ensure()` first (test/support/run-all.mjs)
// and hands the path on in CHROMIUM_PATH; the configs read it through `findChromium()`
// (test/support/chromium.ts).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';

/** What this prerequisite is called in `npm test`'s output. */
export const name = 'Chromium';

/**
 * Flags for headless runs, as root, on a machine with no network but loopback: without the
 * background-networking flags Chromium keeps trying to reach update and sync hosts.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** System browsers, by path and by name on PATH, in the order they are tried. */
const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];
const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

const isExecutable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Each place a Chromium may already be, in order: [where it came from, its path]. */
function candidates() {
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => SYSTEM_NAMES.map((binary) => join(dir, binary)));
  return [
    ...SYSTEM_PATHS.map((path) => ['system', path]),
    ...onPath.map((path) => ['system (PATH)', path]),
    ['Playwright cache', chromium.executablePath()],
  ];
}

/**
 * The Chromium to launch, without installing anything: CHROMIUM_PATH when set, else a system
 * Chromium or Chrome, else Playwright's own download. Null when there is none.
 */
export function findChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return candidates().find(([, path]) => isExecutable(path))?.[1] ?? null;
}

/** True when `path` starts and prints a version (a leftover wrapper, such as a snap shim, does not). */
function runs(path) {
  // A wrapper that hangs (a snap shim waiting for snapd) must not hang the test command: it counts as not running.
  const result = spawnSync(path, ['--version', ...chromiumArgs], { encoding: 'utf8', timeout: 30_000 });
  return result.status === 0 && /\d+\.\d+/.test(result.stdout);
}

/** Runs a shell command; its output goes to a log file, shown only when it fails. */
function install(description, command) {
  console.log(`${name}: ${description}...`);
  const log = join(mkdtempSync(join(tmpdir(), 'chatkit-local-setup-')), 'install.log');
  const result = spawnSync('sh', ['-c', `{ ${command}; } >"${log}" 2>&1`], { stdio: 'inherit' });
  if (result.status === 0) return true;
  console.log(readFileSync(log, 'utf8').split('\n').slice(-15).join('\n'));
  console.log(`${name}: ${description} failed (exit ${result.status}).`);
  return false;
}

const APT_INSTALL =
  'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium';
const PLAYWRIGHT_CLI = fileURLToPath(new URL('../../../node_modules/playwright/cli.js', import.meta.url));

/** This machine, as ensure() sees it (a test passes another). */
export const machine = {
  env: process.env,
  candidates,
  /** True when `path` is an executable that starts and prints a version. */
  works: (path) => isExecutable(path) && runs(path),
  /** Root on Debian or a derivative: Debian's package can be installed. */
  canUseApt: () => process.getuid?.() === 0 && existsSync('/etc/debian_version') && isExecutable('/usr/bin/apt-get'),
  installWithApt: () => install("installing Debian's chromium with apt-get", APT_INSTALL),
  installWithPlaywright: () =>
    install("downloading Playwright's Chromium", `"${process.execPath}" "${PLAYWRIGHT_CLI}" install chromium`),
  playwrightChromium: () => chromium.executablePath(),
  log: (message) => console.log(`${name}: ${message}`),
};

/**
 * Finds a usable Chromium or gets one, in this order: CHROMIUM_PATH; a system Chromium or Chrome;
 * Playwright's browser cache; Debian's package through apt-get when running as root; Playwright's
 * own download (`playwright install chromium`, where the network allows). Resolves with the
 * variables the test runners need (`CHROMIUM_PATH`); throws with what to do when all fail.
 */
export async function ensure(on = machine) {
  const chosen = (path, from) => {
    on.log(`${path} (${from})`);
    return { CHROMIUM_PATH: path };
  };
  const wanted = on.env.CHROMIUM_PATH;
  if (wanted) {
    if (on.works(wanted)) return chosen(wanted, 'CHROMIUM_PATH');
    throw new Error(`CHROMIUM_PATH=${wanted} does not start. Point it at a Chromium or Chrome binary, or unset it.`);
  }
  const found = on.candidates().find(([, path]) => on.works(path));
  if (found) return chosen(found[1], found[0]);
  if (on.canUseApt() && on.installWithApt() && on.works('/usr/bin/chromium')) {
    return chosen('/usr/bin/chromium', 'installed with apt-get');
  }
  if (on.installWithPlaywright() && on.works(on.playwrightChromium())) {
    return chosen(on.playwrightChromium(), 'downloaded by Playwright');
  }
  throw new Error(
    [
      'no Chromium to run the browser tests in, and none could be installed.',
      'Install one and run `npm test` again:',
      '  Debian/Ubuntu: sudo apt-get install chromium',
      '  anywhere with internet: npx playwright install chromium',
      '  or point CHROMIUM_PATH at a Chromium or Chrome binary.',
    ].join('\n'),
  );
}

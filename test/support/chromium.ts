/**
 * Where Chromium lives and how to launch it, shared by the vitest browser project, Playwright and the
 * benchmarks. Debian's `/usr/bin/chromium` by default; `CHROMIUM_PATH` points elsewhere.
 */
export const chromiumExecutablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Flags for headless runs as root on a machine with no network but loopback: without the
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

/**
 * Where Chromium lives and how to launch it, shared by the vitest browser project, Playwright and the
 * benchmarks. The lookup and the flags live in setup/chromium.mjs, which `npm test` also runs first to
 * find or install one (it then sets CHROMIUM_PATH, which wins here).
 */
import { chromiumArgs, findChromium } from './setup/chromium.mjs';

export { chromiumArgs };

/** CHROMIUM_PATH, else the first Chromium found; Debian's path when there is none (the launch then says so). */
export const chromiumExecutablePath = findChromium() ?? '/usr/bin/chromium';

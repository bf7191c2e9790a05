/** Types of chromium.mjs (plain JavaScript, so that `npm test` can run it before anything is built). */

/** What this prerequisite is called in `npm test`'s output. */
export declare const name: string;

/** Flags for headless runs as root on a machine with no network but loopback. */
export declare const chromiumArgs: string[];

/** CHROMIUM_PATH, else a system Chromium or Chrome, else Playwright's download; null when none is there. */
export declare function findChromium(): string | null;

/** What ensure() asks of the machine: where browsers may be, whether they start, how to install one. */
export interface Machine {
  env: Record<string, string | undefined>;
  /** Places a Chromium may already be, in order: [where from, path]. */
  candidates(): [string, string][];
  works(path: string): boolean;
  canUseApt(): boolean;
  installWithApt(): boolean;
  installWithPlaywright(): boolean;
  playwrightChromium(): string;
  log(message: string): void;
}

/** This machine. */
export declare const machine: Machine;

/** Finds or installs a usable Chromium; resolves with `{ CHROMIUM_PATH }`, throws with what to do. */
export declare function ensure(on?: Machine): Promise<Record<string, string>>;

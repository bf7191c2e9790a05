/** The bench page: serves the page suites to `run.mjs` on `window.chatkitBench`. */
import { pageSuites } from './cases/page-suites.ts';
import { createHost } from './host.ts';
import type { BenchHost } from './types.ts';

declare global {
  interface Window {
    chatkitBench?: BenchHost;
  }
}

window.chatkitBench = createHost(pageSuites);

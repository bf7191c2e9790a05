/**
 * End-to-end tests of the demo against its production build (`vite build` + `vite preview`), made
 * from the compiled package (`npm run build:lib`), in Debian's Chromium (see test/support/chromium.ts).
 */
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumExecutablePath } from './test/support/chromium.ts';

/** Override with E2E_PORT to run two checkouts' suites side by side. */
const PORT = Number(process.env.E2E_PORT ?? 4317);
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: true,
  workers: 2,
  timeout: 30_000,
  // Playwright's default 5 s: a page waiting on its worker can take longer than that when several
  // suites share the machine's two cores. A few tests that need more say why where they raise it.
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  // The JSON reporter writes to PLAYWRIGHT_JSON_OUTPUT_NAME when set (npm test sets it).
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/e2e-report.json' }],
  ],
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: chromiumExecutablePath, args: chromiumArgs },
    viewport: { width: 1280, height: 820 },
    // Traces are written while a test runs; keep them for debugging only (E2E_TRACE=1).
    trace: process.env.E2E_TRACE ? 'retain-on-failure' : 'off',
  },
  projects: [
    { name: 'demo' },
    // chatkit-local/testing driving a sample app (test/sample-app) with no server of its own.
    { name: 'testing-kit', testDir: 'test/e2e-kit', use: { baseURL: 'http://sample-app.test' } },
  ],
  webServer: {
    // The demo is built against the compiled package (dist-lib/, as users install it), with source
    // maps: test/e2e/built-package.spec.ts reads them to check that no module came from src/.
    command: `npm run --silent build:lib && npx vite build --sourcemap && npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    env: { CHATKIT_LOCAL_BUILT: '1' },
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    // The package and a production build of the demo come first (up to two minutes each on a busy machine).
    timeout: 240_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});

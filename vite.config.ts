import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import type { BrowserCommand } from 'vitest/node';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, chromiumExecutablePath } from './test/support/chromium.ts';

/**
 * The demo may be framed only by its own origin: a page elsewhere could otherwise overlay it and
 * trick a user into clicking (clickjacking). A static host must send the same headers (see SECURITY.md).
 */
const FRAME_HEADERS = { 'X-Frame-Options': 'SAMEORIGIN', 'Content-Security-Policy': "frame-ancestors 'self'" };

/** `src/`, where `chatkit-local/...` points inside this repository (package.json's exports point at dist-lib/). */
const sources = fileURLToPath(new URL('./src/', import.meta.url));

/**
 * With CHATKIT_LOCAL_BUILT=1, `chatkit-local/...` points at the compiled package instead (`dist-lib/`,
 * made by `npm run build:lib`): the end-to-end suite builds the demo so, to test what users install.
 * `npm run demo` and vitest stay on the sources.
 */
const packageFiles =
  process.env.CHATKIT_LOCAL_BUILT === '1'
    ? { dir: fileURLToPath(new URL('./dist-lib/', import.meta.url)), ext: '.js' }
    : { dir: sources, ext: '.ts' };

/** The Node half of test/browser/move-to-server.test.ts, loaded through Vite only when a test calls it. */
const moveToPostgres: BrowserCommand<[string, string, { threadId: string; attachmentId: string }]> = async (
  context,
  ...args
) => {
  const module = await context.project.import<typeof import('./test/browser/support/postgres-move.node.ts')>(
    '/test/browser/support/postgres-move.node.ts',
  );
  return module.moveToPostgres(context, ...args);
};

export default defineConfig({
  server: { headers: FRAME_HEADERS },
  preview: { headers: FRAME_HEADERS },
  resolve: {
    alias: [
      { find: /^chatkit-local$/, replacement: `${packageFiles.dir}index${packageFiles.ext}` },
      { find: /^chatkit-local\/(.+)$/, replacement: `${packageFiles.dir}$1${packageFiles.ext}` },
    ],
  },
  worker: { format: 'es' },
  // Pre-bundled up front: a dependency Vite discovers in the middle of a browser test run makes it
  // reload the page, which fails the tests running in it.
  optimizeDeps: {
    include: ['comlink', 'idb', 'zod', '@openai/agents', 'openai', '@huggingface/jinja', 'markdown-it'],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
          // One throwaway PostgreSQL cluster for the run (the Postgres store's tests).
          globalSetup: ['test/support/postgres-global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          // The browser-to-server move test imports a page's export into PostgreSQL on the Node side.
          globalSetup: ['test/support/postgres-global-setup.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: chromiumExecutablePath, args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
            // Node-side steps a browser test calls through `commands` from 'vitest/browser'.
            commands: { moveToPostgres },
          },
        },
      },
    ],
  },
});

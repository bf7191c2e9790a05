/**
 * The package checks (`npm run test:package`, part of `npm test`): chatkit-local as a user gets it,
 * from the tarball `npm pack` makes, installed into a consumer project outside the repository.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../../', import.meta.url)),
    include: ['test/package/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/package/global-setup.ts'],
    // Installing, type checking against the Agents SDK's declarations and bundling take seconds to
    // minutes on a busy machine; a check that hangs still fails.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});

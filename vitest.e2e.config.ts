import { defineConfig } from 'vitest/config';

/**
 * Browser tests (`pnpm test:e2e`): the real API serving the built app (apps/web/dist), driven by
 * Debian's chromium. On PGlite by default; on PostgreSQL when TEST_DATABASE_URL is set.
 */
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['apps/web/e2e/**/*.e2e.test.ts'],
    // Loads the demo data once; each file's server starts on a copy of it (apps/web/e2e/api-server.ts).
    globalSetup: ['apps/web/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});

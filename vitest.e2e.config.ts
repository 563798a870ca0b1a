import { defineConfig } from 'vitest/config';

/** End-to-end tests: the built app in headless Chromium, one file at a time (the machine has 2 cores). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/globalSetup.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    pool: 'forks',
  },
});

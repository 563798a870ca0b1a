import { defineConfig } from 'vitest/config';

/**
 * Runs bench/scale/*.probe.ts (measurements, not tests) with Vitest's module resolution, which loads the
 * training worker's modules in Node as the unit tests do: `npx vitest run --config bench/scale/probe.config.ts`.
 */
export default defineConfig({
  test: {
    include: ['bench/scale/*.probe.ts'],
    environment: 'node',
    testTimeout: 1_800_000,
    pool: 'forks',
  },
});

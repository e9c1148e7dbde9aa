import { defineConfig } from 'vitest/config';

/** Firefox layer: the built Firefox extension driven in Firefox ESR over WebDriver BiDi. One browser per file. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/e2e/**/*.firefox.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

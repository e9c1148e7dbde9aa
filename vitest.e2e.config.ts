import { defineConfig } from 'vitest/config';

/** Build and browser layer: reads the built extension and drives it in Chromium. One browser per file. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/build/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    exclude: ['test/e2e/**/*.firefox.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

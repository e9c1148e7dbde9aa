import { defineConfig } from 'vitest/config';

/** Simulator layer: the KSeF twin, the provider reference server and the AP replica, in Node. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/sim/**/*.test.ts'],
    testTimeout: 30_000,
  },
});

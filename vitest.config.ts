import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', 'tests/kernel/**'],
    // Property tests run hundreds of cases; on a busy 2-core machine the 5 s default cuts them off.
    // This is a hang guard, not a performance assertion (benchmarks measure speed).
    testTimeout: 30_000,
  },
});

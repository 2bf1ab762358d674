import { defineConfig } from 'vitest/config';

// The kernel conformance suite (tests/kernel, docs/kernel-suite.md): real network namespaces,
// so one file at a time, one case at a time, with long timeouts. Needs root; without it the
// suite prints "KERNEL SUITE SKIPPED: <reason>" and passes.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/kernel/**/*.test.ts'],
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 180_000,
    hookTimeout: 900_000,
    teardownTimeout: 60_000,
  },
});

/**
 * End-to-end tests against the BUILT app (`vite build`, then `vite preview`), in Debian's
 * Chromium or whichever one scripts/ensure-chromium.mjs found (the same resolver).
 */
import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './e2e/chromium-path.mjs';

// Several checkouts (git worktrees) may run the suite on one machine: each picks its own port.
const PORT = Number(process.env.HOPSCOPE_E2E_PORT ?? 4173);
const chromium = findChromium();

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 720 },
    // Determinism: the token jumps instead of tweening.
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
    launchOptions: {
      ...(chromium ? { executablePath: chromium.path } : {}),
      // Without the background-networking flags Chromium keeps dialling out, which this closed network refuses.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});

// Finds a Chromium that runs. Shared by scripts/ensure-chromium.mjs (which may install one)
// and playwright.config.ts (which launches it), so both agree on the same executable.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import process from 'node:process';

/** Where to look, in order: an explicit choice, Debian's packages, Playwright's own download. */
export function chromiumCandidates() {
  const list = [];
  if (process.env.HOPSCOPE_CHROMIUM) list.push(process.env.HOPSCOPE_CHROMIUM);
  list.push('/usr/bin/chromium', '/usr/bin/chromium-browser');
  try {
    // Playwright's downloaded browser, if someone ran `npx playwright install chromium`.
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core');
    const bundled = chromium.executablePath();
    if (bundled) list.push(bundled);
  } catch {
    // playwright-core missing or no browser registry: nothing to add.
  }
  return list;
}

/** The version line of a Chromium, or null when it does not start. */
export function chromiumVersion(path) {
  if (!existsSync(path)) return null;
  try {
    const out = execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 });
    const line = out.trim().split('\n').pop();
    return line || null;
  } catch {
    return null;
  }
}

/** The first candidate that runs, or null. */
export function findChromium() {
  for (const path of chromiumCandidates()) {
    const version = chromiumVersion(path);
    if (version) return { path, version };
  }
  return null;
}

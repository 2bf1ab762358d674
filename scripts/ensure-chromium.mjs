#!/usr/bin/env node
// Makes sure a Chromium is there for the Playwright tests: finds one that runs (see
// e2e/chromium-path.mjs); if none, installs Debian's package when it can (root with apt-get),
// otherwise says exactly what to run.
import { execFileSync, spawnSync } from 'node:child_process';
import console from 'node:console';
import { existsSync } from 'node:fs';
import process from 'node:process';
import { chromiumCandidates, findChromium } from '../e2e/chromium-path.mjs';

function report(found) {
  console.log(`ensure-chromium: using ${found.path} (${found.version})`);
}

let found = findChromium();
if (found) {
  report(found);
  process.exit(0);
}

console.log(`ensure-chromium: no working Chromium among: ${chromiumCandidates().join(', ')}`);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.log('ensure-chromium: installing Debian package "chromium" (apt-get, non-interactive)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
  } catch {
    console.error('ensure-chromium: apt-get failed.');
  }
  found = findChromium();
  if (found) {
    report(found);
    process.exit(0);
  }
}

const hasSudo = spawnSync('sh', ['-c', 'command -v sudo'], { stdio: 'ignore' }).status === 0;
console.error(
  [
    'ensure-chromium: no Chromium found. Install one, then run the tests again:',
    hasApt ? `  ${hasSudo && !isRoot ? 'sudo ' : ''}apt-get install -y chromium` : null,
    '  or, elsewhere: npx playwright install chromium',
    '  or point HOPSCOPE_CHROMIUM at a Chromium or Chrome executable.',
  ]
    .filter(Boolean)
    .join('\n'),
);
process.exit(1);

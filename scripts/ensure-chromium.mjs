#!/usr/bin/env node
// Makes sure a Chromium is there for the Playwright tests: finds one that runs (see
// e2e/chromium-path.mjs); if none, installs Debian's package when it can (root with apt-get),
// otherwise says exactly what to run. The same for a CJK font (Debian's fonts-noto-cjk): without
// one, Chromium draws the Korean and Chinese interface as boxes.
import { execFileSync, spawnSync } from 'node:child_process';
import console from 'node:console';
import { existsSync } from 'node:fs';
import process from 'node:process';
import { chromiumCandidates, findChromium } from '../e2e/chromium-path.mjs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
const hasSudo = spawnSync('sh', ['-c', 'command -v sudo'], { stdio: 'ignore' }).status === 0;
const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
let aptUpdated = false;

function aptInstall(pkg) {
  if (!isRoot || !hasApt) return false;
  console.log(`ensure-chromium: installing Debian package "${pkg}" (apt-get, non-interactive)…`);
  try {
    if (!aptUpdated) execFileSync('apt-get', ['update'], { stdio: 'inherit', env: aptEnv });
    aptUpdated = true;
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { stdio: 'inherit', env: aptEnv });
    return true;
  } catch {
    console.error('ensure-chromium: apt-get failed.');
    return false;
  }
}

/** True when fontconfig knows a font for both Korean and Simplified Chinese. */
function hasCjkFont() {
  const families = (lang) => spawnSync('fc-list', [`:lang=${lang}`, 'family'], { encoding: 'utf8' });
  const ko = families('ko');
  if (ko.error) return existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
  return ko.stdout.trim() !== '' && families('zh-cn').stdout.trim() !== '';
}

if (hasCjkFont()) {
  console.log('ensure-chromium: a CJK font is installed');
} else if (!(aptInstall('fonts-noto-cjk') && hasCjkFont())) {
  // Not fatal: the tests still run, but Korean and Chinese screenshots show boxes.
  console.error(
    [
      'ensure-chromium: no Korean/Chinese font found; the ko and zh screenshots will show boxes. Install one:',
      hasApt ? `  ${hasSudo && !isRoot ? 'sudo ' : ''}apt-get install -y fonts-noto-cjk` : '  install Noto Sans CJK (or another Korean and Simplified Chinese font)',
    ].join('\n'),
  );
}

function report(found) {
  console.log(`ensure-chromium: using ${found.path} (${found.version})`);
}

let found = findChromium();
if (found) {
  report(found);
  process.exit(0);
}

console.log(`ensure-chromium: no working Chromium among: ${chromiumCandidates().join(', ')}`);
if (aptInstall('chromium')) {
  found = findChromium();
  if (found) {
    report(found);
    process.exit(0);
  }
}

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

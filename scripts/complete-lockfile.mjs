#!/usr/bin/env node
/**
 * Completes package-lock.json with the optional native packages of other platforms.
 *
 * npm writes only the current platform's optional dependencies into the lockfile
 * (npm/cli#4828), but `npm ci` of npm 11 checks that every optional dependency is listed,
 * so a lockfile made here fails `npm ci` here. Run this after `npm install` changes the
 * lockfile: it adds each missing optional package with the metadata the registry gives, or,
 * when the registry here does not carry it (other platforms' binaries are often absent from
 * mirrors), with the platform its name spells (`@rollup/rollup-darwin-x64` → darwin, x64),
 * which is all npm needs to skip it on other machines.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const packages = lock.packages;

function view(spec) {
  try {
    const out = execFileSync('npm', ['view', spec, '--json', 'name', 'version', 'dist.integrity', 'os', 'cpu', 'libc', 'license', 'engines'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const parsed = JSON.parse(out);
    // A range can match several versions: npm view then prints a list, newest last.
    return Array.isArray(parsed) ? parsed[parsed.length - 1] : parsed;
  } catch {
    return null;
  }
}

const OSES = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32', 'sunos', 'aix'];
const CPUS = ['arm', 'arm64', 'ia32', 'x64', 'loong64', 'ppc64', 'riscv64', 's390x', 'wasm32', 'mips64el'];

/** `@rollup/rollup-linux-arm-musleabihf` → { os: ['linux'], cpu: ['arm'], libc: ['musl'] }. */
function platformFromName(name) {
  const words = name.split('/').pop().split('-');
  const out = {};
  const os = words.find((w) => OSES.includes(w));
  const cpu = words.find((w) => CPUS.includes(w));
  if (os) out.os = [os];
  if (cpu) out.cpu = [cpu];
  const last = words[words.length - 1];
  if (os === 'linux' && /^musl/.test(last)) out.libc = ['musl'];
  else if (os === 'linux' && /^gnu/.test(last)) out.libc = ['glibc'];
  return out;
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    const nested = `${path}/node_modules/${name}`;
    if (packages[key] || packages[nested]) continue;
    const meta = view(`${name}@${range}`);
    let item;
    if (meta) {
      item = { version: meta.version, integrity: meta['dist.integrity'] };
      for (const field of ['cpu', 'os', 'libc']) if (meta[field]) item[field] = [].concat(meta[field]);
      if (meta.license) item.license = meta.license;
      if (meta.engines) item.engines = meta.engines;
    } else {
      if (!/^\d+\.\d+\.\d+/.test(range)) throw new Error(`${name}@${range}: not in the registry and not an exact version`);
      item = { version: range, ...platformFromName(name) };
    }
    item.optional = true;
    if (entry.dev) item.dev = true;
    packages[key] = item;
    added++;
    console.log(`added ${name}@${item.version}${meta ? "" : " (platform from its name)"}`);
  }
}
// npm keeps packages sorted by path; keep the file stable for review.
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)));
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`${added} optional package(s) added to package-lock.json`);

#!/usr/bin/env node
/**
 * `npm run bench`: Hopscope at cluster scale, figures not pass/fail (docs/benchmarks.md).
 * For each size and kube-proxy mode: parse time, model build time, memory, trace time per
 * packet; iptables-restore --test on the same iptables-save dump in a throwaway network
 * namespace (hsb-*) for comparison; the initial JavaScript of the built app, gzipped; and, in
 * Chromium, the 10k×10 dump dropped on the page (scripts/bench/browser.ts).
 *
 *   npm run bench [-- --quick] [-- --no-browser] [-- --no-node] [-- --no-build] [-- --sizes 1000x10,10000x10] [-- --modes iptables,nft]
 *   [-- --json FILE]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join, dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag('--quick');
const SIZES = (option('--sizes') ?? (quick ? '1000x10' : '1000x10,10000x10,30000x4,10000x20')).split(',').map((s) => {
  const [services, endpoints] = s.split('x').map(Number);
  return { services, endpoints, label: `${services >= 1000 ? `${services / 1000}k` : services}×${endpoints}` };
});
const MODES = (option('--modes') ?? 'iptables,ipvs,nft').split(',');
const PACKETS = quick ? 200 : 1000;

const work = mkdtempSync(join(tmpdir(), 'hsb-'));
// Bundles live inside the repository so that node finds the packages they import.
const cache = join(ROOT, 'node_modules/.cache/hopscope-bench');
const log = (s) => process.stderr.write(`${s}\n`);

async function bundle(entry, out) {
  // Packages stay external (node resolves them); only the project's own TypeScript is bundled.
  await build({ entryPoints: [join(ROOT, entry)], bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', outfile: out, logLevel: 'warning', keepNames: false });
  return out;
}

function runChild(script, argv) {
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=16384', script, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** iptables-restore --test on the file, in a network namespace made for it and removed after. */
function iptablesRestoreTest(file) {
  const ns = `hsb-${process.pid}`;
  try {
    execFileSync('ip', ['netns', 'add', ns]);
  } catch (e) {
    return { error: `no network namespace (${e.message.split('\n')[0]})` };
  }
  try {
    // bash's `times` gives the CPU time of the command (its children), as the engine's figures are CPU time.
    const t = process.hrtime.bigint();
    const r = spawnSync('ip', ['netns', 'exec', ns, 'bash', '-c', 'iptables-restore --test "$1" && times', 'bash', file], { encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.status !== 0) return { error: `iptables-restore --test exited ${r.status}: ${r.stderr.slice(0, 300)}` };
    const seconds = (t) => {
      const m = /(\d+)m([\d.]+)s/.exec(t);
      return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
    };
    const children = r.stdout.trim().split('\n').pop().split(/\s+/);
    const cpuMs = (seconds(children[0]) + seconds(children[1])) * 1000;
    const version = spawnSync('iptables-restore', ['--version'], { encoding: 'utf8' }).stdout.trim();
    return { ms, cpuMs, version };
  } finally {
    spawnSync('ip', ['netns', 'del', ns]);
  }
}

/** The JavaScript index.html loads before the first paint (entry + modulepreloads), gzipped. */
function initialJs() {
  const dist = join(ROOT, 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const srcs = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1]);
  let raw = 0;
  let gz = 0;
  for (const src of new Set(srcs)) {
    const text = readFileSync(join(dist, src.replace(/^\//, '')));
    raw += text.length;
    gz += gzipSync(text, { level: 9 }).length;
  }
  const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
  const allGz = all.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, 'assets', f)), { level: 9 }).length, 0);
  return { files: srcs.length, raw, gz, allGz, chunks: all.length };
}

const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
const ms = (x) => (x >= 100 ? `${Math.round(x)} ms` : x >= 10 ? `${x.toFixed(1)} ms` : `${x.toFixed(2)} ms`);
const times = (x) => `${x.toFixed(1)}×`;

async function main() {
  log(`hopscope bench in ${work}`);
  const child = await bundle('scripts/bench/node-bench.ts', join(cache, 'node-bench.mjs'));
  const gen = await bundle('scripts/bench/write-dumps.ts', join(cache, 'write-dumps.mjs'));
  const rows = [];
  for (const size of flag('--no-node') ? [] : SIZES) {
    for (const mode of MODES) {
      // Written by another process, so the measuring processes' peak memory is the engine's own.
      execFileSync(process.execPath, [gen, work, size.services, size.endpoints, mode]);
      log(`${size.label} ${mode}: parse`);
      const parse = runChild(child, ['parse', mode, size.services, size.endpoints, PACKETS, work]);
      log(`${size.label} ${mode}: build + first trace + checks + ${PACKETS} traces`);
      const b = runChild(child, ['build', mode, size.services, size.endpoints, PACKETS, work]);
      const row = { size: size.label, mode, ...b, parseMs: parse.parseMs, parseCpuMs: parse.parseCpuMs };
      if (mode === 'iptables') {
        log(`${size.label} ${mode}: iptables-restore --test`);
        row.restore = iptablesRestoreTest(join(work, 'iptables/iptables-save.txt'));
      }
      rmSync(join(work, mode), { recursive: true });
      rows.push(row);
      log(JSON.stringify(row));
    }
  }
  if (!flag('--no-build')) {
    log('vite build');
    const b = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) log(`vite build failed: ${b.stderr.slice(-1000)}`);
  }
  let js = null;
  if (existsSync(join(ROOT, 'dist/index.html'))) js = initialJs();
  let browser = null;
  if (!flag('--no-browser')) {
    const script = await bundle('scripts/bench/browser.ts', join(cache, 'browser.mjs'));
    const r = spawnSync(process.execPath, [script, ...(quick ? ['--quick'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], cwd: ROOT });
    browser = r.status === 0 ? JSON.parse(r.stdout.trim().split('\n').pop()) : { error: `exit ${r.status}` };
  }
  const report = renderReport(rows, js, browser);
  process.stdout.write(report);
  writeFileSync(join(work, 'results.json'), JSON.stringify({ rows, js, browser }, null, 2));
  if (option('--json')) writeFileSync(option('--json'), JSON.stringify({ rows, js, browser }, null, 2));
  log(`raw results: ${join(work, 'results.json')}`);
}

function renderReport(rows, js, browser) {
  const out = [];
  out.push(`Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  out.push('');
  out.push('CPU time (user + system) of the measuring process, so that other work on the machine does not count; wall-clock figures are in the JSON.');
  out.push('');
  out.push('ready = parse+model (buildModel with deferred checks; parse alone is measured in another process) + the first trace (which parses the chains it crosses); ratio = iptables-restore --test / ready. checks = the deferred rule-level checks (every rule parsed once more, not kept), which the worker runs after the first trace; "ratio incl. checks" counts them too. Memory: heap kept after the first trace (input text excluded), peak RSS up to the first trace / after the checks.');
  out.push('');
  out.push('| size | mode | input | lines | parse | parse+model | first trace | ready | iptables-restore --test | ratio | checks | ratio incl. checks | heap kept | peak RSS | peak RSS after checks | trace median | trace p99 |');
  out.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const ready = r.buildCpuMs + r.firstTraceCpuMs;
    const restore = r.restore ? (r.restore.cpuMs ? ms(r.restore.cpuMs) : r.restore.error) : '';
    const ratio = r.restore?.cpuMs ? times(r.restore.cpuMs / ready) : '';
    const ratioAll = r.restore?.cpuMs ? times(r.restore.cpuMs / (ready + r.checkCpuMs)) : '';
    out.push(`| ${r.size} | ${r.mode} | ${mb(r.bytes)} | ${r.lines.toLocaleString('en')} | ${ms(r.parseCpuMs)} | ${ms(r.buildCpuMs)} | ${ms(r.firstTraceCpuMs)} | ${ms(ready)} | ${restore} | ${ratio} | ${ms(r.checkCpuMs)} | ${ratioAll} | ${mb(r.heapRetained)} (${times(r.heapRetained / r.bytes)}) | ${mb(r.rssPeak)} (${times(r.rssPeak / r.bytes)}) | ${mb(r.rssPeakAfterCheck)} (${times(r.rssPeakAfterCheck / r.bytes)}) | ${ms(r.traceMedianMs)} | ${ms(r.traceP99Ms)} |`);
  }
  out.push('');
  if (js) out.push(`Initial JavaScript (entry + modulepreload, gzip -9): ${(js.gz / 1024).toFixed(1)} kB gzipped (${(js.raw / 1024).toFixed(0)} kB raw, ${js.files} files); all chunks ${(js.allGz / 1024).toFixed(1)} kB gzipped in ${js.chunks} files.`);
  else out.push('Initial JavaScript: no dist/ (run `npm run build` first).');
  if (browser && !browser.error) {
    out.push('');
    out.push(`Browser (Chromium ${browser.chromium}, ${browser.size}, ${mb(browser.bytes)} dropped): first trace on screen ${ms(browser.dropToTraceMs)} after the drop; longest main-thread task during that time ${ms(browser.longestTaskMs)} wall clock (${browser.longTasks} tasks over 50 ms), the longest in CPU time ${ms(browser.longestTaskCpuMs)} (${browser.tasksOver50CpuMs} over 50 ms); CPU until then: page ${ms(browser.mainCpuMs)}, worker ${ms(browser.workerCpuMs)}; animation ${browser.fps.toFixed(0)} fps (${browser.frames} frames, longest frame ${ms(browser.longestFrameMs)}); chain view with ${browser.chainRules.toLocaleString('en')} rules: scrolled top to bottom in ${browser.scrollSteps} steps at ${browser.scrollFps.toFixed(0)} fps.`);
  } else if (browser) out.push(`Browser: ${browser.error}`);
  out.push('');
  return `${out.join('\n')}\n`;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

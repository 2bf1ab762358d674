/**
 * One measurement in a fresh process (so peak memory is this measurement's own), bundled by
 * scripts/bench/bench.mjs without tsx's per-function naming so the code runs as the browser
 * runs it. Prints one JSON line.
 *
 *   node node-bench.mjs parse|build MODE SERVICES ENDPOINTS PACKETS [DUMPS_DIR]
 *
 * With DUMPS_DIR (written by write-dumps.ts in another process) the dumps are read from files,
 * so the peak RSS is the engine's, not the generator's.
 */
import { detectFormat } from '../../src/engine/formats/detect';
import { FORMATS } from '../../src/engine/model/merge';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel, parsePacketSpec, runDeferredChecks, simulate, type Model, type SimulationRequest } from '../../src/engine/index';
import { clusterDumps, type ProxyMode } from './generate';
import { syntheticServices } from './services';
import { NODE_IP } from '../../tests/kernel/harness/topology';
import type { KpService } from '../../tests/kernel/harness/kube-proxy';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** A small deterministic generator (mulberry32), so every run traces the same packets. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Packets at random Services (from the node itself) and NodePorts (from outside, on eth0). */
function packets(services: KpService[], n: number): SimulationRequest[] {
  const rnd = random(8);
  const withNodePort = services.filter((s) => s.nodePort);
  const out: SimulationRequest[] = [];
  for (let i = 0; i < n; i++) {
    const sport = 32768 + Math.floor(rnd() * 28000);
    if (withNodePort.length && rnd() < 0.3) {
      const s = withNodePort[Math.floor(rnd() * withNodePort.length)]!;
      out.push({ from: 'node-1', in: 'eth0', packet: parsePacketSpec(`${s.protocol} 192.168.56.100:${sport} > ${NODE_IP}:${s.nodePort}`).value! });
    } else {
      const s = services[Math.floor(rnd() * services.length)]!;
      out.push({ from: 'node-1', packet: parsePacketSpec(`${s.protocol} ${NODE_IP}:${sport} > ${s.clusterIP}:${s.port}`).value! });
    }
  }
  return out;
}

/** CPU time of this process in ms (user + system): other work on a shared machine does not count. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Newlines in `text`, counted without splitting it (a split made 440,000 strings, which the peak RSS counted). */
function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

function main(): void {
  const [phase, mode, services, endpoints, count = '1000', dir] = process.argv.slice(2);
  const size = { services: Number(services), endpoints: Number(endpoints) };
  let list: KpService[];
  let inputs: { name: string; text: string; node: string }[];
  if (dir) {
    list = syntheticServices(size);
    const folder = join(dir, mode!);
    inputs = readdirSync(folder).sort().map((name) => ({ name, text: readFileSync(join(folder, name), 'utf8'), node: 'node-1' }));
  } else {
    const generated = clusterDumps(size, mode as ProxyMode);
    list = generated.services;
    inputs = generated.files.map((f) => ({ name: f.name, text: f.text, node: f.node }));
  }
  const bytes = inputs.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0);
  const lines = inputs.reduce((sum, f) => sum + countLines(f.text), 0);
  const biggest = inputs.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  gc();
  const before = process.memoryUsage();
  const result: Record<string, number | string> = { mode: mode!, bytes, lines, biggestFile: biggest.name, biggestBytes: Buffer.byteLength(biggest.text) };

  if (phase === 'parse') {
    const t = performance.now();
    const c = cpuMs();
    let diagnostics = 0;
    for (const input of inputs) {
      const entry = FORMATS[detectFormat(input.text).format];
      diagnostics += entry ? entry.parse(input.text, input.name).diagnostics.length : 0;
    }
    result.parseCpuMs = cpuMs() - c;
    result.parseMs = performance.now() - t;
    result.diagnostics = diagnostics;
  } else {
    const t = performance.now();
    const c = cpuMs();
    // As the worker does: rule-level checks of lazily read dumps wait until the first trace is out.
    const model: Model = buildModel(inputs, { deferChecks: true });
    result.buildCpuMs = cpuMs() - c;
    result.buildMs = performance.now() - t;
    const reqs = packets(list, Number(count));
    const t1 = performance.now();
    const c1 = cpuMs();
    simulate(model, reqs[0]!);
    result.firstTraceCpuMs = cpuMs() - c1;
    result.firstTraceMs = performance.now() - t1;
    gc();
    const after = process.memoryUsage();
    result.heapRetained = after.heapUsed - before.heapUsed;
    result.rssPeak = process.resourceUsage().maxRSS * 1024;
    result.rssBefore = before.rss;
    const t2 = performance.now();
    const c2 = cpuMs();
    runDeferredChecks(model);
    result.checkCpuMs = cpuMs() - c2;
    result.checkMs = performance.now() - t2;
    result.diagnostics = model.diagnostics.length;
    gc();
    result.heapAfterCheck = process.memoryUsage().heapUsed - before.heapUsed;
    result.rssPeakAfterCheck = process.resourceUsage().maxRSS * 1024;
    for (const r of reqs.slice(0, 20)) simulate(model, r); // warm-up: indexes are built on first use
    const times: number[] = [];
    const wall: number[] = [];
    const verdicts: Record<string, number> = {};
    for (const r of reqs) {
      const w0 = performance.now();
      const c0 = cpuMs();
      const trace = simulate(model, r);
      times.push(cpuMs() - c0);
      wall.push(performance.now() - w0);
      const v = trace.legs[0]!.verdict;
      verdicts[v] = (verdicts[v] ?? 0) + 1;
    }
    times.sort((a, b) => a - b);
    wall.sort((a, b) => a - b);
    result.traceWallMedianMs = percentile(wall, 50);
    result.traceWallP99Ms = percentile(wall, 99);
    result.traceMedianMs = percentile(times, 50);
    result.traceP99Ms = percentile(times, 99);
    result.traceMaxMs = times[times.length - 1]!;
    gc();
    result.heapAfterTraces = process.memoryUsage().heapUsed - before.heapUsed;
    result.verdicts = JSON.stringify(verdicts);
  }
  console.log(JSON.stringify(result));
}

main();

/**
 * The browser half of `npm run bench`: the built app (dist/, served by `vite preview` on
 * HOPSCOPE_BENCH_PORT, default 4181) in Chromium. Drops the 10k×10 iptables-mode dumps on the
 * workspace, types the packet as soon as the form appears, and measures the time until the first trace is on
 * screen and the longest main-thread task meanwhile (Long Tasks API for its wall-clock length,
 * Chromium's trace for its CPU time, see task-times.ts); then plays the animation
 * and counts frames; then scrolls the chain view of a 100,000-rule chain. Prints one JSON line.
 */
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import { bigChainBundle } from '../../e2e/fixtures/bundle';
import { findChromium } from '../../e2e/chromium-path.mjs';
import { clusterDumps } from './generate';
import { taskTimes } from './task-times';

const PORT = Number(process.env.HOPSCOPE_BENCH_PORT ?? 4181);
const BASE = `http://127.0.0.1:${PORT}`;
const quick = process.argv.includes('--quick');
const SIZE = quick ? { services: 1000, endpoints: 10 } : { services: 10_000, endpoints: 10 };
const log = (s: string) => process.stderr.write(`browser: ${s}\n`);

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(BASE)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer on ${BASE}`);
}

declare global {
  interface Window {
    __longTasks: { start: number; duration: number }[];
  }
}

async function main(): Promise<void> {
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
  const found = findChromium();
  const browser = await chromium.launch({
    ...(found ? { executablePath: found.path } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await waitForServer();
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${BASE}/?workspace=1`);
    await page.getByTestId('drop-zone').waitFor();

    const { services, files } = clusterDumps(SIZE, 'iptables');
    const target = services.find((s) => s.endpoints.length > 0 && s.protocol === 'tcp')!;
    const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
    log(`dropping ${(bytes / 1e6).toFixed(1)} MB`);

    // The files are made in the page first (that is the user's disk, not the app's work).
    await page.evaluate((list) => {
      (window as unknown as { __drop: DataTransfer }).__drop = (() => {
        const data = new DataTransfer();
        for (const f of list) data.items.add(new File([f.text], f.name, { type: 'text/plain' }));
        return data;
      })();
    }, files.map((f) => ({ name: f.name, text: f.text })));
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    const dropAt = await page.getByTestId('drop-zone').evaluate((zone) => {
      const data = (window as unknown as { __drop: DataTransfer }).__drop;
      const at = performance.now();
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      return at;
    });
    // The packet form appears with the first input; the packet is typed as soon as it can be.
    await page.getByTestId('packet-from').fill('192.168.56.11', { timeout: 300_000 });
    await page.getByTestId('packet-dst').fill(`${target.clusterIP}:${target.port}`);
    await page.getByTestId('trace-button').click({ timeout: 300_000 });
    await page.getByTestId('hop-details').waitFor({ timeout: 300_000 });
    const shownAt = await page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))));
    const cpu = taskTimes((await browser.stopTracing()).toString());
    const tasks = (await page.evaluate(() => window.__longTasks)).filter((t) => t.start + t.duration >= dropAt && t.start <= shownAt);
    const longest = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
    log(`first trace after ${(shownAt - dropAt).toFixed(0)} ms; longest task ${longest.toFixed(0)} ms (longest task CPU ${cpu.longestCpuMs.toFixed(0)} ms)`);

    // The animation: play, and count frames for three seconds.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(' ');
    const anim = await page.evaluate(
      () =>
        new Promise<{ frames: number; ms: number; longest: number }>((resolve) => {
          const start = performance.now();
          let last = start;
          let frames = 0;
          let longestFrame = 0;
          const tick = (now: number) => {
            frames++;
            longestFrame = Math.max(longestFrame, now - last);
            last = now;
            if (now - start < 3000) requestAnimationFrame(tick);
            else resolve({ frames, ms: now - start, longest: longestFrame });
          };
          requestAnimationFrame(tick);
        }),
    );
    await page.keyboard.press(' ');

    // The chain view of a 100,000-rule chain, scrolled from top to bottom.
    const RULES = 100_000;
    const page2 = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page2.goto(`${BASE}/?workspace=1`);
    await page2.getByTestId('file-input').setInputFiles({ name: 'big.bundle.txt', mimeType: 'text/plain', buffer: Buffer.from(bigChainBundle(RULES)) });
    await page2.getByTestId('packet-from').fill('big-1', { timeout: 300_000 });
    await page2.getByTestId('packet-dst').fill('10.99.0.1:443');
    await page2.getByTestId('trace-button').click({ timeout: 300_000 });
    await page2.getByTestId('hop-details').waitFor({ timeout: 300_000 });
    const big = page2.locator('[data-testid="event-row"][data-chain="BIG"]').first();
    await big.click();
    await page2.keyboard.press('c');
    await page2.locator('[data-testid="chain-rule"][data-position="1"]').waitFor();
    const scroll = await page2.getByTestId('chain-rules-scroll').evaluate(
      (el) =>
        new Promise<{ frames: number; ms: number; steps: number }>((resolve) => {
          const steps = 120;
          let step = 0;
          const start = performance.now();
          const tick = () => {
            step++;
            el.scrollTop = (el.scrollHeight * step) / steps;
            if (step < steps) requestAnimationFrame(tick);
            else resolve({ frames: step, ms: performance.now() - start, steps });
          };
          requestAnimationFrame(tick);
        }),
    );
    console.log(
      JSON.stringify({
        chromium: browser.version(),
        size: `${SIZE.services / 1000}k×${SIZE.endpoints}`,
        bytes,
        dropToTraceMs: shownAt - dropAt,
        longestTaskMs: longest,
        longTasks: tasks.filter((t) => t.duration > 50).length,
        longestTaskCpuMs: cpu.longestCpuMs,
        tasksOver50CpuMs: cpu.over50CpuMs,
        mainCpuMs: cpu.mainCpuMs,
        workerCpuMs: cpu.workerCpuMs,
        fps: (anim.frames * 1000) / anim.ms,
        frames: anim.frames,
        longestFrameMs: anim.longest,
        chainRules: RULES,
        scrollSteps: scroll.steps,
        scrollFps: (scroll.frames * 1000) / scroll.ms,
      }),
    );
  } finally {
    await browser.close();
    server.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

import { describe, expect, it } from 'vitest';
import { watchWorker } from './watchdog';

const run = (mode: string) => watchWorker({
  target: 't', workerUrl: new URL('./testdata/hang-worker.mjs', import.meta.url), workerData: { mode },
  hangMs: 600, startMs: 20_000, tickMs: 50,
});

describe('fuzz watchdog', () => {
  it('ends a worker that hangs after it got ready, and counts a hang', async () => {
    const row = await run('hang');
    expect(row).toMatchObject({ hangs: 1, notStarted: 0, crashes: 0 });
  });

  it('does not count a slow start-up as a hang: the clock starts at ready', async () => {
    // The worker is busy for longer than hangMs before it says ready.
    const row = await run('slow-start');
    expect(row).toMatchObject({ hangs: 0, notStarted: 0, cases: 50 });
  });

  it('reports a worker that never gets ready as not started, not as a hang', async () => {
    const row = await watchWorker({
      target: 't', workerUrl: new URL('./testdata/hang-worker.mjs', import.meta.url), workerData: { mode: 'never-ready' },
      hangMs: 100, startMs: 600, tickMs: 50,
    });
    expect(row).toMatchObject({ hangs: 0, notStarted: 1 });
  });
});

// Test worker for watchdog.test.ts: `mode` says what it does.
import { parentPort, workerData } from 'node:worker_threads';

const { mode } = workerData;
const spin = (ms) => {
  const end = Date.now() + ms;
  while (Date.now() < end) { /* busy, like a parser stuck in a loop */ }
};
if (mode === 'slow-start') spin(1500);
if (mode !== 'never-ready') parentPort.postMessage({ kind: 'ready' });
if (mode === 'hang' || mode === 'never-ready') for (;;) { /* a real hang: no heartbeat ever again */ }
parentPort.postMessage({ kind: 'beat', done: 50 });
parentPort.postMessage({ kind: 'done', stats: { target: 't', cases: 50, crashes: 0, slow: 0, slowestMs: 0, slowestInput: '', totalMs: 0, chars: 0, failures: [] } });

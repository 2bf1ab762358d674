/**
 * The analysis worker: parses, builds the model and simulates off the page's thread, so the
 * page stays responsive while a large dump is read (workerHandler.ts does the work).
 */
/// <reference lib="webworker" />
import type { ToWorker } from './protocol';
import { createWorkerHandler } from './workerHandler';

declare const self: DedicatedWorkerGlobalScope;

const handle = createWorkerHandler((m) => self.postMessage(m));
self.onmessage = (event: MessageEvent<ToWorker>) => void handle(event.data);

/**
 * The worker entry, bundled as a classic script (dist/worker.js). It finds its runtime by
 * what exists: a Web Worker's global scope has postMessage/onmessage, and the Node host
 * starts it behind a shim that provides the same two (extension/worker/nodeFactory.ts).
 */
import { serve, type WorkerScope } from './loop';
import { convLabHandlers } from './handlers';
import type { ConvLabJobs } from './protocol';

const scope = globalThis as unknown as WorkerScope;
const startedAt = Date.now();
const workerId = `${startedAt.toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;
serve<ConvLabJobs>(scope, convLabHandlers(workerId, startedAt));

/**
 * Workers for the Node extension host (desktop VS Code): worker_threads. The worker
 * bundle is written for a Web Worker's scope (postMessage/onmessage on the global), so a
 * few lines of shim give a worker_thread that scope before the bundle runs; core/ stays
 * free of Node built-ins.
 */
import { Worker } from 'node:worker_threads';
import type { WorkerFactory, WorkerPort } from './port';

function shim(scriptPath: string): string {
  return [
    "const { parentPort } = require('node:worker_threads');",
    'globalThis.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);',
    'globalThis.onmessage = null;',
    "parentPort.on('message', (data) => { if (globalThis.onmessage) globalThis.onmessage({ data }); });",
    `require(${JSON.stringify(scriptPath)});`,
  ].join('\n');
}

export function nodeWorkerFactory(scriptPath: string): WorkerFactory {
  return () => {
    const worker = new Worker(shim(scriptPath), { eval: true });
    let failureListener: ((reason: string) => void) | undefined;
    let failed = false;
    let terminating = false;
    const fail = (reason: string): void => {
      if (failed || terminating) return;
      failed = true;
      failureListener?.(reason);
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => fail(`it exited with code ${code}`));
    worker.on('messageerror', (error) => fail(`a message could not be read: ${error.message}`));
    const port: WorkerPort = {
      post: (message, transfer) => worker.postMessage(message, transfer),
      onMessage: (listener) => worker.on('message', listener),
      onFailure: (listener) => {
        failureListener = listener;
      },
      terminate: () => {
        terminating = true;
        void worker.terminate();
      },
    };
    return port;
  };
}

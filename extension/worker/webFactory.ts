/**
 * Workers for the web extension host (vscode.dev, the web build): a Web Worker started
 * from the bundle's URL. VS Code loads it with importScripts, so the bundle is a classic
 * script. A Web Worker does not exit on an uncaught error; ConvLab treats one as fatal,
 * since the worker's state can no longer be trusted, and starts a new worker next time.
 */
import type { WorkerFactory, WorkerPort } from './port';

export function webWorkerFactory(scriptUrl: string): WorkerFactory {
  return () => {
    const worker = new Worker(scriptUrl);
    let failureListener: ((reason: string) => void) | undefined;
    let failed = false;
    const fail = (reason: string): void => {
      if (failed) return;
      failed = true;
      failureListener?.(reason);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      fail(event.message || 'an uncaught error in the worker');
    };
    worker.onmessageerror = () => fail('a message could not be read');
    const port: WorkerPort = {
      post: (message, transfer) => worker.postMessage(message, transfer),
      onMessage: (listener) => {
        worker.onmessage = (event) => listener(event.data);
      },
      onFailure: (listener) => {
        failureListener = listener;
      },
      terminate: () => {
        failed = true;
        worker.terminate();
      },
    };
    return port;
  };
}

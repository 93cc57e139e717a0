/**
 * What the worker client needs of a worker, whatever runs it: worker_threads in the Node
 * extension host, a Web Worker in the web one. Each factory call starts a fresh worker.
 */
export interface WorkerPort {
  post(message: unknown, transfer: ArrayBuffer[]): void;
  /** Called with every message the worker sends. */
  onMessage(listener: (data: unknown) => void): void;
  /** Called once when the worker dies or fails beyond recovery, with a reason for people. */
  onFailure(listener: (reason: string) => void): void;
  terminate(): void;
}

export type WorkerFactory = () => WorkerPort;

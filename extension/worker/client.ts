/**
 * The host's side of the worker protocol (core/worker/protocol.ts). The worker is started
 * lazily on the first request, one per client (one client per window), and restarted by
 * the next request after it dies. Each request gets exactly one outcome: its reply, or a
 * rejection (the job's error, a timeout, cancellation, or the worker's death).
 *
 * Deliberately free of `vscode` so that it is unit-tested in plain Node with real workers.
 */
import type { JobsOf, WorkerToHost } from '../../core/worker/protocol';
import { transferablesOf } from '../../core/worker/transfer';
import type { WorkerFactory, WorkerPort } from './port';

/** Structurally a vscode.CancellationToken, without depending on vscode. */
export interface CancellationLike {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => unknown): { dispose(): unknown };
}

export interface RequestOptions<P> {
  /** Milliseconds before the request is given up and the job cancelled; 0 waits forever. */
  readonly timeoutMs?: number;
  readonly onProgress?: (progress: P) => void;
  readonly token?: CancellationLike;
}

export class WorkerCrashedError extends Error {
  override readonly name = 'WorkerCrashedError';
}
export class WorkerTimeoutError extends Error {
  override readonly name = 'WorkerTimeoutError';
}
export class RequestCancelledError extends Error {
  override readonly name = 'RequestCancelledError';
}
export class JobFailedError extends Error {
  override readonly name = 'JobFailedError';
}

interface Pending {
  readonly job: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
  readonly onProgress: ((progress: unknown) => void) | undefined;
  cleanup(): void;
}

export interface WorkerClientOptions {
  readonly defaultTimeoutMs?: number;
  /** Told when a running worker dies; the next request starts a new one. */
  readonly onCrash?: (reason: string) => void;
  readonly log?: (message: string) => void;
}

export class WorkerClient<J extends JobsOf<J>> {
  private port: WorkerPort | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private disposed = false;
  /** How many workers this client has started: tests and the log use it to see restarts. */
  startedWorkers = 0;

  constructor(
    private readonly factory: WorkerFactory,
    private readonly options: WorkerClientOptions = {},
  ) {}

  get isRunning(): boolean {
    return this.port !== undefined;
  }

  /**
   * Runs a job in the worker. Typed arrays in the payload are transferred: do not use
   * them after this call.
   */
  request<K extends keyof J & string>(
    job: K,
    payload: J[K]['request'],
    options: RequestOptions<J[K]['progress']> = {},
  ): Promise<J[K]['reply']> {
    if (this.disposed) return Promise.reject(new Error('ConvLab worker client is disposed'));
    if (options.token?.isCancellationRequested) return Promise.reject(new RequestCancelledError(`${job} was cancelled`));
    let port: WorkerPort;
    try {
      port = this.ensurePort();
    } catch (error) {
      return Promise.reject(new WorkerCrashedError(`the worker could not start: ${describe(error)}`));
    }
    const id = this.nextId++;
    const timeoutMs = options.timeoutMs ?? this.options.defaultTimeoutMs ?? 30_000;

    return new Promise<J[K]['reply']>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      // Assigned below; cleanup only runs after this synchronous setup has finished.
      // eslint-disable-next-line prefer-const
      let cancelListener: { dispose(): unknown } | undefined;
      const cleanup = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        cancelListener?.dispose();
        this.pending.delete(id);
      };
      this.pending.set(id, {
        job,
        resolve: resolve as (value: unknown) => void,
        reject,
        onProgress: options.onProgress as ((progress: unknown) => void) | undefined,
        cleanup,
      });
      const abandon = (error: Error): void => {
        if (!this.pending.has(id)) return;
        cleanup();
        // Tell the worker to stop; its late reply (if any) finds no pending entry and is dropped.
        this.port?.post({ type: 'cancel', id }, []);
        reject(error);
      };
      if (timeoutMs > 0) {
        timer = setTimeout(() => abandon(new WorkerTimeoutError(`${job} took longer than ${timeoutMs} ms`)), timeoutMs);
      }
      cancelListener = options.token?.onCancellationRequested(() => abandon(new RequestCancelledError(`${job} was cancelled`)));
      port.post({ type: 'request', id, job, payload }, transferablesOf(payload));
    });
  }

  /** Stops the worker and fails every pending request. */
  dispose(): void {
    this.disposed = true;
    this.stop(new Error('ConvLab worker client is disposed'));
  }

  /** Ends the current worker (if any); the next request starts a new one. */
  restart(reason = 'restarted'): void {
    this.stop(new WorkerCrashedError(`the worker was ${reason}`));
  }

  private stop(error: Error): void {
    const port = this.port;
    this.port = undefined;
    port?.terminate();
    this.failAll(error);
  }

  private ensurePort(): WorkerPort {
    if (this.port) return this.port;
    const port = this.factory();
    this.startedWorkers++;
    this.options.log?.(`worker #${this.startedWorkers} started`);
    port.onMessage((data) => this.receive(data));
    port.onFailure((reason) => {
      if (this.port !== port) return; // an old worker we already replaced
      this.port = undefined;
      port.terminate();
      this.options.log?.(`worker died: ${reason}`);
      this.failAll(new WorkerCrashedError(`the worker stopped: ${reason}`));
      this.options.onCrash?.(reason);
    });
    this.port = port;
    return port;
  }

  private failAll(error: Error): void {
    for (const p of [...this.pending.values()]) {
      p.cleanup();
      p.reject(error);
    }
  }

  private receive(data: unknown): void {
    const message = parseWorkerMessage(data);
    if (!message) {
      this.options.log?.(`dropped a malformed message from the worker: ${safeJson(data)}`);
      return;
    }
    const p = this.pending.get(message.id);
    if (!p) return; // timed out or cancelled already
    switch (message.type) {
      case 'progress':
        p.onProgress?.(message.progress);
        return;
      case 'reply':
        p.cleanup();
        p.resolve(message.payload);
        return;
      case 'error':
        p.cleanup();
        p.reject(message.cancelled ? new RequestCancelledError(`${p.job} was cancelled`) : new JobFailedError(message.message));
        return;
    }
  }
}

/** A worker message is trusted only once its shape has been checked. */
export function parseWorkerMessage(data: unknown): WorkerToHost | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const m = data as Record<string, unknown>;
  if (typeof m.id !== 'number') return undefined;
  switch (m.type) {
    case 'reply':
      return 'payload' in m ? { type: 'reply', id: m.id, payload: m.payload } : undefined;
    case 'progress':
      return 'progress' in m ? { type: 'progress', id: m.id, progress: m.progress } : undefined;
    case 'error':
      return typeof m.message === 'string'
        ? { type: 'error', id: m.id, message: m.message, cancelled: m.cancelled === true }
        : undefined;
    default:
      return undefined;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function safeJson(data: unknown): string {
  try {
    return JSON.stringify(data)?.slice(0, 200) ?? String(data);
  } catch {
    return String(data);
  }
}

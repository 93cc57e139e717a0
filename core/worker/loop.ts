/**
 * The worker's side of the protocol: a thin loop that validates each message, runs the
 * job's handler and answers exactly once. Runtime-agnostic: it needs only a scope with
 * `postMessage` and `onmessage`, which a Web Worker has and the Node host's worker_threads
 * shim provides (see extension/worker/nodeFactory.ts).
 */
import type { HostToWorker, JobsOf, WorkerToHost } from './protocol';
import { transferablesOf } from './transfer';

export interface WorkerScope {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}

/** What a job's handler may do besides computing: report progress, notice cancellation. */
export interface JobContext<P> {
  progress(value: P): void;
  readonly cancelled: boolean;
  /** Lets queued messages (a cancel) in, then throws JobCancelled if the job was cancelled. */
  checkpoint(): Promise<void>;
}

export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export type Handlers<J extends JobsOf<J>> = {
  [K in keyof J]: (request: J[K]['request'], ctx: JobContext<J[K]['progress']>) => J[K]['reply'] | Promise<J[K]['reply']>;
};

/** A message from the host is trusted only once its shape has been checked. */
export function parseHostMessage(data: unknown): HostToWorker | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const m = data as Record<string, unknown>;
  if (typeof m.id !== 'number' || !Number.isInteger(m.id)) return undefined;
  if (m.type === 'cancel') return { type: 'cancel', id: m.id };
  if (m.type === 'request' && typeof m.job === 'string' && typeof m.payload === 'object' && m.payload !== null) {
    return { type: 'request', id: m.id, job: m.job, payload: m.payload };
  }
  return undefined;
}

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function serve<J extends JobsOf<J>>(scope: WorkerScope, handlers: Handlers<J>): void {
  const running = new Map<number, { cancelled: boolean }>();
  const send = (message: WorkerToHost<J>): void => {
    scope.postMessage(message, message.type === 'error' ? [] : transferablesOf(message));
  };

  scope.onmessage = (event) => {
    const message = parseHostMessage(event.data);
    if (!message) {
      console.warn('ConvLab worker: dropped a malformed message', event.data);
      return;
    }
    if (message.type === 'cancel') {
      const job = running.get(message.id);
      if (job) job.cancelled = true;
      return;
    }
    void run(message.id, message.job, message.payload);
  };

  async function run(id: number, job: string, payload: unknown): Promise<void> {
    const state = { cancelled: false };
    running.set(id, state);
    try {
      const handler = Object.prototype.hasOwnProperty.call(handlers, job)
        ? (handlers as Record<string, (request: unknown, ctx: JobContext<unknown>) => unknown>)[job]
        : undefined;
      if (!handler) throw new Error(`the worker has no job named "${job}"`);
      const ctx: JobContext<unknown> = {
        progress: (progress) => send({ type: 'progress', id, progress }),
        get cancelled() {
          return state.cancelled;
        },
        checkpoint: async () => {
          await yieldToEvents();
          if (state.cancelled) throw new JobCancelled();
        },
      };
      const reply: unknown = await handler(payload, ctx);
      send({ type: 'reply', id, payload: reply } as WorkerToHost<J>);
    } catch (error) {
      const cancelled = error instanceof JobCancelled;
      const message = error instanceof Error ? error.message : String(error);
      send({ type: 'error', id, message, cancelled });
    } finally {
      running.delete(id);
    }
  }
}

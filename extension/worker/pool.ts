/**
 * A pool of workers for work that splits (the depth experiment's depths): one WorkerClient
 * per worker, each started lazily on its first request like the single client. The first
 * client is the window's ordinary worker, so whatever it already holds (MNIST) is reused.
 *
 * Size: hardwareConcurrency − 1 (one core stays with the extension host, the renderer and
 * the learner's editor), at least 1, and at most the `convlab.workers.max` setting when
 * that is above 0.
 *
 * Deliberately free of `vscode`: the unit tests and scripts/bench-pool.ts run it with real
 * worker_threads.
 */
import type { JobsOf } from '../../core/worker/protocol';
import { WorkerClient, type WorkerClientOptions } from './client';
import type { WorkerFactory } from './port';

/** hardwareConcurrency − 1, at least 1, capped by `max` when max > 0. */
export function poolSize(hardwareConcurrency: number | undefined, max = 0): number {
  const cores = Number.isInteger(hardwareConcurrency) && hardwareConcurrency! > 0 ? hardwareConcurrency! : 2;
  const size = Math.max(1, cores - 1);
  return Number.isInteger(max) && max > 0 ? Math.min(size, max) : size;
}

export class WorkerPool<J extends JobsOf<J>> {
  private readonly extra: WorkerClient<J>[] = [];

  constructor(
    /** The window's worker: the pool's first. Not disposed by the pool. */
    readonly first: WorkerClient<J>,
    private readonly factory: WorkerFactory,
    private size: number,
    private readonly options: WorkerClientOptions = {},
  ) {}

  /** The clients, the first one first; the others are created (not started) on demand. */
  get clients(): readonly WorkerClient<J>[] {
    while (this.extra.length < this.size - 1) this.extra.push(new WorkerClient<J>(this.factory, this.options));
    return [this.first, ...this.extra.slice(0, this.size - 1)];
  }

  get workers(): number {
    return this.size;
  }

  /** A new size (the setting changed): workers beyond it are stopped. */
  resize(size: number): void {
    this.size = Math.max(1, size);
    for (const client of this.extra.splice(this.size - 1)) client.dispose();
  }

  /** Stops the workers the pool started (not the first). */
  dispose(): void {
    for (const client of this.extra.splice(0)) client.dispose();
  }
}

/**
 * Runs tasks on the clients, each client taking the next task as soon as it is free, in
 * the order given (pass the longest first: greedy longest-first keeps the last worker from
 * starting the longest task at the end). Resolves with the results in task order; the
 * first failure rejects, after calling `abort` so the other running tasks can be cancelled.
 */
export async function runOnPool<T, R, C>(
  clients: readonly C[], tasks: readonly T[], run: (client: C, task: T) => Promise<R>, abort?: () => void,
): Promise<R[]> {
  const results: R[] = new Array<R>(tasks.length);
  let next = 0;
  let failed = false;
  const lane = async (client: C): Promise<void> => {
    while (!failed && next < tasks.length) {
      const i = next++;
      try {
        results[i] = await run(client, tasks[i]!);
      } catch (error) {
        if (!failed) {
          failed = true;
          abort?.();
        }
        throw error;
      }
    }
  };
  const lanes = clients.slice(0, Math.max(1, Math.min(clients.length, tasks.length))).map(lane);
  const settled = await Promise.allSettled(lanes);
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (rejected) throw rejected.reason;
  return results;
}

/**
 * The depth experiment over a pool of workers: each depth is one 'depthExperiment' job of
 * a single depth, the deepest first (the longest: depth d costs about t₁ + (d − 1)·Δ), each
 * worker taking the next depth as it finishes one. The depths are independent — every one
 * is seeded the same and trains on the same data — so each result is the one the single
 * worker's loop gives, bit for bit, whatever the order or the worker.
 *
 * Free of `vscode` (the lesson passes its token and its MNIST loader; scripts/bench-pool.ts
 * passes its own).
 */
import type { DepthExperimentResult, DepthResult, DepthSettings } from '../../core/lessons/depthExperiment';
import type { ConvLabJobs } from '../../core/worker/protocol';
import type { CancellationLike, WorkerClient } from '../worker/client';
import { runOnPool } from '../worker/pool';

export interface ParallelDepthOptions {
  /** Results kept from an earlier run of the same settings: not trained again. */
  readonly previous?: readonly DepthResult[];
  /** Makes sure a worker holds the data before its first depth (MNIST bytes). */
  readonly prepare?: (client: WorkerClient<ConvLabJobs>) => Promise<void>;
  readonly onResult?: (result: DepthResult) => void;
  readonly token?: CancellationLike;
}

/** The depths still to train, deepest first. */
export function depthOrder(settings: DepthSettings, previous: readonly DepthResult[] = []): number[] {
  const kept = new Set(previous.map((r) => r.depth));
  return [...new Set(settings.depths)].filter((d) => !kept.has(d)).sort((a, b) => b - a);
}

export async function runDepthsOnPool(
  clients: readonly WorkerClient<ConvLabJobs>[], settings: DepthSettings, options: ParallelDepthOptions = {},
): Promise<DepthExperimentResult> {
  const previous = options.previous ?? [];
  const trained = await runOnPool(clients, depthOrder(settings, previous), async (client, depth) => {
    await options.prepare?.(client);
    const reply = await client.request('depthExperiment', { settings: { ...settings, depths: [depth] } }, {
      timeoutMs: 0,
      ...(options.token ? { token: options.token } : {}),
    });
    const result = reply.results[0]!;
    options.onResult?.(result);
    return result;
  });
  const byDepth = new Map([...previous, ...trained].map((r) => [r.depth, r]));
  const results = settings.depths.map((d) => byDepth.get(d)).filter((r): r is DepthResult => r !== undefined);
  let bestDepth: number | null = null;
  let best = -Infinity;
  for (const r of results) {
    if (r.validAccuracy > best) {
      best = r.validAccuracy;
      bestDepth = r.depth;
    }
  }
  return { settings, results, bestDepth };
}

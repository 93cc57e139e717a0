/**
 * How the benchmark times one unit of work: warm up (JIT tiers, wasm compilation, buffer
 * pools, tfjs kernel caches) until both a minimum time and a minimum count have passed,
 * then repeat until the time budget is spent, and report the mean rate over that run.
 * The mean over a budget: steady throughput is what a learner waiting for an epoch feels.
 * (run.ts measures in interleaved rounds and keeps each system's best round.)
 */
import { performance } from 'node:perf_hooks';

export interface TimingBudget {
  readonly warmupSeconds: number;
  readonly warmupCalls: number;
  readonly seconds: number;
  readonly minCalls: number;
}

/**
 * About a minute for the whole benchmark on two shared cores. One call is the minimum:
 * tfjs-cpu's training step takes seconds (its Conv2DBackpropFilter is an element-by-element
 * loop), and a single call that long is already a steady average.
 */
export const FULL_BUDGET: TimingBudget = { warmupSeconds: 0.5, warmupCalls: 1, seconds: 3, minCalls: 1 };
/** A smoke run: every figure is produced, none is precise. */
export const QUICK_BUDGET: TimingBudget = { warmupSeconds: 0.05, warmupCalls: 1, seconds: 0.25, minCalls: 1 };

export interface Timing {
  readonly calls: number;
  readonly seconds: number;
  /** Mean calls per second over the timed run. */
  readonly callsPerSecond: number;
}

export async function timeCalls(work: () => void | Promise<void>, budget: TimingBudget): Promise<Timing> {
  const run = async (minSeconds: number, minCalls: number): Promise<Timing> => {
    const start = performance.now();
    let calls = 0;
    let elapsed = 0;
    while (calls < minCalls || elapsed < minSeconds * 1000) {
      const pending = work();
      if (pending) await pending;
      calls++;
      elapsed = performance.now() - start;
    }
    return { calls, seconds: elapsed / 1000, callsPerSecond: calls / (elapsed / 1000) };
  };
  if (budget.warmupCalls > 0 || budget.warmupSeconds > 0) await run(budget.warmupSeconds, budget.warmupCalls);
  return run(budget.seconds, budget.minCalls);
}

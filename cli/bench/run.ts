/**
 * Runs the contenders turn by turn on the same inputs and turns their timings into the
 * issue's figures: forward and training images/s of the teaching CNN, the large
 * convolution's and the dense step's GFLOP/s (2 FLOPs per multiply-add), and the depth
 * experiment's epoch seconds (depth.ts). report.ts prints them.
 */
import type { DepthEpochs, DepthPlan } from './depth';
import { depthExperimentSeconds } from './depth';
import type { EpochResult } from './epoch';
import { PeerUnavailableError } from './peerSystem';
import type { BenchInputs, BenchSystem, Figure } from './system';
import { BATCH, BIG_CONV_MACS, DENSE_STEP_FLOPS } from './system';
import type { TimingBudget } from './timing';
import { timeCalls } from './timing';

export interface SystemFigures {
  readonly forwardImgPerSec: number;
  readonly trainImgPerSec: number;
  readonly bigConvGflops: number;
  /** Absent when the system has no dense step (tfjs-cpu, convnetjs). */
  readonly denseStepGflops?: number;
  /** Seconds of one full epoch per measured depth (a --quick run scales a tenth by 10). */
  readonly depthEpochSeconds?: DepthEpochs;
  /** The whole experiment, `depthEpochs` epochs a depth (depth.ts says how). */
  readonly depthExperimentSeconds?: number;
  /** One full MNIST epoch, when it was asked for and the system can train on data. */
  readonly mnistEpoch?: EpochResult;
}

export interface BenchReport {
  /** Keyed by system name, in the order they ran. */
  readonly figures: Record<string, SystemFigures>;
  readonly notes: Record<string, string>;
  /** Systems that failed, with the reason; they have no figures. */
  readonly failures: Record<string, string>;
  /** Systems this machine cannot run (no Python, no framework), with the reason: not failures. */
  readonly skipped: Record<string, string>;
  /** The depth estimate's assumption, when depths were measured. */
  readonly depth?: { readonly epochsPerDepth: number; readonly fraction: number };
}

export interface BenchOptions {
  readonly budget: TimingBudget;
  /** Progress lines (to stderr in the CLI, so that stdout stays the table or the JSON). */
  readonly log: (line: string) => void;
  /** Runs after a system's figures, while it is still set up (the MNIST epoch). */
  readonly extra?: (system: BenchSystem) => Promise<EpochResult | undefined>;
  /** Which depth epochs to measure, and the epochs a depth the estimate assumes; none if absent. */
  readonly depth?: { readonly plan: DepthPlan; readonly epochsPerDepth: number };
}

/** Rounds per figure: the systems take turns, so a burst of load elsewhere hits them alike. */
const ROUNDS = 3;

/**
 * Splits the systems into sessions in which none share an exclusive group, keeping each
 * system's order; the first session holds the first system of every group.
 */
export function sessionsOf(systems: readonly BenchSystem[]): BenchSystem[][] {
  const sessions: BenchSystem[][] = [];
  for (const system of systems) {
    const fits = (session: BenchSystem[]): boolean => !system.exclusiveGroup || !session.some((s) => s.exclusiveGroup === system.exclusiveGroup);
    const session = sessions.find(fits);
    if (session) session.push(system);
    else sessions.push([system]);
  }
  return sessions;
}

export async function runBenchmark(systems: readonly BenchSystem[], inputs: BenchInputs, options: BenchOptions): Promise<BenchReport> {
  const report: BenchReport = {
    figures: {}, notes: {}, failures: {}, skipped: {},
    ...(options.depth ? { depth: { epochsPerDepth: options.depth.epochsPerDepth, fraction: options.depth.plan.fraction } } : {}),
  };
  for (const session of sessionsOf(systems)) {
    const part = await runSession(session, inputs, options);
    Object.assign(report.figures, part.figures);
    Object.assign(report.notes, part.notes);
    Object.assign(report.failures, part.failures);
    Object.assign(report.skipped, part.skipped);
  }
  // In the order the systems were given, not the order of the sessions.
  const order = (r: Record<string, unknown>): void => {
    const entries = systems.filter((s) => s.name in r).map((s) => [s.name, r[s.name]] as const);
    for (const k of Object.keys(r)) delete r[k];
    for (const [k, v] of entries) r[k] = v;
  };
  order(report.figures);
  order(report.notes);
  order(report.failures);
  order(report.skipped);
  return report;
}

async function runSession(systems: readonly BenchSystem[], inputs: BenchInputs, options: BenchOptions): Promise<BenchReport> {
  const figures: Record<string, SystemFigures> = {};
  const notes: Record<string, string> = {};
  const failures: Record<string, string> = {};
  const skipped: Record<string, string> = {};
  const fail = (system: BenchSystem, error: unknown): void => {
    failures[system.name] = error instanceof Error ? error.message : String(error);
    options.log(`${system.name}: FAILED: ${failures[system.name]}`);
  };
  const live: BenchSystem[] = [];
  for (const system of systems) {
    try {
      options.log(`${system.name}: setting up`);
      await system.setup(inputs);
      notes[system.name] = system.note;
      live.push(system);
    } catch (error) {
      if (error instanceof PeerUnavailableError) {
        skipped[system.name] = error.message;
        options.log(`${system.name}: not measured: ${error.message}`);
      } else fail(system, error);
      system.dispose();
    }
  }
  const running = (): BenchSystem[] => live.filter((s) => !failures[s.name]);
  try {
    const best = await measureRounds(live, options, fail, () => running());
    const depths = new Map<BenchSystem, Record<number, number>>();
    if (options.depth) {
      // One epoch per depth and system, in turns; an epoch is long enough to be its own average.
      for (const run of options.depth.plan.runs) {
        for (const system of running()) {
          if (!system.depthEpoch) continue;
          try {
            options.log(`${system.name}: depth ${run.depth}, one epoch of ${run.trainCount} images (validation ${run.validCount})`);
            const seconds = (await system.depthEpoch(run)) / options.depth.plan.fraction;
            depths.set(system, { ...depths.get(system), [run.depth]: seconds });
            options.log(`${system.name}: depth ${run.depth} epoch ${seconds.toFixed(2)} s${options.depth.plan.fraction < 1 ? ` (${run.trainCount} images × ${1 / options.depth.plan.fraction})` : ''}`);
          } catch (error) {
            fail(system, error);
          }
        }
      }
    }
    for (const system of running()) {
      try {
        const mnistEpoch = options.extra ? await options.extra(system) : undefined;
        const b = best.get(system)!;
        const epochs = depths.get(system);
        const total = epochs && options.depth ? depthExperimentSeconds(epochs, options.depth.epochsPerDepth) : undefined;
        figures[system.name] = {
          forwardImgPerSec: b.forward * BATCH,
          trainImgPerSec: b.train * BATCH,
          bigConvGflops: (2 * BIG_CONV_MACS * b.bigConv) / 1e9,
          ...(b.denseStep > 0 ? { denseStepGflops: (DENSE_STEP_FLOPS * b.denseStep) / 1e9 } : {}),
          ...(epochs ? { depthEpochSeconds: epochs } : {}),
          ...(total !== undefined ? { depthExperimentSeconds: total } : {}),
          ...(mnistEpoch ? { mnistEpoch } : {}),
        };
      } catch (error) {
        fail(system, error);
      }
    }
  } finally {
    for (const system of live) system.dispose();
  }
  return { figures, notes, failures, skipped };
}

/** Calls per second of each figure's work, best of the interleaved rounds; 0 where a system has no such work. */
async function measureRounds(
  live: readonly BenchSystem[], options: BenchOptions, fail: (s: BenchSystem, e: unknown) => void, running: () => BenchSystem[],
): Promise<Map<BenchSystem, Record<Figure, number>>> {
  // Every figure is measured in interleaved rounds (A, B, C, A, B, C, …) and each system
  // keeps its best round: each round is a steady mean over its budget, and the best of
  // three discounts the moments another process took the core.
  const best = new Map<BenchSystem, Record<Figure, number>>(live.map((s) => [s, { forward: 0, train: 0, bigConv: 0, denseStep: 0 }]));
  const work = (s: BenchSystem, figure: Figure): (() => void | Promise<void>) | undefined => {
    switch (figure) {
      case 'forward': return () => s.forwardBatch();
      case 'train': return () => s.trainBatch();
      case 'bigConv': return () => s.bigConv();
      case 'denseStep': return s.denseStep ? () => s.denseStep!() : undefined;
    }
  };
  const roundBudget = { ...options.budget, seconds: options.budget.seconds / ROUNDS };
  for (const figure of ['forward', 'train', 'bigConv', 'denseStep'] as const) {
    for (let round = 0; round < ROUNDS; round++) {
      for (const system of running()) {
        const calls = work(system, figure);
        if (!calls) continue;
        const budget = round === 0 ? roundBudget : { ...roundBudget, warmupSeconds: 0, warmupCalls: 0 };
        try {
          const t = system.timeFigure ? await system.timeFigure(figure, budget) : await timeCalls(calls, budget);
          const b = best.get(system)!;
          b[figure] = Math.max(b[figure], t.callsPerSecond);
        } catch (error) {
          fail(system, error);
        }
      }
    }
    for (const system of running()) {
      const rate = best.get(system)![figure];
      if (rate === 0) continue;
      options.log(figure === 'bigConv'
        ? `${system.name}: big conv ${fmt((2 * BIG_CONV_MACS * rate) / 1e9, 2)} GFLOP/s`
        : figure === 'denseStep'
          ? `${system.name}: dense step ${fmt((DENSE_STEP_FLOPS * rate) / 1e9, 2)} GFLOP/s`
          : `${system.name}: ${figure} ${fmt(rate * BATCH)} img/s`);
    }
  }
  return best;
}

function fmt(x: number, digits = 0): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

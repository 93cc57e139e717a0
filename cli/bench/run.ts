/**
 * Runs the contenders one after another on the same inputs and turns their timings into the
 * three figures of the issue: forward images/s, training images/s and the large
 * convolution's GFLOP/s (2 FLOPs per multiply-add: 2·MACs / time).
 */
import type { EpochResult } from './epoch';
import type { BenchInputs, BenchSystem } from './system';
import { BATCH, BIG_CONV_MACS } from './system';
import type { TimingBudget } from './timing';
import { timeCalls } from './timing';

export interface SystemFigures {
  readonly forwardImgPerSec: number;
  readonly trainImgPerSec: number;
  readonly bigConvGflops: number;
  /** One full MNIST epoch, when it was asked for and the system can train on data. */
  readonly mnistEpoch?: EpochResult;
}

export interface BenchReport {
  /** Keyed by system name, in the order they ran. */
  readonly figures: Record<string, SystemFigures>;
  readonly notes: Record<string, string>;
  /** Systems that failed, with the reason; they have no figures. */
  readonly failures: Record<string, string>;
}

export interface BenchOptions {
  readonly budget: TimingBudget;
  /** Progress lines (to stderr in the CLI, so that stdout stays the table or the JSON). */
  readonly log: (line: string) => void;
  /** Runs after a system's three figures, while it is still set up (the MNIST epoch). */
  readonly extra?: (system: BenchSystem) => Promise<EpochResult | undefined>;
}

/** Rounds per figure: the systems take turns, so a burst of load elsewhere hits them alike. */
const ROUNDS = 3;

type Figure = 'forward' | 'train' | 'bigConv';

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
  const report: BenchReport = { figures: {}, notes: {}, failures: {} };
  for (const session of sessionsOf(systems)) {
    const part = await runSession(session, inputs, options);
    Object.assign(report.figures, part.figures);
    Object.assign(report.notes, part.notes);
    Object.assign(report.failures, part.failures);
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
  return report;
}

async function runSession(systems: readonly BenchSystem[], inputs: BenchInputs, options: BenchOptions): Promise<BenchReport> {
  const figures: Record<string, SystemFigures> = {};
  const notes: Record<string, string> = {};
  const failures: Record<string, string> = {};
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
      fail(system, error);
      system.dispose();
    }
  }
  try {
    // Every figure is measured in interleaved rounds (A, B, C, A, B, C, …) and each system
    // keeps its best round: each round is a steady mean over its budget, and the best of
    // three discounts the moments another process took the core.
    const best = new Map<BenchSystem, Record<Figure, number>>(live.map((s) => [s, { forward: 0, train: 0, bigConv: 0 }]));
    const work: Record<Figure, (s: BenchSystem) => () => void | Promise<void>> = {
      forward: (s) => () => s.forwardBatch(),
      train: (s) => () => s.trainBatch(),
      bigConv: (s) => () => s.bigConv(),
    };
    const roundBudget = { ...options.budget, seconds: options.budget.seconds / ROUNDS };
    for (const figure of ['forward', 'train', 'bigConv'] as const) {
      for (let round = 0; round < ROUNDS; round++) {
        for (const system of live) {
          if (failures[system.name]) continue;
          try {
            const t = await timeCalls(work[figure](system), round === 0 ? roundBudget : { ...roundBudget, warmupSeconds: 0, warmupCalls: 0 });
            const b = best.get(system)!;
            b[figure] = Math.max(b[figure], t.callsPerSecond);
          } catch (error) {
            fail(system, error);
          }
        }
      }
      for (const system of live) {
        const rate = best.get(system)![figure];
        if (!failures[system.name]) {
          options.log(figure === 'bigConv'
            ? `${system.name}: big conv ${fmt((2 * BIG_CONV_MACS * rate) / 1e9, 2)} GFLOP/s`
            : `${system.name}: ${figure} ${fmt(rate * BATCH)} img/s`);
        }
      }
    }
    for (const system of live) {
      if (failures[system.name]) continue;
      try {
        const mnistEpoch = options.extra ? await options.extra(system) : undefined;
        const b = best.get(system)!;
        figures[system.name] = {
          forwardImgPerSec: b.forward * BATCH,
          trainImgPerSec: b.train * BATCH,
          bigConvGflops: (2 * BIG_CONV_MACS * b.bigConv) / 1e9,
          ...(mnistEpoch ? { mnistEpoch } : {}),
        };
      } catch (error) {
        fail(system, error);
      }
    }
  } finally {
    for (const system of live) system.dispose();
  }
  return { figures, notes, failures };
}

/** The targets, as ratios of ConvLab to tfjs-wasm in the same run. */
export const TARGETS = { trainVsWasm: 1.5, forwardVsWasm: 0.5 } as const;

export function formatReport(report: BenchReport): string {
  const rows = Object.entries(report.figures).map(([name, f]) => [
    name,
    fmt(f.forwardImgPerSec),
    fmt(f.trainImgPerSec),
    fmt(f.bigConvGflops, 2),
    f.mnistEpoch ? `${f.mnistEpoch.trainSeconds.toFixed(1)} s, ${(100 * f.mnistEpoch.testAccuracy).toFixed(2)} %` : '',
  ]);
  const header = ['system', 'forward img/s', 'train img/s', 'big conv GFLOP/s', 'MNIST epoch (train time, test acc.)'];
  const hasEpoch = rows.some((r) => r[4] !== '');
  const table = [header, ...rows].map((r) => (hasEpoch ? r : r.slice(0, 4)));
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  const line = (r: string[]): string => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const out = [line(table[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...table.slice(1).map(line)];

  const convlab = report.figures['convlab'];
  const wasm = report.figures['tfjs-wasm'];
  if (convlab && wasm) {
    const train = convlab.trainImgPerSec / wasm.trainImgPerSec;
    const forward = convlab.forwardImgPerSec / wasm.forwardImgPerSec;
    out.push('');
    out.push(`convlab ÷ tfjs-wasm: train ${train.toFixed(2)}× (target ≥ ${TARGETS.trainVsWasm}×: ${train >= TARGETS.trainVsWasm ? 'met' : 'NOT met'}), ` +
      `forward ${forward.toFixed(2)}× (target ≥ ${TARGETS.forwardVsWasm}×: ${forward >= TARGETS.forwardVsWasm ? 'met' : 'NOT met'})`);
  }
  out.push('');
  for (const [name, note] of Object.entries(report.notes)) out.push(`${name}: ${note}`);
  out.push(`batch ${BATCH}; big conv = 64×64×32 input, 3×3×64, same padding, ${(BIG_CONV_MACS / 1e6).toFixed(1)} M multiply-adds`);
  for (const [name, reason] of Object.entries(report.failures)) out.push(`${name}: FAILED: ${reason}`);
  return out.join('\n');
}

/** The one JSON object of `--json`: system → its figures. */
export function reportJson(report: BenchReport): string {
  return JSON.stringify(report.figures);
}

function fmt(x: number, digits = 0): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

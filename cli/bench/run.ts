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

export async function runBenchmark(systems: readonly BenchSystem[], inputs: BenchInputs, options: BenchOptions): Promise<BenchReport> {
  const figures: Record<string, SystemFigures> = {};
  const notes: Record<string, string> = {};
  const failures: Record<string, string> = {};
  for (const system of systems) {
    try {
      options.log(`${system.name}: setting up`);
      await system.setup(inputs);
      notes[system.name] = system.note;
      const forward = await timeCalls(() => system.forwardBatch(), options.budget);
      options.log(`${system.name}: forward ${fmt(forward.callsPerSecond * BATCH)} img/s (${forward.calls} batches)`);
      const train = await timeCalls(() => system.trainBatch(), options.budget);
      options.log(`${system.name}: train ${fmt(train.callsPerSecond * BATCH)} img/s (${train.calls} batches)`);
      const conv = await timeCalls(() => system.bigConv(), options.budget);
      options.log(`${system.name}: big conv ${fmt((2 * BIG_CONV_MACS * conv.callsPerSecond) / 1e9, 2)} GFLOP/s (${conv.calls} calls)`);
      const mnistEpoch = options.extra ? await options.extra(system) : undefined;
      figures[system.name] = {
        forwardImgPerSec: forward.callsPerSecond * BATCH,
        trainImgPerSec: train.callsPerSecond * BATCH,
        bigConvGflops: (2 * BIG_CONV_MACS * conv.callsPerSecond) / 1e9,
        ...(mnistEpoch ? { mnistEpoch } : {}),
      };
    } catch (error) {
      failures[system.name] = error instanceof Error ? error.message : String(error);
      options.log(`${system.name}: FAILED: ${failures[system.name]}`);
    } finally {
      system.dispose();
    }
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

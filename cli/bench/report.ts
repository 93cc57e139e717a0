/**
 * The benchmark's report as a table (with the targets as ratios in the same run)
 * or as the one JSON line of --json. Separate from run.ts so that the harness measures and
 * this file only words what was measured.
 */
import { DEEPEST, DEFAULT_DEPTH_EPOCHS, LECTURE_MAX_EPOCHS } from './depth';
import type { BenchReport, SystemFigures } from './run';
import { BATCH, BIG_CONV_MACS, DENSE_STEP } from './system';

/** The targets: against tfjs-wasm (met before), and against Keras on one thread (issue 12). */
export const TARGETS = {
  trainVsWasm: 1.5,
  forwardVsWasm: 0.5,
  trainVsKeras: 0.8,
  forwardVsKeras: 0.8,
  /** Keras' depth-24 epoch time ÷ ConvLab's: ConvLab at ≥ 0.4× Keras' speed. */
  depthVsKeras: 0.4,
  denseGflops: 45,
} as const;

export function formatReport(report: BenchReport): string {
  const hasDense = Object.values(report.figures).some((f) => f.denseStepGflops !== undefined);
  const hasDepth = Object.values(report.figures).some((f) => f.depthEpochSeconds !== undefined);
  const hasEpoch = Object.values(report.figures).some((f) => f.mnistEpoch !== undefined);
  const columns: { header: string; cell: (f: SystemFigures) => string; show: boolean }[] = [
    { header: 'forward img/s', cell: (f) => fmt(f.forwardImgPerSec), show: true },
    { header: 'train img/s', cell: (f) => fmt(f.trainImgPerSec), show: true },
    { header: 'big conv GFLOP/s', cell: (f) => fmt(f.bigConvGflops, 2), show: true },
    { header: 'dense step GFLOP/s', cell: (f) => (f.denseStepGflops === undefined ? '–' : fmt(f.denseStepGflops, 2)), show: hasDense },
    { header: `depth-${DEEPEST} epoch`, cell: (f) => (f.depthEpochSeconds?.[DEEPEST] === undefined ? '–' : `${f.depthEpochSeconds[DEEPEST]!.toFixed(1)} s`), show: hasDepth },
    { header: 'depth experiment', cell: (f) => (f.depthExperimentSeconds === undefined ? '–' : `${(f.depthExperimentSeconds / 3600).toFixed(2)} h`), show: hasDepth },
    {
      header: 'MNIST epoch (train time, test acc.)',
      cell: (f) => (f.mnistEpoch ? `${f.mnistEpoch.trainSeconds.toFixed(1)} s, ${(100 * f.mnistEpoch.testAccuracy).toFixed(2)} %` : ''),
      show: hasEpoch,
    },
  ];
  const shown = columns.filter((c) => c.show);
  const table = [['system', ...shown.map((c) => c.header)], ...Object.entries(report.figures).map(([name, f]) => [name, ...shown.map((c) => c.cell(f))])];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  const line = (r: string[]): string => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const out = [line(table[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...table.slice(1).map(line)];

  const ratios = targetLines(report);
  if (ratios.length > 0) out.push('', ...ratios);
  out.push('');
  for (const [name, note] of Object.entries(report.notes)) out.push(`${name}: ${note}`);
  out.push(`batch ${BATCH}; big conv = 64×64×32 input, 3×3×64, same padding, ${(BIG_CONV_MACS / 1e6).toFixed(1)} M multiply-adds`);
  if (hasDense) out.push(`dense step = Dense(${DENSE_STEP.units}→${DENSE_STEP.units}, ELU) at batch ${DENSE_STEP.batch}, MSE, Adam; FLOPs of its 3 products (forward, dx, dW)`);
  if (report.depth && hasDepth) out.push(depthNote(report.depth));
  out.push(...groupedReasons(report.skipped, 'not measured'));
  for (const [name, reason] of Object.entries(report.failures)) out.push(`${name}: FAILED: ${reason}`);
  return out.join('\n');
}

function depthNote(depth: NonNullable<BenchReport['depth']>): string {
  const measured = depth.fraction < 1 ? `a tenth of an epoch (6,000 images, 1,000 to validate), ×10` : 'one full epoch (60,000 images, 10,000 to validate)';
  const assumption = depth.epochsPerDepth === DEFAULT_DEPTH_EPOCHS ? ' (assumed: early stopping, patience 5, ends long before the cap)' : '';
  return `depth epochs = the lecture's model (Flatten, d × Dense(512, elu), Dense(10, softmax)), Adam, batch 256, ${measured}; ` +
    `depth experiment = depths 0…24 one after another at ${depth.epochsPerDepth} epochs a depth${assumption}, ` +
    `from depths 0, 1 and 24 (time grows by one layer a depth); at the lecture's cap of ${LECTURE_MAX_EPOCHS} epochs, ×${(LECTURE_MAX_EPOCHS / depth.epochsPerDepth).toFixed(1)}`;
}

/** The ratios the issues set as targets, for the systems that ran. */
function targetLines(report: BenchReport): string[] {
  const out: string[] = [];
  const convlab = report.figures['convlab'];
  if (!convlab) return out;
  const verdict = (x: number, target: number): string => `${x.toFixed(2)}× (target ≥ ${target}×: ${x >= target ? 'met' : 'NOT met'})`;
  const wasm = report.figures['tfjs-wasm'];
  if (wasm) {
    out.push(`convlab ÷ tfjs-wasm: train ${verdict(convlab.trainImgPerSec / wasm.trainImgPerSec, TARGETS.trainVsWasm)}, ` +
      `forward ${verdict(convlab.forwardImgPerSec / wasm.forwardImgPerSec, TARGETS.forwardVsWasm)}`);
  }
  const keras = report.figures['keras-1t'];
  if (keras) {
    const parts = [
      `train ${verdict(convlab.trainImgPerSec / keras.trainImgPerSec, TARGETS.trainVsKeras)}`,
      `forward ${verdict(convlab.forwardImgPerSec / keras.forwardImgPerSec, TARGETS.forwardVsKeras)}`,
    ];
    const mine = convlab.depthEpochSeconds?.[DEEPEST];
    const theirs = keras.depthEpochSeconds?.[DEEPEST];
    if (mine !== undefined && theirs !== undefined) parts.push(`depth-${DEEPEST} epoch speed ${verdict(theirs / mine, TARGETS.depthVsKeras)}`);
    out.push(`convlab ÷ keras-1t: ${parts.join(', ')}`);
  }
  if (convlab.denseStepGflops !== undefined) {
    const met = convlab.denseStepGflops >= TARGETS.denseGflops;
    out.push(`convlab dense step: ${convlab.denseStepGflops.toFixed(1)} GFLOP/s on one core (target ≥ ${TARGETS.denseGflops}: ${met ? 'met' : 'NOT met'})`);
  }
  return out;
}

/** Systems with the same reason share one line: a machine without Python gets one note, not three. */
export function groupedReasons(reasons: Record<string, string>, label: string): string[] {
  const byReason = new Map<string, string[]>();
  for (const [name, reason] of Object.entries(reasons)) byReason.set(reason, [...(byReason.get(reason) ?? []), name]);
  return [...byReason].map(([reason, names]) => `${names.join(', ')}: ${label}: ${reason}`);
}

/**
 * The one JSON object of `--json`: system → its figures, every system with the same keys
 * (null where the system has no such figure), so a script can read any of them alike.
 */
export function reportJson(report: BenchReport): string {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(report.figures)) {
    out[name] = {
      trainImgPerSec: f.trainImgPerSec,
      forwardImgPerSec: f.forwardImgPerSec,
      bigConvGflops: f.bigConvGflops,
      denseStepGflops: f.denseStepGflops ?? null,
      depth24EpochSeconds: f.depthEpochSeconds?.[DEEPEST] ?? null,
      depthEpochSeconds: f.depthEpochSeconds ?? null,
      depthExperimentSeconds: f.depthExperimentSeconds ?? null,
      depthExperimentEpochsPerDepth: f.depthExperimentSeconds !== undefined ? (report.depth?.epochsPerDepth ?? null) : null,
      ...(f.mnistEpoch ? { mnistEpoch: f.mnistEpoch } : {}),
    };
  }
  return JSON.stringify(out);
}

function fmt(x: number, digits = 0): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * The lecture's depth experiment as benchmark figures: how long one epoch takes at depth
 * 24 (the deepest model of range(25)), and an estimate of the whole experiment's wall time.
 *
 * Why three depths are enough for the estimate: the model of depth d ≥ 1 is
 * Dense(784→512) + (d − 1) × Dense(512→512) + Dense(512→10), so its epoch time is
 * t(d) = t(1) + (d − 1)·(t(24) − t(1))/23 — one more identical layer per depth. Summed over
 * d = 1…24 that is 12·(t(1) + t(24)); depth 0 (Dense(784→10) alone) is measured on its own.
 * The experiment then takes epochs × (t(0) + 12·(t(1) + t(24))), on one process, the depths
 * one after another as the lecture's loop runs them. The number of epochs is an assumption:
 * fit stops early (patience 5 on val_loss) long before its cap of 100 on MNIST; the default
 * of 20 a depth is the assumption, and `--depth-epochs` changes it. The lecture's
 * evaluate calls after each fit (one forward pass over 70,000 images, about 0.4 of an epoch)
 * are left out: under 2 % of a depth's time at 20 epochs.
 */
import type { DepthEpochRun } from './system';

/** MNIST's split, the lecture's batch: what one real epoch of its fit covers. */
export const MNIST_TRAIN = 60_000;
export const MNIST_TEST = 10_000;
export const DEPTH_BATCH = 256;
export const DEEPEST = 24;
/** The depths measured, deepest first: the figure everyone waits for comes first. */
export const MEASURED_DEPTHS = [DEEPEST, 1, 0] as const;
export const DEFAULT_DEPTH_EPOCHS = 20;
/** The lecture's cap on epochs (fit(..., epochs=100)): the upper bound of the estimate. */
export const LECTURE_MAX_EPOCHS = 100;

/**
 * What is fitted per measured depth: the full epoch (60,000 images, validated on 10,000),
 * or for --quick a tenth of it (6,000 and 1,000), whose time is then scaled by 10.
 */
export interface DepthPlan {
  readonly fraction: number;
  readonly runs: readonly DepthEpochRun[];
}

export function depthPlan(quick: boolean, seed: number): DepthPlan {
  const fraction = quick ? 0.1 : 1;
  return {
    fraction,
    runs: MEASURED_DEPTHS.map((depth) => ({
      depth,
      trainCount: Math.round(MNIST_TRAIN * fraction),
      validCount: Math.round(MNIST_TEST * fraction),
      seed,
    })),
  };
}

/** Measured epoch seconds per depth (each already scaled to a full epoch). */
export type DepthEpochs = Readonly<Partial<Record<number, number>>>;

/** The whole experiment's seconds for `epochs` epochs a depth, or undefined without the three depths. */
export function depthExperimentSeconds(epochs: DepthEpochs, epochsPerDepth: number): number | undefined {
  const t0 = epochs[0];
  const t1 = epochs[1];
  const t24 = epochs[DEEPEST];
  if (t0 === undefined || t1 === undefined || t24 === undefined) return undefined;
  return epochsPerDepth * (t0 + 12 * (t1 + t24));
}

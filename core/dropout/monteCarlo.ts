/**
 * The Monte-Carlo estimate of the dropout ensemble: the average of f(x, z) over N masks
 * drawn at random, as the lecture's training step draws them (unit kept ⇔ rand < p).
 * Its spread is MC dropout's uncertainty (Gal & Ghahramani 2016): keep dropout on at test
 * time and read the standard deviation of the predictions.
 *
 * Masks come from the seeded generator (core/random.ts) with exactly one uniform draw per
 * unit, mask after mask, so mask i is draws i·n … i·n + n − 1 of the stream: any mask can
 * be replayed from (seed, i) alone (replayMask), which is how a view redraws mask 417
 * without storing the other 416.
 */
import { Random } from '../random';
import { checkSite, keptMultiplier, type DropoutSite } from './conventions';
import type { Expectation, MaskedForward } from './exact';

export interface MonteCarloOptions {
  readonly samples: number;
  readonly seed: number;
  /** Keep every sample's output (samples × outputs), for "the prediction under each mask". */
  readonly keepOutputs?: boolean;
  /** Keep every mask's kept flags (samples × units), for drawing the masks. */
  readonly keepMasks?: boolean;
}

export interface MonteCarloResult extends Expectation {
  readonly samples: number;
  readonly seed: number;
  readonly outputSize: number;
  /** Row i (i = 0 … N − 1) is the mean of the first i + 1 predictions: the average as N grows. */
  readonly runningMean: Float64Array;
  /** std / √N: how far the average itself is likely to be from the exact expectation. */
  readonly standardError: Float64Array;
  readonly outputs: Float64Array | null;
  readonly masks: Uint8Array | null;
}

/** Draws one mask: fills the multipliers and, if given, the kept flags. One draw per unit. */
export function sampleMask(random: Random, site: DropoutSite, mask: Float64Array, kept?: Uint8Array): void {
  const on = keptMultiplier(site.convention, site.keepProb);
  for (let i = 0; i < site.units; i++) {
    const keep = random.next() < site.keepProb;
    mask[i] = keep ? on : 0;
    if (kept) kept[i] = keep ? 1 : 0;
  }
}

/** The kept flags of mask `index` of the stream started from `seed`. */
export function replayMask(site: DropoutSite, seed: number, index: number): Uint8Array {
  checkSite(site);
  const random = new Random(seed);
  for (let i = 0; i < index * site.units; i++) random.next();
  const kept = new Uint8Array(site.units);
  sampleMask(random, site, new Float64Array(site.units), kept);
  return kept;
}

export function monteCarloExpectation<I>(forward: MaskedForward<I>, input: I, site: DropoutSite, options: MonteCarloOptions): MonteCarloResult {
  checkSite(site);
  const { samples, seed } = options;
  if (!(Number.isInteger(samples) && samples >= 1)) throw new RangeError(`samples must be a positive integer, got ${samples}`);
  const random = new Random(seed);
  const n = site.units;
  const mask = new Float64Array(n);
  const masks = options.keepMasks ? new Uint8Array(samples * n) : null;
  let mean: Float64Array | null = null;
  let m2: Float64Array | null = null;
  let runningMean = new Float64Array(0);
  let outputs: Float64Array | null = null;
  let size = 0;
  for (let s = 0; s < samples; s++) {
    sampleMask(random, site, mask, masks ? masks.subarray(s * n, (s + 1) * n) : undefined);
    const y = forward(input, mask);
    if (!mean || !m2) {
      size = y.length;
      mean = new Float64Array(size);
      m2 = new Float64Array(size);
      runningMean = new Float64Array(samples * size);
      if (options.keepOutputs) outputs = new Float64Array(samples * size);
    } else if (y.length !== size) {
      throw new RangeError(`the forward returned ${y.length} outputs for one mask and ${size} for another`);
    }
    // Welford's update: stable mean and sum of squared deviations in one pass.
    for (let j = 0; j < size; j++) {
      const v = y[j]!;
      const delta = v - mean[j]!;
      mean[j] = mean[j]! + delta / (s + 1);
      m2[j] = m2[j]! + delta * (v - mean[j]!);
      runningMean[s * size + j] = mean[j]!;
      if (outputs) outputs[s * size + j] = v;
    }
  }
  // The sample standard deviation (N − 1): an unbiased variance estimate of the ensemble's spread.
  const std = m2!.map((v) => (samples > 1 ? Math.sqrt(v / (samples - 1)) : 0));
  const standardError = std.map((v) => v / Math.sqrt(samples));
  return { mean: mean!, std, samples, seed, outputSize: size, runningMean, standardError, outputs, masks };
}

/**
 * The exact expectation of a network's output over every dropout mask, the lecture's
 *   y = E_z[f(x, z)] = Σ_z p(z) f(x, z),   p(z) = p^k (1 − p)^(n − k)  (k of n units kept),
 * by enumerating all 2^n masks. "This summation is very time-consuming": it is feasible
 * only for a few units, which is the point the view makes next to the Monte-Carlo average
 * and the weight-scaling rule. ConvLab enumerates up to 2^20 masks and refuses beyond.
 *
 * The network is any function of an input and a mask of multipliers (see conventions.ts),
 * so the same code serves a single neuron, a plain-array MLP, or a network from core/.
 */
import { checkSite, maskFromBits, type DropoutSite } from './conventions';

/**
 * A network's forward pass with one dropout site: `mask[i]` multiplies unit i (0 when
 * dropped). The mask buffer is reused between calls; the output is read before the next
 * call, so the forward may return a buffer of its own that it reuses too.
 */
export type MaskedForward<I> = (input: I, mask: Float64Array) => ArrayLike<number>;

export const MAX_EXACT_UNITS = 20;

export interface Expectation {
  readonly mean: Float64Array;
  /** Per output, the standard deviation of f(x, z) over the masks. */
  readonly std: Float64Array;
}

export interface ExactExpectation extends Expectation {
  readonly units: number;
  readonly maskCount: number;
}

/** One term of the sum, for views that list them (only for small n). */
export interface MaskTerm {
  /** Unit i is kept ⇔ bit i is set. */
  readonly bits: number;
  readonly kept: number;
  readonly probability: number;
  readonly mask: Float64Array;
  readonly output: ArrayLike<number>;
}

export function canEnumerate(units: number): boolean {
  return units <= MAX_EXACT_UNITS;
}

export function exactExpectation<I>(forward: MaskedForward<I>, input: I, site: DropoutSite, onTerm?: (term: MaskTerm) => void): ExactExpectation {
  checkSite(site);
  const n = site.units;
  if (!canEnumerate(n)) {
    throw new RangeError(`The exact expectation enumerates 2^${n} masks; ConvLab stops at 2^${MAX_EXACT_UNITS} (${2 ** MAX_EXACT_UNITS}). Use the Monte-Carlo average for ${n} units.`);
  }
  const p = site.keepProb;
  // p(z) depends only on how many units are kept.
  const probabilityOfKept = Float64Array.from({ length: n + 1 }, (_, k) => p ** k * (1 - p) ** (n - k));
  const mask = new Float64Array(n);
  const count = 2 ** n;
  let sum: Float64Array | null = null;
  let sumSquares: Float64Array | null = null;
  for (let bits = 0; bits < count; bits++) {
    const kept = maskFromBits(bits, site, mask);
    const probability = probabilityOfKept[kept]!;
    const y = forward(input, mask);
    if (!sum || !sumSquares) {
      sum = new Float64Array(y.length);
      sumSquares = new Float64Array(y.length);
    } else if (y.length !== sum.length) {
      throw new RangeError(`the forward returned ${y.length} outputs for one mask and ${sum.length} for another`);
    }
    for (let j = 0; j < y.length; j++) {
      const v = y[j]!;
      sum[j]! += probability * v;
      sumSquares[j]! += probability * v * v;
    }
    onTerm?.({ bits, kept, probability, mask, output: y });
  }
  const mean = sum!;
  const std = sumSquares!.map((s2, j) => Math.sqrt(Math.max(0, s2 - mean[j]! * mean[j]!)));
  return { mean, std, units: n, maskCount: count };
}

/**
 * Dropout (Srivastava, Hinton et al. 2014) in the two conventions of the lecture. With p the
 * keep probability (the lecture's p; Keras' `rate` and PyTorch's `p` are the drop rate
 * 1 − p) and m a mask of independent Bernoulli(p) draws:
 *
 *   standard  train: y = m ⊙ x          test: y = p · x   (the paper's weight scaling)
 *   inverted  train: y = m ⊙ x / p      test: y = x       (Keras, PyTorch, tinygrad)
 *
 * Either way E[train output] = test output, since E[m] = p; inverted dropout moves the
 * scaling into training so that inference is untouched.
 *
 * A mask entry covers `unitSize` consecutive elements: 1 drops single units; H·W drops whole
 * feature maps of an NCHW tensor (SpatialDropout2D, Dropout2d), whose neighbouring pixels
 * are too correlated for element-wise dropout to regularise.
 *
 * Masks come from the seeded generator, one draw per mask entry in order, so a mask is
 * replayed exactly from the generator's seed. The layer applying dropout is linear for a
 * fixed mask, so its backward pass is the same multiplication applied to the gradient.
 */
import type { Random } from '../random';

export type DropoutConvention = 'standard' | 'inverted';

export function checkKeepProb(keepProb: number): void {
  if (!(keepProb > 0 && keepProb <= 1)) {
    throw new RangeError(`the keep probability must be in (0, 1], got ${keepProb} (drop rate ${1 - keepProb})`);
  }
}

/** What a kept unit is multiplied by in training. */
export function trainScale(keepProb: number, convention: DropoutConvention): number {
  checkKeepProb(keepProb);
  return convention === 'inverted' ? 1 / keepProb : 1;
}

/** What every unit is multiplied by at test time. */
export function testScale(keepProb: number, convention: DropoutConvention): number {
  checkKeepProb(keepProb);
  return convention === 'standard' ? keepProb : 1;
}

/** mask[u] = 1 (kept) with probability keepProb, else 0 (dropped), for u < units. */
export function sampleDropoutMask(mask: Uint8Array, units: number, keepProb: number, rng: Random): void {
  checkKeepProb(keepProb);
  for (let u = 0; u < units; u++) mask[u] = rng.next() < keepProb ? 1 : 0;
}

/** y = x ⊙ mask · scale, each mask entry covering `unitSize` consecutive elements. y may be x. */
export function applyDropoutMask(
  x: Float32Array, y: Float32Array, mask: Uint8Array, units: number, unitSize: number, scale: number,
): void {
  for (let u = 0, i = 0; u < units; u++) {
    const m = mask[u]! * scale;
    for (const end = i + unitSize; i < end; i++) y[i] = x[i]! * m;
  }
}

/** y = x · scale over the first `size` elements (the test pass). y may be x. */
export function scaleBy(x: Float32Array, y: Float32Array, size: number, scale: number): void {
  for (let i = 0; i < size; i++) y[i] = x[i]! * scale;
}

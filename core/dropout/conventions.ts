/**
 * The two dropout conventions of the lecture, as the multipliers a mask applies to the
 * dropped layer's units. p is the keep probability (the lecture's p; Keras' rate and
 * PyTorch's p are drop rates, keepProb = 1 − rate).
 *
 *                  training (unit kept / dropped)   test (no mask)
 *   standard       1 / 0                             p     ("at test time, multiply by p")
 *   inverted       1/p / 0                           1     ("test time is unchanged")
 *
 * In both, a unit's expected training multiplier equals its test multiplier
 * (p·1 = p; p·(1/p) = 1), which is why scaling at test time approximates the ensemble.
 * Keras and PyTorch both use inverted dropout; tinygrad too. Standard dropout is the
 * original paper's (Srivastava et al. 2014).
 *
 * Describing a mask by its multipliers lets any network take part: its forward multiplies
 * the dropped units by the mask, and the same forward serves training masks and the test
 * pass (a mask filled with the test multiplier).
 */
export type DropoutConvention = 'standard' | 'inverted';

/** One dropout site: the units a mask covers, how likely each is kept, and the convention. */
export interface DropoutSite {
  readonly units: number;
  readonly keepProb: number;
  readonly convention: DropoutConvention;
}

/** The multiplier of a kept unit in training. */
export function keptMultiplier(convention: DropoutConvention, keepProb: number): number {
  return convention === 'inverted' ? 1 / keepProb : 1;
}

/** The multiplier of every unit at test time (the weight-scaling rule). */
export function testMultiplier(convention: DropoutConvention, keepProb: number): number {
  return convention === 'inverted' ? 1 : keepProb;
}

/** Throws a RangeError on a site no convention can use (a programming error, not a model error). */
export function checkSite(site: DropoutSite): void {
  if (!(Number.isInteger(site.units) && site.units >= 0)) throw new RangeError(`dropout units must be a non-negative integer, got ${site.units}`);
  // p = 0 keeps nothing and inverted dropout would divide by it; p = 1 is "no dropout".
  if (!(site.keepProb > 0 && site.keepProb <= 1)) throw new RangeError(`keep probability must be in (0, 1], got ${site.keepProb}`);
}

/** A site for a framework's dropout layer: drop rate → keep probability; both frameworks invert. */
export function siteFromRate(rate: number, units: number, convention: DropoutConvention = 'inverted'): DropoutSite {
  return { units, keepProb: 1 - rate, convention };
}

/**
 * Fills `out` with the multipliers of the mask whose kept units are the set bits of
 * `bits` (unit i kept ⇔ bit i set); returns how many are kept. For the enumeration.
 */
export function maskFromBits(bits: number, site: DropoutSite, out: Float64Array): number {
  const kept = keptMultiplier(site.convention, site.keepProb);
  let k = 0;
  for (let i = 0; i < site.units; i++) {
    const on = (bits >>> i) & 1;
    out[i] = on ? kept : 0;
    k += on;
  }
  return k;
}

/**
 * 1 − x for probabilities and momenta, rounded to 12 decimals so that a keep probability
 * of 0.8 gives a drop rate of 0.2, not 0.19999999999999996 (which a hover would show).
 */
export function complement(x: number): number {
  return Math.round((1 - x) * 1e12) / 1e12;
}

/**
 * How many models a dropout layer trains at once: each of its n units is kept or dropped,
 * so there are 2^n masks, each one a member of the ensemble that shares the weights.
 * The lecture: "An FC layer with 4096 units has 2^4096 ∼ 10^1233 possible masks!"
 *
 * The exact count is a BigInt; its size is read from the logarithm,
 * log10(2^n) = n·log10 2 (4096·0.30103 = 1233.0189), whose integer part is the exponent
 * and whose fractional part (the logarithm's mantissa) gives the leading digits:
 * 10^0.0189 = 1.0444, so 2^4096 = 1.0444… × 10^1233, a number of 1234 digits.
 */

export interface MaskCount {
  readonly units: number;
  /** log10(2^units) = units·log10 2, e.g. 1233.0188… for 4096 units. */
  readonly log10: number;
  /** The integer part of log10 (the power of ten). */
  readonly exponent: number;
  /** The fractional part of log10 (the logarithm's mantissa), in [0, 1). */
  readonly logMantissa: number;
  /** 10^logMantissa, in [1, 10): 2^units ≈ significand × 10^exponent. */
  readonly significand: number;
  /** Decimal digits of 2^units. */
  readonly digits: number;
  /** For the learner: "2^4096 ≈ 10^1233.019 = 1.044 × 10^1233 (1234 digits)", or the exact count when short. */
  readonly text: string;
}

/** 2^units exactly. A BigInt of `units` bits: cheap up to millions of units. */
export function exactMaskCount(units: number): bigint {
  if (!(Number.isInteger(units) && units >= 0)) throw new RangeError(`units must be a non-negative integer, got ${units}`);
  return 1n << BigInt(units);
}

/** Counts beyond this many digits are written in powers of ten. */
const EXACT_TEXT_DIGITS = 15;

export function maskCount(units: number): MaskCount {
  if (!(Number.isInteger(units) && units >= 0)) throw new RangeError(`units must be a non-negative integer, got ${units}`);
  const log10 = units * Math.log10(2);
  let exponent = Math.floor(log10);
  let logMantissa = log10 - exponent;
  let significand = 10 ** logMantissa;
  if (significand >= 10) {
    // Guards the rare rounding that lands exactly on the next power of ten.
    exponent += 1;
    logMantissa = 0;
    significand = 1;
  }
  const digits = exponent + 1;
  const text = digits <= EXACT_TEXT_DIGITS
    ? `2^${units} = ${exactMaskCount(units).toString()}`
    : `2^${units} ≈ 10^${log10.toFixed(3)} = ${significand.toFixed(3)} × 10^${exponent} (${digits} digits)`;
  return { units, log10, exponent, logMantissa, significand, digits, text };
}

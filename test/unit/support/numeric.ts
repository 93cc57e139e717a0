/** Random data, closeness checks and finite-difference gradient checks for the numeric tests. */
import assert from 'node:assert/strict';
import type { Random } from '../../../core/random';

export function randomArray(rng: Random, n: number, low = -1, high = 1): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.uniform(low, high);
  return a;
}

/** An integer in [low, high]. */
export function randInt(rng: Random, low: number, high: number): number {
  return low + rng.int(high - low + 1);
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

export interface Tolerance {
  /** Relative tolerance. */
  readonly rtol?: number;
  /** Absolute floor; default rtol × max(1, max |expected|), the scale of the whole tensor. */
  readonly atol?: number;
}

/**
 * |actual − expected| ≤ atol + rtol·|expected| everywhere. The absolute floor is relative to
 * the largest value of the tensor, so an entry that is a small difference of large float32
 * sums is not held to a precision float32 cannot give it.
 */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, tol: Tolerance = {}): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const rtol = tol.rtol ?? 1e-5;
  const atol = tol.atol ?? rtol * Math.max(1, maxAbs(expected));
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const excess = Math.abs(a - e) - (atol + rtol * Math.abs(e));
    if (!(excess <= 0) && (worst < 0 || excess > worstExcess || Number.isNaN(excess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) {
    assert.fail(`${what}: at ${worst} got ${actual[worst]}, expected ${expected[worst]} (rtol ${rtol}, atol ${atol.toExponential(2)})`);
  }
}

/** Σ y·r in double: a scalar loss whose gradient with respect to y is r. */
export function dotLoss(y: ArrayLike<number>, r: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i]! * r[i]!;
  return s;
}

export interface GradCheckOptions {
  /** Step; the actual step is read back after rounding to float32. */
  readonly h?: number;
  readonly rtol?: number;
  readonly atol?: number;
  /** Check at most this many entries, spread evenly (default: all). */
  readonly samples?: number;
  /**
   * For piecewise functions (ReLU): false when the last loss evaluation stepped across a
   * kink, where the difference quotient is not a derivative; that entry is then skipped.
   * At most a quarter of the entries may be skipped.
   */
  readonly smooth?: () => boolean;
}

/**
 * Central differences (L(v + h) − L(v − h)) / (2h) for entries of `values`, against the
 * analytic gradient. `loss` recomputes the scalar loss from the current values (in double);
 * the step actually taken is measured after float32 rounding, so it is exact.
 */
export function checkGradient(
  what: string, values: Float32Array, analytic: ArrayLike<number>, loss: () => number, options: GradCheckOptions = {},
): void {
  const h = options.h ?? 1e-2;
  const rtol = options.rtol ?? 1e-3;
  const atol = options.atol ?? 1e-4;
  const count = Math.min(values.length, options.samples ?? values.length);
  const failures: string[] = [];
  let skipped = 0;
  for (let s = 0; s < count; s++) {
    const i = Math.floor((s * values.length) / count);
    const original = values[i]!;
    values[i] = original + h;
    const up = values[i]!;
    const lossUp = loss();
    const smoothUp = options.smooth?.() ?? true;
    values[i] = original - h;
    const down = values[i]!;
    const lossDown = loss();
    const smoothDown = options.smooth?.() ?? true;
    values[i] = original;
    if (!smoothUp || !smoothDown) {
      skipped++;
      continue;
    }
    const numeric = (lossUp - lossDown) / (up - down);
    const a = analytic[i]!;
    if (!(Math.abs(numeric - a) <= atol + rtol * Math.max(Math.abs(numeric), Math.abs(a)))) {
      failures.push(`[${i}] analytic ${a.toExponential(4)} numeric ${numeric.toExponential(4)}`);
    }
  }
  assert.ok(values.length > 0, `${what}: nothing to check`);
  assert.ok(skipped <= count / 4, `${what}: ${skipped} of ${count} steps crossed a kink; use a smaller step`);
  assert.deepEqual(failures, [], `${what}: finite differences disagree at ${failures.length} of ${count} entries`);
}

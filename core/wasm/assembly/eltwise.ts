/* eslint-disable @typescript-eslint/ban-ts-comment */
// @ts-nocheck -- AssemblyScript, not TypeScript: scripts/build-wasm.mjs compiles and checks it.
/**
 * Element-wise passes that follow a GEMM while its output is still in cache: bias, ReLU,
 * ReLU's gradient, and the sums that give a bias gradient.
 *
 * ReLU is f32x4.pmax(z, 0) = (z < 0 ? 0 : z): one maxps on x64 (f32x4.max, NaN-propagating
 * in both operands, takes several instructions), and it keeps NaN as NaN like the
 * TypeScript (z + |z|)/2. Its gradient masks dy with z > 0 read from the output y
 * (y > 0 exactly where z > 0), as core/ops/activations.ts does.
 */

/** z[0..n) += b; and y = relu(z) when y ≠ 0 (a pointer; 0 means no activation). */
export function biasRelu(z: usize, y: usize, n: i32, b: f32): void {
  const bv = f32x4.splat(b), zero = f32x4.splat(0);
  let i = 0;
  let o: usize = 0;
  if (y === 0) {
    for (; i + 4 <= n; i += 4, o += 16) v128.store(z + o, f32x4.add(v128.load(z + o), bv));
    for (; i < n; i++, o += 4) store<f32>(z + o, load<f32>(z + o) + b);
    return;
  }
  for (; i + 4 <= n; i += 4, o += 16) {
    const v = f32x4.add(v128.load(z + o), bv);
    v128.store(z + o, v);
    v128.store(y + o, f32x4.pmax(v, zero));
  }
  for (; i < n; i++, o += 4) {
    const v = load<f32>(z + o) + b;
    store<f32>(z + o, v);
    store<f32>(y + o, v < 0 ? 0 : v);
  }
}

/** dz = dy where y > 0, else 0 (n floats; dz may be dy). */
export function reluBackward(y: usize, dy: usize, dz: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  let o: usize = 0;
  for (; i + 4 <= n; i += 4, o += 16) v128.store(dz + o, v128.and(v128.load(dy + o), f32x4.gt(v128.load(y + o), zero)));
  for (; i < n; i++, o += 4) store<f32>(dz + o, load<f32>(y + o) > 0 ? load<f32>(dy + o) : 0);
}

/** Σ of n floats. */
export function sum(x: usize, n: i32): f32 {
  let v = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4, x += 16) v = f32x4.add(v, v128.load(x));
  let s = (f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1)) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
  for (; i < n; i++, x += 4) s += load<f32>(x);
  return s;
}

// ---- ELU with a SIMD expm1 (core/ops/activations.ts: y = z for z > 0, else α(eᶻ − 1), α = 1).
//
// expm1 on four lanes, for z ≤ 0 (the lanes with z > 0 are selected away): z = n·ln2 + r
// with n = round(z/ln2) and |r| ≤ ln2/2 (Cody–Waite: ln2 in two parts, n·LN2_HI exact),
// expm1(r) by its Taylor series to r⁹/9! (truncation below 2⁻³¹ relative), then
//   expm1(z) = 2ⁿ·expm1(r) + (2ⁿ − 1),
// where 2ⁿ is built in the exponent bits and 2ⁿ − 1 is exact for n ≥ −24: one rounding
// in the last sum, none of the cancellation of eᶻ − 1 near 0. z is clamped at −30 first
// (the result is −1 to float32 precision from z < −17.4), so 2ⁿ stays a normal number and
// −∞ gives −1; NaN stays NaN. Measured against Math.expm1 rounded to float32
// (test/unit/wasm/elu.test.ts): within 1 ulp everywhere on [−30, 0] (the tested bound),
// and bit-identical for 97.7 % of a sweep of it; ±0 both give +0 (Math.expm1(−0) is −0).

const LOG2E: f32 = 1.4426950408889634;
const LN2_HI: f32 = 0.693145751953125;
const LN2_LO: f32 = 1.428606765330187e-6;

function expm1x4(z: v128): v128 {
  const x = f32x4.max(z, f32x4.splat(-30));
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(LOG2E)));
  const r = f32x4.sub(f32x4.sub(x, f32x4.mul(n, f32x4.splat(LN2_HI))), f32x4.mul(n, f32x4.splat(LN2_LO)));
  // r + r²·(1/2 + r·(1/6 + r·(1/24 + r·(1/120 + r·(1/720 + r·(1/5040 + r·(1/40320 + r/362880)))))))
  let p = f32x4.splat(<f32>(1.0 / 362880.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 40320.0)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 5040.0)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 720.0)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 120.0)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 24.0)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 6.0)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(0.5));
  const em1 = f32x4.add(r, f32x4.mul(f32x4.mul(r, r), p));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.add(f32x4.mul(scale, em1), f32x4.sub(scale, f32x4.splat(1)));
}

/** y = elu(z) over n floats (the SIMD expm1 above; the border through the same four lanes). */
export function eluForward(z: usize, y: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  let o: usize = 0;
  for (; i + 4 <= n; i += 4, o += 16) {
    const v = v128.load(z + o);
    v128.store(y + o, v128.bitselect(v, expm1x4(v), f32x4.gt(v, zero)));
  }
  for (; i < n; i++, o += 4) {
    const v = load<f32>(z + o);
    store<f32>(y + o, v > 0 ? v : f32x4.extract_lane(expm1x4(f32x4.splat(v)), 0));
  }
}

/** dz = dy where y > 0, else dy·(y + 1) (n floats; dz may be dy), as core/ops/activations.ts. */
export function eluBackward(y: usize, dy: usize, dz: usize, n: i32): void {
  const zero = f32x4.splat(0), one = f32x4.splat(1);
  let i = 0;
  let o: usize = 0;
  for (; i + 4 <= n; i += 4, o += 16) {
    const v = v128.load(y + o), d = v128.load(dy + o);
    v128.store(dz + o, v128.bitselect(d, f32x4.mul(d, f32x4.add(v, one)), f32x4.gt(v, zero)));
  }
  for (; i < n; i++, o += 4) {
    const v = load<f32>(y + o), d = load<f32>(dy + o);
    store<f32>(dz + o, v > 0 ? d : d * (v + 1));
  }
}

/** The activations the products' output step fuses: 0 linear, 1 relu, 2 elu. */
export const ACT_LINEAR = 0;
export const ACT_RELU = 1;
export const ACT_ELU = 2;

/** y = f(z) over n floats, for the codes above (linear: nothing). */
export function activate(act: i32, z: usize, y: usize, n: i32): void {
  if (act === ACT_RELU) {
    const zero = f32x4.splat(0);
    let i = 0;
    let o: usize = 0;
    for (; i + 4 <= n; i += 4, o += 16) v128.store(y + o, f32x4.pmax(v128.load(z + o), zero));
    for (; i < n; i++, o += 4) {
      const v = load<f32>(z + o);
      store<f32>(y + o, v < 0 ? 0 : v);
    }
  } else if (act === ACT_ELU) {
    eluForward(z, y, n);
  }
}

/** dz = f'·dy from the output y, for the codes above (linear: dz = dy must already hold). */
export function activateBackward(act: i32, y: usize, dy: usize, dz: usize, n: i32): void {
  if (act === ACT_RELU) reluBackward(y, dy, dz, n);
  else if (act === ACT_ELU) eluBackward(y, dy, dz, n);
}

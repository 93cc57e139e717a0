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

/* eslint-disable @typescript-eslint/ban-ts-comment */
// @ts-nocheck -- AssemblyScript, not TypeScript: scripts/build-wasm.mjs compiles and checks it.
/**
 * The optimisers' updates (core/optim/adam.ts and sgd.ts), four weights per SIMD step.
 *
 * Bit-identical to the TypeScript loops: those round every operation to float32 with
 * Math.fround, and a float32 +, −, ×, ÷ or √ done once in double and then rounded gives the
 * same float as the float32 operation itself, which is what f32x4 does lane by lane. The
 * operations are the same ones in the same order; the scalar tails repeat them in f32.
 * amsgrad's max: v and v̂ are never negative, so f32x4.max and Math.max agree (NaN stays NaN).
 */

/**
 * Keras' Adam on n floats: m += (g − m)·(1 − β1); v += (g² − v)·(1 − β2);
 * v̂ = max(v̂, v) when vHat ≠ 0 (amsgrad); w −= m·α / (√v(̂) + ε).
 */
export function adamStep(w: usize, g: usize, m: usize, v: usize, vHat: usize, n: i32, alpha: f32, oneMinusBeta1: f32, oneMinusBeta2: f32, epsilon: f32): void {
  const a = f32x4.splat(alpha), b1 = f32x4.splat(oneMinusBeta1), b2 = f32x4.splat(oneMinusBeta2), e = f32x4.splat(epsilon);
  let i = 0;
  let o: usize = 0;
  for (; i + 4 <= n; i += 4, o += 16) {
    const gi = v128.load(g + o);
    let mi = v128.load(m + o);
    mi = f32x4.add(mi, f32x4.mul(f32x4.sub(gi, mi), b1));
    v128.store(m + o, mi);
    let vi = v128.load(v + o);
    vi = f32x4.add(vi, f32x4.mul(f32x4.sub(f32x4.mul(gi, gi), vi), b2));
    v128.store(v + o, vi);
    if (vHat !== 0) {
      vi = f32x4.max(v128.load(vHat + o), vi);
      v128.store(vHat + o, vi);
    }
    v128.store(w + o, f32x4.sub(v128.load(w + o), f32x4.div(f32x4.mul(mi, a), f32x4.add(f32x4.sqrt(vi), e))));
  }
  for (; i < n; i++, o += 4) {
    const gi = load<f32>(g + o);
    const mi: f32 = load<f32>(m + o) + (gi - load<f32>(m + o)) * oneMinusBeta1;
    store<f32>(m + o, mi);
    let vi: f32 = load<f32>(v + o) + (gi * gi - load<f32>(v + o)) * oneMinusBeta2;
    store<f32>(v + o, vi);
    if (vHat !== 0) {
      vi = max<f32>(load<f32>(vHat + o), vi);
      store<f32>(vHat + o, vi);
    }
    store<f32>(w + o, load<f32>(w + o) - (mi * alpha) / (sqrt<f32>(vi) + epsilon));
  }
}

/**
 * Keras' SGD on n floats. velocity = 0 (no momentum): w −= g·lr. Otherwise
 * v = v·momentum − g·lr, then w += v, or with Nesterov w += v·momentum − g·lr.
 */
export function sgdStep(w: usize, g: usize, velocity: usize, n: i32, lr: f32, momentum: f32, nesterov: i32): void {
  const l = f32x4.splat(lr), mo = f32x4.splat(momentum);
  let i = 0;
  let o: usize = 0;
  if (velocity === 0) {
    for (; i + 4 <= n; i += 4, o += 16) v128.store(w + o, f32x4.sub(v128.load(w + o), f32x4.mul(v128.load(g + o), l)));
    for (; i < n; i++, o += 4) store<f32>(w + o, load<f32>(w + o) - load<f32>(g + o) * lr);
    return;
  }
  for (; i + 4 <= n; i += 4, o += 16) {
    const lrG = f32x4.mul(v128.load(g + o), l);
    const vi = f32x4.sub(f32x4.mul(v128.load(velocity + o), mo), lrG);
    v128.store(velocity + o, vi);
    v128.store(w + o, f32x4.add(v128.load(w + o), nesterov !== 0 ? f32x4.sub(f32x4.mul(vi, mo), lrG) : vi));
  }
  for (; i < n; i++, o += 4) {
    const lrG: f32 = load<f32>(g + o) * lr;
    const vi: f32 = load<f32>(velocity + o) * momentum - lrG;
    store<f32>(velocity + o, vi);
    store<f32>(w + o, load<f32>(w + o) + (nesterov !== 0 ? vi * momentum - lrG : vi));
  }
}

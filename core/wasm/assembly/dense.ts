/* eslint-disable @typescript-eslint/ban-ts-comment */
// @ts-nocheck -- AssemblyScript, not TypeScript: scripts/build-wasm.mjs compiles and checks it.
/**
 * The dense layer's affine map, weights [units, inFeatures] (core/ops/dense.ts has the maths):
 *   y = x · Wᵀ + b      dW = δᵀ · x      dx = δ · W      db = Σ over the batch of δ
 */
import { activate, activateBackward } from './eltwise';
import { gemmNN, gemmNT } from './gemm';

/**
 * z = x·Wᵀ + b, then y = f(z) for the activation code `act` (eltwise.ts: 0 linear, 1 relu,
 * 2 elu) row by row right after the product (z is 512 KB at the depth model's 256 × 512, in
 L2), instead of a separate pass in TypeScript through Math.expm1. y is unused for linear.
 */
export function denseForward(batch: i32, inF: i32, units: i32, x: usize, w: usize, b: usize, z: usize, y: usize, act: i32): void {
  gemmNT(batch, units, inF, x, inF, w, inF, z, units, false);
  for (let n = 0; n < batch; n++) {
    const row = z + ((<usize>(n * units)) << 2);
    if (b !== 0) addBias(row, b, units);
    if (act !== 0) activate(act, row, y + ((<usize>(n * units)) << 2), units);
  }
}

function addBias(row: usize, b: usize, units: i32): void {
  let u = 0;
  for (; u + 4 <= units; u += 4) {
    const o = (<usize>u) << 2;
    v128.store(row + o, f32x4.add(v128.load(row + o), v128.load(b + o)));
  }
  for (; u < units; u++) {
    const o = (<usize>u) << 2;
    store<f32>(row + o, load<f32>(row + o) + load<f32>(b + o));
  }
}

/**
 * Overwrites dW, and dB and dx when they are not 0 (null). With an activation code,
 * dy is dLoss/dy of the output y and is first turned into dLoss/dz in place.
 */
export function denseBackward(
  batch: i32, inF: i32, units: i32, x: usize, w: usize, dy: usize, dx: usize, dW: usize, dB: usize, y: usize, act: i32,
): void {
  if (act !== 0) activateBackward(act, y, dy, dy, batch * units);
  // δᵀ read in place: element (u, n) of δᵀ is dy[n·units + u].
  gemmNN(units, inF, batch, dy, 1, units, x, inF, dW, inF, false);
  if (dB !== 0) {
    memory.fill(dB, 0, (<usize>units) << 2);
    for (let n = 0; n < batch; n++) {
      const row = dy + ((<usize>(n * units)) << 2);
      for (let u = 0; u < units; u++) {
        const o = (<usize>u) << 2;
        store<f32>(dB + o, load<f32>(dB + o) + load<f32>(row + o));
      }
    }
  }
  if (dx !== 0) gemmNN(batch, inF, units, dy, units, 1, w, inF, dx, inF, false);
}

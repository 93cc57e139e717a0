/**
 * A dense (fully connected) layer's affine map over a batch of vectors:
 *
 *   y[n, u] = Σᵢ W[u, i] · x[n, i] + b[u]
 *
 * Weights are [units, inFeatures], PyTorch's nn.Linear layout (Keras' kernel is the
 * transpose, [inFeatures, units]): a unit's weights are one contiguous row, the same
 * "one row per output" layout as the conv kernel, and every product below streams rows.
 * Backward, from δ = dL/dy [batch, units]:
 *   dW = δᵀ · x     dx = δ · W     db = Σ over the batch of δ
 * The WebAssembly SIMD kernels (core/wasm) run this where they instantiate; the loops
 * below are the fallback and their reference.
 */
import type { Activation } from '../model/ir';
import { wasmKernels } from '../wasm/backend';
import { denseBackwardWasm, denseForwardWasm, FUSED_ACTIVATIONS, type FusedActivation } from '../wasm/dense';
import { gemm, gemmTransB } from './gemm';

function fusable(activation: Activation): activation is FusedActivation {
  return activation in FUSED_ACTIVATIONS && activation !== 'linear';
}

/**
 * z = x·Wᵀ + b and y = f(z) in one call of the wasm kernels, when they run and fuse this
 * activation (relu, elu: the SIMD expm1 of core/wasm/assembly/eltwise.ts, within 1 ulp of
 * Math.expm1); false, with nothing written, otherwise: the caller then runs denseForward
 * and activationForward, the reference.
 */
export function denseForwardActivated(
  batch: number, inFeatures: number, units: number, activation: Activation,
  x: Float32Array, w: Float32Array, b: Float32Array | null, z: Float32Array, y: Float32Array,
): boolean {
  const wasm = wasmKernels();
  if (wasm === null || !fusable(activation)) return false;
  denseForwardWasm(wasm, batch, inFeatures, units, x, w, b, z, activation, y);
  return true;
}

/** denseBackward from dLoss/dy of the activated output y, fused as above; false when it cannot. */
export function denseBackwardActivated(
  batch: number, inFeatures: number, units: number, activation: Activation,
  x: Float32Array, w: Float32Array, y: Float32Array, dy: Float32Array,
  dx: Float32Array | null, dW: Float32Array, dB: Float32Array | null,
): boolean {
  const wasm = wasmKernels();
  if (wasm === null || !fusable(activation)) return false;
  denseBackwardWasm(wasm, batch, inFeatures, units, x, w, dy, dx, dW, dB, activation, y);
  return true;
}

export function denseForward(
  batch: number, inFeatures: number, units: number,
  x: Float32Array, w: Float32Array, b: Float32Array | null, y: Float32Array,
): void {
  const wasm = wasmKernels();
  if (wasm !== null) {
    denseForwardWasm(wasm, batch, inFeatures, units, x, w, b, y);
    return;
  }
  gemmTransB(batch, units, inFeatures, x, 0, inFeatures, w, 0, inFeatures, y, 0, units, false);
  if (b === null) return;
  for (let n = 0, o = 0; n < batch; n++) {
    for (let u = 0; u < units; u++, o++) y[o] = y[o]! + b[u]!;
  }
}

/** Overwrites dW, dB (if not null) and dx (if not null) with the gradients of the last forward on x. */
export function denseBackward(
  batch: number, inFeatures: number, units: number,
  x: Float32Array, w: Float32Array, dy: Float32Array,
  dx: Float32Array | null, dW: Float32Array, dB: Float32Array | null,
): void {
  const wasm = wasmKernels();
  if (wasm !== null) {
    denseBackwardWasm(wasm, batch, inFeatures, units, x, w, dy, dx, dW, dB);
    return;
  }
  // δᵀ read in place: element (u, n) of δᵀ is dy[n·units + u].
  gemm(units, inFeatures, batch, dy, 0, 1, units, x, 0, inFeatures, dW, 0, inFeatures, false);
  if (dB !== null) {
    dB.fill(0);
    for (let n = 0, o = 0; n < batch; n++) {
      for (let u = 0; u < units; u++, o++) dB[u] = dB[u]! + dy[o]!;
    }
  }
  if (dx !== null) gemm(batch, inFeatures, units, dy, 0, units, 1, w, 0, inFeatures, dx, 0, inFeatures, false);
}

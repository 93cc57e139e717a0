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
import { wasmKernels } from '../wasm/backend';
import { denseBackwardWasm, denseForwardWasm } from '../wasm/dense';
import { gemm, gemmTransB } from './gemm';

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

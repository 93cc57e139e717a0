/** The wasm side of core/ops/dense.ts (same arguments): copy in, run assembly/dense.ts, copy out. */
import type { WasmKernels } from './instance';

/** The activations the wasm dense kernels fuse into their output step, by code. */
export const FUSED_ACTIVATIONS = { linear: 0, relu: 1, elu: 2 } as const;
export type FusedActivation = keyof typeof FUSED_ACTIVATIONS;

/** z = x·Wᵀ + b; with an activation other than linear, also y = f(z) (y must then be given). */
export function denseForwardWasm(
  k: WasmKernels, batch: number, inFeatures: number, units: number,
  x: Float32Array, w: Float32Array, b: Float32Array | null, z: Float32Array,
  activation: FusedActivation = 'linear', y: Float32Array | null = null,
): void {
  const { heap } = k;
  heap.reset();
  const act = FUSED_ACTIVATIONS[activation];
  const px = heap.put(x, batch * inFeatures);
  const pw = heap.put(w, units * inFeatures);
  const pb = b === null ? 0 : heap.put(b, units);
  const pz = heap.alloc(batch * units);
  const py = act === 0 ? 0 : heap.alloc(batch * units);
  k.exports.denseForward(batch, inFeatures, units, px, pw, pb, pz, py, act);
  heap.read(pz, z, batch * units);
  if (act !== 0) heap.read(py, y!, batch * units);
}

/** With an activation other than linear, dy is dLoss/dy of the output y (the layer's output). */
export function denseBackwardWasm(
  k: WasmKernels, batch: number, inFeatures: number, units: number,
  x: Float32Array, w: Float32Array, dy: Float32Array,
  dx: Float32Array | null, dW: Float32Array, dB: Float32Array | null,
  activation: FusedActivation = 'linear', y: Float32Array | null = null,
): void {
  const { heap } = k;
  heap.reset();
  const act = FUSED_ACTIVATIONS[activation];
  const px = heap.put(x, batch * inFeatures);
  const pw = heap.put(w, units * inFeatures);
  const pdy = heap.put(dy, batch * units);
  const py = act === 0 ? 0 : heap.put(y!, batch * units);
  const pdx = dx === null ? 0 : heap.alloc(batch * inFeatures);
  const pdW = heap.alloc(units * inFeatures);
  const pdB = dB === null ? 0 : heap.alloc(units);
  k.exports.denseBackward(batch, inFeatures, units, px, pw, pdy, pdx, pdW, pdB, py, act);
  heap.read(pdW, dW, units * inFeatures);
  if (dB !== null) heap.read(pdB, dB, units);
  if (dx !== null) heap.read(pdx, dx, batch * inFeatures);
}

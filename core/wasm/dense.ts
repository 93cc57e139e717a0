/** The wasm side of core/ops/dense.ts (same arguments): copy in, run assembly/dense.ts, copy out. */
import type { WasmKernels } from './instance';

export function denseForwardWasm(
  k: WasmKernels, batch: number, inFeatures: number, units: number,
  x: Float32Array, w: Float32Array, b: Float32Array | null, y: Float32Array,
): void {
  const { heap } = k;
  heap.reset();
  const px = heap.put(x, batch * inFeatures);
  const pw = heap.put(w, units * inFeatures);
  const pb = b === null ? 0 : heap.put(b, units);
  const py = heap.alloc(batch * units);
  k.exports.denseForward(batch, inFeatures, units, px, pw, pb, py);
  heap.read(py, y, batch * units);
}

export function denseBackwardWasm(
  k: WasmKernels, batch: number, inFeatures: number, units: number,
  x: Float32Array, w: Float32Array, dy: Float32Array,
  dx: Float32Array | null, dW: Float32Array, dB: Float32Array | null,
): void {
  const { heap } = k;
  heap.reset();
  const px = heap.put(x, batch * inFeatures);
  const pw = heap.put(w, units * inFeatures);
  const pdy = heap.put(dy, batch * units);
  const pdx = dx === null ? 0 : heap.alloc(batch * inFeatures);
  const pdW = heap.alloc(units * inFeatures);
  const pdB = dB === null ? 0 : heap.alloc(units);
  k.exports.denseBackward(batch, inFeatures, units, px, pw, pdy, pdx, pdW, pdB);
  heap.read(pdW, dW, units * inFeatures);
  if (dB !== null) heap.read(pdB, dB, units);
  if (dx !== null) heap.read(pdx, dx, batch * inFeatures);
}

/**
 * The wasm side of core/ops/conv2d.ts: copies the operands into the heap, runs
 * conv2dForward / conv2dBackward of assembly/conv.ts, copies the results out. The kernel
 * passed in is the one slid (already rotated for the textbook convention).
 */
import type { Conv2DGeometry } from '../ops/conv2d';
import { putGeometry } from './geometry';
import type { WasmKernels } from './instance';

/**
 * A band's column matrix (inC·kh·kw × rows·outW floats) is kept under this size, so that
 * it stays in L2 from im2col to the GEMM (256 KB: a quarter of Zen 4's L2, half of many
 * older cores'). The teaching CNN's images fit whole (9 × 676 and 72 × 121 floats); the
 * benchmark's large convolution (288 taps × 64 columns per row) runs in bands of 3 rows.
 */
const BAND_BYTES = 256 * 1024;

function bandRows(g: Conv2DGeometry): number {
  const rowBytes = 4 * g.inChannels * g.kh * g.kw * g.outW;
  return Math.max(1, Math.min(g.outH, Math.floor(BAND_BYTES / rowBytes)));
}

function inputSize(g: Conv2DGeometry): number {
  return g.batch * g.inChannels * g.inH * g.inW;
}

function outputSize(g: Conv2DGeometry): number {
  return g.batch * g.outChannels * g.outH * g.outW;
}

/** z = conv(x, kernel) + bias; and y = f(z) when y is not null (relu, or elu). */
export function conv2dForwardWasm(
  k: WasmKernels, g: Conv2DGeometry, x: Float32Array, kernel: Float32Array, bias: Float32Array | null,
  z: Float32Array, y: Float32Array | null, activation: 'relu' | 'elu' = 'relu',
): void {
  const { heap } = k;
  const nx = inputSize(g), ny = outputSize(g), band = bandRows(g);
  heap.reset();
  const pg = putGeometry(heap, g.batch, g.inChannels, g.outChannels, g.groups, g);
  const px = heap.put(x, nx);
  const pk = heap.put(kernel);
  const pb = bias === null ? 0 : heap.put(bias);
  const pz = heap.alloc(ny);
  const py = y === null ? 0 : heap.alloc(ny);
  const pcol = heap.alloc(g.inChannels * g.kh * g.kw * band * g.outW);
  k.exports.conv2dForward(pg, px, pk, pb, pz, py, pcol, band, activation === 'elu' ? 2 : 1);
  heap.read(pz, z, ny);
  if (y !== null) heap.read(py, y, ny);
}

/**
 * Gradients of the forward on x, from dOut = dLoss/d(output). With `reluOutput` the output
 * was relu(z) (or elu(z), with that activation) and dOut is taken through it first.
 * dKernel and dBias are overwritten, dInput too when not null.
 */
export function conv2dBackwardWasm(
  k: WasmKernels, g: Conv2DGeometry, x: Float32Array, kernel: Float32Array, dOut: Float32Array, reluOutput: Float32Array | null,
  dInput: Float32Array | null, dKernel: Float32Array, dBias: Float32Array | null, activation: 'relu' | 'elu' = 'relu',
): void {
  const { heap } = k;
  const nx = inputSize(g), ny = outputSize(g), band = bandRows(g);
  const colSize = g.inChannels * g.kh * g.kw * band * g.outW;
  heap.reset();
  const pg = putGeometry(heap, g.batch, g.inChannels, g.outChannels, g.groups, g);
  const px = heap.put(x, nx);
  const pk = heap.put(kernel);
  const pdz = heap.put(dOut, ny);
  if (reluOutput !== null) k.exports.activateBackward(activation === 'elu' ? 2 : 1, heap.put(reluOutput, ny), pdz, pdz, ny);
  const pdx = dInput === null ? 0 : heap.alloc(nx);
  const pdk = heap.alloc(kernel.length);
  const pdb = dBias === null ? 0 : heap.alloc(g.outChannels);
  const pcol = heap.alloc(colSize);
  const pdcol = dInput === null ? 0 : heap.alloc(colSize);
  k.exports.conv2dBackward(pg, px, pk, pdz, pdx, pdk, pdb, pcol, pdcol, band);
  heap.read(pdk, dKernel, kernel.length);
  if (dBias !== null) heap.read(pdb, dBias, g.outChannels);
  if (dInput !== null) heap.read(pdx, dInput, nx);
}

/** The wasm side of max pooling in core/ops/pool.ts: copy in, run assembly/pool.ts, copy out. */
import type { Pool2DGeometry } from '../ops/pool';
import { putGeometry } from './geometry';
import type { WasmKernels } from './instance';

export function maxPool2dForwardWasm(k: WasmKernels, g: Pool2DGeometry, x: Float32Array, y: Float32Array, argmax: Int32Array): void {
  const { heap } = k;
  const nx = g.batch * g.channels * g.inH * g.inW;
  const ny = g.batch * g.channels * g.outH * g.outW;
  heap.reset();
  const pg = putGeometry(heap, g.batch, g.channels, g.channels, 1, g);
  const px = heap.put(x, nx);
  const py = heap.alloc(ny);
  const pa = heap.alloc(ny);
  k.exports.maxPool2dForward(pg, px, py, pa);
  heap.read(py, y, ny);
  heap.readInt32(pa, argmax, ny);
}

export function maxPool2dBackwardWasm(k: WasmKernels, g: Pool2DGeometry, dy: Float32Array, argmax: Int32Array, dx: Float32Array): void {
  const { heap } = k;
  const nx = g.batch * g.channels * g.inH * g.inW;
  const ny = g.batch * g.channels * g.outH * g.outW;
  heap.reset();
  const pdy = heap.put(dy, ny);
  const pa = heap.putInt32(argmax, ny);
  const pdx = heap.alloc(nx);
  k.exports.maxPool2dBackward(pdy, pa, ny, pdx, nx);
  heap.read(pdx, dx, nx);
  if (dx.length > nx) dx.fill(0, nx); // as the TypeScript version, which zeroes all of dx
}

/**
 * Writes a window geometry into the heap as the block of 16 i32s the kernels read, in the
 * order of core/wasm/assembly/geometry.ts (G_BATCH … G_OUT_W): keep the two in step.
 * Element by element, so that a call allocates nothing.
 */
import type { Window2D } from '../ops/window';
import type { WasmHeap } from './heap';

export function putGeometry(heap: WasmHeap, batch: number, inChannels: number, outChannels: number, groups: number, w: Window2D): number {
  const at = heap.alloc(16);
  const v = heap.i32;
  const o = at >> 2;
  v[o] = batch; v[o + 1] = inChannels; v[o + 2] = w.inH; v[o + 3] = w.inW;
  v[o + 4] = outChannels; v[o + 5] = groups; v[o + 6] = w.kh; v[o + 7] = w.kw;
  v[o + 8] = w.strideH; v[o + 9] = w.strideW; v[o + 10] = w.dilationH; v[o + 11] = w.dilationW;
  v[o + 12] = w.padTop; v[o + 13] = w.padLeft; v[o + 14] = w.outH; v[o + 15] = w.outW;
  return at;
}

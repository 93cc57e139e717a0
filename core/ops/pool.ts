/**
 * Max, average and global average pooling over NCHW, forward and backward. Each channel is
 * pooled on its own; no weights.
 *
 * Padding (./window) never adds values to a window, it only lets windows hang over the
 * edge: max pooling ignores the padded cells (as if −∞), and average pooling divides by the
 * number of real input cells in the window, not by the window size. That is what TensorFlow
 * and Keras do for padding='same' (and PyTorch with count_include_pad=False); PyTorch's
 * default count_include_pad=True would average in the zeros.
 *
 * Backward: a max window passes its whole gradient to the input cell that won (the first
 * one in row-major order on a tie, as TF's CPU kernels do); an average window shares it
 * equally among the cells it averaged.
 *
 * Max pooling runs on the WebAssembly SIMD kernels (core/wasm) where they instantiate; the
 * loops below are the fallback and their reference.
 */
import type { Padding, Pair } from '../model/ir';
import { asNCHW, type Shape } from '../tensor';
import { wasmKernels } from '../wasm/backend';
import { maxPool2dBackwardWasm, maxPool2dForwardWasm } from '../wasm/pool';
import { window2d, type Window2D } from './window';

export interface Pool2DGeometry extends Window2D {
  readonly batch: number;
  readonly channels: number;
}

export function pool2dGeometry(inputShape: Shape, poolSize: Pair, strides: Pair, padding: Padding): Pool2DGeometry {
  const [batch, channels, inH, inW] = asNCHW(inputShape, 'pooling input');
  if (typeof padding !== 'string' && (padding[0] > poolSize[0] / 2 || padding[1] > poolSize[1] / 2)) {
    // PyTorch's rule: with more padding some window would hold no input cell at all.
    throw new RangeError(`pooling padding [${padding.join(', ')}] must be at most half the pool size [${poolSize.join(', ')}]`);
  }
  return { ...window2d(inH, inW, poolSize, strides, [1, 1], padding), batch, channels };
}

export function pool2dOutputShape(g: Pool2DGeometry): Shape {
  return [g.batch, g.channels, g.outH, g.outW];
}

/**
 * y = max over each window; argmax[i] = the index into x of y[i]'s winner.
 *
 * The comparisons are written branch-free (+(a > b) is 0 or 1, and moves an index): on
 * feature maps the winner is unpredictable, and mispredicted branches made this loop
 * several times slower than its memory traffic.
 */
export function maxPool2dForward(g: Pool2DGeometry, x: Float32Array, y: Float32Array, argmax: Int32Array): void {
  const wasm = wasmKernels();
  if (wasm !== null) {
    maxPool2dForwardWasm(wasm, g, x, y, argmax);
    return;
  }
  const { inH, inW, kh, kw, padTop, padLeft, padBottom, padRight } = g;
  if (kh === 2 && kw === 2 && padTop + padLeft + padBottom + padRight === 0) {
    maxPool2x2(g, x, y, argmax);
    return;
  }
  const HW = inH * inW;
  let o = 0;
  for (let plane = 0; plane < g.batch * g.channels; plane++) {
    const base = plane * HW;
    for (let oy = 0; oy < g.outH; oy++) {
      const top = oy * g.strideH - padTop;
      const y0 = Math.max(top, 0);
      const y1 = Math.min(top + kh, inH);
      for (let ox = 0; ox < g.outW; ox++, o++) {
        const left = ox * g.strideW - padLeft;
        const x0 = Math.max(left, 0);
        const x1 = Math.min(left + kw, inW);
        let at = base + y0 * inW + x0;
        for (let iy = y0; iy < y1; iy++) {
          for (let i = base + iy * inW + x0, end = i + x1 - x0; i < end; i++) at += +(x[i]! > x[at]!) * (i - at);
        }
        y[o] = x[at]!;
        argmax[o] = at;
      }
    }
  }
}

/** The common 2×2 window without padding, as a tournament: the better of each row, then of the two. */
function maxPool2x2(g: Pool2DGeometry, x: Float32Array, y: Float32Array, argmax: Int32Array): void {
  const { inW, strideH, strideW } = g;
  const HW = g.inH * inW;
  let o = 0;
  for (let plane = 0; plane < g.batch * g.channels; plane++) {
    for (let oy = 0; oy < g.outH; oy++) {
      for (let ox = 0, top = plane * HW + oy * strideH * inW; ox < g.outW; ox++, o++, top += strideW) {
        const bottom = top + inW;
        const a = top + +(x[top + 1]! > x[top]!); // ties keep the earlier cell, as a row-major scan does
        const b = bottom + +(x[bottom + 1]! > x[bottom]!);
        const at = a + +(x[b]! > x[a]!) * (b - a);
        y[o] = x[at]!;
        argmax[o] = at;
      }
    }
  }
}

/** dx = the output gradient routed back to each window's winner (dx is overwritten). */
export function maxPool2dBackward(g: Pool2DGeometry, dy: Float32Array, argmax: Int32Array, dx: Float32Array): void {
  const wasm = wasmKernels();
  if (wasm !== null) {
    maxPool2dBackwardWasm(wasm, g, dy, argmax, dx);
    return;
  }
  dx.fill(0);
  for (let o = 0, end = g.batch * g.channels * g.outH * g.outW; o < end; o++) {
    const i = argmax[o]!;
    dx[i] = dx[i]! + dy[o]!;
  }
}

/** y = mean over the real input cells of each window. */
export function avgPool2dForward(g: Pool2DGeometry, x: Float32Array, y: Float32Array): void {
  const { inH, inW, outH, outW, kh, kw, strideH, strideW, padTop, padLeft } = g;
  const HW = inH * inW;
  let o = 0;
  for (let plane = 0; plane < g.batch * g.channels; plane++) {
    const base = plane * HW;
    for (let oy = 0; oy < outH; oy++) {
      const top = oy * strideH - padTop;
      const y0 = Math.max(top, 0);
      const y1 = Math.min(top + kh, inH);
      for (let ox = 0; ox < outW; ox++, o++) {
        const left = ox * strideW - padLeft;
        const x0 = Math.max(left, 0);
        const x1 = Math.min(left + kw, inW);
        let sum = 0;
        for (let iy = y0; iy < y1; iy++) {
          for (let i = base + iy * inW + x0, end = i + x1 - x0; i < end; i++) sum += x[i]!;
        }
        y[o] = sum / ((y1 - y0) * (x1 - x0));
      }
    }
  }
}

/** dx[cell] = Σ over the windows containing it of dy / (real cells in that window); overwrites dx. */
export function avgPool2dBackward(g: Pool2DGeometry, dy: Float32Array, dx: Float32Array): void {
  const { inH, inW, outH, outW, kh, kw, strideH, strideW, padTop, padLeft } = g;
  const HW = inH * inW;
  dx.fill(0);
  let o = 0;
  for (let plane = 0; plane < g.batch * g.channels; plane++) {
    const base = plane * HW;
    for (let oy = 0; oy < outH; oy++) {
      const top = oy * strideH - padTop;
      const y0 = Math.max(top, 0);
      const y1 = Math.min(top + kh, inH);
      for (let ox = 0; ox < outW; ox++, o++) {
        const left = ox * strideW - padLeft;
        const x0 = Math.max(left, 0);
        const x1 = Math.min(left + kw, inW);
        const share = dy[o]! / ((y1 - y0) * (x1 - x0));
        for (let iy = y0; iy < y1; iy++) {
          for (let i = base + iy * inW + x0, end = i + x1 - x0; i < end; i++) dx[i] = dx[i]! + share;
        }
      }
    }
  }
}

/** Global average pooling: [N, C, H, W] → [N, C], the mean of each feature map. */
export function globalAvgPool2dForward(planes: number, planeSize: number, x: Float32Array, y: Float32Array): void {
  for (let p = 0, i = 0; p < planes; p++) {
    let sum = 0;
    for (const end = i + planeSize; i < end; i++) sum += x[i]!;
    y[p] = sum / planeSize;
  }
}

export function globalAvgPool2dBackward(planes: number, planeSize: number, dy: Float32Array, dx: Float32Array): void {
  for (let p = 0, i = 0; p < planes; p++) {
    const share = dy[p]! / planeSize;
    for (const end = i + planeSize; i < end; i++) dx[i] = share;
  }
}

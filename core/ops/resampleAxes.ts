/**
 * The axis maps of ./resample, one per layer family, each the framework's own rule for which
 * input coordinates an output coordinate reads:
 *
 *   nearest     src = min(⌊o·r⌋, n − 1), r = in/out (or 1/scale when PyTorch is given a scale)
 *   bilinear    align_corners=False (PyTorch's default, TF's half-pixel centres):
 *                 src = max((o + ½)·r − ½, 0);  align_corners=True: src = o·(n − 1)/(out − 1)
 *               then the two neighbours ⌊src⌋ and ⌊src⌋ + 1 (clamped) with weights 1 − f, f
 *   padding     zeros/constant: nothing outside; reflect: −i and 2(n − 1) − i; replicate: clamp
 *   cropping    o + before
 *   adaptive    rows ⌊o·n/out⌋ … ⌈(o + 1)·n/out⌉ − 1 (PyTorch's adaptive pooling)
 *   pooling     the window [o·s − p, o·s − p + k) inside the input; an average divides by the
 *               window clipped to the padded input (count_include_pad) or by its real cells
 */
import type { AxisMap } from './resample';

function axis(inSize: number, taps: number[][], weights: number[][]): AxisMap {
  return { inSize, taps, weights };
}

export function nearestAxis(inSize: number, outSize: number, ratio = inSize / outSize): AxisMap {
  const taps: number[][] = [];
  for (let o = 0; o < outSize; o++) taps.push([Math.min(Math.floor(o * ratio), inSize - 1)]);
  return axis(inSize, taps, taps.map(() => [1]));
}

export function bilinearAxis(inSize: number, outSize: number, alignCorners: boolean, ratio = inSize / outSize): AxisMap {
  const taps: number[][] = [];
  const weights: number[][] = [];
  for (let o = 0; o < outSize; o++) {
    const src = alignCorners ? (outSize > 1 ? (o * (inSize - 1)) / (outSize - 1) : 0) : Math.max((o + 0.5) * ratio - 0.5, 0);
    const i0 = Math.min(Math.floor(src), inSize - 1);
    const i1 = Math.min(i0 + 1, inSize - 1);
    const f = src - i0;
    if (i1 === i0 || f === 0) {
      taps.push([i0]);
      weights.push([1]);
    } else {
      taps.push([i0, i1]);
      weights.push([1 - f, f]);
    }
  }
  return axis(inSize, taps, weights);
}

export function paddingAxis(inSize: number, before: number, after: number, mode: 'zeros' | 'reflect' | 'replicate' | 'constant'): AxisMap {
  const taps: number[][] = [];
  for (let o = 0; o < inSize + before + after; o++) {
    let i = o - before;
    if (i < 0 || i >= inSize) {
      if (mode === 'zeros' || mode === 'constant') {
        taps.push([]);
        continue;
      }
      if (mode === 'replicate') i = Math.min(Math.max(i, 0), inSize - 1);
      else {
        // Reflection without repeating the edge; the analysis refuses pads ≥ n, so one bounce suffices.
        i = i < 0 ? -i : 2 * (inSize - 1) - i;
        i = Math.min(Math.max(i, 0), inSize - 1);
      }
    }
    taps.push([i]);
  }
  return axis(inSize, taps, taps.map((t) => t.map(() => 1)));
}

export function croppingAxis(inSize: number, before: number, after: number): AxisMap {
  const taps: number[][] = [];
  for (let o = 0; o < inSize - before - after; o++) taps.push([o + before]);
  return axis(inSize, taps, taps.map(() => [1]));
}

export function adaptiveAxis(inSize: number, outSize: number, op: 'avg' | 'max'): AxisMap {
  const taps: number[][] = [];
  const weights: number[][] = [];
  for (let o = 0; o < outSize; o++) {
    const lo = Math.floor((o * inSize) / outSize);
    const hi = Math.ceil(((o + 1) * inSize) / outSize);
    const t: number[] = [];
    for (let i = lo; i < hi; i++) t.push(i);
    taps.push(t);
    weights.push(t.map(() => (op === 'avg' ? 1 / t.length : 1)));
  }
  return axis(inSize, taps, weights);
}

/**
 * A pooling window along one axis, with `pad` cells before the input and `outSize` windows
 * (so ceil_mode's extra window is the caller's outSize). `average` gives the divisor's share:
 * with countIncludePad the window clipped to [−pad, n + pad), else its real cells only.
 */
export function poolAxis(inSize: number, k: number, stride: number, pad: number, outSize: number, average: null | { countIncludePad: boolean }): AxisMap {
  const taps: number[][] = [];
  const weights: number[][] = [];
  for (let o = 0; o < outSize; o++) {
    const start = o * stride - pad;
    const end = Math.min(start + k, inSize + pad);
    const t: number[] = [];
    for (let i = Math.max(start, 0); i < Math.min(end, inSize); i++) t.push(i);
    const divisor = average === null ? 1 : average.countIncludePad ? end - start : t.length;
    taps.push(t);
    weights.push(t.map(() => 1 / divisor));
  }
  return axis(inSize, taps, weights);
}

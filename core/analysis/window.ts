/**
 * The arithmetic of a sliding window (convolution, pooling, locally connected) along one
 * axis, with the padding resolved to numbers and the formula written out for the learner.
 *
 * - 'valid' and explicit padding p: out = ⌊(n + 2p − d·(k − 1) − 1) / s⌋ + 1, the formula
 *   every framework uses (core/conv/geometry.ts).
 * - 'same' as TensorFlow defines it: out = ⌈n / s⌉, whatever the kernel and dilation; the
 *   total padding max((out − 1)·s + d·(k − 1) + 1 − n, 0) is split with the odd pixel after
 *   (TF's rule; PyTorch's padding='same' splits the same way and allows only s = 1).
 */
import { convOutputSize } from '../conv/geometry';
import type { Padding } from '../model/ir';
import type { AxisWindow } from './types';

/**
 * PyTorch's ceil_mode: out = ⌈(n + 2p − d·(k − 1) − 1) / s⌉ + 1, less one when the last
 * window would start in the right padding (PyTorch's pooling_output_shape).
 */
export function ceilOutputSize(n: number, k: number, pad: number, s: number, d: number): number {
  let out = Math.ceil((n + 2 * pad - d * (k - 1) - 1) / s) + 1;
  if ((out - 1) * s >= n + pad) out -= 1;
  return out;
}

/**
 * Resolves one axis. `axis` picks the explicit padding's entry: 0 rows, 1 columns; `ceil`
 * is PyTorch pooling's ceil_mode (explicit or 'valid' padding only).
 */
export function resolveAxis(n: number, k: number, s: number, d: number, padding: Padding, axis: 0 | 1, ceil = false): AxisWindow {
  const extent = d * (k - 1) + 1;
  if (padding === 'same') {
    const outSize = Math.ceil(n / s);
    const total = Math.max((outSize - 1) * s + extent - n, 0);
    const padBefore = Math.floor(total / 2);
    return { inSize: n, kernel: k, stride: s, dilation: d, padBefore, padAfter: total - padBefore, outSize, same: true };
  }
  const pad = padding === 'valid' ? 0 : padding[axis];
  if (ceil) return { inSize: n, kernel: k, stride: s, dilation: d, padBefore: pad, padAfter: pad, outSize: ceilOutputSize(n, k, pad, s, d), same: false, ceil: true };
  return { inSize: n, kernel: k, stride: s, dilation: d, padBefore: pad, padAfter: pad, outSize: convOutputSize(n, k, pad, s, d), same: false };
}

/** The dilated kernel's extent d·(k − 1) + 1. */
export function extent(w: AxisWindow): number {
  return w.dilation * (w.kernel - 1) + 1;
}

/** True when the window reaches past the padded input, so no output position exists. */
export function windowTooLarge(w: AxisWindow): boolean {
  return !w.same && extent(w) > w.inSize + w.padBefore + w.padAfter;
}

/** A number as the formulas write it: with a true minus sign, like their subtractions. */
function signed(n: number): string {
  return n < 0 ? `−${-n}` : String(n);
}

/** The output size worked out with this axis' numbers. */
export function axisFormula(w: AxisWindow): string {
  if (w.same) {
    return `⌈${w.inSize} / ${w.stride}⌉ = ${w.outSize} (same padding: ${w.padBefore} before, ${w.padAfter} after)`;
  }
  const body = `(${w.inSize} + 2·${w.padBefore} − ${w.dilation}·(${w.kernel} − 1) − 1) / ${w.stride}`;
  if (w.ceil) {
    const raw = Math.ceil((w.inSize + 2 * w.padBefore - w.dilation * (w.kernel - 1) - 1) / w.stride) + 1;
    if (raw === w.outSize) return `⌈${body}⌉ + 1 = ${signed(w.outSize)} (ceil_mode)`;
    return `⌈${body}⌉ + 1 − 1 = ${signed(w.outSize)} (ceil_mode: the last window would start in the padding)`;
  }
  return `⌊${body}⌋ + 1 = ${signed(w.outSize)}`;
}

/** Both axes: one line when they agree, else "rows: …; cols: …". */
export function windowFormula(rows: AxisWindow, cols: AxisWindow): string {
  const r = axisFormula(rows);
  const c = axisFormula(cols);
  return r === c ? r : `rows: ${r}; cols: ${c}`;
}

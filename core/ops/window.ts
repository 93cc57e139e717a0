/**
 * Where a sliding window (a convolution kernel or a pooling window) lands on a 2-D input:
 * the output size and the zero padding on each side, for the IR's three kinds of padding.
 *
 * - 'valid': no padding; a window that would hang past the edge is dropped.
 * - 'same' as TensorFlow computes it: out = ⌈n / stride⌉ and the total padding
 *   max((out − 1)·stride + extent − n, 0) is split with the odd pixel at the bottom/right
 *   (PyTorch's padding='same' also puts it there; it allows stride 1 only).
 * - explicit [ph, pw]: ph rows on top and bottom, pw columns left and right (PyTorch's
 *   padding=(ph, pw), Keras' ZeroPadding2D before a 'valid' layer).
 * The extent of a dilated kernel is dilation·(k − 1) + 1 (its taps are spread apart).
 */
import { convOutputSize } from '../conv/geometry';
import type { Padding, Pair } from '../model/ir';

export interface Window2D {
  readonly inH: number;
  readonly inW: number;
  readonly kh: number;
  readonly kw: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly dilationH: number;
  readonly dilationW: number;
  readonly padTop: number;
  readonly padBottom: number;
  readonly padLeft: number;
  readonly padRight: number;
  readonly outH: number;
  readonly outW: number;
}

interface AxisWindow {
  readonly out: number;
  readonly padBefore: number;
  readonly padAfter: number;
}

function axisWindow(n: number, k: number, stride: number, dilation: number, padding: 'valid' | 'same' | number): AxisWindow {
  if (padding === 'same') {
    const out = Math.ceil(n / stride);
    const extent = dilation * (k - 1) + 1;
    const total = Math.max((out - 1) * stride + extent - n, 0);
    const padBefore = Math.floor(total / 2);
    return { out, padBefore, padAfter: total - padBefore };
  }
  const pad = padding === 'valid' ? 0 : padding;
  return { out: convOutputSize(n, k, pad, stride, dilation), padBefore: pad, padAfter: pad };
}

function checkPositiveInts(what: string, values: readonly number[]): void {
  for (const v of values) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${what} must be positive integers, got [${values.join(', ')}]`);
  }
}

/** The window of a kernel (or pool) of `kernel` = [kh, kw] over an inH×inW input. */
export function window2d(
  inH: number,
  inW: number,
  kernel: Pair,
  strides: Pair,
  dilation: Pair,
  padding: Padding,
): Window2D {
  checkPositiveInts('kernel size', kernel);
  checkPositiveInts('strides', strides);
  checkPositiveInts('dilation', dilation);
  const [kh, kw] = kernel;
  const [strideH, strideW] = strides;
  const [dilationH, dilationW] = dilation;
  if (typeof padding !== 'string' && !(padding[0] >= 0 && padding[1] >= 0)) {
    throw new RangeError(`explicit padding must be non-negative, got [${padding.join(', ')}]`);
  }
  const ph = typeof padding === 'string' ? padding : padding[0];
  const pw = typeof padding === 'string' ? padding : padding[1];
  const rows = axisWindow(inH, kh, strideH, dilationH, ph);
  const cols = axisWindow(inW, kw, strideW, dilationW, pw);
  if (rows.out <= 0 || cols.out <= 0) {
    throw new RangeError(
      `the ${kh}×${kw} window (dilation ${dilationH}×${dilationW}) does not fit the ${inH}×${inW} input ` +
        `with padding ${JSON.stringify(padding)}: output would be ${rows.out}×${cols.out}`,
    );
  }
  return {
    inH, inW, kh, kw, strideH, strideW, dilationH, dilationW,
    padTop: rows.padBefore, padBottom: rows.padAfter, padLeft: cols.padBefore, padRight: cols.padAfter,
    outH: rows.out, outW: cols.out,
  };
}

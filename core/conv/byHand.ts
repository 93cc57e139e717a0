/**
 * Convolution "by hand" on one channel: the operation the lecture works through on its
 * 5×5 example, with everything a learner needs to follow each output cell.
 *
 * The lecture's two definitions:
 *   cross-correlation  S(i,j) = Σm Σn I(i+m, j+n) K(m,n)   (what ML libraries compute)
 *   convolution        S(i,j) = Σm Σn I(i−m, j−n) K(m,n)   (the textbook's, kernel flipped)
 * Over a finite kernel, true convolution equals cross-correlation with the kernel rotated
 * by 180°, so both modes share one loop and differ only in the kernel they slide.
 */
import { convOutputSize, type ConvWindow } from './geometry';

export type ConvMode = 'crossCorrelation' | 'convolution';

export interface Grid {
  readonly rows: number;
  readonly cols: number;
  /** Row-major values. */
  readonly data: Float32Array;
}

export interface ConvByHandResult {
  readonly mode: ConvMode;
  readonly input: Grid;
  /** The kernel as given. */
  readonly kernel: Grid;
  /** The kernel actually slid over the input: flipped by 180° for true convolution. */
  readonly slidKernel: Grid;
  readonly window: ConvWindow;
  readonly output: Grid;
}

export function gridFromRows(rows: readonly (readonly number[])[]): Grid {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0]!.length;
  const data = new Float32Array(r * c);
  rows.forEach((row, i) => {
    if (row.length !== c) throw new RangeError(`row ${i} has ${row.length} values, expected ${c}`);
    data.set(row, i * c);
  });
  return { rows: r, cols: c, data };
}

export function gridToRows(g: Grid): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < g.rows; i++) out.push(Array.from(g.data.subarray(i * g.cols, (i + 1) * g.cols)));
  return out;
}

/** The kernel rotated by 180°: K'(m,n) = K(kh−1−m, kw−1−n). */
export function flipKernel(k: Grid): Grid {
  const data = new Float32Array(k.data.length);
  for (let i = 0; i < data.length; i++) data[i] = k.data[data.length - 1 - i]!;
  return { rows: k.rows, cols: k.cols, data };
}

/** Single-channel cross-correlation with zero padding, stride and dilation. */
export function crossCorrelate2d(input: Grid, kernel: Grid, w: ConvWindow): Grid {
  const oh = convOutputSize(input.rows, kernel.rows, w.padding, w.stride, w.dilation);
  const ow = convOutputSize(input.cols, kernel.cols, w.padding, w.stride, w.dilation);
  if (oh <= 0 || ow <= 0) {
    throw new RangeError(
      `the ${kernel.rows}×${kernel.cols} kernel (dilation ${w.dilation}) does not fit the ` +
        `${input.rows}×${input.cols} input with padding ${w.padding}: output would be ${oh}×${ow}`,
    );
  }
  const out = new Float32Array(oh * ow);
  for (let i = 0; i < oh; i++) {
    for (let j = 0; j < ow; j++) {
      let sum = 0;
      for (let m = 0; m < kernel.rows; m++) {
        const r = i * w.stride - w.padding + m * w.dilation;
        if (r < 0 || r >= input.rows) continue; // zero padding contributes nothing
        for (let n = 0; n < kernel.cols; n++) {
          const c = j * w.stride - w.padding + n * w.dilation;
          if (c < 0 || c >= input.cols) continue;
          sum += input.data[r * input.cols + c]! * kernel.data[m * kernel.cols + n]!;
        }
      }
      out[i * ow + j] = sum;
    }
  }
  return { rows: oh, cols: ow, data: out };
}

export function convolveByHand(input: Grid, kernel: Grid, mode: ConvMode, w: ConvWindow): ConvByHandResult {
  const slidKernel = mode === 'convolution' ? flipKernel(kernel) : kernel;
  return { mode, input, kernel, slidKernel, window: w, output: crossCorrelate2d(input, slidKernel, w) };
}

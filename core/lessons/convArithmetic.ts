/**
 * Convolution by hand, generalised: the lecture's 5×5 example for any input size, kernel,
 * padding, stride and dilation, each set per axis, with everything a view needs to write
 * the arithmetic out and animate the window.
 *
 * - The output size per axis, step by step (core/analysis/window resolves 'valid', 'same'
 *   and explicit padding as the frameworks do):
 *     extent = d·(k − 1) + 1,   out = ⌊(n + p_before + p_after − extent) / s⌋ + 1
 *   and, for 'same', out = ⌈n / s⌉ with the padding that makes it so.
 * - The output grid, computed at once (no cap on sizes: a 1000×1000 input is a million
 *   windows, a few hundred milliseconds), while the sum of products of one cell is built
 *   only when a view asks for that cell (convCell), so that large inputs never make
 *   millions of term objects.
 * - The lecture's two operations side by side: cross-correlation S = I ⋆ K, what the
 *   libraries compute, and convolution S = I ∗ K, which equals cross-correlation with the
 *   kernel rotated by 180° (core/conv/byHand.ts explains why).
 */
import type { AxisWindow } from '../analysis/types';
import { axisFormula, resolveAxis } from '../analysis/window';
import { flipKernel, type ConvMode, type Grid } from '../conv/byHand';
import type { Padding, Pair } from '../model/ir';
import { factor, num, plural } from './format';

export interface ConvSettings {
  readonly mode: ConvMode;
  /** [rows, cols]. */
  readonly strides: Pair;
  /** 'valid', 'same' (TensorFlow's) or explicit [rows, cols] of zeros on each side. */
  readonly padding: Padding;
  /** [rows, cols]: the gap between kernel taps (1 = none). */
  readonly dilation: Pair;
}

/** The lecture's example: cross-correlation, no padding, stride 1, no dilation. */
export const LECTURE_CONV_SETTINGS: ConvSettings = { mode: 'crossCorrelation', strides: [1, 1], padding: 'valid', dilation: [1, 1] };

export interface AxisArithmetic {
  readonly axis: 'rows' | 'cols';
  readonly window: AxisWindow;
  /** The dilated kernel's extent d·(k − 1) + 1. */
  readonly extent: number;
  /** n + padding before + padding after. */
  readonly paddedSize: number;
  /** (paddedSize − extent) / stride before the floor: the window's last start, in strides. */
  readonly quotient: number;
  /** Padded rows (or columns) at the far end that no window covers: what the floor drops. */
  readonly uncovered: number;
  /** The arithmetic written out, one line per step. */
  readonly steps: readonly string[];
  /** The framework formula with this axis' numbers (core/analysis/window's axisFormula). */
  readonly formula: string;
}

export interface ConvArithmetic {
  readonly input: Grid;
  /** The kernel as given. */
  readonly kernel: Grid;
  /** The kernel that slides: flipped by 180° for true convolution. */
  readonly slidKernel: Grid;
  readonly settings: ConvSettings;
  readonly rows: AxisArithmetic;
  readonly cols: AxisArithmetic;
  /** [rows, cols]; a size ≤ 0 means the kernel does not fit. */
  readonly outputSize: Pair;
  /** Null when the kernel does not fit (see problem). */
  readonly output: Grid | null;
  readonly problem: string | null;
}

function checkSettings(kernel: Grid, s: ConvSettings): void {
  const positive = (what: string, v: Pair): void => {
    if (!v.every((x) => Number.isInteger(x) && x >= 1)) throw new RangeError(`${what} must be whole numbers ≥ 1, got [${v.join(', ')}]`);
  };
  positive('strides', s.strides);
  positive('dilation', s.dilation);
  if (typeof s.padding !== 'string' && !s.padding.every((p) => Number.isInteger(p) && p >= 0)) {
    throw new RangeError(`padding must be whole numbers ≥ 0, got [${s.padding.join(', ')}]`);
  }
  if (kernel.rows < 1 || kernel.cols < 1) throw new RangeError(`the kernel must have at least one row and one column, got ${kernel.rows}×${kernel.cols}`);
}

function axisArithmetic(axis: 'rows' | 'cols', n: number, k: number, s: ConvSettings): AxisArithmetic {
  const i = axis === 'rows' ? 0 : 1;
  const stride = s.strides[i];
  const d = s.dilation[i];
  const w = resolveAxis(n, k, stride, d, s.padding, i);
  const extent = d * (k - 1) + 1;
  const paddedSize = n + w.padBefore + w.padAfter;
  const quotient = (paddedSize - extent) / stride;
  const uncovered = quotient >= 0 ? (paddedSize - extent) % stride : 0;
  const steps = [`extent of the kernel = d·(k − 1) + 1 = ${d}·(${k} − 1) + 1 = ${extent}`];
  if (w.same) {
    steps.push(`'same' padding keeps ⌈n / s⌉ positions: out = ⌈${n} / ${stride}⌉ = ${w.outSize}`);
    steps.push(
      `padding = max((out − 1)·s + extent − n, 0) = max(${w.outSize - 1}·${stride} + ${extent} − ${n}, 0) = ${w.padBefore + w.padAfter}: ` +
        `${w.padBefore} before, ${w.padAfter} after`,
    );
  } else {
    steps.push(`padded size = n + before + after = ${n} + ${w.padBefore} + ${w.padAfter} = ${paddedSize}`);
    steps.push(
      `out = ⌊(padded − extent) / s⌋ + 1 = ⌊(${paddedSize} − ${extent}) / ${stride}⌋ + 1 = ⌊${num(quotient)}⌋ + 1 = ${num(w.outSize)}`,
    );
    if (w.outSize <= 0) steps.push(`the kernel's extent ${extent} is larger than the padded size ${paddedSize}: no window fits`);
  }
  if (uncovered > 0) {
    steps.push(`the floor drops the last ${plural(uncovered, axis === 'rows' ? 'padded row' : 'padded column')}: a window starting there would hang past the edge`);
  }
  return { axis, window: w, extent, paddedSize, quotient, uncovered, steps, formula: axisFormula(w) };
}

/**
 * Cross-correlation of `input` with `kernel` over the two resolved axes. Zero padding adds
 * nothing to a sum, so padded taps are skipped; sums run in float64 in row-major tap order
 * (the order convCell lists its terms in) and are stored as float32.
 */
function correlate(input: Grid, kernel: Grid, rows: AxisWindow, cols: AxisWindow): Grid {
  const oh = rows.outSize;
  const ow = cols.outSize;
  const out = new Float32Array(oh * ow);
  // Input column of every (output column, tap) pair, −1 on padding: computed once.
  const colAt = new Int32Array(ow * kernel.cols);
  for (let j = 0; j < ow; j++) {
    for (let n = 0; n < kernel.cols; n++) {
      const c = j * cols.stride - cols.padBefore + n * cols.dilation;
      colAt[j * kernel.cols + n] = c >= 0 && c < input.cols ? c : -1;
    }
  }
  for (let i = 0; i < oh; i++) {
    for (let j = 0; j < ow; j++) {
      let sum = 0;
      for (let m = 0; m < kernel.rows; m++) {
        const r = i * rows.stride - rows.padBefore + m * rows.dilation;
        if (r < 0 || r >= input.rows) continue;
        const rowBase = r * input.cols;
        const kBase = m * kernel.cols;
        for (let n = 0; n < kernel.cols; n++) {
          const c = colAt[j * kernel.cols + n]!;
          if (c >= 0) sum += input.data[rowBase + c]! * kernel.data[kBase + n]!;
        }
      }
      out[i * ow + j] = sum;
    }
  }
  return { rows: oh, cols: ow, data: out };
}

/** The output-size arithmetic alone, for sizes without pixels (kernelOnSizes, the views' previews). */
export function outputArithmetic(inputSize: Pair, kernelSize: Pair, settings: ConvSettings = LECTURE_CONV_SETTINGS): { readonly rows: AxisArithmetic; readonly cols: AxisArithmetic; readonly outputSize: Pair } {
  checkSettings({ rows: kernelSize[0], cols: kernelSize[1], data: new Float32Array(0) }, settings);
  if (!inputSize.every((n) => Number.isInteger(n) && n >= 1)) throw new RangeError(`the input size must be whole numbers ≥ 1, got ${inputSize.join('×')}`);
  const rows = axisArithmetic('rows', inputSize[0], kernelSize[0], settings);
  const cols = axisArithmetic('cols', inputSize[1], kernelSize[1], settings);
  return { rows, cols, outputSize: [rows.window.outSize, cols.window.outSize] };
}

export function convArithmetic(input: Grid, kernel: Grid, settings: ConvSettings = LECTURE_CONV_SETTINGS): ConvArithmetic {
  checkSettings(kernel, settings);
  if (input.data.length !== input.rows * input.cols) throw new RangeError(`a ${input.rows}×${input.cols} grid holds ${input.rows * input.cols} values, got ${input.data.length}`);
  const { rows, cols } = outputArithmetic([input.rows, input.cols], [kernel.rows, kernel.cols], settings);
  const slidKernel = settings.mode === 'convolution' ? flipKernel(kernel) : kernel;
  const fits = rows.window.outSize > 0 && cols.window.outSize > 0;
  const problem = fits
    ? null
    : `the ${kernel.rows}×${kernel.cols} kernel (extent ${rows.extent}×${cols.extent}) does not fit the ${input.rows}×${input.cols} input ` +
      `padded to ${rows.paddedSize}×${cols.paddedSize}: the output would be ${num(rows.window.outSize)}×${num(cols.window.outSize)}`;
  return {
    input,
    kernel,
    slidKernel,
    settings,
    rows,
    cols,
    outputSize: [rows.window.outSize, cols.window.outSize],
    output: fits ? correlate(input, slidKernel, rows.window, cols.window) : null,
    problem,
  };
}

/** The output grid alone; throws when the kernel does not fit. For lessons that only need the map. */
export function slideKernel(input: Grid, kernel: Grid, settings: ConvSettings = LECTURE_CONV_SETTINGS): Grid {
  const r = convArithmetic(input, kernel, settings);
  if (!r.output) throw new RangeError(r.problem ?? 'the kernel does not fit');
  return r.output;
}

export interface ConvTerm {
  /** The tap's place in the window (0-based), as the window is drawn over the input. */
  readonly windowRow: number;
  readonly windowCol: number;
  /** Which entry of the kernel *as given* multiplies here: K(m, n) (flipped for convolution). */
  readonly kernelRow: number;
  readonly kernelCol: number;
  /** The input pixel under the tap; outside 0…rows−1 / 0…cols−1 it is padding. */
  readonly inputRow: number;
  readonly inputCol: number;
  readonly padding: boolean;
  /** 0 on padding. */
  readonly inputValue: number;
  readonly kernelValue: number;
  readonly product: number;
}

export interface ConvCell {
  readonly row: number;
  readonly col: number;
  /** The window's inclusive bounds on the input; may reach into the padding. */
  readonly window: { readonly top: number; readonly left: number; readonly bottom: number; readonly right: number };
  readonly terms: readonly ConvTerm[];
  /** The sum of the products, rounded to float32 like the output grid: equal to output(row, col). */
  readonly sum: number;
  /** The definition with this cell's indices, e.g. "S(0, 1) = Σm Σn I(0 + m, 1 + n)·K(m, n)". */
  readonly definition: string;
  /** The sum written out: "3·0 + 3·1 + 2·2 + … = 12". Padded taps show as 0·k. */
  readonly text: string;
}

/**
 * The sum of products behind one output cell, built on demand. With stride s, dilation d
 * and padding p, cell (i, j) puts tap (a, b) of the window on input pixel
 * (i·s − p_before + a·d, j·s − p_before + b·d).
 */
export function convCell(input: Grid, kernel: Grid, settings: ConvSettings, row: number, col: number): ConvCell {
  checkSettings(kernel, settings);
  const rows = resolveAxis(input.rows, kernel.rows, settings.strides[0], settings.dilation[0], settings.padding, 0);
  const cols = resolveAxis(input.cols, kernel.cols, settings.strides[1], settings.dilation[1], settings.padding, 1);
  if (!(Number.isInteger(row) && Number.isInteger(col) && row >= 0 && col >= 0 && row < rows.outSize && col < cols.outSize)) {
    throw new RangeError(`cell (${row}, ${col}) is outside the ${Math.max(0, rows.outSize)}×${Math.max(0, cols.outSize)} output`);
  }
  const flip = settings.mode === 'convolution';
  const top = row * rows.stride - rows.padBefore;
  const left = col * cols.stride - cols.padBefore;
  const terms: ConvTerm[] = [];
  let sum = 0;
  for (let a = 0; a < kernel.rows; a++) {
    for (let b = 0; b < kernel.cols; b++) {
      const r = top + a * rows.dilation;
      const c = left + b * cols.dilation;
      const padding = r < 0 || r >= input.rows || c < 0 || c >= input.cols;
      const kernelRow = flip ? kernel.rows - 1 - a : a;
      const kernelCol = flip ? kernel.cols - 1 - b : b;
      const inputValue = padding ? 0 : input.data[r * input.cols + c]!;
      const kernelValue = kernel.data[kernelRow * kernel.cols + kernelCol]!;
      const product = inputValue * kernelValue;
      if (!padding) sum += product; // the same additions, in the same order, as the grid
      terms.push({ windowRow: a, windowCol: b, kernelRow, kernelCol, inputRow: r, inputCol: c, padding, inputValue, kernelValue, product });
    }
  }
  const total = Math.fround(sum);
  const m = rows.dilation === 1 ? 'm' : `${rows.dilation}·m`;
  const n = cols.dilation === 1 ? 'n' : `${cols.dilation}·n`;
  // An index reaching into the padding reads "m − 1" rather than "-1 + m".
  const plus = (base: number, t: string): string => (base < 0 ? `${t} − ${-base}` : `${base} + ${t}`);
  const minus = (base: number, t: string): string => (base < 0 ? `−${-base} − ${t}` : `${base} − ${t}`);
  const definition = flip
    ? `S(${row}, ${col}) = Σm Σn I(${minus(top + (kernel.rows - 1) * rows.dilation, m)}, ${minus(left + (kernel.cols - 1) * cols.dilation, n)})·K(m, n)`
    : `S(${row}, ${col}) = Σm Σn I(${plus(top, m)}, ${plus(left, n)})·K(m, n)`;
  const shown = terms.map((t) => `${factor(t.inputValue)}·${factor(t.kernelValue)}`).join(' + ');
  return {
    row,
    col,
    window: { top, left, bottom: top + (kernel.rows - 1) * rows.dilation, right: left + (kernel.cols - 1) * cols.dilation },
    terms,
    sum: total,
    definition,
    text: `${shown} = ${num(total)}`,
  };
}

export interface ConvModesSideBySide {
  readonly crossCorrelation: ConvArithmetic;
  readonly convolution: ConvArithmetic;
  /** True when the kernel equals its 180° rotation: then the two operations agree. */
  readonly kernelSymmetric: boolean;
  /** Both outputs exist and are equal cell for cell. */
  readonly sameOutput: boolean;
}

/** The lecture's two definitions on the same input, kernel and window settings. */
export function compareConvModes(input: Grid, kernel: Grid, settings: Omit<ConvSettings, 'mode'> = LECTURE_CONV_SETTINGS): ConvModesSideBySide {
  const crossCorrelation = convArithmetic(input, kernel, { ...settings, mode: 'crossCorrelation' });
  const convolution = convArithmetic(input, kernel, { ...settings, mode: 'convolution' });
  const flipped = convolution.slidKernel.data;
  const kernelSymmetric = kernel.data.every((v, i) => v === flipped[i]);
  const a = crossCorrelation.output;
  const b = convolution.output;
  return { crossCorrelation, convolution, kernelSymmetric, sameOutput: a !== null && b !== null && a.data.every((v, i) => v === b.data[i]) };
}

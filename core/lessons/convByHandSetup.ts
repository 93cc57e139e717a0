/**
 * What the learner chooses in "Convolution by hand": an input (the lecture's 5×5, seeded
 * random integers, a ramp, a step edge or an MNIST digit), a kernel (a preset or their own
 * numbers, any size), and the window settings (padding, stride, dilation, per axis). Turned
 * into grids here, then worked out by convArithmetic, so that the view and the tests read
 * the same numbers the worker computed.
 *
 * Sizes are bounded only so that a message stays a few megabytes: a 1024×1024 input is a
 * million windows per operation, well under a second in the worker.
 */
import { gridFromRows, type Grid } from '../conv/byHand';
import type { MnistArchive } from '../data/mnist';
import { LECTURE_INPUT_5X5, LECTURE_KERNEL_3X3 } from '../lecture';
import type { Padding, Pair } from '../model/ir';
import { Random } from '../random';
import { compareConvModes, type AxisArithmetic } from './convArithmetic';
import { LECTURE_SOBEL_GX, LECTURE_SOBEL_GY } from './sobel';

export type ConvInputKind = 'lecture' | 'random' | 'ramp' | 'step' | 'mnist';
export const CONV_INPUT_KINDS: readonly ConvInputKind[] = ['lecture', 'random', 'ramp', 'step', 'mnist'];

export interface ConvInputSpec {
  readonly kind: ConvInputKind;
  /** For random, ramp and step; the lecture's input is 5×5 and an MNIST digit 28×28 whatever these say. */
  readonly rows: number;
  readonly cols: number;
  /** For random: the generator's seed. */
  readonly seed: number;
  /** For mnist: which test image. */
  readonly index: number;
}

export type KernelPreset = 'lecture' | 'sobelGx' | 'sobelGy' | 'identity' | 'box' | 'custom';
export const KERNEL_PRESETS: readonly KernelPreset[] = ['lecture', 'sobelGx', 'sobelGy', 'identity', 'box', 'custom'];

export interface KernelSpec {
  readonly preset: KernelPreset;
  /** The size for identity, box and custom; the lecture's and Sobel's kernels are 3×3. */
  readonly rows: number;
  readonly cols: number;
  /** Row-major, rows·cols numbers: used by 'custom', ignored (and filled in) for the others. */
  readonly values: readonly number[];
}

export interface ConvByHandSettings {
  readonly input: ConvInputSpec;
  readonly kernel: KernelSpec;
  /** [rows, cols]. */
  readonly strides: Pair;
  /** 'valid', 'same' (TensorFlow's) or explicit [rows, cols] of zeros on each side. */
  readonly padding: Padding;
  readonly dilation: Pair;
}

/** Bounds that keep a message to the page a few megabytes; not teaching limits. */
export const CONV_LIMITS = {
  maxInputSide: 1024,
  maxKernelSide: 32,
  maxStride: 64,
  maxDilation: 64,
  maxPadding: 256,
  /** Largest |value| a learner may type into a kernel cell. */
  maxValue: 1e6,
  mnistImages: 10_000,
} as const;

/** The lecture's worked example: its 5×5 input and 3×3 kernel, no padding, stride 1. */
export const LECTURE_BY_HAND: ConvByHandSettings = {
  input: { kind: 'lecture', rows: 5, cols: 5, seed: 1, index: 0 },
  kernel: { preset: 'lecture', rows: 3, cols: 3, values: LECTURE_KERNEL_3X3.flat() },
  strides: [1, 1],
  padding: 'valid',
  dilation: [1, 1],
};

const isWhole = (v: number, lo: number, hi: number): boolean => Number.isInteger(v) && v >= lo && v <= hi;
const pairIn = (p: Pair, lo: number, hi: number): boolean => p.length === 2 && p.every((v) => isWhole(v, lo, hi));

/** Why the settings cannot be worked out, or null when they can (a kernel that does not fit is not an error here: convArithmetic explains it). */
export function settingsProblem(s: ConvByHandSettings): string | null {
  const L = CONV_LIMITS;
  const { input, kernel } = s;
  if (!CONV_INPUT_KINDS.includes(input.kind)) return `unknown input "${String(input.kind)}"`;
  if (!isWhole(input.rows, 1, L.maxInputSide) || !isWhole(input.cols, 1, L.maxInputSide)) {
    return `the input size must be whole numbers from 1 to ${L.maxInputSide}, got ${input.rows}×${input.cols}`;
  }
  if (!isWhole(input.seed, 0, 2 ** 31 - 1)) return `the seed must be a whole number ≥ 0, got ${input.seed}`;
  if (!isWhole(input.index, 0, L.mnistImages - 1)) return `the MNIST test image must be 0 to ${L.mnistImages - 1}, got ${input.index}`;
  if (!KERNEL_PRESETS.includes(kernel.preset)) return `unknown kernel preset "${String(kernel.preset)}"`;
  if (!isWhole(kernel.rows, 1, L.maxKernelSide) || !isWhole(kernel.cols, 1, L.maxKernelSide)) {
    return `the kernel size must be whole numbers from 1 to ${L.maxKernelSide}, got ${kernel.rows}×${kernel.cols}`;
  }
  if (kernel.preset === 'custom') {
    if (kernel.values.length !== kernel.rows * kernel.cols) return `a ${kernel.rows}×${kernel.cols} kernel needs ${kernel.rows * kernel.cols} numbers, got ${kernel.values.length}`;
    if (!kernel.values.every((v) => Number.isFinite(v) && Math.abs(v) <= L.maxValue)) return `kernel values must be numbers between −${L.maxValue} and ${L.maxValue}`;
  }
  if (!pairIn(s.strides, 1, L.maxStride)) return `strides must be whole numbers from 1 to ${L.maxStride}, got ${s.strides.join('×')}`;
  if (!pairIn(s.dilation, 1, L.maxDilation)) return `dilation must be whole numbers from 1 to ${L.maxDilation}, got ${s.dilation.join('×')}`;
  if (typeof s.padding === 'string' ? !['valid', 'same'].includes(s.padding) : !pairIn(s.padding, 0, L.maxPadding)) {
    return `padding must be 'valid', 'same' or whole numbers from 0 to ${L.maxPadding}, got ${String(s.padding)}`;
  }
  return null;
}

/** The input grid a spec names. MNIST pixels stay the bytes the dataset stores (0…255), whole numbers a learner can multiply. */
export function convInput(spec: ConvInputSpec, mnist?: MnistArchive): Grid {
  const { rows, cols } = spec;
  const fill = (f: (r: number, c: number) => number): Grid => {
    const data = new Float32Array(rows * cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[r * cols + c] = f(r, c);
    return { rows, cols, data };
  };
  switch (spec.kind) {
    case 'lecture':
      return gridFromRows(LECTURE_INPUT_5X5);
    case 'random': {
      // Small whole numbers (0…9), like the lecture's, so every product is easy to check.
      const rng = new Random(spec.seed);
      return fill(() => rng.int(10));
    }
    case 'ramp':
      return fill((r, c) => r + c);
    case 'step':
      // A vertical edge: 0 on the left half, 1 on the right; the lecture's "G_y" answers on it.
      return fill((_, c) => (c >= Math.ceil(cols / 2) ? 1 : 0));
    case 'mnist': {
      if (!mnist) throw new Error('MNIST is not loaded in the worker');
      const size = mnist.rows * mnist.cols;
      const pixels = mnist.test.pixels.subarray(spec.index * size, (spec.index + 1) * size);
      return { rows: mnist.rows, cols: mnist.cols, data: Float32Array.from(pixels) };
    }
  }
}

/** The kernel a spec names. Identity: 1 at the centre (the upper-left one of the middle four for even sizes); box blur: 1/(rows·cols) everywhere. */
export function kernelFromSpec(spec: KernelSpec): Grid {
  switch (spec.preset) {
    case 'lecture':
      return gridFromRows(LECTURE_KERNEL_3X3);
    case 'sobelGx':
      return gridFromRows(LECTURE_SOBEL_GX);
    case 'sobelGy':
      return gridFromRows(LECTURE_SOBEL_GY);
    case 'identity': {
      const data = new Float32Array(spec.rows * spec.cols);
      data[Math.floor((spec.rows - 1) / 2) * spec.cols + Math.floor((spec.cols - 1) / 2)] = 1;
      return { rows: spec.rows, cols: spec.cols, data };
    }
    case 'box':
      return { rows: spec.rows, cols: spec.cols, data: new Float32Array(spec.rows * spec.cols).fill(1 / (spec.rows * spec.cols)) };
    case 'custom':
      return { rows: spec.rows, cols: spec.cols, data: Float32Array.from(spec.values) };
  }
}

/** A kernel's values at a new size: the overlap is kept (top-left), new cells are 0. */
export function resizeKernel(values: readonly number[], rows: number, cols: number, newRows: number, newCols: number): number[] {
  const out = new Array<number>(newRows * newCols).fill(0);
  for (let r = 0; r < Math.min(rows, newRows); r++) for (let c = 0; c < Math.min(cols, newCols); c++) out[r * newCols + c] = values[r * cols + c] ?? 0;
  return out;
}

/** One of the two operations on the chosen input: the kernel it slides and its output (null when the kernel does not fit). */
export interface ByHandOperation {
  readonly slidKernel: Grid;
  readonly output: Grid | null;
}

export interface ConvByHandLesson {
  /** The settings as worked out, with the kernel's values and the input's size filled in. */
  readonly settings: ConvByHandSettings;
  readonly input: Grid;
  /** For an MNIST input: its label. */
  readonly label: number | null;
  readonly kernel: Grid;
  readonly crossCorrelation: ByHandOperation;
  readonly convolution: ByHandOperation;
  readonly rows: AxisArithmetic;
  readonly cols: AxisArithmetic;
  readonly outputSize: Pair;
  /** Why there is no output (the kernel does not fit), or null. */
  readonly problem: string | null;
  readonly kernelSymmetric: boolean;
  readonly sameOutput: boolean;
}

/** Everything the lesson shows for one choice of settings; throws (RangeError) only on settings outside settingsProblem's bounds. */
export function convByHandLesson(settings: ConvByHandSettings, mnist?: MnistArchive): ConvByHandLesson {
  const problem = settingsProblem(settings);
  if (problem) throw new RangeError(problem);
  const input = convInput(settings.input, mnist);
  const kernel = kernelFromSpec(settings.kernel);
  const both = compareConvModes(input, kernel, { strides: settings.strides, padding: settings.padding, dilation: settings.dilation });
  const x = both.crossCorrelation;
  const label = settings.input.kind === 'mnist' && mnist ? mnist.test.labels[settings.input.index]! : null;
  return {
    settings: {
      ...settings,
      input: { ...settings.input, rows: input.rows, cols: input.cols },
      kernel: { ...settings.kernel, rows: kernel.rows, cols: kernel.cols, values: Array.from(kernel.data) },
    },
    input,
    label,
    kernel,
    crossCorrelation: { slidKernel: x.slidKernel, output: x.output },
    convolution: { slidKernel: both.convolution.slidKernel, output: both.convolution.output },
    rows: x.rows,
    cols: x.cols,
    outputSize: x.outputSize,
    problem: x.problem,
    kernelSymmetric: both.kernelSymmetric,
    sameOutput: both.sameOutput,
  };
}

/**
 * Edges with Sobel: the lecture's two 3×3 kernels slid over an image, and the gradient
 * magnitude √(Gx² + Gy²) that finds edges whatever their direction.
 *
 * The lecture's labels, kept as it prints them:
 *
 *   "G_y" = [+1 0 −1]        "G_x" = [+1 +2 +1]
 *           [+2 0 −2]                [ 0  0  0]
 *           [+1 0 −1]                [−1 −2 −1]
 *
 * Its "G_y" differences the columns (left minus right, smoothed down the rows): it answers
 * on *vertical* edges. Its "G_x" differences the rows (top minus bottom): it answers on
 * *horizontal* edges. The lecture reads x and y as matrix indices — x the first index (the
 * row, going down), y the second (the column) — and with that reading each kernel is the
 * derivative along its own axis. The usual image-processing convention (Sobel & Feldman;
 * OpenCV, scikit-image, Wikipedia) puts x across and y down, and so calls the same kernels
 * the other way round: the lecture's "G_y" is their G_x (up to sign) and vice versa. Signs
 * flip too between cross-correlation (what is applied here, as in the libraries) and true
 * convolution (the 180° rotation negates these antisymmetric kernels). Neither the swap nor
 * the sign changes the magnitude √(Gx² + Gy²).
 */
import type { Grid } from '../conv/byHand';
import type { DataSplit } from '../data/dataset';
import type { MnistArchive } from '../data/mnist';
import { PROCEDURAL_DATASETS } from '../data/procedural';
import { gridFromRows } from '../conv/byHand';
import { LECTURE_CONV_SETTINGS, slideKernel, type ConvSettings } from './convArithmetic';
import { maxAbs, range } from './format';

/** The lecture's "G_y": responds to vertical edges (a change across the columns). */
export const LECTURE_SOBEL_GY: readonly (readonly number[])[] = [
  [1, 0, -1],
  [2, 0, -2],
  [1, 0, -1],
];

/** The lecture's "G_x": responds to horizontal edges (a change down the rows). */
export const LECTURE_SOBEL_GX: readonly (readonly number[])[] = [
  [1, 2, 1],
  [0, 0, 0],
  [-1, -2, -1],
];

export interface KernelResponse {
  readonly kernel: Grid;
  /** The kernel slid over the image (cross-correlation unless the settings say otherwise). */
  readonly response: Grid;
  readonly min: number;
  readonly max: number;
  /** For a diverging colour scale centred on 0. */
  readonly maxAbs: number;
}

export interface SobelResult {
  readonly image: Grid;
  readonly settings: ConvSettings;
  readonly gx: KernelResponse;
  readonly gy: KernelResponse;
  /** √(Gx² + Gy²) per pixel. */
  readonly magnitude: Grid;
  readonly magnitudeMax: number;
}

/** A kernel from a learner's nine (or rows·cols) numbers, row-major; throws on a non-number. */
export function kernelFromValues(values: readonly number[], rows = 3, cols = 3): Grid {
  if (values.length !== rows * cols) throw new RangeError(`a ${rows}×${cols} kernel needs ${rows * cols} numbers, got ${values.length}`);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`kernel entry ${bad + 1} is not a number: ${values[bad]}`);
  return { rows, cols, data: Float32Array.from(values) };
}

/** Any kernel over an image: the editable-kernel view calls this on every keystroke. */
export function applyKernel(image: Grid, kernel: Grid, settings: ConvSettings = LECTURE_CONV_SETTINGS): KernelResponse {
  const response = slideKernel(image, kernel, settings);
  return { kernel, response, ...range(response.data), maxAbs: maxAbs(response.data) };
}

/**
 * Both Sobel kernels (or the learner's edits of them) and the gradient magnitude. The
 * default settings are the lecture's: cross-correlation, no padding, stride 1.
 */
export function sobelEdges(
  image: Grid,
  options: { readonly gx?: Grid; readonly gy?: Grid; readonly settings?: ConvSettings } = {},
): SobelResult {
  const settings = options.settings ?? LECTURE_CONV_SETTINGS;
  const gx = applyKernel(image, options.gx ?? gridFromRows(LECTURE_SOBEL_GX), settings);
  const gy = applyKernel(image, options.gy ?? gridFromRows(LECTURE_SOBEL_GY), settings);
  if (gx.response.rows !== gy.response.rows || gx.response.cols !== gy.response.cols) {
    throw new RangeError(`the two kernels give maps of different sizes (${gx.response.rows}×${gx.response.cols} and ${gy.response.rows}×${gy.response.cols})`);
  }
  const magnitude = new Float32Array(gx.response.data.length);
  for (let i = 0; i < magnitude.length; i++) magnitude[i] = Math.hypot(gx.response.data[i]!, gy.response.data[i]!);
  return { image, settings, gx, gy, magnitude: { rows: gx.response.rows, cols: gx.response.cols, data: magnitude }, magnitudeMax: maxAbs(magnitude) };
}

// ——— Images to try the kernels on ———

/** One MNIST digit as a grid of [0, 1] intensities, with its label. */
export function mnistDigit(archive: MnistArchive, index: number, part: 'train' | 'test' = 'test'): { readonly image: Grid; readonly label: number } {
  const p = archive[part];
  if (!(Number.isInteger(index) && index >= 0 && index < p.count)) throw new RangeError(`MNIST ${part} image ${index} is outside 0…${p.count - 1}`);
  const size = archive.rows * archive.cols;
  const data = new Float32Array(size);
  for (let k = 0; k < size; k++) data[k] = p.pixels[index * size + k]! / 255;
  return { image: { rows: archive.rows, cols: archive.cols, data }, label: p.labels[index]! };
}

/** Image `index` of a procedural dataset (bars or shapes), replayable from the seed. */
export function proceduralImage(kind: 'bars' | 'shapes', index: number, seed = 0): { readonly image: Grid; readonly label: number; readonly className: string } {
  if (!(Number.isInteger(index) && index >= 0)) throw new RangeError(`image index must be a whole number ≥ 0, got ${index}`);
  // Images are drawn one after another from one stream: image i needs the i before it.
  const data = PROCEDURAL_DATASETS[kind]({ trainCount: index + 1, testCount: 0, seed });
  const split: DataSplit = data.train;
  const [, rows, cols] = data.inputShape;
  const image = { rows, cols, data: split.images.slice(index * rows * cols, (index + 1) * rows * cols) };
  const label = split.labels[index]!;
  return { image, label, className: data.classNames[label]! };
}

export type SyntheticImage = 'verticalStep' | 'horizontalStep' | 'diagonalStep' | 'square' | 'disk';

/**
 * Images whose edges are known exactly: a step from 0 to 1 (vertical: the right half is
 * 1 from column ⌊size/2⌋; horizontal: the bottom half from row ⌊size/2⌋; diagonal: below
 * the main diagonal), a centred square of ones, a disk.
 */
export function syntheticImage(kind: SyntheticImage, size = 16): Grid {
  if (!(Number.isInteger(size) && size >= 3)) throw new RangeError(`size must be a whole number ≥ 3, got ${size}`);
  const data = new Float32Array(size * size);
  const h = Math.floor(size / 2);
  const q = Math.floor(size / 4);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      let v = 0;
      switch (kind) {
        case 'verticalStep': v = c >= h ? 1 : 0; break;
        case 'horizontalStep': v = r >= h ? 1 : 0; break;
        case 'diagonalStep': v = r > c ? 1 : 0; break;
        case 'square': v = r >= q && r < size - q && c >= q && c < size - q ? 1 : 0; break;
        case 'disk': v = Math.hypot(r - (size - 1) / 2, c - (size - 1) / 2) <= size / 3 ? 1 : 0; break;
      }
      data[r * size + c] = v;
    }
  }
  return { rows: size, cols: size, data };
}

// A decoded picture as a grey grid: core/image/grey.ts (the webview uses it too).
export { imageFromRgba, LUMA_REC601 } from '../image/grey';

/**
 * Equivariance to translation: shift the input and the feature map shifts with it,
 *   conv(shift(x)) = shift(conv(x)),
 * exactly — not approximately — wherever neither side has to invent values at the border.
 * Both sides then add the very same products in the very same order, so the difference
 * there is 0, bit for bit; the lesson shows that 0 and the border where it fails.
 *
 * Where it holds: a convolution with stride 1. Shifting by (dy, dx) moves every window by
 * (dy, dx), and output cell (i, j) of the shifted input is the window of cell
 * (i − dy, j − dx) of the original. Where it breaks: at the borders (the shifted-in zeros,
 * the windows shifted out), and through pooling with stride s, which keeps only one
 * position in s: a shift by a multiple of s becomes a shift of the pooled map by dy/s, a
 * shift by 1 through a 2×2 max-pool becomes no shift at all (the pooled map would move by
 * half a cell): the lecture's "equivariant representations" hold for the convolution, and
 * pooling trades them for a little invariance.
 */
import type { Grid } from '../conv/byHand';
import { avgPool2dForward, maxPool2dForward, pool2dGeometry } from '../ops/pool';
import type { Pair } from '../model/ir';
import { LECTURE_CONV_SETTINGS, slideKernel } from './convArithmetic';

/** out(r, c) = in(r − dy, c − dx), and `fill` where that falls outside: the image moved down dy, right dx. */
export function shiftGrid(g: Grid, dy: number, dx: number, fill = 0): Grid {
  if (!Number.isInteger(dy) || !Number.isInteger(dx)) throw new RangeError(`shifts must be whole numbers, got (${dy}, ${dx})`);
  const data = new Float32Array(g.rows * g.cols).fill(fill);
  for (let r = 0; r < g.rows; r++) {
    const from = r - dy;
    if (from < 0 || from >= g.rows) continue;
    for (let c = 0; c < g.cols; c++) {
      const src = c - dx;
      if (src >= 0 && src < g.cols) data[r * g.cols + c] = g.data[from * g.cols + src]!;
    }
  }
  return { rows: g.rows, cols: g.cols, data };
}

export interface ShiftComparison {
  /** f(shift(x)). */
  readonly ofShifted: Grid;
  /** shift(f(x)), by the shift the map is expected to follow. */
  readonly shiftedOf: Grid;
  /** |ofShifted − shiftedOf| per cell. */
  readonly difference: Grid;
  /** 1 where neither side depends on values invented at a border. */
  readonly interior: Uint8Array;
  readonly interiorCells: number;
  /** Largest difference inside: 0 for an equivariant map. */
  readonly maxInterior: number;
  /** Largest difference at the border, where equivariance is not promised. */
  readonly maxBorder: number;
}

function compare(ofShifted: Grid, shiftedOf: Grid, interior: Uint8Array): ShiftComparison {
  const diff = new Float32Array(ofShifted.data.length);
  let maxInterior = 0;
  let maxBorder = 0;
  let interiorCells = 0;
  for (let i = 0; i < diff.length; i++) {
    const d = Math.abs(ofShifted.data[i]! - shiftedOf.data[i]!);
    diff[i] = d;
    if (interior[i]) {
      interiorCells++;
      maxInterior = Math.max(maxInterior, d);
    } else maxBorder = Math.max(maxBorder, d);
  }
  return { ofShifted, shiftedOf, difference: { rows: ofShifted.rows, cols: ofShifted.cols, data: diff }, interior, interiorCells, maxInterior, maxBorder };
}

export interface ConvEquivariance extends ShiftComparison {
  readonly shift: Pair;
  readonly input: Grid;
  readonly shiftedInput: Grid;
  readonly featureMap: Grid;
}

/**
 * conv(shift(x)) against shift(conv(x)) for a 'valid', stride-1 cross-correlation. Cell
 * (i, j) is interior when (i − dy, j − dx) is a cell of conv(x): then its window on the
 * shifted input holds only moved pixels, none of the zeros shifted in.
 */
export function convEquivariance(input: Grid, kernel: Grid, dy: number, dx: number): ConvEquivariance {
  const shiftedInput = shiftGrid(input, dy, dx);
  const featureMap = slideKernel(input, kernel, LECTURE_CONV_SETTINGS);
  const ofShifted = slideKernel(shiftedInput, kernel, LECTURE_CONV_SETTINGS);
  const shiftedOf = shiftGrid(featureMap, dy, dx);
  const { rows, cols } = featureMap;
  const interior = new Uint8Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const r = i - dy;
      const c = j - dx;
      interior[i * cols + j] = r >= 0 && r < rows && c >= 0 && c < cols ? 1 : 0;
    }
  }
  return { ...compare(ofShifted, shiftedOf, interior), shift: [dy, dx], input, shiftedInput, featureMap };
}

/** Max or average pooling of one map, non-overlapping by default (stride = size), valid. */
export function poolGrid(g: Grid, size: number, kind: 'max' | 'avg' = 'max', stride = size): Grid {
  const geometry = pool2dGeometry([1, 1, g.rows, g.cols], [size, size], [stride, stride], 'valid');
  const out = new Float32Array(geometry.outH * geometry.outW);
  if (kind === 'max') maxPool2dForward(geometry, g.data, out, new Int32Array(out.length));
  else avgPool2dForward(geometry, g.data, out);
  return { rows: geometry.outH, cols: geometry.outW, data: out };
}

export interface PoolCandidate extends ShiftComparison {
  /** The shift of the pooled map this candidate compares with. */
  readonly pooledShift: Pair;
}

export interface PoolEquivariance {
  readonly shift: Pair;
  readonly poolSize: number;
  readonly kind: 'max' | 'avg';
  /** pool(conv(x)) and pool(conv(shift(x))). */
  readonly pooled: Grid;
  readonly pooledOfShifted: Grid;
  /** True when the shift is a multiple of the pool's stride on both axes. */
  readonly divisible: boolean;
  /**
   * The shifts of the pooled map that could explain the shifted input — (dy/s, dx/s) when
   * divisible, else every combination of the floor and ceiling of dy/s and dx/s — each with
   * its differences. Divisible: the one candidate's interior difference is 0. Not: none is.
   */
  readonly candidates: readonly PoolCandidate[];
  /** The smallest interior difference over the candidates: 0 only when the pooled map followed the shift. */
  readonly bestMaxInterior: number;
}

/**
 * conv → pool on x and on shift(x). A pooled cell (i, j) is interior for the pooled shift
 * (a, b) when (i − a, j − b) is a pooled cell and every conv cell its window reads is
 * interior for the convolution's own comparison.
 */
export function poolEquivariance(input: Grid, kernel: Grid, dy: number, dx: number, poolSize = 2, kind: 'max' | 'avg' = 'max'): PoolEquivariance {
  const conv = convEquivariance(input, kernel, dy, dx);
  const pooled = poolGrid(conv.featureMap, poolSize, kind);
  const pooledOfShifted = poolGrid(conv.ofShifted, poolSize, kind);
  const s = poolSize;
  const divisible = dy % s === 0 && dx % s === 0;
  const options = (d: number): number[] => [...new Set([Math.floor(d / s), Math.ceil(d / s)])];
  const candidates: PoolCandidate[] = [];
  const { rows, cols } = pooled;
  for (const a of options(dy)) {
    for (const b of options(dx)) {
      const interior = new Uint8Array(rows * cols);
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          let inside = i - a >= 0 && i - a < rows && j - b >= 0 && j - b < cols;
          for (let r = i * s; inside && r < i * s + s; r++) {
            for (let c = j * s; inside && c < j * s + s; c++) inside = conv.interior[r * conv.featureMap.cols + c] === 1;
          }
          interior[i * cols + j] = inside ? 1 : 0;
        }
      }
      candidates.push({ ...compare(pooledOfShifted, shiftGrid(pooled, a, b), interior), pooledShift: [a, b] });
    }
  }
  const bestMaxInterior = Math.min(...candidates.map((c) => c.maxInterior));
  return { shift: [dy, dx], poolSize, kind, pooled, pooledOfShifted, divisible, candidates, bestMaxInterior };
}

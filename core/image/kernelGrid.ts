/**
 * A picture of a convolution layer's kernels: one small heatmap per (output filter, input
 * channel), laid out in a grid, coloured on a diverging scale centred on zero — blue for
 * negative weights, red for positive, white for zero — so that the sign structure of a
 * kernel (an edge detector's +/− halves) is visible at a glance. The scale is symmetric,
 * ±max|w| over the whole layer, so kernels are comparable with each other.
 */
import { encodeIndexedPng } from './png';

export interface KernelGridOptions {
  /** Screen pixels per kernel weight. */
  readonly cell?: number;
  /** Pixels between kernels. */
  readonly gap?: number;
  /** At most this many filters (rows) are drawn. */
  readonly maxFilters?: number;
  /** At most this many input channels (columns) per filter. */
  readonly maxChannels?: number;
}

const NEGATIVE = [33, 102, 172] as const; // blue
const POSITIVE = [178, 24, 43] as const; // red

/** RGB of a weight on the diverging scale, t = w / max|w| in [−1, 1]. */
export function divergingColor(t: number): [number, number, number] {
  const c = Math.max(-1, Math.min(1, t));
  const end = c < 0 ? NEGATIVE : POSITIVE;
  const a = Math.abs(c);
  return [Math.round(255 + (end[0] - 255) * a), Math.round(255 + (end[1] - 255) * a), Math.round(255 + (end[2] - 255) * a)];
}

/** Levels of the diverging scale on each side of zero: fine enough to read, small enough for a palette. */
const LEVELS = 63;
/** Palette: 0 transparent (the gaps), then −LEVELS … +LEVELS. */
const PALETTE: readonly (readonly [number, number, number, number])[] = [
  [0, 0, 0, 0],
  ...Array.from({ length: 2 * LEVELS + 1 }, (_, i) => [...divergingColor((i - LEVELS) / LEVELS), 255] as const),
];

/**
 * Renders kernels of shape [outC, inC, kh, kw] (the core's layout) as a PNG; returns the
 * file and the scale used, so the caption can state it.
 */
export function kernelGridPng(kernel: Float32Array, shape: readonly [number, number, number, number], options: KernelGridOptions = {}): { png: Uint8Array; maxAbs: number; filters: number; channels: number } {
  const [outC, inC, kh, kw] = shape;
  const cell = options.cell ?? 6;
  const gap = options.gap ?? 3;
  const filters = Math.min(outC, options.maxFilters ?? 16);
  const channels = Math.min(inC, options.maxChannels ?? 8);
  let maxAbs = 0;
  for (let i = 0; i < kernel.length; i++) maxAbs = Math.max(maxAbs, Math.abs(kernel[i]!));
  const scale = maxAbs > 0 ? 1 / maxAbs : 0;
  // Filters go across (they are what a learner compares), input channels down.
  const width = filters * (kw * cell + gap) + gap;
  const height = channels * (kh * cell + gap) + gap;
  const pixels = new Uint8Array(width * height); // palette index 0: transparent between kernels
  for (let f = 0; f < filters; f++) {
    for (let ch = 0; ch < channels; ch++) {
      const x0 = gap + f * (kw * cell + gap);
      const y0 = gap + ch * (kh * cell + gap);
      for (let m = 0; m < kh; m++) {
        for (let n = 0; n < kw; n++) {
          const w = kernel[((f * inC + ch) * kh + m) * kw + n]!;
          const level = 1 + LEVELS + Math.round(Math.max(-1, Math.min(1, w * scale)) * LEVELS);
          for (let y = 0; y < cell; y++) {
            const row = (y0 + m * cell + y) * width + x0 + n * cell;
            pixels.fill(level, row, row + cell);
          }
        }
      }
    }
  }
  return { png: encodeIndexedPng(width, height, pixels, PALETTE), maxAbs, filters, channels };
}

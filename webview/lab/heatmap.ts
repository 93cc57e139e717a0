/**
 * Fast heatmaps: 32 feature maps of 28×28 cost one small image and 32 scaled drawImage
 * calls; 2,048 kernels of 3×3 one image written at device pixels; the outlines one stroked
 * path — well under a frame either way.
 */
import { pixelRatio, sizeCanvas } from '../canvas';
import { diverging, grey, palette, sequential, type Palette } from './colors';

export interface Tile {
  /** Offset of the tile's first value in `values`. */
  readonly offset: number;
  readonly rows: number;
  readonly cols: number;
  /** Top-left corner on the canvas, in CSS pixels. */
  readonly x: number;
  readonly y: number;
}

export interface HeatmapOptions {
  readonly cell: number;
  /** ± this for a diverging scale; for a sequential scale, its maximum. */
  readonly scale: number;
  readonly kind: ScaleKind;
}

/** Diverging around 0, sequential from 0 in theme colours, or a picture's own grey. */
export type ScaleKind = 'diverging' | 'sequential' | 'grey';
const PAINT = { diverging, sequential, grey } as const;

/**
 * Above this many tiles, the cells are written straight into one image at device pixels;
 * below, each tile is one scaled drawImage. Per-tile calls are what costs with thousands of
 * small tiles (a 64×32 layer of 3×3 kernels); per-pixel writes are what costs with a few
 * big ones (32 feature maps of 28×28): each path is the fast one for its case.
 */
const MANY_TILES = 256;

/** A tile per drawImage, from one source image that holds every value at one pixel. */
function scaleTiles(ctx: CanvasRenderingContext2D, ratio: number, p: Palette, values: ArrayLike<number>, tiles: readonly Tile[], options: HeatmapOptions): void {
  const { rows, cols } = tiles[0]!;
  const source = document.createElement('canvas');
  source.width = cols;
  source.height = rows * tiles.length;
  const sctx = source.getContext('2d')!;
  const image = sctx.createImageData(cols, rows * tiles.length);
  const paint = PAINT[options.kind];
  tiles.forEach((t, i) => {
    for (let k = 0; k < rows * cols; k++) paint(p, values[t.offset + k]!, options.scale, image.data, (i * rows * cols + k) * 4);
  });
  sctx.putImageData(image, 0, 0);
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, ctx.canvas.width / ratio, ctx.canvas.height / ratio);
  tiles.forEach((t, i) => ctx.drawImage(source, 0, i * rows, cols, rows, t.x, t.y, cols * options.cell, rows * options.cell));
}

/**
 * Every cell written into one image at device pixels and put once. A cell's edges are rounded
 * to whole device pixels, so fractional ratios (1.25, 1.5) leave no seams.
 */
function paintCells(ctx: CanvasRenderingContext2D, W: number, H: number, ratio: number, p: Palette, values: ArrayLike<number>, tiles: readonly Tile[], options: HeatmapOptions): void {
  const { rows, cols } = tiles[0]!;
  const image = ctx.createImageData(W, H);
  const data = image.data;
  const colour = new Uint8ClampedArray(4);
  const paint = PAINT[options.kind];
  const edgesX = new Int32Array(cols + 1);
  const edgesY = new Int32Array(rows + 1);
  for (const t of tiles) {
    for (let q = 0; q <= cols; q++) edgesX[q] = Math.max(0, Math.min(W, Math.round((t.x + q * options.cell) * ratio)));
    for (let r = 0; r <= rows; r++) edgesY[r] = Math.max(0, Math.min(H, Math.round((t.y + r * options.cell) * ratio)));
    for (let r = 0; r < rows; r++) {
      for (let q = 0; q < cols; q++) {
        paint(p, values[t.offset + r * cols + q]!, options.scale, colour, 0);
        const c0 = colour[0]!, c1 = colour[1]!, c2 = colour[2]!, c3 = colour[3]!;
        for (let y = edgesY[r]!; y < edgesY[r + 1]!; y++) {
          for (let x = edgesX[q]!, i = (y * W + x) * 4; x < edgesX[q + 1]!; x++, i += 4) {
            data[i] = c0;
            data[i + 1] = c1;
            data[i + 2] = c2;
            data[i + 3] = c3;
          }
        }
      }
    }
  }
  ctx.putImageData(image, 0, 0);
}

/** Draws every tile of `values` onto the canvas (sized by the caller, in CSS pixels). */
export function drawTiles(canvas: HTMLCanvasElement, values: ArrayLike<number>, tiles: readonly Tile[], options: HeatmapOptions, width: number, height: number): void {
  const ratio = pixelRatio();
  const ctx = sizeCanvas(canvas, width, height);
  if (!ctx || tiles.length === 0) return;
  const p = palette();
  const { rows, cols } = tiles[0]!;
  if (tiles.length > MANY_TILES) paintCells(ctx, canvas.width, canvas.height, ratio, p, values, tiles, options);
  else scaleTiles(ctx, ratio, p, values, tiles, options);
  // Callers draw on top in CSS pixels (a receptive field's box, a selected unit).
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  const w = cols * options.cell;
  const h = rows * options.cell;
  // A thin frame per tile: near-zero values share the background's colour, and without it a
  // tile's edge vanishes. One path, one stroke: a layer of 64×32 kernels has 2,048 tiles.
  ctx.strokeStyle = outlineColour(p);
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const t of tiles) ctx.rect(t.x - 0.5, t.y - 0.5, w + 1, h + 1);
  ctx.stroke();
}

function outlineColour(p: Palette): string {
  return p.highContrast ? `rgb(${p.foreground.join(',')})` : `rgba(${p.grid.join(',')}, 1)`;
}

/** The largest |v|: the symmetric scale of a diverging heatmap. */
export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]!));
  return m;
}

export function minMax(values: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  return { min, max };
}

/** A legend: the colour bar of the scale with its ends and zero written out. */
export function legend(kind: ScaleKind, scale: number, caption: string): HTMLElement {
  const canvas = document.createElement('canvas');
  const width = 160;
  const height = 10;
  const values = Float32Array.from({ length: width }, (_, i) => (kind === 'diverging' ? (i / (width - 1)) * 2 - 1 : i / (width - 1)) * scale);
  const ctx = canvas.getContext('2d');
  canvas.width = width;
  canvas.height = height;
  if (ctx) {
    const image = ctx.createImageData(width, height);
    const p = palette();
    for (let x = 0; x < width; x++) {
      for (let y = 0; y < height; y++) PAINT[kind](p, values[x]!, scale, image.data, (y * width + x) * 4);
    }
    ctx.putImageData(image, 0, 0);
  }
  canvas.className = 'legend-bar';
  canvas.setAttribute('aria-hidden', 'true');
  const fmt = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(2));
  const wrap = document.createElement('div');
  wrap.className = 'legend';
  const left = document.createElement('span');
  left.textContent = kind === 'diverging' ? `−${fmt(scale)}` : '0';
  const right = document.createElement('span');
  right.textContent = `+${fmt(scale)}`;
  const text = document.createElement('span');
  text.className = 'legend-caption';
  text.textContent = caption;
  wrap.append(left, canvas, right, text);
  wrap.setAttribute('role', 'img');
  wrap.setAttribute('aria-label', `${caption}: ${kind === 'diverging' ? `from −${fmt(scale)} through 0 to +${fmt(scale)}` : `from 0 to ${fmt(scale)}`}`);
  return wrap;
}

/**
 * Fast heatmaps: the values are written once into an ImageData at one pixel per value and
 * scaled up by drawImage with smoothing off, so 32 maps of 28×28 cost one putImageData and
 * 32 drawImage calls — well under a frame.
 */
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

/** Draws every tile of `values` onto the canvas (sized by the caller, in CSS pixels). */
export function drawTiles(canvas: HTMLCanvasElement, values: ArrayLike<number>, tiles: readonly Tile[], options: HeatmapOptions, width: number, height: number): void {
  const ratio = Math.min(2, window.devicePixelRatio || 1);
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx || tiles.length === 0) return;
  const p = palette();
  const { rows, cols } = tiles[0]!;
  // One source image: the tiles stacked vertically at one pixel per value.
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
  ctx.clearRect(0, 0, width, height);
  tiles.forEach((t, i) => {
    ctx.drawImage(source, 0, i * rows, cols, rows, t.x, t.y, cols * options.cell, rows * options.cell);
    // A thin frame: near-zero values share the background's colour, and without it a tile's edge vanishes.
    outline(ctx, p, t.x, t.y, cols * options.cell, rows * options.cell);
  });
}

function outline(ctx: CanvasRenderingContext2D, p: Palette, x: number, y: number, w: number, h: number): void {
  ctx.strokeStyle = p.highContrast ? `rgb(${p.foreground.join(',')})` : `rgba(${p.grid.join(',')}, 1)`;
  ctx.lineWidth = 1;
  ctx.strokeRect(x - 0.5, y - 0.5, w + 1, h + 1);
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

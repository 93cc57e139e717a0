/**
 * A grid of small weight images on one canvas, shared by the lab's kernels, its dense-layer
 * templates and the side view's kernel strip: values laid out [rows, channels, h, w], one
 * tile per (row, channel). With one channel the tiles wrap to the available width; with
 * several, each row is one line of tiles (one per channel) and the canvas scrolls sideways.
 * Diverging colours centred on zero (heatmap.ts); hovering a weight writes it to `status`.
 */
import { drawTiles, type Tile } from './heatmap';

export interface WeightGridOptions {
  /** CSS pixels per weight. */
  readonly cell: number;
  /** Width to wrap one-channel tiles into, in CSS pixels. */
  readonly available: number;
  /** ± this is the colour scale. */
  readonly scale: number;
  readonly gap?: number;
  /** Rows and channels drawn (the first ones). */
  readonly rows: number;
  readonly channels: number;
  /** What a hover shows for weight (r, q) of tile (row, channel). */
  readonly describe: (row: number, channel: number, r: number, q: number, value: number) => string;
}

export interface WeightGrid {
  readonly canvas: HTMLCanvasElement;
  /** Tiles per line (one-channel grids wrap). */
  readonly columns: number;
}

/** shape = [rows, channels, h, w] of `values`; draws the first options.rows × options.channels tiles. */
export function weightGrid(values: ArrayLike<number>, shape: readonly [number, number, number, number], options: WeightGridOptions, status: HTMLElement, attrs: Record<string, string>): WeightGrid {
  const [, inC, kh, kw] = shape;
  const { cell, rows, channels } = options;
  const gap = options.gap ?? 5;
  const tileW = kw * cell;
  const tileH = kh * cell;
  const wrap = channels === 1;
  const perLine = wrap ? Math.max(1, Math.min(rows, Math.floor((options.available + gap) / (tileW + gap)))) : channels;
  const tiles: Tile[] = [];
  for (let o = 0; o < rows; o++) {
    for (let c = 0; c < channels; c++) {
      const col = wrap ? o % perLine : c;
      const line = wrap ? Math.floor(o / perLine) : o;
      tiles.push({ offset: (o * inC + c) * kh * kw, rows: kh, cols: kw, x: col * (tileW + gap), y: line * (tileH + gap) });
    }
  }
  const lines = wrap ? Math.ceil(rows / perLine) : rows;
  const width = Math.max(1, perLine * (tileW + gap) - gap);
  const height = Math.max(1, lines * (tileH + gap) - gap);
  const canvas = document.createElement('canvas');
  for (const [k, v] of Object.entries(attrs)) canvas.setAttribute(k, v);
  canvas.setAttribute('role', 'img');
  drawTiles(canvas, values, tiles, { cell, scale: options.scale, kind: 'diverging' }, width, height);
  canvas.addEventListener('mousemove', (e) => {
    const rect = canvas.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    const hit = tiles.findIndex((t) => x >= t.x && x < t.x + tileW && y >= t.y && y < t.y + tileH);
    if (hit < 0) return;
    const t = tiles[hit]!;
    const r = Math.min(kh - 1, Math.floor((y - t.y) / cell));
    const q = Math.min(kw - 1, Math.floor((x - t.x) / cell));
    status.textContent = options.describe(Math.floor(hit / channels), hit % channels, r, q, Number(values[t.offset + r * kw + q]));
  });
  return { canvas, columns: perLine };
}

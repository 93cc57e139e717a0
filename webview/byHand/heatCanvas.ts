/**
 * A large grid as a heatmap: the values are painted once at one pixel per cell into an
 * offscreen canvas, and each step of the window only scales that image onto the visible
 * canvas (smoothing off) and draws the window over it — a 1024×1024 input redraws in a
 * millisecond or two. Colours come from the theme (core of webview/lab/colors).
 */
import { sizeCanvas } from '../canvas';
import { css, diverging, palette, sequential, type Palette } from '../lab/colors';

/** A grid of values, optionally framed by padding (drawn in the theme's border colour). */
export interface HeatSource {
  /** The drawn size, padding included. */
  readonly rows: number;
  readonly cols: number;
  /** The values, row-major, dataRows × dataCols, placed at (top, left) of the drawn grid. */
  readonly data: ArrayLike<number>;
  readonly dataRows: number;
  readonly dataCols: number;
  readonly top: number;
  readonly left: number;
}

/** A grid without padding. */
export const plainSource = (g: { readonly rows: number; readonly cols: number; readonly data: ArrayLike<number> }): HeatSource =>
  ({ rows: g.rows, cols: g.cols, data: g.data, dataRows: g.rows, dataCols: g.cols, top: 0, left: 0 });

/** 256 colours of the scale, so that painting a million cells is a table look-up per cell, not a colour mix. */
function colourTable(p: Palette, signed: boolean): Uint8ClampedArray {
  const table = new Uint8ClampedArray(256 * 4);
  for (let i = 0; i < 256; i++) {
    if (signed) diverging(p, (i / 255) * 2 - 1, 1, table, i * 4);
    else sequential(p, i / 255, 1, table, i * 4);
  }
  return table;
}

export class HeatCanvas {
  readonly canvas: HTMLCanvasElement;
  /** CSS pixels per cell (may be below 1 for very large grids). */
  readonly scale: number;
  private source: HTMLCanvasElement | undefined;
  private sized = false;

  constructor(private readonly grid: HeatSource, label: string, maxSide = 420) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'byhand-map';
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', label);
    const longest = Math.max(grid.rows, grid.cols);
    // Whole pixels per cell while they fit (crisp cells), a fraction beyond.
    this.scale = longest <= maxSide ? Math.min(24, Math.floor(maxSide / longest)) : maxSide / longest;
  }

  get width(): number {
    return this.grid.cols * this.scale;
  }

  get height(): number {
    return this.grid.rows * this.scale;
  }

  /** Paints the values (again: after a theme change) and draws the overlay. */
  repaint(overlay: (ctx: CanvasRenderingContext2D, p: Palette) => void): void {
    this.source = undefined;
    this.draw(overlay);
  }

  draw(overlay: (ctx: CanvasRenderingContext2D, p: Palette) => void): void {
    const p = palette();
    this.source ??= this.paint(p);
    // Sized once: resizing a canvas on every step of the window would reallocate its backing store.
    const ctx = this.sized ? this.canvas.getContext('2d') : sizeCanvas(this.canvas, this.width, this.height);
    this.sized = true;
    if (!ctx) return;
    ctx.clearRect(0, 0, this.width, this.height);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.source, 0, 0, this.width, this.height);
    overlay(ctx, p);
  }

  /** The cell under a point of the canvas (CSS pixels from its top-left corner). */
  cellAt(x: number, y: number): [number, number] {
    const r = Math.min(this.grid.rows - 1, Math.max(0, Math.floor(y / this.scale)));
    const c = Math.min(this.grid.cols - 1, Math.max(0, Math.floor(x / this.scale)));
    return [r, c];
  }

  /**
   * Outlines cells [top…bottom] × [left…right] (inclusive). A box too small to find on a
   * large map (under 8 px) is drawn 8 px wide around its centre, with guide lines across
   * the map through it.
   */
  outline(ctx: CanvasRenderingContext2D, colour: string, top: number, left: number, bottom: number, right: number, width = 2, dash: number[] = []): void {
    const s = this.scale;
    let x = left * s;
    let y = top * s;
    let w = (right - left + 1) * s;
    let h = (bottom - top + 1) * s;
    ctx.save();
    ctx.strokeStyle = colour;
    if (w < 8 || h < 8) {
      const cx = x + w / 2;
      const cy = y + h / 2;
      ctx.globalAlpha = 0.6;
      ctx.lineWidth = 1;
      ctx.setLineDash([2, 3]);
      ctx.beginPath();
      ctx.moveTo(0, cy);
      ctx.lineTo(this.width, cy);
      ctx.moveTo(cx, 0);
      ctx.lineTo(cx, this.height);
      ctx.stroke();
      ctx.globalAlpha = 1;
      w = Math.max(w, 8);
      h = Math.max(h, 8);
      x = cx - w / 2;
      y = cy - h / 2;
    }
    ctx.lineWidth = width;
    ctx.setLineDash(dash);
    ctx.strokeRect(x + width / 2, y + width / 2, w - width, h - width);
    ctx.restore();
  }

  /** Fills one cell (at least 2 px) with a translucent colour: the window's taps. */
  mark(ctx: CanvasRenderingContext2D, colour: string, r: number, c: number): void {
    const s = this.scale;
    const size = Math.max(2, s);
    ctx.fillStyle = colour;
    ctx.fillRect(c * s + (s - size) / 2, r * s + (s - size) / 2, size, size);
  }

  private paint(p: Palette): HTMLCanvasElement {
    const { rows, cols, data, dataRows, dataCols, top, left } = this.grid;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    // Non-negative maps (pixels, blurs) run from the background to the foreground; signed ones diverge around 0.
    const signed = min < 0;
    const scale = signed ? Math.max(Math.abs(min), Math.abs(max)) : max;
    const table = colourTable(p, signed);
    const index = (v: number): number => {
      const t = scale > 0 ? (signed ? (v / scale + 1) / 2 : v / scale) : signed ? 0.5 : 0;
      return Math.round(Math.min(1, Math.max(0, t)) * 255) * 4;
    };
    const source = document.createElement('canvas');
    source.width = cols;
    source.height = rows;
    const sctx = source.getContext('2d')!;
    const image = sctx.createImageData(cols, rows);
    const d = image.data;
    // Padding first (the whole image), then the values over it. The padding's colour is the
    // theme's border colour taken halfway to the background: visibly not the input, yet quiet
    // (a full-strength border colour is a bright frame in dark themes).
    const pad = p.grid.map((g, i) => Math.round((g + p.zero[i]!) / 2));
    for (let at = 0; at < d.length; at += 4) {
      d[at] = pad[0]!;
      d[at + 1] = pad[1]!;
      d[at + 2] = pad[2]!;
      d[at + 3] = 255;
    }
    for (let r = 0; r < dataRows; r++) {
      let at = ((r + top) * cols + left) * 4;
      for (let c = 0; c < dataCols; c++, at += 4) {
        const k = index(data[r * dataCols + c]!);
        d[at] = table[k]!;
        d[at + 1] = table[k + 1]!;
        d[at + 2] = table[k + 2]!;
      }
    }
    sctx.putImageData(image, 0, 0);
    return source;
  }
}

export { css };

/**
 * A large grid as a heatmap: the values are painted once at one pixel per cell into an
 * offscreen canvas, and each step of the window only scales that image onto the visible
 * canvas (smoothing off) and draws the window over it — a 1024×1024 input redraws in a
 * millisecond or two. Colours come from the theme (core of webview/lab/colors).
 */
import { sizeCanvas } from '../canvas';
import { css, diverging, palette, sequential, type Palette } from '../lab/colors';

export interface HeatSource {
  readonly rows: number;
  readonly cols: number;
  /** The value at (r, c), or null for a cell that is padding (drawn in the theme's border colour). */
  readonly value: (r: number, c: number) => number | null;
}

export class HeatCanvas {
  readonly canvas: HTMLCanvasElement;
  /** CSS pixels per cell (may be below 1 for very large grids). */
  readonly scale: number;
  private source: HTMLCanvasElement | undefined;

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
    const ctx = sizeCanvas(this.canvas, this.width, this.height);
    if (!ctx) return;
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

  /** Outlines cells [top…bottom] × [left…right] (inclusive), at least 3 px wide so that it shows at any scale. */
  outline(ctx: CanvasRenderingContext2D, colour: string, top: number, left: number, bottom: number, right: number, width = 2, dash: number[] = []): void {
    const s = this.scale;
    const w = Math.max(3, (right - left + 1) * s);
    const h = Math.max(3, (bottom - top + 1) * s);
    ctx.save();
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.setLineDash(dash);
    ctx.strokeRect(left * s + width / 2, top * s + width / 2, w - width, h - width);
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
    const { rows, cols } = this.grid;
    let min = Infinity;
    let max = -Infinity;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const v = this.grid.value(r, c);
        if (v === null) continue;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    // Non-negative maps (pixels, blurs) run from the background to the foreground; signed ones diverge around 0.
    const signed = min < 0;
    const scale = signed ? Math.max(Math.abs(min), Math.abs(max)) : max;
    const source = document.createElement('canvas');
    source.width = cols;
    source.height = rows;
    const sctx = source.getContext('2d')!;
    const image = sctx.createImageData(cols, rows);
    const d = image.data;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const v = this.grid.value(r, c);
        const at = (r * cols + c) * 4;
        if (v === null) {
          d[at] = p.grid[0];
          d[at + 1] = p.grid[1];
          d[at + 2] = p.grid[2];
          d[at + 3] = 255;
        } else if (signed) diverging(p, v, scale, d, at);
        else sequential(p, v, scale, d, at);
      }
    }
    sctx.putImageData(image, 0, 0);
    return source;
  }
}

export { css };

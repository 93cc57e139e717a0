/**
 * The input with its zero padding and the window of the current cell on it: the taps the
 * kernel's entries multiply (each with that entry written in its corner), the gaps between
 * them that dilation leaves, and the padded rows and columns no window reaches. A grid of
 * numbers while it fits on screen; beyond that a heatmap, with the numbers under the
 * window's taps repeated beside it as a small grid.
 */
import type { ConvCell } from '../../core/lessons/convArithmetic';
import { compact } from '../../core/lessons/format';
import { el } from '../dom';
import { css } from '../lab/colors';
import type { ConvByHandData, PageStrings } from '../protocol';
import { HeatCanvas } from './heatCanvas';
import { numberGrid, setSubscript, type NumberGrid } from './numberGrid';

/** Padded grids up to this many rows and columns are drawn number by number. */
export const MAX_NUMBER_GRID = 24;

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';
/** A kernel entry as the lecture writes it on the input: a subscript (negative or fractional ones in parentheses). */
export const subscript = (v: number): string =>
  Number.isInteger(v) && v >= 0 ? String(v).replace(/\d/g, (d) => SUBSCRIPT[Number(d)]!) : `(${compact(v)})`;

export interface InputDisplay {
  readonly element: HTMLElement;
  readonly drawing: 'grid' | 'canvas';
  /** Draws the window of this cell (null: no window, the kernel does not fit). */
  show(cell: ConvCell | null): void;
  /** Repaints with the theme's colours (canvas only). */
  repaint(): void;
}

const fill = (template: string, ...values: (string | number)[]): string => values.reduce<string>((t, v, i) => t.replace(`{${i}}`, String(v)), template);

/** Room for the widest kernel entry written in a cell's corner (subscripts are set smaller than the numbers). */
const subscriptEm = (kernel: ArrayLike<number>): number => {
  let longest = 1;
  for (let i = 0; i < kernel.length; i++) longest = Math.max(longest, subscript(kernel[i]!).length);
  return 0.5 * longest;
};

export function inputDisplay(d: ConvByHandData, s: PageStrings): InputDisplay {
  const { input } = d;
  const pb = [d.rows.padBefore, d.cols.padBefore] as const;
  const rows = input.rows + d.rows.padBefore + d.rows.padAfter;
  const cols = input.cols + d.cols.padBefore + d.cols.padAfter;
  const value = (pr: number, pc: number): number | null => {
    const r = pr - pb[0];
    const c = pc - pb[1];
    return r >= 0 && r < input.rows && c >= 0 && c < input.cols ? input.data[r * input.cols + c]! : null;
  };
  const padded = rows !== input.rows || cols !== input.cols;
  const what = d.settings.input.kind === 'mnist' && d.label !== null ? ` · ${fill(s.byHandMnistCaption!, d.settings.input.index, d.label)}` : '';
  const caption = `${fill(s.byHandInputCaption!, input.rows, input.cols)}${padded ? ` · ${fill(s.byHandPaddedTo!, rows, cols)}` : ''}${what}`;
  const uncovered = (pr: number, pc: number): boolean => pr >= rows - d.rows.uncovered || pc >= cols - d.cols.uncovered;
  return rows <= MAX_NUMBER_GRID && cols <= MAX_NUMBER_GRID
    ? gridInput(caption, rows, cols, pb, value, uncovered, d.kernel.data, d.problem === null, s)
    : canvasInput(caption, rows, cols, pb, d, s);
}

function gridInput(
  caption: string, rows: number, cols: number, pb: readonly [number, number], value: (r: number, c: number) => number | null,
  uncovered: (r: number, c: number) => boolean, kernelValues: ArrayLike<number>, hasWindow: boolean, s: PageStrings,
): InputDisplay {
  const grid: NumberGrid = numberGrid({
    name: 'input', caption, rows, cols,
    text: (r, c) => compact(value(r, c) ?? 0),
    extraEm: hasWindow ? subscriptEm(kernelValues) : 0,
    label: (r, c) => (value(r, c) === null ? fill(s.byHandPadCell!, r - pb[0], c - pb[1]) : `I(${r - pb[0]}, ${c - pb[1]}) = ${compact(value(r, c)!)}`),
    cellClass: (r, c) => [value(r, c) === null ? 'pad' : '', uncovered(r, c) ? 'uncovered' : ''].join(' ').trim(),
  });
  let marked: HTMLElement[] = [];
  return {
    element: grid.figure,
    drawing: 'grid',
    show(cell) {
      for (const m of marked) {
        m.classList.remove('in-window', 'gap');
        setSubscript(m, '');
      }
      marked = [];
      if (!cell) return;
      const { top, left, bottom, right } = cell.window;
      for (let r = top; r <= bottom; r++) {
        for (let c = left; c <= right; c++) {
          const m = grid.cells[(r + pb[0]) * cols + (c + pb[1])];
          if (!m) continue;
          m.classList.add('gap');
          marked.push(m);
        }
      }
      for (const t of cell.terms) {
        const m = grid.cells[(t.inputRow + pb[0]) * cols + (t.inputCol + pb[1])];
        if (!m) continue;
        m.classList.remove('gap');
        m.classList.add('in-window');
        setSubscript(m, subscript(t.kernelValue));
      }
    },
    repaint() {},
  };
}

/** The longest number of the input as a cell prints it (sampled: a million cells need not all be formatted). */
function longestValue(data: ArrayLike<number>): number {
  let longest = 1;
  const step = Math.max(1, Math.floor(data.length / 5000));
  for (let i = 0; i < data.length; i += step) longest = Math.max(longest, compact(data[i]!).length);
  return longest;
}

function canvasInput(caption: string, rows: number, cols: number, pb: readonly [number, number], d: ConvByHandData, s: PageStrings): InputDisplay {
  const heat = new HeatCanvas({ rows, cols, data: d.input.data, dataRows: d.input.rows, dataCols: d.input.cols, top: pb[0], left: pb[1] }, `${caption}. ${s.byHandCanvasHint!}`);
  const k = d.kernel;
  // The numbers under the taps, as text: a heatmap alone hides them.
  const zoom = numberGrid({
    name: 'window', caption: s.byHandWindowValues!, rows: k.rows, cols: k.cols,
    text: () => '0', label: () => '', extraEm: subscriptEm(k.data), minChars: longestValue(d.input.data),
  });
  let current: ConvCell | null = null;
  const overlay = (ctx: CanvasRenderingContext2D, p: Parameters<Parameters<HeatCanvas['draw']>[0]>[1]): void => {
    // Padded rows and columns that no window covers (what the floor drops), shaded.
    if (d.rows.uncovered > 0 || d.cols.uncovered > 0) {
      ctx.fillStyle = css(p.foreground, 0.18);
      if (d.rows.uncovered > 0) ctx.fillRect(0, (rows - d.rows.uncovered) * heat.scale, heat.width, d.rows.uncovered * heat.scale);
      if (d.cols.uncovered > 0) ctx.fillRect((cols - d.cols.uncovered) * heat.scale, 0, d.cols.uncovered * heat.scale, heat.height);
    }
    if (!current) return;
    const w = current.window;
    heat.outline(ctx, css(p.accent), w.top + pb[0], w.left + pb[1], w.bottom + pb[0], w.right + pb[1], 2, [4, 3]);
    for (const t of current.terms) heat.mark(ctx, css(p.accent, 0.55), t.inputRow + pb[0], t.inputCol + pb[1]);
    if (heat.scale >= 6) for (const t of current.terms) heat.outline(ctx, css(p.accent), t.inputRow + pb[0], t.inputCol + pb[1], t.inputRow + pb[0], t.inputCol + pb[1], 1);
  };
  const figure = el('figure', { class: 'grid-figure grid-input byhand-input-map' }, el('figcaption', {}, caption), heat.canvas);
  const element = el('div', { class: 'byhand-input-wrap' }, figure, zoom.figure);
  return {
    element,
    drawing: 'canvas',
    show(cell) {
      current = cell;
      heat.draw(overlay);
      zoom.figure.hidden = !cell;
      if (!cell) return;
      cell.terms.forEach((t, i) => {
        const m = zoom.cells[i]!;
        const text = compact(t.inputValue);
        m.firstElementChild!.textContent = text;
        m.classList.toggle('pad', t.padding);
        m.setAttribute('aria-label', t.padding ? fill(s.byHandPadCell!, t.inputRow, t.inputCol) : `I(${t.inputRow}, ${t.inputCol}) = ${text}`);
        setSubscript(m, subscript(t.kernelValue));
      });
    },
    repaint() {
      heat.repaint(overlay);
    },
  };
}

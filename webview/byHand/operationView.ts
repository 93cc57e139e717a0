/**
 * One of the lecture's two operations, as a column beside the other: its definition, the
 * kernel it slides (K for cross-correlation, K rotated by 180° for convolution), its output
 * with the current cell marked, and that cell's sum of products written out.
 */
import type { ConvCell } from '../../core/lessons/convArithmetic';
import { compact } from '../../core/lessons/format';
import { el } from '../dom';
import { css } from '../lab/colors';
import type { ConvByHandData, ConvModeName, GridData, PageStrings } from '../protocol';
import { HeatCanvas, plainSource } from './heatCanvas';
import { numberGrid, type NumberGrid } from './numberGrid';

/** Outputs up to this many rows and columns are drawn number by number; kernels up to KERNEL_GRID. */
export const MAX_OUTPUT_GRID = 16;
const KERNEL_GRID = 12;

export interface OperationView {
  readonly element: HTMLElement;
  readonly drawing: 'grid' | 'canvas';
  show(cell: ConvCell | null, index: number): void;
  /** Whether live-region announcements are on (off while playing: one per step would flood a screen reader). */
  announce(on: boolean): void;
  repaint(): void;
}

const at = (g: GridData, r: number, c: number): number => g.data[r * g.cols + c]!;

function gridOrMap(name: string, caption: string, g: GridData, max: number, cellClass?: (r: number, c: number) => string): NumberGrid | HeatCanvas {
  if (g.rows <= max && g.cols <= max) {
    return numberGrid({ name, caption, rows: g.rows, cols: g.cols, text: (r, c) => compact(at(g, r, c)), label: (r, c) => `${caption} (${r}, ${c}) = ${compact(at(g, r, c))}`, cellClass });
  }
  return new HeatCanvas(plainSource(g), `${caption}: ${g.rows}×${g.cols}`, 260);
}

export function operationView(d: ConvByHandData, op: ConvModeName, s: PageStrings, onPick: (index: number) => void): OperationView {
  const o = d[op];
  const conv = op === 'convolution';
  const kernelCaption = conv ? s.byHandKernelRotated! : s.kernel!;
  const kernel = gridOrMap(`kernel-${op}`, kernelCaption, o.slidKernel, KERNEL_GRID);
  if (kernel instanceof HeatCanvas) kernel.draw(() => undefined);
  const kernelFigure = kernel instanceof HeatCanvas ? el('figure', { class: 'grid-figure' }, el('figcaption', {}, kernelCaption), kernel.canvas) : kernel.figure;
  const outputCaption = `${s.output!} ${conv ? '= I ∗ K' : '= I ⋆ K'}`;
  const sum = el('p', { class: 'sum', role: 'status', 'aria-live': 'polite', 'data-testid': `sum-${op}` });
  const definition = el('p', { class: 'definition', 'data-testid': `definition-${op}` });
  const column = el('section', { class: `byhand-op${d.mode === op ? ' lead' : ''}`, 'data-op': op, 'aria-label': conv ? s.convolution : s.crossCorrelation },
    el('h3', {}, conv ? s.byHandConvolutionHeading! : s.byHandCrossCorrelationHeading!),
    el('p', { class: 'formula' }, conv ? s.formulaConvolution! : s.formulaCrossCorrelation!));
  const row = el('div', { class: 'byhand-op-grids' }, kernelFigure);
  column.append(row);
  let output: NumberGrid | HeatCanvas | null = null;
  let current = 0;
  if (o.output) {
    const out = o.output;
    output = gridOrMap(`output-${op}`, outputCaption, out, MAX_OUTPUT_GRID);
    if (output instanceof HeatCanvas) {
      const heat = output;
      heat.canvas.addEventListener('click', (e) => {
        const [r, c] = heat.cellAt(e.offsetX, e.offsetY);
        onPick(r * out.cols + c);
      });
      row.append(el('figure', { class: 'grid-figure' }, el('figcaption', {}, `${outputCaption} · ${out.rows}×${out.cols}`), heat.canvas));
    } else {
      output.body.addEventListener('click', (e) => {
        const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
        if (cell) onPick(Number(cell.dataset.index));
      });
      row.append(output.figure);
    }
    column.append(sum, definition);
  } else {
    column.append(el('p', { class: 'hint' }, s.byHandNoOutput!));
  }
  const drawMap = (heat: HeatCanvas, cols: number): void =>
    heat.draw((ctx, p) => heat.outline(ctx, css(p.accent), Math.floor(current / cols), current % cols, Math.floor(current / cols), current % cols, 2));
  return {
    element: column,
    drawing: output instanceof HeatCanvas ? 'canvas' : 'grid',
    show(cell, index) {
      current = index;
      if (!cell || !o.output) return;
      if (output instanceof HeatCanvas) drawMap(output, o.output.cols);
      else if (output) {
        output.cells.forEach((c, i) => {
          c.classList.toggle('current', i === index);
          c.classList.toggle('later', i > index);
        });
      }
      sum.textContent = `S(${cell.row}, ${cell.col}) = ${cell.text}`;
      definition.textContent = cell.definition;
    },
    announce(on) {
      sum.setAttribute('aria-live', on ? 'polite' : 'off');
    },
    repaint() {
      if (kernel instanceof HeatCanvas) kernel.repaint(() => undefined);
      if (output instanceof HeatCanvas && o.output) {
        const heat = output;
        const cols = o.output.cols;
        heat.repaint((ctx, p) => heat.outline(ctx, css(p.accent), Math.floor(current / cols), current % cols, Math.floor(current / cols), current % cols, 2));
      }
    },
  };
}

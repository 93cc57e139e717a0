/**
 * A grid of numbers as an ARIA grid: every value is text, in the cell and in its label.
 * Used for grids small enough to read number by number (larger ones are heatmaps).
 */
import { el } from '../dom';

export interface NumberGrid {
  readonly figure: HTMLElement;
  readonly body: HTMLElement;
  /** Row-major, one element per cell. */
  readonly cells: readonly HTMLElement[];
}

export interface GridSpec {
  readonly name: string;
  readonly caption: string;
  readonly rows: number;
  readonly cols: number;
  readonly text: (r: number, c: number) => string;
  readonly label: (r: number, c: number) => string;
  readonly cellClass?: (r: number, c: number) => string;
  /** Room (in em) for the subscript a cell may carry beside its number. */
  readonly extraEm?: number;
  /** The longest text a cell will show, when it is filled in later. */
  readonly minChars?: number;
}

export function numberGrid(spec: GridSpec): NumberGrid {
  const cells: HTMLElement[] = [];
  const rows: HTMLElement[] = [];
  let widest = spec.minChars ?? 1;
  for (let r = 0; r < spec.rows; r++) {
    const row: HTMLElement[] = [];
    for (let c = 0; c < spec.cols; c++) {
      const text = spec.text(r, c);
      widest = Math.max(widest, text.length);
      const cell = el('div', { role: 'gridcell', class: `cell ${spec.cellClass?.(r, c) ?? ''}`.trim(), 'aria-label': spec.label(r, c), 'data-index': r * spec.cols + c },
        el('span', { class: 'value' }, text));
      row.push(cell);
      cells.push(cell);
    }
    rows.push(el('div', { role: 'row', class: 'row' }, ...row));
  }
  const body = el('div', { role: 'grid', class: 'grid', 'aria-label': spec.caption, 'data-grid': spec.name }, ...rows);
  // Through the CSSOM: the page's CSP forbids inline style attributes. Wide numbers widen every column alike.
  body.style.setProperty('--cols', String(spec.cols));
  body.style.setProperty('--cell-w', `${Math.max(2.6, 0.62 * widest + 1 + (spec.extraEm ?? 0))}em`);
  return { figure: el('figure', { class: `grid-figure grid-${spec.name}` }, el('figcaption', {}, spec.caption), body), body, cells };
}

/** Sets (or clears, with '') the small number written in a cell's corner: the kernel entry that multiplies it. */
export function setSubscript(cell: HTMLElement, text: string): void {
  let sub = cell.querySelector('sub');
  if (!text) {
    sub?.remove();
    return;
  }
  if (!sub) {
    sub = el('sub', { 'aria-hidden': 'true' });
    cell.append(sub);
  }
  sub.textContent = text;
}

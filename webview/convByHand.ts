/**
 * The first lesson: the lecture's convolution worked by hand. The window steps across the
 * input (buttons, arrow keys, or a click on an output cell); each step writes out the sum
 * of products the worker's result stands for. A switch flips the kernel to show true
 * convolution next to the libraries' cross-correlation.
 */
import { custom, el, formatNumber } from './dom';
import type { ConvByHandData, ConvModeName, GridData, PageStrings } from './protocol';
import { saveState, vscode } from './vscodeApi';

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';
const subscript = (v: number): string =>
  Number.isInteger(v) && v >= 0 ? String(v).replace(/\d/g, (d) => SUBSCRIPT[Number(d)]!) : `(${formatNumber(v)})`;

const at = (g: GridData, r: number, c: number): number => g.data[r * g.cols + c]!;

export class ConvByHandView {
  private data: ConvByHandData | undefined;
  private cell: number;

  constructor(
    private readonly root: HTMLElement,
    private readonly s: PageStrings,
  ) {
    this.cell = vscode.getState()?.cell ?? 0;
    root.addEventListener('keydown', (e) => this.onKey(e));
  }

  show(data: ConvByHandData): void {
    this.data = data;
    const cells = data.output.rows * data.output.cols;
    this.cell = Math.min(Math.max(this.cell, 0), cells - 1);
    this.render();
    vscode.postMessage({ type: 'rendered', view: 'convByHand', mode: data.mode, output: this.readOutputText() });
  }

  private setMode(mode: ConvModeName): void {
    saveState({ mode });
    vscode.postMessage({ type: 'setConvMode', mode });
  }

  private goTo(cell: number): void {
    if (!this.data) return;
    const cells = this.data.output.rows * this.data.output.cols;
    this.cell = (cell + cells) % cells;
    saveState({ cell: this.cell });
    this.render();
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.data || (e.target as HTMLElement).closest('vscode-radio-group')) return;
    const cols = this.data.output.cols;
    const cells = this.data.output.rows * cols;
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols, Home: -this.cell, End: cells - 1 - this.cell };
    const d = moves[e.key];
    if (d === undefined) return;
    e.preventDefault();
    this.goTo(this.cell + d);
  }

  /** The output numbers exactly as the page shows them, for the host's log and the tests. */
  private readOutputText(): string[][] {
    return Array.from(this.root.querySelectorAll('[data-grid="output"] [role="row"]'), (row) =>
      Array.from(row.querySelectorAll('[role="gridcell"] .value'), (c) => c.textContent ?? ''),
    );
  }

  private render(): void {
    const d = this.data;
    if (!d) return;
    const focusedId = (document.activeElement as HTMLElement | null)?.dataset?.focusId;
    const oc = d.output.cols;
    const i = Math.floor(this.cell / oc);
    const j = this.cell % oc;
    const k = d.slidKernel;
    const top = i * d.stride - d.padding;
    const left = j * d.stride - d.padding;
    const inWindow = (r: number, c: number): { m: number; n: number } | undefined => {
      const m = (r - top) / d.dilation;
      const n = (c - left) / d.dilation;
      return Number.isInteger(m) && Number.isInteger(n) && m >= 0 && n >= 0 && m < k.rows && n < k.cols ? { m, n } : undefined;
    };

    // The written-out sum: every product under the window, in the kernel's order.
    const terms: string[] = [];
    for (let m = 0; m < k.rows; m++) {
      for (let n = 0; n < k.cols; n++) {
        const r = top + m * d.dilation;
        const c = left + n * d.dilation;
        const x = r >= 0 && r < d.input.rows && c >= 0 && c < d.input.cols ? at(d.input, r, c) : 0;
        terms.push(`${formatNumber(x)}·${formatNumber(at(k, m, n))}`);
      }
    }
    const value = at(d.output, i, j);
    const sum = `S(${i}, ${j}) = ${terms.join(' + ')} = ${formatNumber(value)}`;

    const inputGrid = grid('input', this.s.input!, d.input, (r, c) => {
      const w = inWindow(r, c);
      return { cls: w ? 'in-window' : '', sub: w ? subscript(at(k, w.m, w.n)) : '' };
    });
    const kernelGrids = [grid('kernel', this.s.kernel!, d.kernel, () => ({ cls: '', sub: '' }))];
    if (d.mode === 'convolution') kernelGrids.push(grid('slid', this.s.slidKernelFlipped!, k, () => ({ cls: 'in-window', sub: '' })));
    const outputGrid = grid('output', this.s.output!, d.output, (r, c) => {
      const index = r * oc + c;
      return { cls: index === this.cell ? 'current' : index > this.cell ? 'later' : '', sub: '', index };
    });
    outputGrid.addEventListener('click', (e) => {
      const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
      if (cell) this.goTo(Number(cell.dataset.index));
    });

    const modes = custom('vscode-radio-group', { variant: 'vertical', 'aria-label': this.s.convByHandTitle },
      custom('vscode-radio', { name: 'mode', value: 'crossCorrelation', label: this.s.crossCorrelation, checked: d.mode === 'crossCorrelation' }, this.s.crossCorrelation!),
      custom('vscode-radio', { name: 'mode', value: 'convolution', label: this.s.convolution, checked: d.mode === 'convolution' }, this.s.convolution!),
    );
    modes.addEventListener('change', (e) => {
      const value = (e.target as HTMLInputElement).value;
      if (value === 'crossCorrelation' || value === 'convolution') this.setMode(value);
    });

    const prev = custom('vscode-button', { secondary: true, 'data-focus-id': 'prev' }, this.s.previous!);
    prev.addEventListener('click', () => this.goTo(this.cell - 1));
    const next = custom('vscode-button', { 'data-focus-id': 'next' }, this.s.next!);
    next.addEventListener('click', () => this.goTo(this.cell + 1));

    const stage = el('section', { class: 'stage', tabindex: 0, 'data-focus-id': 'stage', 'aria-label': this.s.keyboardHint },
      inputGrid, el('div', { class: 'op', 'aria-hidden': 'true' }, d.mode === 'convolution' ? '∗' : '⋆'), ...kernelGrids,
      el('div', { class: 'op', 'aria-hidden': 'true' }, '='), outputGrid);

    this.root.replaceChildren(
      el('h2', {}, this.s.convByHandTitle!),
      el('p', { class: 'intro' }, this.s.convByHandIntro!),
      modes,
      el('p', { class: 'formula' }, d.mode === 'convolution' ? this.s.formulaConvolution! : this.s.formulaCrossCorrelation!),
      stage,
      el('div', { class: 'controls' }, prev, next,
        el('span', { class: 'position' }, `${this.s.cell} (${i}, ${j}) · ${this.cell + 1} / ${d.output.rows * oc}`)),
      el('p', { class: 'sum', role: 'status', 'aria-live': 'polite', 'data-testid': 'sum' }, sum),
      el('p', { class: 'hint' }, `${this.s.geometry} · ${this.s.keyboardHint}`),
    );
    if (focusedId) this.root.querySelector<HTMLElement>(`[data-focus-id="${focusedId}"]`)?.focus();
  }
}

interface CellLook {
  cls: string;
  sub: string;
  index?: number;
}

/** A grid of numbers as an ARIA grid: each value readable as text by a screen reader. */
function grid(name: string, title: string, g: GridData, look: (r: number, c: number) => CellLook): HTMLElement {
  const rows: HTMLElement[] = [];
  for (let r = 0; r < g.rows; r++) {
    const cells: HTMLElement[] = [];
    for (let c = 0; c < g.cols; c++) {
      const l = look(r, c);
      const v = formatNumber(at(g, r, c));
      cells.push(el('div', { role: 'gridcell', class: `cell ${l.cls}`.trim(), 'data-index': l.index, 'aria-label': `${title} (${r}, ${c}) = ${v}` },
        el('span', { class: 'value' }, v), l.sub ? el('sub', { 'aria-hidden': 'true' }, l.sub) : undefined));
    }
    rows.push(el('div', { role: 'row', class: 'row' }, ...cells));
  }
  const body = el('div', { role: 'grid', class: 'grid', 'aria-label': title, 'data-grid': name }, ...rows);
  // Through the CSSOM: the page's CSP forbids inline style attributes.
  body.style.setProperty('--cols', String(g.cols));
  return el('figure', { class: `grid-figure grid-${name}` }, el('figcaption', {}, title), body);
}

/** The side view: the active model's summary, the selected layer's kernels, and the way into the lab and the lessons. */
import { custom, el } from './dom';
import type { PageStrings, SideKernelsView, SummaryView } from './protocol';
import { invalidatePalette } from './lab/colors';
import { renderSideKernels } from './sideKernels';
import { renderSummary } from './summaryTable';
import { vscode } from './vscodeApi';

export class SidePage {
  private readonly summary: HTMLElement;
  private readonly strip = el('div', { class: 'kernel-strip', 'aria-live': 'polite' });
  private readonly status = el('p', { class: 'hover-status', 'aria-live': 'polite' });
  private readonly stripSection: HTMLElement;
  private readonly modelButtons: HTMLElement[];
  private kernels: SideKernelsView | null = null;

  constructor(root: HTMLElement, private readonly s: PageStrings) {
    const open = custom('vscode-button', {}, s.openConvByHand!);
    open.addEventListener('click', () => vscode.postMessage({ type: 'runCommand', command: 'convlab.convByHand' }));
    const visualize = custom('vscode-button', { 'data-testid': 'side-visualize' }, s.openLab!);
    visualize.addEventListener('click', () => vscode.postMessage({ type: 'runCommand', command: 'convlab.visualize' }));
    const train = custom('vscode-button', { secondary: true, 'data-testid': 'side-train' }, s.trainModel!);
    train.addEventListener('click', () => vscode.postMessage({ type: 'runCommand', command: 'convlab.train' }));
    this.modelButtons = [visualize, train];
    const log = custom('vscode-button', { secondary: true }, s.showLog!);
    log.addEventListener('click', () => vscode.postMessage({ type: 'runCommand', command: 'convlab.showLog' }));
    this.summary = el('div', { class: 'summary-area', 'aria-live': 'polite' });
    this.stripSection = el('section', { class: 'strip-section', 'aria-labelledby': 'strip-title' }, el('h3', { id: 'strip-title' }, s.selectedKernels!), this.strip, this.status);
    root.replaceChildren(
      el('h2', {}, s.summaryTitle!),
      this.summary,
      el('div', { class: 'controls' }, visualize, train),
      this.stripSection,
      el('h2', {}, s.lessonsTitle!),
      el('p', {}, s.sideLessons!),
      el('div', { class: 'controls' }, open, log),
    );
    this.showSummary(null);
    // The theme's colours feed the canvas: redraw it when VS Code switches theme; and when the view is resized, rewrap it.
    new MutationObserver(() => {
      invalidatePalette();
      this.showKernels(this.kernels);
    }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
    let width = 0;
    new ResizeObserver(() => {
      const w = this.strip.clientWidth;
      if (Math.abs(w - width) < 8) return;
      width = w;
      if (this.kernels?.kernel) this.showKernels(this.kernels);
    }).observe(this.strip);
  }

  showSummary(data: SummaryView | null): void {
    renderSummary(this.summary, data, this.s);
    // Visualize and Train act on the model shown here: without one they have nothing to act on.
    for (const b of this.modelButtons) b.toggleAttribute('disabled', data === null);
    this.stripSection.hidden = data === null;
    this.markSelected();
  }

  showKernels(data: SideKernelsView | null): void {
    this.kernels = data;
    renderSideKernels(this.strip, this.status, data, this.s);
    this.markSelected();
  }

  /** The strip's layer is marked in the summary table too. */
  private markSelected(): void {
    const k = this.kernels;
    this.summary.querySelectorAll<HTMLElement>('tr[data-layer]').forEach((row) => {
      const on = k !== null && Number(row.dataset.layer) === k.layer && Number(row.dataset.model) === k.modelIndex;
      row.classList.toggle('selected', on);
      if (on) row.setAttribute('aria-current', 'true');
      else row.removeAttribute('aria-current');
    });
  }
}

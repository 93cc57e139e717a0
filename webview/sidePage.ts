/** The side view: the active model's summary, and the way into the lessons. */
import { custom, el } from './dom';
import type { PageStrings, SummaryView } from './protocol';
import { renderSummary } from './summaryTable';
import { vscode } from './vscodeApi';

export class SidePage {
  private readonly summary: HTMLElement;

  constructor(root: HTMLElement, private readonly s: PageStrings) {
    const open = custom('vscode-button', {}, s.openConvByHand!);
    open.addEventListener('click', () => vscode.postMessage({ type: 'runCommand', command: 'convlab.convByHand' }));
    const visualize = custom('vscode-button', {}, s.openLab!);
    visualize.addEventListener('click', () => vscode.postMessage({ type: 'runCommand', command: 'convlab.visualize' }));
    const train = custom('vscode-button', { secondary: true }, s.trainModel!);
    train.addEventListener('click', () => vscode.postMessage({ type: 'runCommand', command: 'convlab.train' }));
    const log = custom('vscode-button', { secondary: true }, s.showLog!);
    log.addEventListener('click', () => vscode.postMessage({ type: 'runCommand', command: 'convlab.showLog' }));
    this.summary = el('div', { class: 'summary-area', 'aria-live': 'polite' });
    root.replaceChildren(
      el('h2', {}, s.summaryTitle!),
      this.summary,
      el('div', { class: 'controls' }, visualize, train),
      el('h2', {}, s.lessonsTitle!),
      el('p', {}, s.sideLessons!),
      el('div', { class: 'controls' }, open, log),
    );
    renderSummary(this.summary, null, s);
  }

  showSummary(data: SummaryView | null): void {
    renderSummary(this.summary, data, this.s);
  }
}

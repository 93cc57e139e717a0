/**
 * The side view's kernel strip: the selected layer's first filters, drawn with the lab's
 * kernel code at side-view size (the view is about 250–300 px wide: one-channel kernels
 * wrap, several channels scroll sideways). Hover a weight for its value; every value is in
 * the page as text too.
 */
import { el } from './dom';
import { renderKernelLayer } from './lab/kernels';
import type { PageStrings, SideKernelsView } from './protocol';

export function renderSideKernels(root: HTMLElement, status: HTMLElement, data: SideKernelsView | null, s: PageStrings): void {
  status.textContent = '';
  if (!data) {
    root.replaceChildren();
    return;
  }
  const by = data.selectedBy === 'cursor' ? s.atCursor : data.selectedBy === 'lab' ? s.selectedInLab : s.firstConv;
  const which = data.weights === 'trained' ? s.trainedWeights : data.weights === 'training' ? `${s.trainingWeights} ${(data.epoch ?? 0) + 1}` : `${s.initialWeights} ${data.seed}`;
  const head = el('p', { class: 'strip-head', 'data-testid': 'strip-layer', 'data-layer': data.layer },
    el('strong', {}, data.name), el('span', { class: 'layer-type' }, ` (${data.type}) · ${by}`));
  if (!data.kernel) {
    root.replaceChildren(head, el('p', { class: 'hint', 'data-testid': 'strip-note' }, data.note ?? ''), el('p', { class: 'hint' }, s.stripHint!));
    return;
  }
  const [, inC, , kw] = data.kernel.shape;
  const available = Math.max(120, (root.clientWidth || 260) - 4);
  const cell = inC === 1 ? 8 : 5;
  // Each filter is one line of channel tiles: as many channels as fit the view's width, no sideways scrolling.
  const maxChannels = Math.max(1, Math.floor((available + 5) / (kw * cell + 5)));
  const figure = renderKernelLayer(data.kernel, s, status, { available, cell, totalFilters: data.totalFilters, maxChannels });
  root.replaceChildren(head, el('p', { class: 'weights-note', 'data-weights': data.weights }, which), figure);
}

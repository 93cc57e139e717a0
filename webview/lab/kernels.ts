/**
 * A convolution layer's kernels: one row per filter, one small heatmap per input channel,
 * on a diverging scale centred on zero (±max|w| over the layer), with a legend. Hovering a
 * weight names it and its value; every value is also in the page as text, for screen
 * readers, inside a collapsed details element.
 */
import { el, formatNumber } from '../dom';
import type { KernelLayer, KernelsView, PageStrings } from '../protocol';
import { legend, maxAbs } from './heatmap';
import { weightGrid } from './weightGrid';

const MAX_FILTERS = 64;
const MAX_CHANNELS = 32;

function kernelText(k: KernelLayer, s: PageStrings): HTMLElement {
  const [outC, inC, kh, kw] = k.shape;
  const lines: string[] = [];
  for (let o = 0; o < outC; o++) {
    for (let c = 0; c < inC; c++) {
      const rows: string[] = [];
      for (let r = 0; r < kh; r++) {
        const row: string[] = [];
        for (let q = 0; q < kw; q++) row.push(formatNumber(Number(k.values[((o * inC + c) * kh + r) * kw + q])));
        rows.push(`[${row.join(', ')}]`);
      }
      lines.push(`${s.filter} ${o + 1}, ${s.channel} ${c + 1}: [${rows.join(', ')}]`);
    }
  }
  return el('details', { class: 'as-text' }, el('summary', {}, s.valuesAsText!), el('pre', {}, lines.join('\n')));
}

export interface KernelLayerOptions {
  /** Width to wrap one-channel kernels into. */
  readonly available?: number;
  readonly cell?: number;
  /** Filters of the whole layer when `k` holds only the first few (the side view's strip). */
  readonly totalFilters?: number;
  readonly maxChannels?: number;
}

export function renderKernelLayer(k: KernelLayer, s: PageStrings, status: HTMLElement, options: KernelLayerOptions = {}): HTMLElement {
  const [outC, inC, kh, kw] = k.shape;
  const total = Math.max(outC, options.totalFilters ?? outC);
  const filters = Math.min(outC, MAX_FILTERS);
  const channels = Math.min(inC, options.maxChannels ?? MAX_CHANNELS);
  // Small kernels of a one-channel layer are drawn big; many channels, smaller.
  const cell = options.cell ?? (channels === 1 ? 9 : channels <= 4 ? 6 : 4);
  const scale = maxAbs(k.values);
  const grid = weightGrid(k.values, k.shape, {
    cell, available: options.available ?? 600, scale, rows: filters, channels,
    describe: (o, c, r, q, v) => `${k.name} · ${s.filter} ${o + 1} · ${s.channel} ${c + 1} · (${r}, ${q}) = ${formatNumber(v)}`,
  }, status, { class: 'kernel-canvas', 'data-layer': String(k.layer), 'aria-label': `${k.name}: ${total} ${s.filters} × ${inC} ${s.channels}, ${kh}×${kw}; ${s.scale} ±${formatNumber(scale)}` });
  const channelWord = inC === 1 ? s.channelOne : s.channels;
  const shown = `${filters < total ? `${filters} ${s.of} ` : ''}${total} ${s.filters} × ${channels < inC ? `${channels} ${s.of} ` : ''}${inC} ${channelWord} · ${kh}×${kw}`;
  const axis = channels > 1 ? el('p', { class: 'hint' }, s.kernelAxes!) : undefined;
  return el('figure', { class: 'kernel-layer', 'data-layer': k.layer },
    el('figcaption', {}, el('strong', {}, k.name), ` · ${shown}`),
    axis,
    el('div', { class: 'canvas-scroll' }, grid.canvas),
    legend('diverging', scale, s.weight!),
    kernelText(k, s));
}

export function renderKernels(root: HTMLElement, data: KernelsView | undefined, s: PageStrings, status: HTMLElement): void {
  if (!data) {
    root.replaceChildren(el('p', { class: 'loading' }, s.loading!));
    return;
  }
  const which = data.weights === 'trained' ? s.trainedWeights! : data.weights === 'training' ? `${s.trainingWeights} ${(data.epoch ?? 0) + 1}` : `${s.initialWeights} ${data.seed}`;
  root.replaceChildren(
    el('p', { class: 'weights-note', 'data-weights': data.weights }, which),
    ...data.layers.map((k) => renderKernelLayer(k, s, status, { available: Math.max(200, (root.clientWidth || 600) - 8) })),
  );
}

/**
 * A convolution layer's kernels: one row per filter, one small heatmap per input channel,
 * on a diverging scale centred on zero (±max|w| over the layer), with a legend. Hovering a
 * weight names it and its value; every value is also in the page as text, for screen
 * readers, inside a collapsed details element.
 */
import { el, formatNumber } from '../dom';
import type { KernelLayer, KernelsView, PageStrings } from '../protocol';
import { drawTiles, legend, maxAbs, type Tile } from './heatmap';

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

export function renderKernelLayer(k: KernelLayer, s: PageStrings, status: HTMLElement, available = 600, cellOverride?: number): HTMLElement {
  const [outC, inC, kh, kw] = k.shape;
  const filters = Math.min(outC, MAX_FILTERS);
  const channels = Math.min(inC, MAX_CHANNELS);
  // Small kernels of a one-channel layer are drawn big; many channels, smaller.
  const cell = cellOverride ?? (channels === 1 ? 9 : channels <= 4 ? 6 : 4);
  const gap = 5;
  const tileW = kw * cell;
  // One-channel filters wrap in rows as wide as the panel; several channels make one row per filter.
  const perRow = channels === 1 ? Math.max(1, Math.min(filters, Math.floor((available + gap) / (tileW + gap)))) : 1;
  const tileH = kh * cell;
  const tiles: Tile[] = [];
  for (let o = 0; o < filters; o++) {
    for (let c = 0; c < channels; c++) {
      const col = channels === 1 ? o % perRow : c;
      const row = channels === 1 ? Math.floor(o / perRow) : o;
      tiles.push({ offset: (o * inC + c) * kh * kw, rows: kh, cols: kw, x: col * (tileW + gap), y: row * (tileH + gap) });
    }
  }
  const columns = channels === 1 ? perRow : channels;
  const rowsCount = channels === 1 ? Math.ceil(filters / perRow) : filters;
  const width = columns * (tileW + gap) - gap;
  const height = rowsCount * (tileH + gap) - gap;
  const scale = maxAbs(k.values);
  const canvas = el('canvas', { class: 'kernel-canvas', role: 'img', 'data-layer': k.layer, 'aria-label': `${k.name}: ${outC} ${s.filters} × ${inC} ${s.channels}, ${kh}×${kw}; ${s.scale} ±${formatNumber(scale)}` });
  drawTiles(canvas, k.values, tiles, { cell, scale, kind: 'diverging' }, width, height);
  canvas.addEventListener('mousemove', (e) => {
    const rect = canvas.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    const hit = tiles.findIndex((t) => x >= t.x && x < t.x + tileW && y >= t.y && y < t.y + tileH);
    if (hit < 0) return;
    const t = tiles[hit]!;
    const r = Math.floor((y - t.y) / cell);
    const q = Math.floor((x - t.x) / cell);
    const o = Math.floor(hit / channels);
    const c = hit % channels;
    status.textContent = `${k.name} · ${s.filter} ${o + 1} · ${s.channel} ${c + 1} · (${r}, ${q}) = ${formatNumber(Number(k.values[t.offset + r * kw + q]))}`;
  });
  const shown = `${filters < outC ? `${filters} ${s.of} ` : ''}${outC} ${s.filters} × ${channels < inC ? `${channels} ${s.of} ` : ''}${inC} ${s.channels} · ${kh}×${kw}`;
  const axis = channels > 1 ? el('p', { class: 'hint' }, s.kernelAxes!) : undefined;
  return el('figure', { class: 'kernel-layer', 'data-layer': k.layer },
    el('figcaption', {}, el('strong', {}, k.name), ` · ${shown}`),
    axis,
    el('div', { class: 'canvas-scroll' }, canvas),
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
    ...data.layers.map((k) => renderKernelLayer(k, s, status, Math.max(200, (root.clientWidth || 600) - 8))),
  );
}

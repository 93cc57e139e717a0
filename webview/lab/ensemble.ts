/**
 * A Dropout layer's mask ensemble: the first masks drawn over the layer's units (kept
 * units inked, dropped ones blank), the prediction under each mask as a dot per class,
 * their average with its spread (MC dropout's uncertainty), the weight-scaling prediction
 * and — for a layer of ≤ 20 units — the exact expectation over all 2^n masks; then the
 * running average of the predicted class as N grows, converging on the exact value.
 */
import { el, formatNumber } from '../dom';
import type { EnsembleView, PageStrings } from '../protocol';
import { css, palette } from './colors';
import { drawTiles } from './heatmap';
import { drawAxes, sizeCanvas } from '../canvas';

const MASKS_SHOWN = 8;



/** Each mask laid out like the layer's units: a feature map's grid, or a near-square grid for a vector. */
function masksCanvas(d: EnsembleView, s: PageStrings): HTMLCanvasElement {
  const units = d.units;
  const [rows, cols] = d.maskShape.length === 3 ? [d.maskShape[0]! * d.maskShape[1]!, d.maskShape[2]!] : [Math.ceil(units / Math.ceil(Math.sqrt(units))), Math.ceil(Math.sqrt(units))];
  const shown = Math.min(MASKS_SHOWN, d.maskRows);
  const cell = Math.max(2, Math.min(12, Math.floor(72 / Math.max(rows, cols))));
  const gap = 6;
  const values = new Float32Array(shown * rows * cols);
  for (let m = 0; m < shown; m++) for (let u = 0; u < units; u++) values[m * rows * cols + u] = d.masks[m * units + u]!;
  const tiles = Array.from({ length: shown }, (_, m) => ({ offset: m * rows * cols, rows, cols, x: m * (cols * cell + gap), y: 0 }));
  const canvas = el('canvas', { class: 'mask-canvas', role: 'img', 'aria-label': `${shown} ${s.masksOf} ${units} ${s.units}` });
  drawTiles(canvas, values, tiles, { cell, scale: 1, kind: 'sequential' }, shown * (cols * cell + gap) - gap, rows * cell);
  return canvas;
}

/** One column per class: a dot per mask's prediction, the mean ± std, weight scaling (◆) and exact (○). */
function predictionsCanvas(d: EnsembleView, s: PageStrings): HTMLCanvasElement {
  const W = Math.max(320, d.outputSize * 44 + 50);
  const H = 190;
  const top = 14;
  const bottom = 30;
  const canvas = el('canvas', { class: 'ensemble-canvas', role: 'img', 'aria-label': s.predictionsPerMask });
  const ctx = sizeCanvas(canvas, W, H);
  if (!ctx) return canvas;
  const p = palette();
  const colW = (W - 40) / d.outputSize;
  const y = (v: number): number => H - bottom - Math.max(0, Math.min(1, v)) * (H - top - bottom);
  ctx.font = '11px sans-serif';
  ctx.strokeStyle = css(p.grid);
  ctx.beginPath();
  ctx.moveTo(36, top);
  ctx.lineTo(36, H - bottom);
  ctx.lineTo(W, H - bottom);
  ctx.stroke();
  ctx.fillStyle = css(p.foreground, 0.8);
  ctx.fillText('1', 24, top + 4);
  ctx.fillText('0', 24, H - bottom);
  for (let j = 0; j < d.outputSize; j++) {
    const cx = 40 + colW * (j + 0.5);
    ctx.fillStyle = css(p.negative, 0.35);
    for (let m = 0; m < d.settings.samples; m++) {
      // A little deterministic jitter so overlapping dots stay visible.
      const jitter = (((m * 2654435761) >>> 0) % 1000) / 1000 - 0.5;
      ctx.fillRect(cx - 8 + jitter * 10, y(d.outputs[m * d.outputSize + j]!) - 1, 3, 3);
    }
    const mean = d.mean[j]!;
    const sd = d.std[j]!;
    ctx.strokeStyle = css(p.foreground);
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(cx + 8, y(mean - sd));
    ctx.lineTo(cx + 8, y(mean + sd));
    ctx.moveTo(cx + 3, y(mean));
    ctx.lineTo(cx + 13, y(mean));
    ctx.stroke();
    ctx.fillStyle = css(p.accent);
    const ws = y(d.weightScaling[j]!);
    ctx.beginPath();
    ctx.moveTo(cx + 18, ws - 4);
    ctx.lineTo(cx + 22, ws);
    ctx.lineTo(cx + 18, ws + 4);
    ctx.lineTo(cx + 14, ws);
    ctx.fill();
    if (d.exact) {
      ctx.strokeStyle = css(p.positive);
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(cx + 8, y(d.exact.mean[j]!), 5, 0, Math.PI * 2);
      ctx.stroke();
    }
    ctx.fillStyle = css(p.foreground);
    ctx.fillText(d.classNames[j] ?? String(j), cx - 6, H - 12);
  }
  return canvas;
}

/** The running average of the predicted class's probability as N grows, against exact and weight scaling. */
function runningCanvas(d: EnsembleView, cls: number, s: PageStrings): HTMLCanvasElement {
  const W = 320;
  const H = 150;
  const pad = { l: 36, r: 8, t: 12, b: 22 };
  const canvas = el('canvas', { class: 'ensemble-canvas', role: 'img', 'aria-label': `${s.runningAverage} ${d.classNames[cls] ?? cls}` });
  const ctx = sizeCanvas(canvas, W, H);
  if (!ctx) return canvas;
  const p = palette();
  const n = d.settings.samples;
  const series = Array.from({ length: n }, (_, i) => d.runningMean[i * d.outputSize + cls]!);
  const refs = [d.weightScaling[cls]!, ...(d.exact ? [d.exact.mean[cls]!] : [])];
  const lo = Math.max(0, Math.min(...series, ...refs) - 0.05);
  const hi = Math.min(1, Math.max(...series, ...refs) + 0.05);
  // N on a log axis: the early masks, where the average moves most, get room.
  const x = (i: number): number => pad.l + (Math.log(i + 1) / Math.log(Math.max(2, n))) * (W - pad.l - pad.r);
  const y = (v: number): number => H - pad.b - ((v - lo) / Math.max(1e-9, hi - lo)) * (H - pad.t - pad.b);
  ctx.font = '11px sans-serif';
  drawAxes(ctx, pad.l, pad.t, W - pad.r, H - pad.b, css(p.grid));
  ctx.fillStyle = css(p.foreground, 0.8);
  ctx.fillText(hi.toFixed(2), 2, pad.t + 6);
  ctx.fillText(lo.toFixed(2), 2, H - pad.b);
  ctx.fillText('N = 1', pad.l, H - 6);
  ctx.fillText(String(n), W - pad.r - 24, H - 6);
  const hline = (v: number, color: string, dash: number[]): void => {
    ctx.strokeStyle = color;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(pad.l, y(v));
    ctx.lineTo(W - pad.r, y(v));
    ctx.stroke();
    ctx.setLineDash([]);
  };
  hline(d.weightScaling[cls]!, css(p.accent), [4, 3]);
  if (d.exact) hline(d.exact.mean[cls]!, css(p.positive), []);
  ctx.strokeStyle = css(p.negative);
  ctx.lineWidth = 2;
  ctx.beginPath();
  series.forEach((v, i) => (i === 0 ? ctx.moveTo(x(i), y(v)) : ctx.lineTo(x(i), y(v))));
  ctx.stroke();
  return canvas;
}

export function renderEnsemble(root: HTMLElement, d: EnsembleView, s: PageStrings): HTMLCanvasElement[] {
  const predicted = d.mean.reduce((b, v, i, a) => (v > a[b]! ? i : b), 0);
  const f = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : v.toFixed(4));
  const p = formatNumber(d.keepProb);
  const multipliers = d.settings.convention === 'inverted'
    ? `${s.invertedRule} (p = ${p}: ×${formatNumber(1 / d.keepProb)} / ×1)`
    : `${s.standardRule} (p = ${p}: ×1 / ×${p})`;
  const masks = masksCanvas(d, s);
  const preds = predictionsCanvas(d, s);
  const running = runningCanvas(d, predicted, s);
  const table = el('table', { class: 'numbers ensemble-numbers', 'aria-label': s.ensembleTable },
    el('thead', {}, el('tr', {}, ...[s.classWord, `${s.mcAverage} (N = ${d.settings.samples})`, s.spread, s.weightScalingWord, s.exactWord].map((h) => el('th', { scope: 'col' }, h ?? '')))),
    el('tbody', {}, ...d.mean.map((m, j) => el('tr', { class: j === predicted ? 'best' : '', 'data-class': j },
      el('td', {}, d.classNames[j] ?? String(j)), el('td', { class: 'mc' }, f(m)), el('td', {}, `± ${f(d.std[j])}`), el('td', { class: 'ws' }, f(d.weightScaling[j])), el('td', { class: 'exact' }, f(d.exact?.mean[j]))))));
  const gaps = el('p', { class: 'gaps', 'data-testid': 'gaps' },
    `${s.gapMcExact} ${f(d.gaps.monteCarloVsExact)} · ${s.gapWsExact} ${f(d.gaps.weightScalingVsExact)} · ${s.gapMcWs} ${f(d.gaps.monteCarloVsWeightScaling)}`);
  const exactNote = d.exact
    ? `${s.exactOver} ${d.exact.maskCount.toLocaleString('en-US')} ${s.masksWord} (2^${d.units}).`
    : `${d.maskCountText}: ${s.tooManyMasks}`;
  root.replaceChildren(
    el('p', {}, `${d.layerName}: ${d.units} ${s.units}${d.maskShape.length === 1 && d.units !== d.maskShape[0] ? '' : ''} · ${multipliers}`),
    el('p', { class: 'hint' }, exactNote),
    el('figure', {}, el('figcaption', {}, `${s.firstMasks} (${s.maskSeedInline} ${d.settings.seed}; ${s.keptInked})`), el('div', { class: 'canvas-scroll' }, masks)),
    el('div', { class: 'ensemble-row' },
      el('figure', {}, el('figcaption', {}, s.predictionsPerMask!), el('div', { class: 'canvas-scroll' }, preds),
        el('p', { class: 'curve-key' }, `• ${s.onePerMask} · ┃ ${s.meanSpread} · ◆ ${s.weightScalingWord}${d.exact ? ` · ○ ${s.exactWord}` : ''}`)),
      el('figure', {}, el('figcaption', {}, `${s.runningAverage} “${d.classNames[predicted] ?? predicted}”`), running,
        el('p', { class: 'curve-key' }, `— ${s.mcAverage} · - - ${s.weightScalingWord}${d.exact ? ` · ━ ${s.exactWord}` : ''}`))),
    gaps,
    el('p', { class: 'hint' }, `${s.uncertainty} ${f(d.std[predicted])}.`),
    table,
  );
  return [masks, preds, running];
}

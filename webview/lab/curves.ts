/**
 * Learning curves on a canvas: loss and accuracy per epoch, training (solid) and
 * validation (dashed), with the best epoch marked and the epoch where early stopping
 * stopped. The same numbers are in a table for screen readers.
 */
import { el } from '../dom';
import type { EpochPoint, PageStrings, TrainingView } from '../protocol';
import { drawAxes, sizeCanvas } from '../canvas';
import { css, palette } from './colors';

const W = 320;
const H = 170;
const PAD = { left: 40, right: 10, top: 18, bottom: 24 };

function chart(title: string, points: readonly EpochPoint[], train: (p: EpochPoint) => number, val: (p: EpochPoint) => number | null, view: TrainingView, s: PageStrings, isAccuracy: boolean): HTMLCanvasElement {
  const canvas = el('canvas', { class: 'curve-canvas', role: 'img', 'aria-label': title });
  const ctx = sizeCanvas(canvas, W, H);
  if (!ctx) return canvas;
  const p = palette();
  const values = points.flatMap((q) => [train(q), val(q)]).filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = isAccuracy ? 0 : 0;
  const hi = isAccuracy ? 1 : Math.max(1e-6, ...values) * 1.05;
  const epochs = Math.max(view.settings.epochs, points.length, 2);
  const x = (e: number): number => PAD.left + (e / Math.max(1, epochs - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number): number => H - PAD.bottom - ((v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  ctx.font = '11px sans-serif';
  ctx.fillStyle = css(p.foreground);
  ctx.fillText(title, PAD.left, 12);
  drawAxes(ctx, PAD.left, PAD.top, W - PAD.right, H - PAD.bottom, css(p.grid));
  ctx.fillStyle = css(p.foreground, 0.8);
  ctx.fillText(hi.toFixed(isAccuracy ? 1 : 2), 4, PAD.top + 8);
  ctx.fillText(lo.toFixed(1), 4, H - PAD.bottom);
  for (let e = 0; e < epochs; e += Math.max(1, Math.ceil(epochs / 10))) ctx.fillText(String(e + 1), x(e) - 3, H - 8);
  const mark = (epoch: number | null, label: string, dash: number[]): void => {
    if (epoch === null) return;
    ctx.strokeStyle = css(p.accent);
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(x(epoch), PAD.top);
    ctx.lineTo(x(epoch), H - PAD.bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = css(p.accent);
    ctx.fillText(label, Math.min(x(epoch) + 3, W - 60), PAD.top + 10);
  };
  mark(view.bestEpoch, s.best!, [2, 2]);
  if (view.stoppedEpoch !== null && view.stoppedEpoch !== view.bestEpoch) mark(view.stoppedEpoch, s.stopped!, [6, 3]);
  const line = (get: (q: EpochPoint) => number | null, color: string, dash: number[]): void => {
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = 2;
    ctx.setLineDash(dash);
    ctx.beginPath();
    let started = false;
    points.forEach((q) => {
      const v = get(q);
      if (v === null) return;
      if (started) ctx.lineTo(x(q.epoch), y(v));
      else ctx.moveTo(x(q.epoch), y(v));
      started = true;
    });
    ctx.stroke();
    ctx.setLineDash([]);
    points.forEach((q) => {
      const v = get(q);
      if (v !== null) ctx.fillRect(x(q.epoch) - 2, y(v) - 2, 4, 4);
    });
  };
  line(train, css(p.negative), []);
  line(val, css(p.positive), [5, 3]);
  return canvas;
}

export function renderCurves(root: HTMLElement, view: TrainingView, s: PageStrings): HTMLCanvasElement[] {
  const pts = view.epochs;
  const loss = chart(s.lossCurve!, pts, (q) => q.loss, (q) => q.valLoss, view, s, false);
  const acc = chart(s.accuracyCurve!, pts, (q) => q.accuracy, (q) => q.valAccuracy, view, s, true);
  const f = (v: number | null): string => (v === null ? '—' : v.toFixed(4));
  const table = el('table', { class: 'numbers', 'aria-label': s.epochsTable },
    el('thead', {}, el('tr', {}, ...[s.epoch, s.lossWord, s.accuracyWord, s.valLoss, s.valAccuracy].map((h) => el('th', { scope: 'col' }, h ?? '')))),
    el('tbody', {}, ...pts.map((q) => el('tr', { class: q.epoch === view.bestEpoch ? 'best' : '' },
      el('td', {}, `${q.epoch + 1}${q.epoch === view.bestEpoch ? ` (${s.best})` : ''}${q.epoch === view.stoppedEpoch ? ` (${s.stopped})` : ''}`),
      el('td', {}, f(q.loss)), el('td', {}, f(q.accuracy)), el('td', {}, f(q.valLoss)), el('td', {}, f(q.valAccuracy))))));
  const key = el('p', { class: 'curve-key' },
    el('span', { class: 'key-train' }, `— ${s.trainingWord}`), ' ', el('span', { class: 'key-val' }, `- - ${s.validationWord}`), ' ', el('span', { class: 'key-mark' }, `┆ ${s.best}`));
  root.replaceChildren(el('div', { class: 'curves' }, loss, acc), key, el('details', { class: 'as-text' }, el('summary', {}, s.valuesAsText!), table));
  return [loss, acc];
}

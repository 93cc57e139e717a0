/**
 * A small line plot (accuracy against depth): one line per series, points marked, in theme
 * colours. Its numbers are also in the section's table, for screen readers.
 */
import { drawAxes, sizeCanvas } from '../canvas';
import { el } from '../dom';
import { css, palette } from '../lab/colors';
import type { LessonPlot } from '../protocol';

const W = 360;
const H = 190;
const PAD = { left: 42, right: 12, top: 14, bottom: 30 };

export function lessonPlot(plot: LessonPlot): HTMLElement {
  const canvas = el('canvas', { class: 'lesson-plot', role: 'img', 'aria-label': `${plot.caption}: ${plot.points.length} points (numbers in the table below)` });
  const ctx = sizeCanvas(canvas, W, H);
  const p = palette();
  const colours = [css(p.positive), css(p.negative), css(p.accent)];
  if (ctx) {
    const xs = plot.points.map((q) => q.x);
    const x0 = Math.min(0, ...xs);
    const x1 = Math.max(1, ...xs);
    const x = (v: number): number => PAD.left + ((v - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
    // Accuracy: the axis is [0, 1] so runs compare at a glance.
    const y = (v: number): number => H - PAD.bottom - v * (H - PAD.top - PAD.bottom);
    ctx.font = '11px sans-serif';
    drawAxes(ctx, PAD.left, PAD.top, W - PAD.right, H - PAD.bottom, css(p.grid));
    ctx.fillStyle = css(p.foreground, 0.8);
    for (const v of [0, 0.5, 1]) ctx.fillText(v.toFixed(1), 8, y(v) + 4);
    for (const v of xs) ctx.fillText(String(v), x(v) - 3, H - PAD.bottom + 13);
    ctx.fillText(plot.xLabel, W / 2 - 20, H - 4);
    plot.series.forEach((_, s) => {
      const pts = plot.points.filter((q) => q.y[s] !== null && q.y[s] !== undefined);
      ctx.strokeStyle = colours[s % colours.length]!;
      ctx.fillStyle = colours[s % colours.length]!;
      ctx.lineWidth = 2;
      ctx.setLineDash(s === 1 ? [5, 3] : []);
      ctx.beginPath();
      pts.forEach((q, i) => (i === 0 ? ctx.moveTo(x(q.x), y(q.y[s]!)) : ctx.lineTo(x(q.x), y(q.y[s]!))));
      ctx.stroke();
      ctx.setLineDash([]);
      for (const q of pts) ctx.fillRect(x(q.x) - 3, y(q.y[s]!) - 3, 6, 6);
    });
  }
  const key = el('div', { class: 'plot-key', 'aria-hidden': 'true' },
    ...plot.series.map((name, s) => el('span', { class: `plot-key-${s}` }, `${s === 1 ? '╌╌' : '━━'} ${name}`)));
  return el('figure', { class: 'grid-figure' }, el('figcaption', {}, `${plot.caption} (${plot.yLabel})`), canvas, key);
}

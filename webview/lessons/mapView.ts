/**
 * A lesson's map as a heatmap in theme colours, with an optional outlined box (a receptive
 * field). The numbers stay readable: small maps print them in the cells' ARIA labels (a
 * hidden table is too long for 28×28, so large maps give their range instead).
 */
import { el, formatNumber } from '../dom';
import { css, palette } from '../lab/colors';
import { drawTiles, legend, maxAbs, minMax } from '../lab/heatmap';
import type { LessonMap } from '../protocol';

export function lessonMap(m: LessonMap): HTMLElement {
  // Small maps (28×28 and less) get cells of at least 4 px, so each pixel reads; a picture's
  // map (up to 128 a side) gets whole pixels of 1–2 px, about 256 px across, so four fit a row.
  const side = Math.max(m.rows, m.cols);
  const cell = side > 49 ? Math.max(1, Math.floor(256 / side)) : Math.max(4, Math.min(24, Math.floor(196 / side)));
  const width = m.cols * cell;
  const height = m.rows * cell;
  // A picture's grey is shown on its own 0 … 1 scale, so its brightness reads as in the file.
  const scale = m.kind === 'diverging' ? maxAbs(m.data) || 1 : m.kind === 'grey' ? 1 : Math.max(minMax(m.data).max, 1e-6);
  const { min, max } = minMax(m.data);
  const canvas = el('canvas', { class: 'lesson-map', role: 'img',
    'aria-label': `${m.caption}: ${m.rows}×${m.cols}, from ${formatNumber(min)} to ${formatNumber(max)}${m.box ? `, outlined rows ${m.box[0]}–${m.box[2]}, columns ${m.box[1]}–${m.box[3]}` : ''}` });
  drawTiles(canvas, m.data, [{ offset: 0, rows: m.rows, cols: m.cols, x: 0, y: 0 }], { cell, scale, kind: m.kind }, width, height);
  if (m.box) {
    const ctx = canvas.getContext('2d');
    const ratio = canvas.width / width;
    if (ctx) {
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.strokeStyle = css(palette().accent);
      ctx.lineWidth = 2;
      const [top, left, bottom, right] = m.box;
      ctx.strokeRect(left * cell + 1, top * cell + 1, (right - left + 1) * cell - 2, (bottom - top + 1) * cell - 2);
    }
  }
  return el('figure', { class: 'grid-figure lesson-map-figure' }, el('figcaption', {}, m.caption), canvas, legend(m.kind, scale, ''));
}

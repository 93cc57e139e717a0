/**
 * Feature maps: the chosen input, then every layer's output for it — a map per channel
 * for image-shaped outputs, a strip of cells for vectors, bars with class names for the
 * prediction. A click on a unit of a map draws that unit's receptive field back onto the
 * input (core/analysis unitInputBox), which is how the lecture's "deeper units see more
 * of the input" becomes visible.
 */
import { unitInputBox } from '../../core/analysis/receptiveField';
import { el, formatNumber } from '../dom';
import type { ArchLayer, FeatureMapsView, ModelView, PageStrings } from '../protocol';
import { css, palette } from './colors';
import { drawTiles, legend, maxAbs, minMax, type Tile } from './heatmap';

export interface SelectedUnit {
  readonly layer: number;
  readonly channel: number;
  readonly row: number;
  readonly col: number;
}

const MAP_TARGET = 56; // CSS pixels a map is drawn at, about
const MAX_CHANNELS = 64;
const INPUT_CELL = 6;

/** The input's [C, H, W] as the views draw it: a flat 784 is the 28×28 digit. */
export function inputImageShape(inputShapeCHW: readonly number[]): readonly [number, number, number] {
  return inputShapeCHW.length === 3 ? [inputShapeCHW[0]!, inputShapeCHW[1]!, inputShapeCHW[2]!] : [1, 28, 28];
}

/** Pixels a side of the drawn input: 28×28 at 6 each, larger images smaller, at least 1. */
export function inputCell(shape: readonly [number, number, number]): number {
  return Math.max(1, Math.round((28 * INPUT_CELL) / Math.max(shape[1], shape[2])));
}

/** Three channels as colour (an RGB model's input); values in [0, 1]. */
function drawRgb(canvas: HTMLCanvasElement, pixels: ArrayLike<number>, h: number, w: number, cell: number): void {
  canvas.width = w * cell;
  canvas.height = h * cell;
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(w, h);
  const byte = (v: number): number => Math.round(Math.min(1, Math.max(0, v)) * 255);
  for (let i = 0; i < h * w; i++) {
    image.data[4 * i] = byte(pixels[i]!);
    image.data[4 * i + 1] = byte(pixels[h * w + i]!);
    image.data[4 * i + 2] = byte(pixels[2 * h * w + i]!);
    image.data[4 * i + 3] = 255;
  }
  // Drawn 1:1 on a scratch canvas, then scaled up without smoothing: each pixel a crisp square.
  const scratch = document.createElement('canvas');
  scratch.width = w;
  scratch.height = h;
  scratch.getContext('2d')!.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(scratch, 0, 0, w * cell, h * cell);
}

/** Draws the input image (grey, or colour for three channels) and, if a unit is selected, its receptive field as a box. */
export function drawInput(canvas: HTMLCanvasElement, pixels: ArrayLike<number>, shape: readonly [number, number, number], field: { layer: ArchLayer; unit: SelectedUnit } | undefined): void {
  const [c, h, w] = shape;
  const cell = inputCell(shape);
  if (c === 3) drawRgb(canvas, pixels, h, w, cell);
  else drawTiles(canvas, pixels, [{ offset: 0, rows: h, cols: w, x: 0, y: 0 }], { cell, scale: 1, kind: 'sequential' }, w * cell, h * cell);
  const rf = field?.layer.receptiveField;
  if (!field || !rf || rf.global) return;
  const box = unitInputBox(rf, field.unit.row, field.unit.col);
  const ctx = canvas.getContext('2d')!;
  const p = palette();
  ctx.strokeStyle = css(p.accent);
  ctx.lineWidth = 2;
  ctx.setLineDash([]);
  // The field may reach past the image (padding): the box is clipped by the canvas itself.
  ctx.strokeRect(box.left * cell, box.top * cell, (box.right - box.left + 1) * cell, (box.bottom - box.top + 1) * cell);
}

function vectorBars(values: ArrayLike<number>, names: readonly string[] | null, s: PageStrings): HTMLElement {
  const best = Array.from(values).reduce((b, v, i, a) => (v > a[b]! ? i : b), 0);
  const max = Math.max(1e-9, maxAbs(values));
  return el('div', { class: 'bars', role: 'list', 'aria-label': s.prediction },
    ...Array.from(values, (v, i) => {
      const bar = el('span', { class: `bar${i === best ? ' best' : ''}` });
      bar.style.width = `${Math.max(0, (v / max) * 100)}%`;
      return el('div', { class: 'bar-row', role: 'listitem', 'aria-label': `${names?.[i] ?? i}: ${formatNumber(v)}` },
        el('span', { class: 'bar-label' }, names?.[i] ?? String(i)), el('span', { class: 'bar-track' }, bar), el('span', { class: 'bar-value' }, v.toFixed(3)));
    }));
}

export function renderFeatureMaps(
  root: HTMLElement, model: ModelView, data: FeatureMapsView, s: PageStrings, status: HTMLElement,
  selected: SelectedUnit | undefined, onUnit: (unit: SelectedUnit) => void, classNames: readonly string[] | null,
): HTMLCanvasElement[] {
  const canvases: HTMLCanvasElement[] = [];
  const available = Math.max(240, (root.clientWidth || root.parentElement?.clientWidth || 600) - 8);
  const sections = data.outputs.map((o) => {
    const arch = model.layers[o.layer];
    const title = el('figcaption', {}, el('strong', {}, o.name), ` · ${arch?.type ?? ''} · ${arch?.outputShape ?? o.shape.join('×')}`);
    const isLast = o.layer === data.outputs.length - 1;
    if (o.shape.length !== 3) {
      if (isLast && o.shape[0]! <= 20) return el('figure', { class: 'fmap-layer' }, title, vectorBars(o.values, classNames, s));
      const n = o.shape.reduce((a, b) => a * b, 1);
      const cols = Math.max(8, Math.min(n, Math.floor(available / 6)));
      const rows = Math.ceil(n / cols);
      const canvas = el('canvas', { class: 'fmap-canvas', role: 'img', 'aria-label': `${o.name}: ${n} ${s.values}` });
      const range = minMax(o.values);
      const diverging = range.min < 0;
      const padded = new Float32Array(rows * cols);
      padded.set(Array.from(o.values));
      drawTiles(canvas, padded, [{ offset: 0, rows, cols, x: 0, y: 0 }], { cell: 6, scale: diverging ? maxAbs(o.values) : range.max, kind: diverging ? 'diverging' : 'sequential' }, cols * 6, rows * 6);
      canvases.push(canvas);
      return el('figure', { class: 'fmap-layer' }, title, el('div', { class: 'canvas-scroll' }, canvas));
    }
    const [c, h, w] = o.shape as [number, number, number];
    const channels = Math.min(c, MAX_CHANNELS);
    const cell = Math.max(1, Math.round(MAP_TARGET / Math.max(h, w)));
    const gap = 4;
    // As many maps per row as the panel's width holds: no sideways scrolling to find channel 12.
    const perRow = Math.max(1, Math.min(channels, Math.floor((available + gap) / (w * cell + gap))));
    const tiles: Tile[] = Array.from({ length: channels }, (_, ch) => ({
      offset: ch * h * w, rows: h, cols: w, x: (ch % perRow) * (w * cell + gap), y: Math.floor(ch / perRow) * (h * cell + gap),
    }));
    const range = minMax(o.values);
    const diverging = range.min < 0;
    const scale = diverging ? maxAbs(o.values) : range.max;
    // Focusable: arrow keys move the selected unit (PageUp/PageDown the channel), as a click does.
    const canvas = el('canvas', {
      class: 'fmap-canvas', role: 'img', tabindex: 0, 'data-layer': o.layer, 'aria-keyshortcuts': 'ArrowLeft ArrowRight ArrowUp ArrowDown PageUp PageDown',
      'aria-label': `${o.name}: ${c} ${s.featureMapsOf} ${h}×${w}; ${s.range} ${formatNumber(range.min)} … ${formatNumber(range.max)}. ${s.unitKeysHint}`,
    });
    const width = perRow * (w * cell + gap) - gap;
    const height = Math.ceil(channels / perRow) * (h * cell + gap) - gap;
    drawTiles(canvas, o.values, tiles, { cell, scale, kind: diverging ? 'diverging' : 'sequential' }, width, height);
    if (selected && selected.layer === o.layer && selected.channel < channels) {
      const t = tiles[selected.channel]!;
      const ctx = canvas.getContext('2d')!;
      ctx.strokeStyle = css(palette().accent);
      ctx.lineWidth = 2;
      ctx.strokeRect(t.x + selected.col * cell, t.y + selected.row * cell, cell, cell);
    }
    const hit = (e: MouseEvent): SelectedUnit | undefined => {
      const rect = canvas.getBoundingClientRect();
      const x = e.clientX - rect.left;
      const y = e.clientY - rect.top;
      const ch = tiles.findIndex((t) => x >= t.x && x < t.x + w * cell && y >= t.y && y < t.y + h * cell);
      if (ch < 0) return undefined;
      return { layer: o.layer, channel: ch, row: Math.floor((y - tiles[ch]!.y) / cell), col: Math.floor((x - tiles[ch]!.x) / cell) };
    };
    canvas.addEventListener('mousemove', (e) => {
      const u = hit(e);
      if (u) status.textContent = `${o.name} · ${s.channel} ${u.channel + 1} · (${u.row}, ${u.col}) = ${formatNumber(Number(o.values[(u.channel * h + u.row) * w + u.col]))}`;
    });
    canvas.addEventListener('click', (e) => {
      const u = hit(e);
      if (u) onUnit(u);
    });
    canvas.addEventListener('keydown', (e) => {
      const from = selected?.layer === o.layer && selected.channel < channels ? selected : undefined;
      const u = moveUnit(from, e.key, { layer: o.layer, channels, rows: h, cols: w });
      if (!u) return;
      e.preventDefault();
      // The value as text for screen readers (the status line is aria-live), then the field drawn.
      status.textContent = `${o.name} · ${s.channel} ${u.channel + 1} · (${u.row}, ${u.col}) = ${formatNumber(Number(o.values[(u.channel * h + u.row) * w + u.col]))}`;
      onUnit(u);
    });
    canvases.push(canvas);
    return el('figure', { class: 'fmap-layer' }, title, channels < c ? el('p', { class: 'hint' }, `${channels} ${s.of} ${c} ${s.channels}`) : undefined,
      el('div', { class: 'canvas-scroll' }, canvas), legend(diverging ? 'diverging' : 'sequential', scale, s.activation!));
  });
  root.replaceChildren(...sections);
  return canvases;
}

/** The unit a key moves to: arrows within the map (clamped at its edges), PageUp/PageDown across channels; undefined for other keys. */
export function moveUnit(from: SelectedUnit | undefined, key: string, map: { layer: number; channels: number; rows: number; cols: number }): SelectedUnit | undefined {
  const start = from ?? { layer: map.layer, channel: 0, row: 0, col: 0 };
  const step: Record<string, [number, number, number]> = {
    ArrowLeft: [0, 0, -1], ArrowRight: [0, 0, 1], ArrowUp: [0, -1, 0], ArrowDown: [0, 1, 0], PageUp: [-1, 0, 0], PageDown: [1, 0, 0],
  };
  const d = step[key];
  if (!d) return undefined;
  // The first key press selects the first unit where it is; later ones move.
  if (!from) return start;
  const clamp = (v: number, n: number): number => Math.max(0, Math.min(n - 1, v));
  return { layer: map.layer, channel: clamp(start.channel + d[0], map.channels), row: clamp(start.row + d[1], map.rows), col: clamp(start.col + d[2], map.cols) };
}

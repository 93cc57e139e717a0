/**
 * The first dense layer's weights as images: each unit weighs every value of the flattened
 * image, so its weight vector folded back to C×H×W shows what the unit looks for (an MNIST
 * classifier's "templates"). One diverging scale, centred on zero, for the whole layer;
 * hover a weight for its value; each unit's extremes are in its label and every value is in
 * the page as text (built when the learner opens it: a layer holds thousands).
 */
import { custom, el, formatNumber } from '../dom';
import type { DenseWeightsView, PageStrings } from '../protocol';
import { legend } from './heatmap';
import { weightGrid } from './weightGrid';

/** Units shown at first, and added by each "Show more". */
export const UNITS_STEP = 16;

interface Extremes {
  readonly min: number;
  readonly max: number;
  readonly minAt: readonly [number, number, number];
  readonly maxAt: readonly [number, number, number];
}

function extremes(values: ArrayLike<number>, offset: number, [C, H, W]: readonly [number, number, number]): Extremes {
  let min = Infinity;
  let max = -Infinity;
  let minI = 0;
  let maxI = 0;
  for (let i = 0; i < C * H * W; i++) {
    const v = values[offset + i]!;
    if (v < min) [min, minI] = [v, i];
    if (v > max) [max, maxI] = [v, i];
  }
  const at = (i: number): [number, number, number] => [Math.floor(i / (H * W)), Math.floor((i % (H * W)) / W), i % W];
  return { min, max, minAt: at(minI), maxAt: at(maxI) };
}

const where = ([c, h, w]: readonly [number, number, number], channels: number, s: PageStrings): string =>
  `${channels > 1 ? `${s.channel} ${c + 1} ` : ''}(${h}, ${w})`;

function unitSummary(d: DenseWeightsView, u: number, s: PageStrings): string {
  const [C, H, W] = d.imageShape;
  const e = extremes(d.values, u * C * H * W, d.imageShape);
  return `${s.unit} ${u + 1}: ${s.minWord} ${formatNumber(e.min)} ${s.atWord} ${where(e.minAt, C, s)}, ${s.maxWord} ${formatNumber(e.max)} ${s.atWord} ${where(e.maxAt, C, s)}`;
}

/** Every shown unit's weights as text, channel by channel, row by row. */
function valuesText(d: DenseWeightsView, count: number, s: PageStrings): string {
  const [C, H, W] = d.imageShape;
  const lines: string[] = [];
  for (let u = 0; u < count; u++) {
    lines.push(unitSummary(d, u, s));
    for (let c = 0; c < C; c++) {
      const rows: string[] = [];
      for (let h = 0; h < H; h++) {
        const row: string[] = [];
        for (let w = 0; w < W; w++) row.push(formatNumber(Number(d.values[((u * C + c) * H + h) * W + w])));
        rows.push(`[${row.join(', ')}]`);
      }
      lines.push(`  ${C > 1 ? `${s.channel} ${c + 1}: ` : ''}[${rows.join(', ')}]`);
    }
  }
  return lines.join('\n');
}

export interface DenseWeightsRender {
  readonly root: HTMLElement;
  /** The units' canvases, in order (for Export PNG). */
  readonly canvases: HTMLCanvasElement[];
}

/** Draws the first `count` units (clipped to those sent); `onMore` asks for UNITS_STEP more. */
export function renderDenseWeights(d: DenseWeightsView, count: number, s: PageStrings, status: HTMLElement, onMore: () => void): DenseWeightsRender {
  const [C, H, W] = d.imageShape;
  const shown = Math.max(1, Math.min(count, d.shownUnits));
  const single = C === 1;
  // A 28×28 template is drawn about 84 px wide; 5×5 maps of many channels, 20 px each in a row per unit.
  const cell = single ? Math.max(1, Math.min(9, Math.round(84 / Math.max(H, W)))) : Math.max(2, Math.min(6, Math.round(20 / Math.max(H, W))));
  const canvases: HTMLCanvasElement[] = [];
  const units: HTMLElement[] = [];
  const features = C * H * W;
  for (let u = 0; u < shown; u++) {
    const values = ArrayBuffer.isView(d.values)
      ? d.values.subarray(u * features, (u + 1) * features)
      : d.values.slice(u * features, (u + 1) * features);
    const label = unitSummary(d, u, s);
    const grid = weightGrid(values, [1, C, H, W], {
      cell, available: W * cell, scale: d.scale, rows: 1, channels: C, gap: single ? 0 : 3,
      describe: (_row, c, r, q, v) => `${d.name} · ${s.unit} ${u + 1}${C > 1 ? ` · ${s.channel} ${c + 1}` : ''} · (${r}, ${q}) = ${formatNumber(v)}`,
    }, status, { class: 'dense-canvas', 'data-unit': String(u), 'aria-label': `${d.name}, ${label}` });
    canvases.push(grid.canvas);
    // An output layer's unit i scores class i (numbered from 0, as the labels are).
    const name = d.isOutput ? `${s.unit} ${u + 1} · ${s.classShort} ${u}` : `${s.unit} ${u + 1}`;
    units.push(single
      ? el('figure', { class: 'dense-unit' }, grid.canvas, el('figcaption', {}, name))
      : el('div', { class: 'dense-row' }, el('span', { class: 'dense-row-label' }, name), grid.canvas));
  }
  // "dense · 32 units, each a 28×28 image (the input of flatten)"; "… each 64 channels of 5×5 (…)".
  const image = C > 1 ? `${s.eachChannels} ${C} ${s.channelsOfMap} ${s.ofSize} ${H}×${W}` : `${s.eachImage} ${H}×${W} ${s.imageWord}`;
  const flattened = d.flattenedBy ? `${s.inputOf} ${d.flattenedBy}` : s.inputFlattened!;
  const caption = el('figcaption', {}, el('strong', {}, d.name), ` · ${d.units} ${s.unitsWord}, ${image} (${flattened})`);
  const more = custom('vscode-button', { secondary: true, 'data-testid': 'dense-more' }, `${s.showMoreUnits} (${Math.min(UNITS_STEP, d.shownUnits - shown)})`);
  more.addEventListener('click', onMore);
  const count$ = el('span', { class: 'hint', 'data-testid': 'dense-count' },
    `${s.showingUnits} ${shown} ${s.of} ${d.units} ${s.unitsWord}${d.shownUnits < d.units ? ` (${(s.drawableUnits ?? '{0}').replace('{0}', String(d.shownUnits))})` : ''}`);
  const text = el('details', { class: 'as-text' }, el('summary', {}, s.valuesAsText!));
  // Thousands of numbers: written out only when the learner opens them.
  text.addEventListener('toggle', () => {
    if (text.open && !text.querySelector('pre')) text.append(el('pre', {}, valuesText(d, shown, s)));
  });
  const root = el('figure', { class: 'dense-layer', 'data-layer': d.layer, 'data-units': shown },
    caption,
    C > 1 ? el('p', { class: 'hint' }, s.denseAxes!) : undefined,
    // The legend first: a layer's units run several screens down.
    legend('diverging', d.scale, s.weight!),
    el('div', { class: 'canvas-scroll' }, el('div', { class: single ? 'dense-units' : 'dense-rows' }, ...units)),
    el('div', { class: 'controls' }, count$, shown < d.shownUnits ? more : undefined),
    text);
  return { root, canvases };
}

/**
 * Receptive fields, layer by layer: how the part of the input one unit depends on grows
 * through a model — the lecture's "units in the deeper layers may indirectly interact with
 * a larger portion of the input". The numbers come from model analysis (the standard
 * recurrence in core/analysis/receptiveField.ts):
 *
 *   size_out = size_in + (k − 1)·d·jump_in     jump_out = jump_in·s
 *
 * so a stride multiplies the growth of every later layer and a dilation spreads one
 * layer's taps. Each step is drawn as a box on the input: the field of the unit whose field
 * is centred nearest a chosen input pixel (the centre by default).
 */
import { analyseModel, unitInputBox, type InputBox } from '../analysis';
import type { AxisReceptiveField, AxisWindow, ReceptiveField } from '../analysis/types';
import type { LayerIR, LayerSpec, ModelIR, Padding, Pair } from '../model/ir';
import { num } from './format';

export interface FieldStep {
  /** −1 for the input itself. */
  readonly index: number;
  readonly name: string;
  readonly type: string;
  readonly outputShape: readonly number[] | null;
  readonly field: ReceptiveField | null;
  /** The unit drawn: nearest the chosen input pixel; null when the layer has no map (vectors). */
  readonly unit: Pair | null;
  /** Its field on the input, inclusive; may reach into the padding around the input. */
  readonly box: InputBox | null;
  /** The same box cut to the input. */
  readonly clipped: InputBox | null;
  /** The layer's window per axis (kernel, stride, dilation, padding); null for layers without one. */
  readonly window: { readonly rows: AxisWindow; readonly cols: AxisWindow } | null;
  /** The recurrence with this layer's numbers, e.g. "rows: 3 + (3 − 1)·1·1 = 5, jump 1·1 = 1". */
  readonly growth: string;
}

export interface FieldGrowth {
  readonly inputShape: readonly number[];
  /** The input pixel the boxes centre on: [row, col]. */
  readonly at: Pair;
  readonly steps: readonly FieldStep[];
  /** Set when the model has no spatial input (its fields are undefined). */
  readonly problem: string | null;
}

function axisGrowth(before: AxisReceptiveField, after: AxisReceptiveField, w: AxisWindow | undefined): string {
  if (!w) return `${num(before.size)} (unchanged)`;
  return `${num(before.size)} + (${w.kernel} − 1)·${w.dilation}·${num(before.jump)} = ${num(after.size)}, jump ${num(before.jump)}·${w.stride} = ${num(after.jump)}`;
}

function growthText(before: ReceptiveField | null, after: ReceptiveField | null, window: { rows: AxisWindow; cols: AxisWindow } | null): string {
  if (!before || !after) return 'no receptive field (not an image)';
  if (after.global && !before.global) return `sees the whole input: ${num(after.rows.size)}×${num(after.cols.size)}`;
  if (!window && before.rows.size === after.rows.size && before.cols.size === after.cols.size) return 'unchanged: this layer works on each position alone';
  const rows = axisGrowth(before.rows, after.rows, window?.rows);
  const cols = axisGrowth(before.cols, after.cols, window?.cols);
  return rows === cols ? rows : `rows: ${rows}; cols: ${cols}`;
}

/** The unit of an n-long map whose field is centred nearest input coordinate x. */
function nearestUnit(axis: AxisReceptiveField, n: number, x: number): number {
  return Math.min(n - 1, Math.max(0, Math.round((x - axis.start) / axis.jump)));
}

function clip(box: InputBox, rows: number, cols: number): InputBox {
  return {
    top: Math.max(0, Math.ceil(box.top)),
    left: Math.max(0, Math.ceil(box.left)),
    bottom: Math.min(rows - 1, Math.floor(box.bottom)),
    right: Math.min(cols - 1, Math.floor(box.right)),
  };
}

/** How one unit's field grows through `model`, as boxes on its input. */
export function receptiveFieldGrowth(model: ModelIR, options: { readonly at?: Pair } = {}): FieldGrowth {
  const shape = model.inputShape;
  const spatial = shape.length === 3 || shape.length === 2;
  const [H, W] = shape.length === 3 ? [shape[1]!, shape[2]!] : shape.length === 2 ? [shape[0]!, shape[1]!] : [0, 0];
  const at: Pair = options.at ?? [Math.floor((H - 1) / 2), Math.floor((W - 1) / 2)];
  if (!spatial) return { inputShape: shape, at, steps: [], problem: `the input ${shape.length === 0 ? 'size is unknown' : `[${shape.join(', ')}] is not an image`}: receptive fields are defined on images` };
  const pixel: ReceptiveField = { rows: { size: 1, jump: 1, start: 0 }, cols: { size: 1, jump: 1, start: 0 }, global: false };
  const inputStep: FieldStep = {
    index: -1, name: 'input', type: 'Input', outputShape: shape, field: pixel, unit: at, window: null,
    box: { top: at[0], left: at[1], bottom: at[0], right: at[1] }, clipped: { top: at[0], left: at[1], bottom: at[0], right: at[1] }, growth: 'one pixel: 1×1',
  };
  const analysis = analyseModel(model);
  const steps: FieldStep[] = [inputStep];
  let before: ReceptiveField | null = pixel;
  for (const layer of analysis.layers) {
    const field = layer.receptiveField;
    const out = layer.outputShape;
    let unit: Pair | null = null;
    let box: InputBox | null = null;
    if (field && out) {
      if (field.global) unit = [0, 0];
      else if (out.length === 3) unit = [nearestUnit(field.rows, out[1]!, at[0]), nearestUnit(field.cols, out[2]!, at[1])];
      else if (out.length === 2) unit = [nearestUnit(field.rows, out[0]!, at[0]), nearestUnit(field.cols, out[1]!, at[1])];
      if (unit) box = unitInputBox(field, unit[0], unit[1]);
    }
    steps.push({
      index: layer.index,
      name: layer.name,
      type: layer.type,
      outputShape: out,
      field,
      unit,
      box,
      clipped: box && clip(box, H, W),
      window: layer.window,
      growth: growthText(before, field, layer.window),
    });
    before = field;
  }
  return { inputShape: shape, at, steps, problem: null };
}

/** One layer of a stack a learner builds in the lesson. */
export interface StackLayer {
  readonly kind: 'conv' | 'maxPool' | 'avgPool';
  readonly kernel: number | Pair;
  /** Default 1 for conv, the pool size for pooling (as Keras and PyTorch default). */
  readonly stride?: number | Pair;
  /** Conv only; default 1. */
  readonly dilation?: number | Pair;
  readonly padding?: Padding;
  /** Conv only; default 1 (the field does not depend on it). */
  readonly filters?: number;
}

const pair = (v: number | Pair): Pair => (typeof v === 'number' ? [v, v] : v);

/** A chosen stack of windows as a model, to trace its fields like any model's. */
export function stackModel(inputShape: readonly number[], stack: readonly StackLayer[], name = 'receptive field stack'): ModelIR {
  const layers: LayerIR[] = stack.map((l, i) => {
    const k = pair(l.kernel);
    const spec: LayerSpec = l.kind === 'conv'
      ? {
          kind: 'conv2d', filters: l.filters ?? 1, kernelSize: k, strides: pair(l.stride ?? 1), padding: l.padding ?? 'valid',
          dilation: pair(l.dilation ?? 1), groups: 1, useBias: true, activation: 'relu',
        }
      : { kind: l.kind === 'maxPool' ? 'maxPool2d' : 'avgPool2d', poolSize: k, strides: pair(l.stride ?? k), padding: l.padding ?? 'valid' };
    return { name: `${l.kind}${i + 1}`, spec };
  });
  return { name, inputShape, layers, source: 'convlab' };
}

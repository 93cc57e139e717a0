/**
 * Inputs of variable size (the lecture's fourth property of convolution): a kernel has
 * k·k·C weights whatever the image it slides over, so the same kernels run on a 28×28 and
 * a 64×48 input and only the output's size changes. A Dense layer after Flatten breaks
 * this: its weight matrix has one row per flattened value, C·H'·W', which depends on the
 * input size, so weights trained at one size do not fit another. Global average pooling
 * puts one number per channel in between, C whatever H' and W', and the model takes any
 * size again.
 *
 * The lesson runs model analysis at each size and compares every layer's parameter count
 * with the count at a reference size: equal counts everywhere (and no errors) means the
 * trained weights fit.
 */
import { analyseModel } from '../analysis';
import type { LayerIR, ModelIR, Pair } from '../model/ir';
import { LECTURE_CONV_SETTINGS, outputArithmetic, type AxisArithmetic, type ConvSettings } from './convArithmetic';

export interface SizedLayer {
  readonly index: number;
  readonly name: string;
  readonly type: string;
  readonly outputShape: readonly number[] | null;
  readonly params: number | null;
  /** The analysis' parameter formula with this size's numbers ("1352·10 + 10"). */
  readonly paramsFormula: string | null;
}

export interface SizeChange {
  readonly index: number;
  readonly name: string;
  readonly type: string;
  readonly params: number | null;
  readonly referenceParams: number | null;
  readonly paramsFormula: string | null;
  readonly referenceFormula: string | null;
}

export interface SizeRun {
  /** [height, width]. */
  readonly size: Pair;
  readonly inputShape: readonly number[];
  readonly outputShape: readonly number[] | null;
  readonly layers: readonly SizedLayer[];
  readonly params: number | null;
  /** Error diagnostics at this size (a kernel larger than its input, …). */
  readonly errors: readonly string[];
  /** The layers those errors belong to (−1 for the model as a whole), in the same order. */
  readonly errorLayers: readonly number[];
  /** Layers whose parameter count differs from the reference size's. */
  readonly changed: readonly SizeChange[];
  /** The reference size's weights can run at this size. */
  readonly weightsFit: boolean;
}

export interface VariableSizeLesson {
  readonly model: string;
  readonly reference: Pair;
  readonly runs: readonly SizeRun[];
  /** Every size fits the reference weights. */
  readonly anySize: boolean;
  /** The first layer whose parameters depend on the input size, with the reason in words. */
  readonly culprit: { readonly index: number; readonly name: string; readonly type: string; readonly reason: string } | null;
}

function withSize(model: ModelIR, [h, w]: Pair): ModelIR {
  const s = model.inputShape;
  if (s.length !== 3) throw new RangeError(`the model's input [${s.join(', ')}] is not an image [channels, height, width]`);
  return { ...model, inputShape: [s[0]!, h, w] };
}

function runAt(model: ModelIR, size: Pair): Omit<SizeRun, 'changed' | 'weightsFit'> {
  const a = analyseModel(withSize(model, size));
  return {
    size,
    inputShape: [model.inputShape[0]!, size[0], size[1]],
    outputShape: a.outputShape,
    layers: a.layers.map((l) => ({ index: l.index, name: l.name, type: l.type, outputShape: l.outputShape, params: l.params?.total ?? null, paramsFormula: l.params?.formula ?? null })),
    params: a.totals.complete ? a.totals.params : null,
    errors: a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
    errorLayers: a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.layerIndex),
  };
}

/** The model at each size, compared with the reference size (by default its own). */
export function variableSizeLesson(model: ModelIR, sizes: readonly Pair[], reference?: Pair): VariableSizeLesson {
  const ref: Pair = reference ?? [model.inputShape[1] ?? 0, model.inputShape[2] ?? 0];
  const base = runAt(model, ref);
  const runs = sizes.map((size): SizeRun => {
    const r = runAt(model, size);
    const changed: SizeChange[] = r.layers.flatMap((l, i) => {
      const b = base.layers[i]!;
      return l.params === b.params ? [] : [{ index: l.index, name: l.name, type: l.type, params: l.params, referenceParams: b.params, paramsFormula: l.paramsFormula, referenceFormula: b.paramsFormula }];
    });
    return { ...r, changed, weightsFit: changed.length === 0 && r.errors.length === 0 && base.errors.length === 0 };
  });
  const changedRun = runs.find((r) => r.changed.length > 0);
  const first = changedRun?.changed[0];
  let culprit: VariableSizeLesson['culprit'] = null;
  const declared = first ? undefined : declaredCulprit(model, base, runs, ref);
  if (declared) culprit = declared;
  if (first) {
    const spec = model.layers[first.index]!.spec;
    const at = changedRun!.size;
    const reason = spec.kind === 'dense' && afterFlatten(model, first.index)
      ? `${first.type} after Flatten has one weight per flattened value and output: ${first.referenceFormula} at ${ref[0]}×${ref[1]}, ${first.paramsFormula} at ${at[0]}×${at[1]}. Its weights fit one input size only; global average pooling instead of Flatten makes the count C·units whatever the size.`
      : `${first.type}'s parameter count depends on the size of its input (${first.referenceFormula} at ${ref[0]}×${ref[1]}).`;
    culprit = { index: first.index, name: first.name, type: first.type, reason };
  }
  return { model: model.name, reference: ref, runs, anySize: runs.every((r) => r.weightsFit), culprit };
}

/** A Flatten comes before this layer with only element-wise layers (dropout, activations, batch norm) between. */
function afterFlatten(model: ModelIR, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const kind = model.layers[i]!.spec.kind;
    if (kind === 'flatten') return true;
    if (kind !== 'dropout' && kind !== 'activation' && kind !== 'batchNorm') return false;
  }
  return false;
}

/**
 * A layer that declares its input size (PyTorch's nn.Linear(in_features, …)) keeps its
 * parameter count at every size; it breaks with an error instead: the first layer that
 * has an error at another size and none at the reference.
 */
function declaredCulprit(model: ModelIR, base: Omit<SizeRun, 'changed' | 'weightsFit'>, runs: readonly SizeRun[], ref: Pair): VariableSizeLesson['culprit'] {
  if (base.errors.length > 0) return null;
  for (const r of runs) {
    const k = r.errorLayers.findIndex((i) => i >= 0);
    if (k < 0) continue;
    const index = r.errorLayers[k]!;
    const layer = r.layers[index]!;
    const spec = model.layers[index]!.spec;
    const reason = spec.kind === 'dense' && spec.inFeatures !== undefined && afterFlatten(model, index)
      ? `${layer.type} declares in_features = ${spec.inFeatures}, the flattened size at ${ref[0]}×${ref[1]}; at ${r.size[0]}×${r.size[1]}: ${r.errors[k]}. Its weights fit one input size only; global average pooling (nn.AdaptiveAvgPool2d(1)) instead of the flatten makes the count C·units whatever the size.`
      : `${layer.type} cannot take ${r.size[0]}×${r.size[1]}: ${r.errors[k]}.`;
    return { index, name: layer.name, type: layer.type, reason };
  }
  return null;
}

/** What a learner's model does with other input sizes, and which layer decides it. */
export interface ModelSizeVerdict {
  readonly lesson: VariableSizeLesson;
  /** The layer that makes any size work: the first global pooling before the first Dense; null when none. */
  readonly enabler: { readonly index: number; readonly name: string; readonly type: string } | null;
  /** The reason in words, for the view. */
  readonly verdict: string;
}

/**
 * The learner's model at its own size, 4 pixels more each way, and double: whether the
 * same weights run, and which layer forbids it (Dense after Flatten) or allows it (global
 * pooling between the convolutions and the Dense layer).
 */
export function modelSizeVerdict(model: ModelIR): ModelSizeVerdict {
  const s = model.inputShape;
  if (s.length !== 3) throw new RangeError(`the model's input ${s.length ? `[${s.join(', ')}]` : 'size is unknown'}: it is not an image [channels, height, width]`);
  const [h, w] = [s[1]!, s[2]!];
  const lesson = variableSizeLesson(model, [[h, w], [h + 4, w + 4], [2 * h, 2 * w]], [h, w]);
  const firstDense = model.layers.findIndex((l) => l.spec.kind === 'dense');
  const poolAt = model.layers.findIndex((l, i) => l.spec.kind === 'globalAvgPool2d' && (firstDense < 0 || i < firstDense));
  const analysis = analyseModel(model);
  const enabler = lesson.anySize && poolAt >= 0 ? { index: poolAt, name: analysis.layers[poolAt]!.name, type: analysis.layers[poolAt]!.type } : null;
  let verdict: string;
  if (lesson.culprit) verdict = lesson.culprit.reason;
  else if (enabler) verdict = `${enabler.type} (${enabler.name}) averages each channel over the whole map, so the layers after it see C values whatever the size: the same weights run at every size here.`;
  else if (lesson.anySize) verdict = firstDense < 0 ? 'No layer\'s weights depend on the input size (only windows: convolutions and pooling): the same weights run at every size here.' : 'The same weights run at every size here.';
  else verdict = 'The model does not run at every size: see the errors in the table.';
  return { lesson, enabler, verdict };
}

export interface KernelOnSize {
  readonly size: Pair;
  /** Null when the kernel does not fit. */
  readonly output: Pair | null;
  readonly rows: AxisArithmetic;
  readonly cols: AxisArithmetic;
}

/** One kernel's output size on inputs of several sizes (its weights never change). */
export function kernelOnSizes(kernelSize: Pair, sizes: readonly Pair[], settings: ConvSettings = LECTURE_CONV_SETTINGS): KernelOnSize[] {
  return sizes.map((size) => {
    const r = outputArithmetic(size, kernelSize, settings);
    return { size, output: r.outputSize[0] > 0 && r.outputSize[1] > 0 ? r.outputSize : null, rows: r.rows, cols: r.cols };
  });
}

const conv = (name: string, filters: number): LayerIR => ({
  name,
  spec: { kind: 'conv2d', filters, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', dilation: [1, 1], groups: 1, useBias: true, activation: 'relu' },
});
const pool = (name: string): LayerIR => ({ name, spec: { kind: 'maxPool2d', poolSize: [2, 2], strides: [2, 2], padding: 'valid' } });
const classifier = (classes: number): LayerIR => ({ name: 'classifier', spec: { kind: 'dense', units: classes, useBias: true, activation: 'softmax' } });

/** conv 3×3 ×8 → max-pool 2 → Flatten → Dense: fixed to the size it was built for. */
export function flattenDenseModel(classes = 10, inputShape: readonly [number, number, number] = [1, 28, 28]): ModelIR {
  return {
    name: 'flatten_dense', inputShape, source: 'convlab',
    layers: [conv('conv1', 8), pool('pool1'), conv('conv2', 16), { name: 'flatten', spec: { kind: 'flatten' } }, classifier(classes)],
  };
}

/** The same convolutions → global average pooling → Dense: takes any size its kernels fit. */
export function globalPoolModel(classes = 10, inputShape: readonly [number, number, number] = [1, 28, 28]): ModelIR {
  return {
    name: 'global_pool', inputShape, source: 'convlab',
    layers: [conv('conv1', 8), pool('pool1'), conv('conv2', 16), { name: 'global_pool', spec: { kind: 'globalAvgPool2d' } }, classifier(classes)],
  };
}

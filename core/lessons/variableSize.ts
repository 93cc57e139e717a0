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
  const first = runs.flatMap((r) => r.changed)[0];
  let culprit: VariableSizeLesson['culprit'] = null;
  if (first) {
    const spec = model.layers[first.index]!.spec;
    const after = first.index > 0 ? model.layers[first.index - 1]!.spec.kind : null;
    const reason = spec.kind === 'dense' && after === 'flatten'
      ? `${first.type} after Flatten has one weight per flattened value and output: ${first.referenceFormula} at ${ref[0]}×${ref[1]}, ${first.paramsFormula} at another size. Its weights fit one input size only; global average pooling instead of Flatten makes the count C·units whatever the size.`
      : `${first.type}'s parameter count depends on the size of its input (${first.referenceFormula} at ${ref[0]}×${ref[1]}).`;
    culprit = { index: first.index, name: first.name, type: first.type, reason };
  }
  return { model: model.name, reference: ref, runs, anySize: runs.every((r) => r.weightsFit), culprit };
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

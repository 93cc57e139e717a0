/**
 * How the learner's framework names and writes things, so that messages, hovers and
 * summaries read like the code they describe: "nn.Linear" in PyTorch, "Dense" in Keras;
 * shapes as (26, 26, 32) in Keras (channels last) and (32, 26, 26) in PyTorch.
 * The core itself always stores [channels, height, width].
 */
import type { Activation, LayerSpec, ModelSource } from '../model/ir';

const KERAS_NAMES: Record<LayerSpec['kind'], string> = {
  conv2d: 'Conv2D',
  maxPool2d: 'MaxPooling2D',
  avgPool2d: 'AveragePooling2D',
  globalAvgPool2d: 'GlobalAveragePooling2D',
  dense: 'Dense',
  flatten: 'Flatten',
  dropout: 'Dropout',
  activation: 'Activation',
  batchNorm: 'BatchNormalization',
  locallyConnected2d: 'LocallyConnected2D',
  reshape: 'Reshape',
};

const TORCH_NAMES: Record<LayerSpec['kind'], string> = {
  conv2d: 'nn.Conv2d',
  maxPool2d: 'nn.MaxPool2d',
  avgPool2d: 'nn.AvgPool2d',
  globalAvgPool2d: 'nn.AdaptiveAvgPool2d',
  dense: 'nn.Linear',
  flatten: 'nn.Flatten',
  dropout: 'nn.Dropout',
  activation: 'activation',
  batchNorm: 'nn.BatchNorm2d',
  // PyTorch has no locally connected layer; keep the lecture's name.
  locallyConnected2d: 'LocallyConnected2d',
  reshape: 'view',
};

const TORCH_ACTIVATIONS: Record<Activation, string> = {
  relu: 'nn.ReLU',
  elu: 'nn.ELU',
  sigmoid: 'nn.Sigmoid',
  tanh: 'nn.Tanh',
  linear: 'nn.Identity',
  softmax: 'nn.Softmax',
};

/** The layer's class name in the framework of `source` (Keras' names for .convlab.json). */
export function layerTypeName(spec: LayerSpec, source: ModelSource | undefined, inputRank?: number): string {
  if (source === 'pytorch') {
    if (spec.kind === 'activation') return TORCH_ACTIVATIONS[spec.activation];
    if (spec.kind === 'dropout' && spec.granularity === 'channel') return 'nn.Dropout2d';
    if (spec.kind === 'batchNorm' && inputRank !== undefined && inputRank < 3) return 'nn.BatchNorm1d';
    return TORCH_NAMES[spec.kind];
  }
  if (spec.kind === 'dropout' && spec.granularity === 'channel') return 'SpatialDropout2D';
  return KERAS_NAMES[spec.kind];
}

/**
 * Keras keeps channels last: a core shape [C, H, W] is Keras' (H, W, C). Only rank 3 is
 * reordered: a rank-2 input such as MNIST's (28, 28) has no channel axis to move.
 */
export function frameworkOrder(shape: readonly number[], source: ModelSource | undefined): number[] {
  if (source !== 'pytorch' && shape.length === 3) return [shape[1]!, shape[2]!, shape[0]!];
  return [...shape];
}

/** A shape as the framework prints it, without the batch: "(26, 26, 32)". */
export function displayShape(shape: readonly number[] | null, source: ModelSource | undefined): string {
  if (shape === null) return '(unknown)';
  const dims = frameworkOrder(shape, source);
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

/** A product written out as the framework orders the axes: "64·5·5" (PyTorch) or "5·5·64" (Keras). */
export function displayProduct(shape: readonly number[], source: ModelSource | undefined): string {
  return frameworkOrder(shape, source).join('·');
}

export function product(shape: readonly number[]): number {
  let p = 1;
  for (const d of shape) p *= d;
  return p;
}

/** A spatial size as "26×26". */
export function hw(rows: number, cols: number): string {
  return `${rows}×${cols}`;
}

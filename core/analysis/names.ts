/**
 * How the learner's framework names and writes things, so that messages, hovers and
 * summaries read like the code they describe: "nn.Linear" in PyTorch, "Dense" in Keras;
 * shapes as (26, 26, 32) in Keras (channels last) and (32, 26, 26) in PyTorch.
 * The core itself always stores [channels, height, width].
 */
import type { Activation, LayerSpec, MergeSpec, ModelSource, NormalizationSpec, Padding2DSpec } from '../model/ir';

/** Keras' own layer classes for activations that have one (the rest are Activation('…')). */
const KERAS_ACTIVATIONS: Partial<Record<Activation, string>> = { leakyRelu: 'LeakyReLU' };

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
  globalMaxPool2d: 'GlobalMaxPooling2D',
  depthwiseConv2d: 'DepthwiseConv2D',
  separableConv2d: 'SeparableConv2D',
  conv2dTranspose: 'Conv2DTranspose',
  upSampling2d: 'UpSampling2D',
  padding2d: 'ZeroPadding2D',
  cropping2d: 'Cropping2D',
  normalization: 'LayerNormalization',
  adaptivePool2d: 'AdaptiveAveragePooling2D',
  prelu: 'PReLU',
  identity: 'Identity',
  resize: 'Resizing',
  merge: 'Add',
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
  globalMaxPool2d: 'nn.AdaptiveMaxPool2d',
  // PyTorch writes a depthwise convolution as nn.Conv2d(C, C·m, k, groups=C).
  depthwiseConv2d: 'nn.Conv2d',
  separableConv2d: 'SeparableConv2d',
  conv2dTranspose: 'nn.ConvTranspose2d',
  upSampling2d: 'nn.Upsample',
  padding2d: 'nn.ZeroPad2d',
  cropping2d: 'crop',
  normalization: 'nn.LayerNorm',
  adaptivePool2d: 'nn.AdaptiveAvgPool2d',
  prelu: 'nn.PReLU',
  identity: 'nn.Identity',
  resize: 'resize',
  merge: 'add',
};

const TORCH_ACTIVATIONS: Record<Activation, string> = {
  relu: 'nn.ReLU',
  elu: 'nn.ELU',
  sigmoid: 'nn.Sigmoid',
  tanh: 'nn.Tanh',
  linear: 'nn.Identity',
  softmax: 'nn.Softmax',
  relu6: 'nn.ReLU6',
  leakyRelu: 'nn.LeakyReLU',
  gelu: 'nn.GELU',
  silu: 'nn.SiLU',
  hardSwish: 'nn.Hardswish',
  hardSigmoid: 'nn.Hardsigmoid',
  softplus: 'nn.Softplus',
  selu: 'nn.SELU',
  mish: 'nn.Mish',
};

const KERAS_MERGES: Record<MergeSpec['op'], string> = {
  add: 'Add', subtract: 'Subtract', multiply: 'Multiply', average: 'Average', maximum: 'Maximum', minimum: 'Minimum', concatenate: 'Concatenate',
};

const TORCH_MERGES: Record<MergeSpec['op'], string> = {
  add: '+', subtract: '−', multiply: '*', average: 'mean', maximum: 'torch.maximum', minimum: 'torch.minimum', concatenate: 'torch.cat',
};

const TORCH_NORMS: Record<NormalizationSpec['variant'], string> = { instance: 'nn.InstanceNorm2d', group: 'nn.GroupNorm', layer: 'nn.LayerNorm' };
const KERAS_NORMS: Record<NormalizationSpec['variant'], string> = { instance: 'GroupNormalization', group: 'GroupNormalization', layer: 'LayerNormalization' };

const TORCH_PADS: Record<Padding2DSpec['mode'], string> = { zeros: 'nn.ZeroPad2d', reflect: 'nn.ReflectionPad2d', replicate: 'nn.ReplicationPad2d', constant: 'nn.ConstantPad2d' };

/** Names that depend on a setting, not only on the kind; null when the kind decides alone. */
function variantName(spec: LayerSpec, torch: boolean): string | null {
  switch (spec.kind) {
    case 'merge': return (torch ? TORCH_MERGES : KERAS_MERGES)[spec.op];
    case 'normalization': return (torch ? TORCH_NORMS : KERAS_NORMS)[spec.variant];
    case 'padding2d': return torch ? TORCH_PADS[spec.mode] : null;
    case 'adaptivePool2d': return torch ? (spec.op === 'max' ? 'nn.AdaptiveMaxPool2d' : 'nn.AdaptiveAvgPool2d') : (spec.op === 'max' ? 'AdaptiveMaxPooling2D' : 'AdaptiveAveragePooling2D');
    case 'resize': return torch ? (spec.method === 'centerCrop' ? 'CenterCrop' : 'Resize') : (spec.method === 'centerCrop' ? 'CenterCrop' : 'Resizing');
    case 'identity': return torch ? 'nn.Identity' : spec.role === 'identity' ? 'Identity' : spec.statefulNormalization ? 'Normalization' : spec.role === 'augmentation' ? 'augmentation' : 'preprocessing';
    default: return null;
  }
}

/** The layer's class name in the framework of `source` (Keras' names for .convlab.json). */
export function layerTypeName(spec: LayerSpec, source: ModelSource | undefined, inputRank?: number): string {
  const variant = variantName(spec, source === 'pytorch');
  if (variant !== null) return variant;
  if (source === 'pytorch') {
    if (spec.kind === 'activation') return TORCH_ACTIVATIONS[spec.activation];
    if (spec.kind === 'dropout' && spec.granularity === 'channel') return 'nn.Dropout2d';
    if (spec.kind === 'batchNorm' && inputRank !== undefined && inputRank < 3) return 'nn.BatchNorm1d';
    return TORCH_NAMES[spec.kind];
  }
  if (spec.kind === 'dropout' && spec.granularity === 'channel') return 'SpatialDropout2D';
  if (spec.kind === 'activation' && KERAS_ACTIVATIONS[spec.activation]) return KERAS_ACTIVATIONS[spec.activation]!;
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

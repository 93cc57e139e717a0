/**
 * The PyTorch modules of real models beyond the lecture's: transposed convolutions and
 * upsampling (U-Nets, GAN generators), explicit padding layers, instance / group / layer
 * norm, adaptive pooling to any size, and the modern activations. Signatures as in the
 * PyTorch documentation.
 */
import type { Activation, LayerSpec, UpSampling2DSpec } from '../../model/ir';
import { pyRepr, toPair, type LayerArgs } from '../python/arguments';
import { isRef } from '../python/values';
import { torchPadding } from './padding';

type Builder = (a: LayerArgs) => LayerSpec | null;

export interface ModuleDef {
  readonly params: readonly string[];
  readonly build: Builder;
}

/** PyTorch's 2-D pad: p, or (left, right, top, bottom); as the IR's [top, bottom, left, right]. */
function pad4(a: LayerArgs, name: string): readonly [number, number, number, number] | null {
  const arg = a.bound.get(name);
  const v = arg?.value;
  const int = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  if (int(v)) return [v, v, v, v];
  if (Array.isArray(v) && v.length === 4 && v.every(int)) return [v[2] as number, v[3] as number, v[0] as number, v[1] as number];
  if (arg && v !== undefined && isRef(v) && v.kind === 'unknown') a.fail(arg, 'unresolved', `ConvLab can't follow this call yet: ${a.layer}'s ${name} isn't a constant ConvLab can work out, so the layer is left out of the model.`);
  else a.fail(arg, 'invalidArgument', `${a.layer}'s ${name} must be an integer or (left, right, top, bottom)${arg ? `, got ${pyRepr(v ?? null)}` : ''}.`, 'error');
  return null;
}

function padLayer(mode: 'zeros' | 'reflect' | 'replicate' | 'constant'): ModuleDef {
  return {
    params: mode === 'constant' ? ['padding', 'value'] : ['padding'],
    build: (a) => {
      const p = pad4(a, 'padding');
      if (!p) return null;
      return mode === 'constant' ? { kind: 'padding2d', padding: p, mode, value: a.number('value') } : { kind: 'padding2d', padding: p, mode };
    },
  };
}

/** nn.Upsample's and F.interpolate's size / scale_factor / mode. */
export function upsample(a: LayerArgs, fixedMode?: 'nearest' | 'bilinear'): LayerSpec | null {
  const modeName = fixedMode ?? a.optionalString('mode') ?? 'nearest';
  const mode: UpSampling2DSpec['interpolation'] | undefined = modeName === 'nearest' || modeName === 'nearest-exact' ? 'nearest' : modeName === 'bilinear' ? 'bilinear' : modeName === 'bicubic' ? 'bicubic' : undefined;
  if (!mode) {
    a.fail(a.bound.get('mode'), 'unsupported', `ConvLab models 2-D upsampling (nearest, bilinear, bicubic): mode=${pyRepr(modeName)} is left out, so the shapes after it may be wrong.`);
    return null;
  }
  const align = a.bool('align_corners', fixedMode === 'bilinear');
  const extra = align ? { alignCorners: true } : {};
  const size = a.value('size');
  if (size !== undefined && size !== null) {
    const pair = toPair(size);
    if (!pair) {
      a.fail(a.bound.get('size'), 'unresolved', `ConvLab can't follow this call yet: ${a.layer}'s size isn't a constant ConvLab can work out, so the layer is left out of the model.`);
      return null;
    }
    return { kind: 'upSampling2d', size: pair, interpolation: mode, ...extra };
  }
  const s = a.value('scale_factor');
  const scale = typeof s === 'number' ? [s, s] as const : Array.isArray(s) && s.length === 2 && s.every((x) => typeof x === 'number') ? [s[0] as number, s[1] as number] as const : undefined;
  if (!scale) {
    a.fail(a.bound.get('scale_factor'), 'unresolved', `ConvLab can't follow this call yet: ${a.layer} needs a constant size or scale_factor, so the layer is left out of the model.`);
    return null;
  }
  return { kind: 'upSampling2d', scale, interpolation: mode, ...extra };
}

/** AdaptiveAvgPool2d / AdaptiveMaxPool2d: output size 1 is global pooling, kept 4-D. */
export function adaptivePool(op: 'avg' | 'max') {
  return (a: LayerArgs): LayerSpec | null => {
    const size = a.pair('output_size');
    if (a.omitted) return null;
    if (size[0] === 1 && size[1] === 1) return { kind: op === 'avg' ? 'globalAvgPool2d' : 'globalMaxPool2d', keepDims: true };
    return { kind: 'adaptivePool2d', op, outputSize: size };
  };
}

function activation(activation: Activation, params: readonly string[] = ['inplace'], alpha?: (a: LayerArgs) => number | undefined): ModuleDef {
  return {
    params,
    build: (a) => {
      const x = alpha?.(a);
      return x === undefined ? { kind: 'activation', activation } : { kind: 'activation', activation, alpha: x };
    },
  };
}

const TRANSPOSE_PARAMS = ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'output_padding', 'groups', 'bias', 'dilation', 'padding_mode'];

export const TORCH_GRAPH_MODULES: Readonly<Record<string, ModuleDef>> = {
  ConvTranspose2d: {
    params: TRANSPOSE_PARAMS,
    build: (a) => {
      const padding = torchPadding(a);
      return {
        kind: 'conv2dTranspose', inChannels: a.int('in_channels'), filters: a.int('out_channels'), kernelSize: a.pair('kernel_size'),
        strides: a.pair('stride', [1, 1]), padding: Array.isArray(padding) ? padding : [0, 0], outputPadding: a.pair('output_padding', [0, 0]),
        dilation: a.pair('dilation', [1, 1]), groups: a.int('groups', 1), useBias: a.bool('bias', true), activation: 'linear',
      };
    },
  },
  Upsample: { params: ['size', 'scale_factor', 'mode', 'align_corners', 'recompute_scale_factor'], build: (a) => upsample(a) },
  UpsamplingNearest2d: { params: ['size', 'scale_factor'], build: (a) => upsample(a, 'nearest') },
  UpsamplingBilinear2d: { params: ['size', 'scale_factor'], build: (a) => upsample(a, 'bilinear') },
  ZeroPad2d: padLayer('zeros'),
  ReflectionPad2d: padLayer('reflect'),
  ReplicationPad2d: padLayer('replicate'),
  ConstantPad2d: padLayer('constant'),
  InstanceNorm2d: {
    params: ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats'],
    build: (a) => ({
      kind: 'normalization', variant: 'instance', numChannels: a.int('num_features'), epsilon: a.number('eps', 1e-5),
      affine: a.bool('affine', false), trackRunningStats: a.bool('track_running_stats', false),
    }),
  },
  GroupNorm: {
    params: ['num_groups', 'num_channels', 'eps', 'affine'],
    build: (a) => ({ kind: 'normalization', variant: 'group', groups: a.int('num_groups'), numChannels: a.int('num_channels'), epsilon: a.number('eps', 1e-5), affine: a.bool('affine', true) }),
  },
  LayerNorm: {
    params: ['normalized_shape', 'eps', 'elementwise_affine', 'bias'],
    build: (a) => {
      const v = a.value('normalized_shape');
      const shape = typeof v === 'number' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isInteger(x)) ? (v as number[]) : null;
      if (!shape) {
        a.fail(a.bound.get('normalized_shape'), 'unresolved', 'ConvLab can\'t follow this call yet: nn.LayerNorm\'s normalized_shape isn\'t a constant ConvLab can work out, so the layer is left out of the model.');
        return null;
      }
      const affine = a.bool('elementwise_affine', true);
      if (affine && !a.bool('bias', true)) a.note(a.bound.get('bias'), 'ConvLab counts nn.LayerNorm with a weight and a bias: with bias=False, PyTorch has half the parameters shown.');
      return { kind: 'normalization', variant: 'layer', normalizedShape: shape, epsilon: a.number('eps', 1e-5), affine };
    },
  },
  AdaptiveAvgPool2d: { params: ['output_size'], build: adaptivePool('avg') },
  AdaptiveMaxPool2d: { params: ['output_size', 'return_indices'], build: adaptivePool('max') },
  LeakyReLU: activation('leakyRelu', ['negative_slope', 'inplace'], (a) => a.number('negative_slope', 0.01)),
  ReLU6: activation('relu6'),
  GELU: {
    params: ['approximate'],
    build: (a) => (a.optionalString('approximate') === 'tanh' ? { kind: 'activation', activation: 'gelu', approximate: true } : { kind: 'activation', activation: 'gelu' }),
  },
  SiLU: activation('silu'),
  Hardswish: activation('hardSwish'),
  Hardsigmoid: activation('hardSigmoid'),
  Softplus: activation('softplus', ['beta', 'threshold']),
  SELU: activation('selu'),
  Mish: activation('mish'),
  PReLU: {
    params: ['num_parameters', 'init'],
    // One slope in all by default; num_parameters = C gives one per channel.
    build: (a) => (a.int('num_parameters', 1) === 1 ? { kind: 'prelu', sharedAxes: 'all' } : { kind: 'prelu', sharedAxes: [1, 2] }),
  },
  Identity: { params: [], build: () => ({ kind: 'identity', role: 'identity' }) },
};

/** Losses and metrics: objects of a training script, never layers of the model. */
export const TORCH_LOSSES: ReadonlySet<string> = new Set([
  'CrossEntropyLoss', 'NLLLoss', 'MSELoss', 'L1Loss', 'SmoothL1Loss', 'HuberLoss', 'BCELoss', 'BCEWithLogitsLoss', 'KLDivLoss',
  'CTCLoss', 'MarginRankingLoss', 'HingeEmbeddingLoss', 'CosineEmbeddingLoss', 'TripletMarginLoss', 'MultiLabelSoftMarginLoss',
  'PoissonNLLLoss', 'GaussianNLLLoss', 'SoftMarginLoss', 'MultiMarginLoss', 'MultiLabelMarginLoss',
]);

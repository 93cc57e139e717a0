/**
 * PyTorch's nn modules as ConvLab models them: each one's signature (positional order and
 * defaults as in the PyTorch documentation) and how its arguments become an IR layer.
 *
 * Two conventions differ from Keras' and are converted here:
 * - BatchNorm momentum: PyTorch's weighs the *new* batch statistic (running ← (1 − m)·running
 *   + m·batch, default 0.1); the IR keeps Keras' convention, which weighs the *old* value
 *   (moving ← m·moving + (1 − m)·batch, default 0.99). So IR momentum = 1 − PyTorch's.
 * - Padding: PyTorch pads explicitly (an int or a pair) or with 'same' / 'valid'.
 */
import type { LayerSpec } from '../../model/ir';
import { LayerArgs } from '../python/arguments';
import type { Call, Host } from '../python/context';
import { complement } from '../probability';
import { UNKNOWN, type LayerValue, type Value } from '../python/values';
import { adaptivePool, TORCH_GRAPH_MODULES, TORCH_LOSSES } from './graphModules';
import { torchPadding } from './padding';

export { torchPadding } from './padding';

/** The pooling settings shared by nn.MaxPool2d and F.max_pool2d (and the average ones). */
export function torchPool(kind: 'maxPool2d' | 'avgPool2d', a: LayerArgs): LayerSpec {
  const poolSize = a.pair('kernel_size');
  // stride=None (the default) means the kernel size: non-overlapping windows.
  const strides = a.optionalPair('stride') ?? poolSize;
  const padding = torchPadding(a);
  if (kind === 'maxPool2d' && a.has('dilation') && a.pair('dilation', [1, 1]).some((d) => d !== 1)) a.note(a.bound.get('dilation'), 'ConvLab pools without dilation: the pooled sizes it shows assume dilation=1.');
  const ceil = a.bool('ceil_mode', false) ? { ceilMode: true } : {};
  const includePad = kind === 'avgPool2d' && !a.bool('count_include_pad', true) ? { countIncludePad: false } : {};
  return { kind, poolSize, strides, padding, ...ceil, ...includePad };
}

/** Adaptive average pooling: global when the output size is 1, else to that size. */
export const adaptiveAvgPool = adaptivePool('avg');

function batchNorm(a: LayerArgs): LayerSpec {
  const numFeatures = a.int('num_features');
  const arg = a.bound.get('momentum');
  let momentum = 0.1;
  if (arg && arg.value === null) a.note(arg, 'momentum=None (a cumulative average) isn\'t modelled: ConvLab uses PyTorch\'s default, 0.1.');
  else momentum = a.number('momentum', 0.1);
  const affine = a.bool('affine', true) ? {} : { scale: false as const, center: false as const };
  return { kind: 'batchNorm', momentum: complement(momentum), epsilon: a.number('eps', 1e-5), numFeatures, ...affine };
}

type Builder = (a: LayerArgs) => LayerSpec | null;

interface ModuleDef {
  readonly params: readonly string[];
  readonly build: Builder;
}

const CONV_PARAMS = ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'dilation', 'groups', 'bias', 'padding_mode'];
const POOL_PARAMS = ['kernel_size', 'stride', 'padding', 'dilation', 'return_indices', 'ceil_mode'];
const AVG_PARAMS = ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'];
const BN_PARAMS = ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats'];

function conv(a: LayerArgs, lazy: boolean): LayerSpec {
  const inChannels = lazy ? undefined : a.int('in_channels');
  return {
    kind: 'conv2d', filters: a.int('out_channels'), kernelSize: a.pair('kernel_size'), strides: a.pair('stride', [1, 1]),
    padding: torchPadding(a), dilation: a.pair('dilation', [1, 1]), groups: a.int('groups', 1), useBias: a.bool('bias', true),
    activation: 'linear', ...(inChannels !== undefined ? { inChannels } : {}),
  };
}

function flatten(a: LayerArgs): LayerSpec | null {
  if (a.int('start_dim', 1) !== 1 || a.int('end_dim', -1) !== -1) {
    a.fail(undefined, 'unsupported', 'ConvLab can\'t follow this call yet: it models nn.Flatten from dimension 1 to the end only, so the layer is left out.');
    return null;
  }
  return { kind: 'flatten' };
}

export const TORCH_MODULES: Readonly<Record<string, ModuleDef>> = {
  Conv2d: { params: CONV_PARAMS, build: (a) => conv(a, false) },
  LazyConv2d: { params: CONV_PARAMS.slice(1), build: (a) => conv(a, true) },
  Linear: {
    params: ['in_features', 'out_features', 'bias'],
    build: (a) => ({ kind: 'dense', inFeatures: a.int('in_features'), units: a.int('out_features'), useBias: a.bool('bias', true), activation: 'linear' }),
  },
  LazyLinear: { params: ['out_features', 'bias'], build: (a) => ({ kind: 'dense', units: a.int('out_features'), useBias: a.bool('bias', true), activation: 'linear' }) },
  MaxPool2d: { params: POOL_PARAMS, build: (a) => torchPool('maxPool2d', a) },
  AvgPool2d: { params: AVG_PARAMS, build: (a) => torchPool('avgPool2d', a) },
  Dropout: { params: ['p', 'inplace'], build: (a) => ({ kind: 'dropout', rate: a.number('p', 0.5), granularity: 'element' }) },
  Dropout2d: { params: ['p', 'inplace'], build: (a) => ({ kind: 'dropout', rate: a.number('p', 0.5), granularity: 'channel' }) },
  BatchNorm2d: { params: BN_PARAMS, build: batchNorm },
  BatchNorm1d: { params: BN_PARAMS, build: batchNorm },
  Flatten: { params: ['start_dim', 'end_dim'], build: flatten },
  ReLU: { params: ['inplace'], build: () => ({ kind: 'activation', activation: 'relu' }) },
  ELU: {
    params: ['alpha', 'inplace'],
    build: (a) => {
      const alpha = a.number('alpha', 1);
      return alpha === 1 ? { kind: 'activation', activation: 'elu' } : { kind: 'activation', activation: 'elu', alpha };
    },
  },
  Sigmoid: { params: [], build: () => ({ kind: 'activation', activation: 'sigmoid' }) },
  Tanh: { params: [], build: () => ({ kind: 'activation', activation: 'tanh' }) },
  Softmax: { params: ['dim'], build: () => ({ kind: 'activation', activation: 'softmax' }) },
  LogSoftmax: { params: ['dim'], build: () => ({ kind: 'activation', activation: 'softmax', log: true }) },
  Unflatten: {
    params: ['dim', 'unflattened_size'],
    build: (a) => {
      const size = a.value('unflattened_size');
      if (a.int('dim') === 1 && Array.isArray(size) && size.every((d) => typeof d === 'number' && Number.isInteger(d))) return { kind: 'reshape', targetShape: size as number[] };
      a.fail(undefined, 'unsupported', 'ConvLab can\'t follow this call yet: it models nn.Unflatten(1, (sizes…)) only, so the layer is left out.');
      return null;
    },
  },
  ...TORCH_GRAPH_MODULES,
};

/** Modules ConvLab doesn't model that keep the shape: leaving them out changes no later shape. */
const SHAPE_KEEPING: ReadonlySet<string> = new Set([
  'CELU', 'Hardtanh', 'Softsign', 'Tanhshrink', 'LogSigmoid', 'AlphaDropout', 'FeatureAlphaDropout', 'LocalResponseNorm',
  'Dropout1d', 'Dropout3d', 'Threshold', 'RReLU', 'GLU',
]);

/** `nn.<className>(...)` as a layer object; a loss (nn.CrossEntropyLoss()) is no layer: unknown. */
export function torchModule(className: string, call: Call, host: Host): LayerValue | Value {
  if (TORCH_LOSSES.has(className)) return UNKNOWN;
  const common = { name: host.autoName(className.toLowerCase()), named: false, from: call.from, to: call.to };
  const def = TORCH_MODULES[className];
  if (!def) {
    const keeps = SHAPE_KEEPING.has(className);
    const message = `ConvLab doesn't model nn.${className} yet: it is left out of the model${keeps ? ' (it keeps the shape, so the shapes after it are still right)' : ', so the shapes after it may be wrong'}.`;
    host.report(call.from, call.to, 'information', 'unknownLayer', message);
    return { kind: 'layer', spec: null, omitted: { code: 'unknownLayer', message }, ...common };
  }
  const args = new LayerArgs(host, call, `nn.${className}`, def.params);
  const spec = def.build(args);
  const omitted = args.omitted;
  return { kind: 'layer', spec: omitted ? null : spec, ...(omitted ? { omitted } : {}), ...common };
}

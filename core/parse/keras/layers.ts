/**
 * Keras' layer classes as ConvLab models them: each one's signature (positional order and
 * defaults as in the Keras 3 / tf.keras 2 documentation) and how its arguments become an
 * IR layer. Keras images are channels-last (height, width, channels); the IR is
 * [channels, height, width], so shapes written in the code are reordered (see kerasShape).
 */
import type { LayerSpec } from '../../model/ir';
import { LayerArgs, pyRepr } from '../python/arguments';
import { activationName, channelsLastOnly, isKerasActivation, padding, readActivation, type LayerDef } from './common';
import { KERAS_GRAPH_LAYERS } from './graphLayers';
import type { Call, Host } from '../python/context';
import { isRef, type InputInfo, type LayerValue, type Value } from '../python/values';

function pool(kind: 'maxPool2d' | 'avgPool2d') {
  return (a: LayerArgs): LayerSpec => {
    const poolSize = a.pair('pool_size', [2, 2]);
    channelsLastOnly(a);
    // strides=None means "the pool size": non-overlapping windows.
    return { kind, poolSize, strides: a.optionalPair('strides') ?? poolSize, padding: padding(a) };
  };
}

function rate(a: LayerArgs): number {
  return a.number('rate');
}

const CONV: LayerDef = {
  params: ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'groups', 'activation', 'use_bias'],
  build: (a, host) => {
    channelsLastOnly(a);
    return {
      kind: 'conv2d', filters: a.int('filters'), kernelSize: a.pair('kernel_size'), strides: a.pair('strides', [1, 1]),
      padding: padding(a), dilation: a.pair('dilation_rate', [1, 1]), groups: a.int('groups', 1),
      activation: readActivation(a, 'activation', host).activation, useBias: a.bool('use_bias', true),
    };
  },
};

const MAX_POOL: LayerDef = { params: ['pool_size', 'strides', 'padding', 'data_format'], build: pool('maxPool2d') };
const AVG_POOL: LayerDef = { params: ['pool_size', 'strides', 'padding', 'data_format'], build: pool('avgPool2d') };
const GLOBAL_AVG: LayerDef = {
  params: ['data_format', 'keepdims'],
  build: (a) => (a.bool('keepdims', false) ? { kind: 'globalAvgPool2d', keepDims: true } : { kind: 'globalAvgPool2d' }),
};

export const KERAS_LAYERS: Readonly<Record<string, LayerDef>> = {
  Conv2D: CONV,
  Convolution2D: CONV,
  Dense: {
    params: ['units', 'activation', 'use_bias'],
    build: (a, host) => ({ kind: 'dense', units: a.int('units'), activation: readActivation(a, 'activation', host).activation, useBias: a.bool('use_bias', true) }),
  },
  MaxPooling2D: MAX_POOL,
  MaxPool2D: MAX_POOL,
  AveragePooling2D: AVG_POOL,
  AvgPool2D: AVG_POOL,
  GlobalAveragePooling2D: GLOBAL_AVG,
  GlobalAvgPool2D: GLOBAL_AVG,
  Flatten: { params: ['data_format'], build: () => ({ kind: 'flatten' }) },
  Dropout: { params: ['rate', 'noise_shape', 'seed'], build: (a) => ({ kind: 'dropout', rate: rate(a), granularity: 'element' }) },
  SpatialDropout2D: { params: ['rate', 'data_format', 'seed'], build: (a) => ({ kind: 'dropout', rate: rate(a), granularity: 'channel' }) },
  Activation: {
    params: ['activation'],
    build: (a, host) => {
      if (!a.has('activation')) {
        a.fail(undefined, 'invalidArgument', 'Activation needs activation: the call is missing it.', 'error');
        return null;
      }
      const arg = a.bound.get('activation');
      const n = activationName(arg!.value);
      if (n !== undefined && n !== null && !isKerasActivation(n)) {
        a.fail(arg, 'unknownLayer', `ConvLab doesn't model the '${n}' activation yet: the layer is left out (it keeps the shape, so the shapes after it are still right).`);
        return null;
      }
      const { activation, log } = readActivation(a, 'activation', host);
      return log ? { kind: 'activation', activation, log } : { kind: 'activation', activation };
    },
  },
  ReLU: {
    params: ['max_value', 'negative_slope', 'threshold'],
    build: (a) => {
      const capped = a.value('max_value');
      const slope = a.number('negative_slope', 0);
      if (a.number('threshold', 0) !== 0 || (capped !== undefined && capped !== null && !(capped === 6 && slope === 0))) {
        a.fail(undefined, 'unknownLayer', `ConvLab models ReLU, ReLU(max_value=6) and a leaky ReLU: a ReLU with another max_value or a threshold is left out (it keeps the shape, so the shapes after it are still right).`);
        return null;
      }
      if (capped === 6) return { kind: 'activation', activation: 'relu6' };
      return slope !== 0 ? { kind: 'activation', activation: 'leakyRelu', alpha: slope } : { kind: 'activation', activation: 'relu' };
    },
  },
  ELU: {
    params: ['alpha'],
    build: (a) => {
      const alpha = a.number('alpha', 1);
      return alpha === 1 ? { kind: 'activation', activation: 'elu' } : { kind: 'activation', activation: 'elu', alpha };
    },
  },
  Softmax: { params: ['axis'], build: () => ({ kind: 'activation', activation: 'softmax' }) },
  BatchNormalization: {
    params: ['axis', 'momentum', 'epsilon', 'center', 'scale'],
    build: (a) => ({
      kind: 'batchNorm', momentum: a.number('momentum', 0.99), epsilon: a.number('epsilon', 0.001),
      ...(a.bool('scale', true) ? {} : { scale: false as const }), ...(a.bool('center', true) ? {} : { center: false as const }),
    }),
  },
  LocallyConnected2D: {
    params: ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'activation', 'use_bias'],
    build: (a, host) => {
      if (padding(a) !== 'valid') a.fail(a.bound.get('padding'), 'invalidArgument', `LocallyConnected2D supports padding='valid' only.`, 'error');
      return {
        kind: 'locallyConnected2d', filters: a.int('filters'), kernelSize: a.pair('kernel_size'), strides: a.pair('strides', [1, 1]),
        activation: readActivation(a, 'activation', host).activation, useBias: a.bool('use_bias', true),
      };
    },
  },
  Reshape: {
    params: ['target_shape'],
    build: (a) => {
      const arg = a.bound.get('target_shape');
      const v = arg?.value;
      if (arg && Array.isArray(v) && v.every((d) => typeof d === 'number' && Number.isInteger(d))) return { kind: 'reshape', targetShape: kerasShape(v as number[]) };
      if (arg && isRef(arg.value) && arg.value.kind === 'unknown') {
        a.fail(arg, 'unresolved', `ConvLab can't follow this call yet: Reshape's target_shape isn't a constant ConvLab can work out, so the layer is left out of the model.`);
      } else a.fail(arg, 'invalidArgument', `Reshape's target_shape must be a tuple of integers${arg ? `, got ${pyRepr(arg.value)}` : ': the call is missing it'}.`, 'error');
      return null;
    },
  },
  ...KERAS_GRAPH_LAYERS,
};

/**
 * Keras layers ConvLab doesn't model that keep their input's shape and have no weights, so
 * leaving them out changes no shape or count after them (the diagnostic says so).
 */
const SHAPE_KEEPING: ReadonlySet<string> = new Set([
  'UnitNormalization', 'ActivityRegularization', 'ThresholdedReLU', 'Masking', 'SpatialDropout1D', 'SpatialDropout3D', 'Dropout1D',
]);

/** Keras' automatic layer names: Conv2D → conv2d, MaxPooling2D → max_pooling2d, ReLU → re_lu. */
export function snakeCase(name: string): string {
  return name.replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * A shape as Keras writes it (channels last, no batch) in the IR's order: (28, 28, 1) →
 * [1, 28, 28]. Only rank 3 is an image with channels to move. A rank-2 input such as
 * MNIST's (28, 28) stays [28, 28]: it has no channel axis, Flatten takes it as it is, and
 * a Conv2D on it is what Keras itself refuses (analysis reports the rank).
 */
export function kerasShape(dims: readonly number[]): number[] {
  return dims.length === 3 ? [dims[2]!, dims[0]!, dims[1]!] : [...dims];
}

/** Keras' `shape=` / `input_shape=` value as an input, or null shape with a diagnostic. */
export function readInputShape(v: Value, from: number, to: number, host: Host, dropBatch = false): InputInfo {
  const dims = typeof v === 'number' ? [v] : Array.isArray(v) ? (dropBatch ? v.slice(1) : v) : undefined;
  if (dims && dims.length > 0 && dims.every((d) => typeof d === 'number' && Number.isInteger(d))) return { shape: kerasShape(dims as number[]), from, to };
  const src = host.snippet(from, to);
  if (dims && dims.some((d) => d === null) && dims.every((d) => d === null || (typeof d === 'number' && Number.isInteger(d) && d > 0))) {
    host.report(from, to, 'information', 'input', `\`${src}\` leaves some sizes open (None): ConvLab counts the parameters and gives the shapes that do not depend on them. To see the others, give the sizes or add a comment \`# convlab: input 224x224x3\` (height×width×channels) to the file.`);
    const open = dims as (number | null)[];
    return { shape: null, open: open.length === 3 ? [open[2]!, open[0]!, open[1]!] : open, from, to };
  }
  if (dims && dims.some((d) => d === null)) {
    host.report(from, to, 'information', 'input', `ConvLab needs a fixed input size, and \`${src}\` leaves some sizes open (None): give them numbers, or add a comment \`# convlab: input 28x28x1\` (height×width×channels) to the file.`);
  } else {
    host.report(from, to, 'information', 'input', `ConvLab can't work out the input shape from \`${src}\`: it isn't a constant. Write the shape, e.g. shape=(28, 28, 1), or add a comment \`# convlab: input 28x28x1\` (height×width×channels) to the file.`);
  }
  return { shape: null, from, to };
}

const BASE_KEYWORDS = ['input_shape', 'batch_input_shape', 'input_dim', 'name'];

/** A Keras layer constructor call (`keras.layers.<className>(...)`) as a layer object. */
export function kerasLayer(className: string, call: Call, host: Host): LayerValue {
  const def = KERAS_LAYERS[className];
  const nameArg = call.keywords.get('name')?.value;
  const explicit = typeof nameArg === 'string' ? nameArg : undefined;
  const common = { name: explicit ?? host.autoName(snakeCase(className)), named: explicit !== undefined, from: call.from, to: call.to };
  if (!def) {
    const keeps = SHAPE_KEEPING.has(className);
    const message = `ConvLab doesn't model keras.layers.${className} yet: it is left out of the model${keeps ? ' (it keeps the shape, so the shapes after it are still right)' : ', so the shapes after it may be wrong'}.`;
    host.report(call.from, call.to, 'information', 'unknownLayer', message);
    return { kind: 'layer', spec: null, omitted: { code: 'unknownLayer', message }, ...common };
  }
  const args = new LayerArgs(host, call, className, [...def.params, ...BASE_KEYWORDS]);
  const spec = def.build(args, host);
  let inputShape: InputInfo | undefined;
  const shapeArg = call.keywords.get('input_shape') ?? call.keywords.get('batch_input_shape');
  const dimArg = call.keywords.get('input_dim'); // Keras 2's Dense(512, input_dim=784)
  if (!shapeArg && dimArg) inputShape = readInputShape(dimArg.value, dimArg.valueFrom, dimArg.valueTo, host);
  if (shapeArg) inputShape = readInputShape(shapeArg.value, shapeArg.valueFrom, shapeArg.valueTo, host, call.keywords.has('batch_input_shape') && !call.keywords.has('input_shape'));
  const omitted = args.omitted;
  return { kind: 'layer', spec: omitted ? null : spec, ...(omitted ? { omitted } : {}), ...common, ...(inputShape ? { inputShape } : {}) };
}

/**
 * The Keras layers of real models beyond the lecture's: depthwise and separable
 * convolutions (MobileNet, Xception), transposed convolutions and upsampling (U-Nets,
 * decoders), padding and cropping, layer and group normalisation, the modern activations,
 * merges (ResNet's Add, Inception's Concatenate), and the preprocessing and augmentation
 * layers that pass an image on unchanged at test time. Signatures as in the Keras 3
 * documentation (tf.keras 2 has the same positional order).
 */
import type { Activation, LayerSpec, MergeSpec } from '../../model/ir';
import { pyRepr, type LayerArgs } from '../python/arguments';
import { coreConcatAxis } from '../python/merges';
import { isRef } from '../python/values';
import { channelsLastOnly, padding, readActivation, type LayerDef } from './common';

const DEPTHWISE_PARAMS = ['kernel_size', 'strides', 'padding', 'depth_multiplier', 'data_format', 'dilation_rate', 'activation', 'use_bias'];
const SEPARABLE_PARAMS = ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'depth_multiplier', 'activation', 'use_bias'];
const TRANSPOSE_PARAMS = ['filters', 'kernel_size', 'strides', 'padding', 'output_padding', 'data_format', 'dilation_rate', 'activation', 'use_bias'];

/**
 * Keras' 2-D margins: p (all four), (rows, cols) (symmetric), or ((top, bottom), (left,
 * right)); as the IR's [top, bottom, left, right].
 */
function margins(a: LayerArgs, name: string, fallback: readonly [number, number, number, number]): readonly [number, number, number, number] | null {
  const arg = a.bound.get(name);
  if (!arg) return fallback;
  const v = arg.value;
  const int = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  if (int(v)) return [v, v, v, v];
  if (Array.isArray(v) && v.length === 2) {
    const [r, c] = v;
    if (int(r) && int(c)) return [r, r, c, c];
    if (Array.isArray(r) && Array.isArray(c) && r.length === 2 && c.length === 2 && [...r, ...c].every(int)) return [r[0] as number, r[1] as number, c[0] as number, c[1] as number];
  }
  if (isRef(v) && v.kind === 'unknown') a.fail(arg, 'unresolved', `ConvLab can't follow this call yet: ${a.layer}'s ${name} isn't a constant ConvLab can work out, so the layer is left out of the model.`);
  else a.fail(arg, 'invalidArgument', `${a.layer}'s ${name} must be an integer, a pair, or a pair of pairs of integers, got ${pyRepr(v)}.`, 'error');
  return null;
}

function activationLayer(activation: Activation, alpha?: number): LayerSpec {
  return alpha === undefined ? { kind: 'activation', activation } : { kind: 'activation', activation, alpha };
}

function merge(op: MergeSpec['op']): LayerDef {
  return { params: [], build: () => ({ kind: 'merge', op }) };
}

/** Keras' concatenation axis (channels-last, batch first) as the core's. */
export function kerasConcatAxis(a: LayerArgs): number | null {
  const arg = a.bound.get('axis');
  const axis = arg ? arg.value : -1;
  const core = typeof axis === 'number' ? coreConcatAxis(axis, 'keras') : undefined;
  if (core !== undefined) return core;
  a.fail(arg, 'unsupported', `ConvLab can't follow this concatenation yet: it joins channels (axis=-1) and the height or width of images, and axis=${pyRepr(axis ?? null)} is neither here.`);
  return null;
}

const GLOBAL_MAX: LayerDef = {
  params: ['data_format', 'keepdims'],
  build: (a) => (a.bool('keepdims', false) ? { kind: 'globalMaxPool2d', keepDims: true } : { kind: 'globalMaxPool2d' }),
};

const identity = (role: 'identity' | 'preprocessing' | 'augmentation'): LayerDef => ({ params: [], build: () => ({ kind: 'identity', role }) });

const AUGMENTATION = [
  'RandomFlip', 'RandomRotation', 'RandomZoom', 'RandomTranslation', 'RandomContrast', 'RandomBrightness', 'RandomCrop',
  'RandomHeight', 'RandomWidth', 'RandomGrayscale', 'RandomHue', 'RandomSaturation', 'RandomSharpness', 'RandomShear',
  'RandomColorJitter', 'RandomColorDegeneration', 'RandomPosterization', 'RandomInvert', 'RandomErasing', 'RandomGaussianBlur',
  'RandomPerspective', 'RandomElasticTransform', 'AutoContrast', 'Solarization', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout',
];

function normalization(variant: 'layer' | 'group'): LayerDef {
  return {
    params: variant === 'group' ? ['groups', 'axis', 'epsilon', 'center', 'scale'] : ['axis', 'epsilon', 'center', 'scale'],
    build: (a) => {
      const axis = a.value('axis');
      if (axis !== undefined && axis !== -1) a.note(a.bound.get('axis'), `ConvLab normalises over the last axis (channels): axis=${pyRepr(axis)} is not followed, so the parameter count may differ.`);
      const center = a.bool('center', true);
      const scale = a.bool('scale', true);
      if (center !== scale) a.note(undefined, `ConvLab counts ${a.layer} with both γ and β: with only one of them, Keras has half the parameters shown.`);
      const epsilon = a.number('epsilon', 0.001);
      return variant === 'group'
        ? { kind: 'normalization', variant, epsilon, affine: center || scale, groups: a.int('groups', 32) }
        : { kind: 'normalization', variant, epsilon, affine: center || scale };
    },
  };
}

export const KERAS_GRAPH_LAYERS: Readonly<Record<string, LayerDef>> = {
  DepthwiseConv2D: {
    params: DEPTHWISE_PARAMS,
    build: (a, host) => {
      channelsLastOnly(a);
      return {
        kind: 'depthwiseConv2d', depthMultiplier: a.int('depth_multiplier', 1), kernelSize: a.pair('kernel_size'), strides: a.pair('strides', [1, 1]),
        padding: padding(a), dilation: a.pair('dilation_rate', [1, 1]), useBias: a.bool('use_bias', true), activation: readActivation(a, 'activation', host).activation,
      };
    },
  },
  SeparableConv2D: {
    params: SEPARABLE_PARAMS,
    build: (a, host) => {
      channelsLastOnly(a);
      return {
        kind: 'separableConv2d', filters: a.int('filters'), depthMultiplier: a.int('depth_multiplier', 1), kernelSize: a.pair('kernel_size'),
        strides: a.pair('strides', [1, 1]), padding: padding(a), dilation: a.pair('dilation_rate', [1, 1]), useBias: a.bool('use_bias', true),
        activation: readActivation(a, 'activation', host).activation,
      };
    },
  },
  Conv2DTranspose: {
    params: TRANSPOSE_PARAMS,
    build: (a, host) => {
      channelsLastOnly(a);
      return {
        kind: 'conv2dTranspose', filters: a.int('filters'), kernelSize: a.pair('kernel_size'), strides: a.pair('strides', [1, 1]), padding: padding(a),
        // output_padding=None is [0, 0] in the IR (see resampleLayers.ts).
        outputPadding: a.optionalPair('output_padding') ?? [0, 0], dilation: a.pair('dilation_rate', [1, 1]), groups: 1,
        useBias: a.bool('use_bias', true), activation: readActivation(a, 'activation', host).activation,
      };
    },
  },
  UpSampling2D: {
    params: ['size', 'data_format', 'interpolation'],
    build: (a) => {
      channelsLastOnly(a);
      const interpolation = a.optionalString('interpolation') ?? 'nearest';
      if (interpolation !== 'nearest' && interpolation !== 'bilinear' && interpolation !== 'bicubic') {
        a.note(a.bound.get('interpolation'), `ConvLab shows ${interpolation} upsampling as nearest-neighbour: the shapes are the same.`);
      }
      const mode = interpolation === 'bilinear' || interpolation === 'bicubic' ? interpolation : 'nearest';
      return { kind: 'upSampling2d', scale: a.pair('size', [2, 2]), interpolation: mode };
    },
  },
  ZeroPadding2D: {
    params: ['padding', 'data_format'],
    build: (a) => {
      channelsLastOnly(a);
      const p = margins(a, 'padding', [1, 1, 1, 1]);
      return p ? { kind: 'padding2d', padding: p, mode: 'zeros' } : null;
    },
  },
  Cropping2D: {
    params: ['cropping', 'data_format'],
    build: (a) => {
      channelsLastOnly(a);
      const c = margins(a, 'cropping', [0, 0, 0, 0]);
      return c ? { kind: 'cropping2d', cropping: c } : null;
    },
  },
  GlobalMaxPooling2D: GLOBAL_MAX,
  GlobalMaxPool2D: GLOBAL_MAX,
  LayerNormalization: normalization('layer'),
  GroupNormalization: normalization('group'),
  LeakyReLU: {
    // Keras 3 calls the slope negative_slope (default 0.3); Keras 2 called it alpha.
    params: ['negative_slope'],
    build: (a) => activationLayer('leakyRelu', a.has('alpha') ? a.number('alpha') : a.number('negative_slope', 0.3)),
  },
  PReLU: {
    params: ['alpha_initializer', 'alpha_regularizer', 'alpha_constraint', 'shared_axes'],
    build: (a) => {
      const v = a.value('shared_axes');
      const axes = v === undefined || v === null ? [] : typeof v === 'number' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : null;
      if (axes === null) {
        a.fail(a.bound.get('shared_axes'), 'unresolved', 'ConvLab can\'t work out PReLU\'s shared_axes, so the layer is left out of the model.');
        return null;
      }
      // Keras' axes count the batch and put channels last: 1, 2 = height, width; 3 = channels.
      return { kind: 'prelu', sharedAxes: axes.map((x) => (x === 3 || x === -1 ? 0 : x)) };
    },
  },
  ThresholdedReLU: { params: ['theta'], build: (a) => (a.fail(undefined, 'unknownLayer', 'ConvLab doesn\'t model ThresholdedReLU yet: it is left out (it keeps the shape).'), null) },
  Add: merge('add'),
  Subtract: merge('subtract'),
  Multiply: merge('multiply'),
  Average: merge('average'),
  Maximum: merge('maximum'),
  Minimum: merge('minimum'),
  Concatenate: {
    params: ['axis'],
    build: (a) => {
      const axis = kerasConcatAxis(a);
      return axis === null ? null : { kind: 'merge', op: 'concatenate', axis };
    },
  },
  Rescaling: { params: ['scale', 'offset'], build: () => ({ kind: 'identity', role: 'preprocessing' }) },
  Normalization: { params: ['axis', 'mean', 'variance', 'invert'], build: () => ({ kind: 'identity', role: 'preprocessing', statefulNormalization: true }) },
  Resizing: {
    params: ['height', 'width', 'interpolation', 'crop_to_aspect_ratio'],
    build: (a) => ({ kind: 'resize', height: a.int('height'), width: a.int('width'), method: 'resize' }),
  },
  CenterCrop: { params: ['height', 'width'], build: (a) => ({ kind: 'resize', height: a.int('height'), width: a.int('width'), method: 'centerCrop' }) },
  Identity: identity('identity'),
  ...Object.fromEntries(AUGMENTATION.map((name) => [name, identity('augmentation')])),
};

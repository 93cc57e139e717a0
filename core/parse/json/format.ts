/**
 * ConvLab's own model format, `.convlab.json`: a model written as data, in the core's
 * conventions (shapes [channels, height, width]; dropout by its drop `rate`, or by the
 * lecture's keep probability `keepProb`). Defaults are Keras': stride 1, 'valid' padding,
 * a pool's strides equal to its size, 'linear' activation, bias on.
 *
 *   { "name": "Teaching CNN", "input": [1, 28, 28],
 *     "layers": [ { "type": "conv2d", "filters": 8, "kernelSize": 3, "activation": "relu" }, … ] }
 *
 * A graph (a residual add, a concatenation, two heads): a layer's "inputs" names the layers
 * it reads ("input" is the model's input), else it reads the layer before it, so a chain
 * needs none; a "merge" layer reads two or more. The model's "outputs" names the layers it
 * returns (default: the last). Files without either keep working as chains.
 *
 * A file holds one model, or several as { "models": [ … ] }. The JSON Schema that gives
 * the editor completion and validation is schemas/convlab.schema.json; the property table
 * below is what this parser checks, and a unit test keeps the two in step.
 */
import type { Activation, LayerKind } from '../../model/ir';

export type IntPair = number | readonly [number, number];

interface Named {
  readonly name?: string;
  /** The layers this one reads, by name ("input": the model's input). */
  readonly inputs?: readonly string[];
}

export interface ConvlabConv2D extends Named {
  readonly type: 'conv2d';
  readonly filters: number;
  readonly kernelSize: IntPair;
  readonly strides?: IntPair;
  readonly padding?: 'valid' | 'same' | IntPair;
  readonly dilation?: IntPair;
  readonly groups?: number;
  readonly useBias?: boolean;
  readonly activation?: Activation;
  readonly inChannels?: number;
  readonly convention?: 'crossCorrelation' | 'convolution';
}

export interface ConvlabPool2D extends Named {
  readonly type: 'maxPool2d' | 'avgPool2d';
  readonly poolSize: IntPair;
  readonly strides?: IntPair;
  readonly padding?: 'valid' | 'same' | IntPair;
}

export interface ConvlabGlobalAvgPool2D extends Named {
  readonly type: 'globalAvgPool2d';
  readonly keepDims?: boolean;
}

export interface ConvlabDense extends Named {
  readonly type: 'dense';
  readonly units: number;
  readonly activation?: Activation;
  readonly useBias?: boolean;
  readonly inFeatures?: number;
}

export interface ConvlabFlatten extends Named {
  readonly type: 'flatten';
}

/** Exactly one of rate (drop probability) and keepProb (the lecture's p = 1 − rate). */
export interface ConvlabDropout extends Named {
  readonly type: 'dropout';
  readonly rate?: number;
  readonly keepProb?: number;
  readonly granularity?: 'element' | 'channel';
}

export interface ConvlabActivation extends Named {
  readonly type: 'activation';
  readonly activation: Activation;
  /** With softmax: log-softmax. */
  readonly log?: boolean;
}

/** momentum in Keras' convention: the weight of the old moving statistic (default 0.99). */
export interface ConvlabBatchNorm extends Named {
  readonly type: 'batchNorm';
  readonly momentum?: number;
  readonly epsilon?: number;
  readonly numFeatures?: number;
}

export interface ConvlabLocallyConnected2D extends Named {
  readonly type: 'locallyConnected2d';
  readonly filters: number;
  readonly kernelSize: IntPair;
  readonly strides?: IntPair;
  readonly useBias?: boolean;
  readonly activation?: Activation;
}

export interface ConvlabReshape extends Named {
  readonly type: 'reshape';
  /** Without the batch, in the core's order; one −1 may be inferred. */
  readonly targetShape: readonly number[];
}

/** The layer types added for real models; their properties are LAYER_PROPERTIES' (names as in core/model/ir.ts). */
export interface ConvlabOtherLayer extends Named {
  readonly type: Exclude<LayerKind, ConvlabClassicLayer['type']>;
  readonly [property: string]: unknown;
}

type ConvlabClassicLayer =
  | ConvlabConv2D | ConvlabPool2D | ConvlabGlobalAvgPool2D | ConvlabDense | ConvlabFlatten | ConvlabDropout
  | ConvlabActivation | ConvlabBatchNorm | ConvlabLocallyConnected2D | ConvlabReshape;

export type ConvlabLayer = ConvlabClassicLayer | ConvlabOtherLayer;

export interface ConvlabModel {
  readonly $schema?: string;
  readonly name?: string;
  /** Without the batch: [channels, height, width] for images, [features] for vectors. */
  readonly input: readonly number[];
  readonly layers: readonly ConvlabLayer[];
  /** The layers whose values the model returns, by name (default: the last). */
  readonly outputs?: readonly string[];
}

export type ConvlabFile = ConvlabModel | { readonly $schema?: string; readonly models: readonly ConvlabModel[] };

/** How a property's value is checked. */
export type PropertyKind =
  | 'positiveInt' | 'int' | 'pair' | 'padding' | 'boolean' | 'activation' | 'probability' | 'number'
  | 'granularity' | 'convention' | 'shape' | 'string'
  /** Four sides [top, bottom, left, right], or one number for all, or [rows, columns]. */
  | 'sides'
  /** Non-negative integers per axis: one for both, or [rows, columns] (output padding). */
  | 'nonNegativePair'
  /** A positive number per axis: one for both, or [rows, columns] (scale factors). */
  | 'scale'
  /** Core axes a PReLU slope is shared along ([1, 2]: one per channel), or "all". */
  | 'axes'
  | 'mergeOp' | 'normVariant' | 'interpolation' | 'padMode' | 'poolOp' | 'identityRole' | 'resizeMethod';

export const ACTIVATIONS: readonly Activation[] = [
  'relu', 'elu', 'sigmoid', 'tanh', 'linear', 'softmax', 'relu6', 'leakyRelu', 'gelu', 'silu', 'hardSwish', 'hardSigmoid', 'softplus', 'selu', 'mish',
];

/** The strings each enumerated property kind takes. */
export const CHOICES: Readonly<Partial<Record<PropertyKind, readonly string[]>>> = {
  mergeOp: ['add', 'subtract', 'multiply', 'average', 'maximum', 'minimum', 'concatenate'],
  normVariant: ['instance', 'group', 'layer'],
  interpolation: ['nearest', 'bilinear', 'bicubic'],
  padMode: ['zeros', 'reflect', 'replicate', 'constant'],
  poolOp: ['avg', 'max'],
  identityRole: ['identity', 'preprocessing', 'augmentation'],
  resizeMethod: ['resize', 'centerCrop'],
};

/** Every layer type's properties (besides `type` and `name`), required ones marked. */
export const LAYER_PROPERTIES: Readonly<Record<LayerKind, Readonly<Record<string, { kind: PropertyKind; required?: true }>>>> = {
  conv2d: {
    filters: { kind: 'positiveInt', required: true }, kernelSize: { kind: 'pair', required: true }, strides: { kind: 'pair' },
    padding: { kind: 'padding' }, dilation: { kind: 'pair' }, groups: { kind: 'positiveInt' }, useBias: { kind: 'boolean' },
    activation: { kind: 'activation' }, inChannels: { kind: 'positiveInt' }, convention: { kind: 'convention' },
  },
  maxPool2d: { poolSize: { kind: 'pair', required: true }, strides: { kind: 'pair' }, padding: { kind: 'padding' } },
  avgPool2d: { poolSize: { kind: 'pair', required: true }, strides: { kind: 'pair' }, padding: { kind: 'padding' } },
  globalAvgPool2d: { keepDims: { kind: 'boolean' } },
  dense: { units: { kind: 'positiveInt', required: true }, activation: { kind: 'activation' }, useBias: { kind: 'boolean' }, inFeatures: { kind: 'positiveInt' } },
  flatten: {},
  dropout: { rate: { kind: 'probability' }, keepProb: { kind: 'probability' }, granularity: { kind: 'granularity' } },
  activation: { activation: { kind: 'activation', required: true }, log: { kind: 'boolean' } },
  batchNorm: { momentum: { kind: 'probability' }, epsilon: { kind: 'number' }, numFeatures: { kind: 'positiveInt' } },
  locallyConnected2d: {
    filters: { kind: 'positiveInt', required: true }, kernelSize: { kind: 'pair', required: true }, strides: { kind: 'pair' },
    useBias: { kind: 'boolean' }, activation: { kind: 'activation' },
  },
  reshape: { targetShape: { kind: 'shape', required: true } },
  globalMaxPool2d: { keepDims: { kind: 'boolean' } },
  depthwiseConv2d: {
    kernelSize: { kind: 'pair', required: true }, depthMultiplier: { kind: 'positiveInt' }, strides: { kind: 'pair' }, padding: { kind: 'padding' },
    dilation: { kind: 'pair' }, useBias: { kind: 'boolean' }, activation: { kind: 'activation' },
  },
  separableConv2d: {
    filters: { kind: 'positiveInt', required: true }, kernelSize: { kind: 'pair', required: true }, depthMultiplier: { kind: 'positiveInt' }, strides: { kind: 'pair' },
    padding: { kind: 'padding' }, dilation: { kind: 'pair' }, useBias: { kind: 'boolean' }, activation: { kind: 'activation' },
  },
  conv2dTranspose: {
    filters: { kind: 'positiveInt', required: true }, kernelSize: { kind: 'pair', required: true }, strides: { kind: 'pair' }, padding: { kind: 'padding' },
    outputPadding: { kind: 'nonNegativePair' }, dilation: { kind: 'pair' }, groups: { kind: 'positiveInt' }, useBias: { kind: 'boolean' },
    activation: { kind: 'activation' }, inChannels: { kind: 'positiveInt' },
  },
  upSampling2d: { scale: { kind: 'scale' }, size: { kind: 'pair' }, interpolation: { kind: 'interpolation' }, alignCorners: { kind: 'boolean' } },
  padding2d: { padding: { kind: 'sides', required: true }, mode: { kind: 'padMode' }, value: { kind: 'number' } },
  cropping2d: { cropping: { kind: 'sides', required: true } },
  normalization: {
    variant: { kind: 'normVariant', required: true }, epsilon: { kind: 'number' }, affine: { kind: 'boolean' }, groups: { kind: 'positiveInt' },
    numChannels: { kind: 'positiveInt' }, normalizedShape: { kind: 'shape' }, trackRunningStats: { kind: 'boolean' },
  },
  adaptivePool2d: { outputSize: { kind: 'pair', required: true }, op: { kind: 'poolOp' } },
  prelu: { sharedAxes: { kind: 'axes' } },
  identity: { role: { kind: 'identityRole' }, statefulNormalization: { kind: 'boolean' } },
  resize: { height: { kind: 'positiveInt', required: true }, width: { kind: 'positiveInt', required: true }, method: { kind: 'resizeMethod' } },
  merge: { op: { kind: 'mergeOp', required: true }, axis: { kind: 'int' } },
};

export const LAYER_TYPES = Object.keys(LAYER_PROPERTIES) as LayerKind[];

/**
 * ConvLab's own model format, `.convlab.json`: a model written as data, in the core's
 * conventions (shapes [channels, height, width]; dropout by its drop `rate`, or by the
 * lecture's keep probability `keepProb`). Defaults are Keras': stride 1, 'valid' padding,
 * a pool's strides equal to its size, 'linear' activation, bias on.
 *
 *   { "name": "Teaching CNN", "input": [1, 28, 28],
 *     "layers": [ { "type": "conv2d", "filters": 8, "kernelSize": 3, "activation": "relu" }, … ] }
 *
 * A file holds one model, or several as { "models": [ … ] }. The JSON Schema that gives
 * the editor completion and validation is schemas/convlab.schema.json; the property table
 * below is what this parser checks, and a unit test keeps the two in step.
 */
import type { Activation, LayerKind } from '../../model/ir';

export type IntPair = number | readonly [number, number];

interface Named {
  readonly name?: string;
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

export type ConvlabLayer =
  | ConvlabConv2D | ConvlabPool2D | ConvlabGlobalAvgPool2D | ConvlabDense | ConvlabFlatten | ConvlabDropout
  | ConvlabActivation | ConvlabBatchNorm | ConvlabLocallyConnected2D | ConvlabReshape;

export interface ConvlabModel {
  readonly $schema?: string;
  readonly name?: string;
  /** Without the batch: [channels, height, width] for images, [features] for vectors. */
  readonly input: readonly number[];
  readonly layers: readonly ConvlabLayer[];
}

export type ConvlabFile = ConvlabModel | { readonly $schema?: string; readonly models: readonly ConvlabModel[] };

/** How a property's value is checked. */
export type PropertyKind =
  | 'positiveInt' | 'int' | 'pair' | 'padding' | 'boolean' | 'activation' | 'probability' | 'number'
  | 'granularity' | 'convention' | 'shape' | 'string';

export const ACTIVATIONS: readonly Activation[] = ['relu', 'elu', 'sigmoid', 'tanh', 'linear', 'softmax'];

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
};

export const LAYER_TYPES = Object.keys(LAYER_PROPERTIES) as LayerKind[];

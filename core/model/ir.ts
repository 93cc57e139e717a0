/**
 * The model IR: what every model source (Keras code, PyTorch code, .convlab.json) is
 * parsed into, and what analysis, training and the views consume. Plain JSON-able data.
 *
 * Conventions inside the core:
 * - Shapes leave out the batch: an image tensor is [channels, height, width] (NCHW order),
 *   a vector is [features].
 * - Dropout is described by its *drop rate* (Keras' `rate`, PyTorch's `p`); the lecture's
 *   p is the *keep probability* = 1 − rate. Code that needs the lecture's p converts
 *   explicitly (see keepProbability()).
 * - Convolution layers compute cross-correlation, as Keras and PyTorch do, unless
 *   `convention: 'convolution'` asks for the textbook's flipped kernel.
 */

/** A range in the source file, 0-based lines and columns (as vscode.Range). */
export interface SourceRange {
  readonly startLine: number;
  readonly startCol: number;
  readonly endLine: number;
  readonly endCol: number;
}

export type Activation = 'relu' | 'elu' | 'sigmoid' | 'tanh' | 'linear' | 'softmax';

/** 'valid' (no padding), 'same' (output = ceil(input / stride)), or explicit [top/bottom, left/right]. */
export type Padding = 'valid' | 'same' | readonly [number, number];

export type Pair = readonly [number, number];

export interface Conv2DSpec {
  readonly kind: 'conv2d';
  readonly filters: number;
  readonly kernelSize: Pair;
  readonly strides: Pair;
  readonly padding: Padding;
  readonly dilation: Pair;
  readonly groups: number;
  readonly useBias: boolean;
  readonly activation: Activation;
  /** Input channels as written in the code (PyTorch's in_channels), checked by analysis. */
  readonly inChannels?: number;
  readonly convention?: 'crossCorrelation' | 'convolution';
}

export interface Pool2DSpec {
  readonly kind: 'maxPool2d' | 'avgPool2d';
  readonly poolSize: Pair;
  readonly strides: Pair;
  readonly padding: Padding;
}

export interface GlobalAvgPool2DSpec {
  readonly kind: 'globalAvgPool2d';
  /**
   * Keep the pooled axes as size 1: [C, 1, 1] (PyTorch's AdaptiveAvgPool2d(1), Keras'
   * keepdims=True) instead of [C] (Keras' default). Absent means [C].
   */
  readonly keepDims?: boolean;
}

export interface DenseSpec {
  readonly kind: 'dense';
  readonly units: number;
  readonly useBias: boolean;
  readonly activation: Activation;
  /** Input features as written in the code (PyTorch's in_features), checked by analysis. */
  readonly inFeatures?: number;
}

export interface FlattenSpec {
  readonly kind: 'flatten';
}

export interface DropoutSpec {
  readonly kind: 'dropout';
  /** The probability of dropping a unit (Keras' rate, PyTorch's p). Keep probability = 1 − rate. */
  readonly rate: number;
  /** 'element' drops single units; 'channel' drops whole feature maps (SpatialDropout2D, Dropout2d). */
  readonly granularity: 'element' | 'channel';
}

export interface ActivationSpec {
  readonly kind: 'activation';
  readonly activation: Activation;
  /**
   * With 'softmax': the log of the softmax (PyTorch's F.log_softmax / nn.LogSoftmax). Same
   * shape and no weights; paired with NLL loss it trains exactly as softmax cross-entropy.
   */
  readonly log?: boolean;
}

export interface BatchNormSpec {
  readonly kind: 'batchNorm';
  readonly momentum: number;
  readonly epsilon: number;
  /** Channels as written in the code (PyTorch's num_features), checked by analysis. */
  readonly numFeatures?: number;
}

/** Like conv2d, but every output position has its own weights (no parameter sharing). */
export interface LocallyConnected2DSpec {
  readonly kind: 'locallyConnected2d';
  readonly filters: number;
  readonly kernelSize: Pair;
  readonly strides: Pair;
  readonly useBias: boolean;
  readonly activation: Activation;
}

export interface ReshapeSpec {
  readonly kind: 'reshape';
  /** Without the batch; may hold one −1 to be inferred. */
  readonly targetShape: readonly number[];
}

export type LayerSpec =
  | Conv2DSpec
  | Pool2DSpec
  | GlobalAvgPool2DSpec
  | DenseSpec
  | FlattenSpec
  | DropoutSpec
  | ActivationSpec
  | BatchNormSpec
  | LocallyConnected2DSpec
  | ReshapeSpec;

export type LayerKind = LayerSpec['kind'];

export interface LayerIR {
  readonly spec: LayerSpec;
  /** The name in the code (PyTorch attribute, Keras name=) or a generated one. */
  readonly name: string;
  /** Where the layer is written, for hovers, diagnostics and "reveal in editor". */
  readonly range?: SourceRange;
  /**
   * Where the layer is applied to its input, when that is elsewhere than `range`: PyTorch's
   * `self.conv1(x)` in forward (the layer is written in __init__), or Keras' `conv(x)` of a
   * layer object made earlier. A layer applied twice appears twice, with one range each.
   */
  readonly appliedAt?: SourceRange;
}

export type ModelSource = 'keras' | 'pytorch' | 'convlab';

/**
 * Where a model's input shape came from: the code itself (Keras' Input(shape=…) or
 * input_shape=, a .convlab.json "input"), a `# convlab: input 1x28x28` comment, the caller's
 * setting, or nowhere ('unknown': inputShape is then []).
 */
export type InputShapeSource = 'code' | 'comment' | 'setting' | 'unknown';

export interface ModelIR {
  readonly name: string;
  /** Without the batch: [channels, height, width] for images, [features] for vectors. */
  readonly inputShape: readonly number[];
  readonly layers: readonly LayerIR[];
  readonly source?: ModelSource;
  readonly range?: SourceRange;
  readonly inputShapeSource?: InputShapeSource;
}

/** The lecture's p (keep probability) from a framework's drop rate. */
export function keepProbability(rate: number): number {
  return 1 - rate;
}

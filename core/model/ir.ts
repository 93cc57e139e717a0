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

/**
 * Element-wise activations. 'leakyRelu' takes ActivationSpec.alpha (Keras' negative_slope,
 * PyTorch's negative_slope; default 0.01 in PyTorch, 0.3 in Keras 2's LeakyReLU), 'elu' too
 * (default 1). 'silu' is Keras' swish; 'gelu' is the exact erf form unless `approximate`.
 */
export type Activation =
  | 'relu' | 'elu' | 'sigmoid' | 'tanh' | 'linear' | 'softmax'
  | 'relu6' | 'leakyRelu' | 'gelu' | 'silu' | 'hardSwish' | 'hardSigmoid' | 'softplus' | 'selu' | 'mish';

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
  /** PyTorch's ceil_mode: out = ⌈…⌉ + 1, but a window must start inside the (left-padded) input. */
  readonly ceilMode?: boolean;
  /** PyTorch's AvgPool2d count_include_pad (default true): padded zeros count in the mean. */
  readonly countIncludePad?: boolean;
}

export interface GlobalAvgPool2DSpec {
  /** Average (GlobalAveragePooling2D, AdaptiveAvgPool2d(1)) or max (GlobalMaxPooling2D, AdaptiveMaxPool2d(1)). */
  readonly kind: 'globalAvgPool2d' | 'globalMaxPool2d';
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
  /** leakyRelu's negative slope, elu's α (absent: the framework's default, see Activation). */
  readonly alpha?: number;
  /** gelu: the tanh approximation (PyTorch approximate='tanh', Keras approximate=True). */
  readonly approximate?: boolean;
}

export interface BatchNormSpec {
  readonly kind: 'batchNorm';
  readonly momentum: number;
  readonly epsilon: number;
  /** Channels as written in the code (PyTorch's num_features), checked by analysis. */
  readonly numFeatures?: number;
  /** Keras' scale=False / center=False (PyTorch's affine=False: both): no γ, no β. */
  readonly scale?: false;
  readonly center?: false;
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

/**
 * Keras' DepthwiseConv2D: one k×k kernel per input channel and multiplier, no mixing of
 * channels: out channels = C·depthMultiplier, params kh·kw·C·m (+ C·m bias). PyTorch writes
 * it as Conv2d(C, C·m, k, groups=C), which the reader keeps as a conv2d with groups.
 */
export interface DepthwiseConv2DSpec {
  readonly kind: 'depthwiseConv2d';
  readonly depthMultiplier: number;
  readonly kernelSize: Pair;
  readonly strides: Pair;
  readonly padding: Padding;
  readonly dilation: Pair;
  readonly useBias: boolean;
  readonly activation: Activation;
}

/**
 * Keras' SeparableConv2D: a depthwise k×k convolution (multiplier m) followed by a
 * pointwise 1×1 convolution to `filters` channels; params kh·kw·C·m + C·m·F (+ F bias).
 */
export interface SeparableConv2DSpec {
  readonly kind: 'separableConv2d';
  readonly filters: number;
  readonly depthMultiplier: number;
  readonly kernelSize: Pair;
  readonly strides: Pair;
  readonly padding: Padding;
  readonly dilation: Pair;
  readonly useBias: boolean;
  readonly activation: Activation;
}

/**
 * Transposed convolution (Conv2DTranspose, nn.ConvTranspose2d), the gradient of a
 * convolution with respect to its input. Output size per axis:
 *   PyTorch, padding p:  (in − 1)·s − 2p + d·(k − 1) + outputPadding + 1
 *   Keras 'valid':       (in − 1)·s + d·(k − 1) + 1   (+ outputPadding − … when given)
 *   Keras 'same':        in·s
 * Params: kh·kw·(C/groups)·F + F, the same count as the convolution it transposes.
 */
export interface Conv2DTransposeSpec {
  readonly kind: 'conv2dTranspose';
  readonly filters: number;
  readonly kernelSize: Pair;
  readonly strides: Pair;
  /** 'valid' / 'same' as Keras means them, or PyTorch's explicit padding [rows, cols]. */
  readonly padding: Padding;
  readonly outputPadding: Pair;
  readonly dilation: Pair;
  readonly groups: number;
  readonly useBias: boolean;
  readonly activation: Activation;
  /** PyTorch's in_channels as written, checked by analysis. */
  readonly inChannels?: number;
}

/**
 * UpSampling2D / nn.Upsample / F.interpolate: by a scale factor per axis, or to a fixed
 * output size [height, width]. No weights.
 */
export interface UpSampling2DSpec {
  readonly kind: 'upSampling2d';
  readonly scale?: Pair;
  readonly size?: Pair;
  readonly interpolation: 'nearest' | 'bilinear' | 'bicubic';
  readonly alignCorners?: boolean;
}

/** ZeroPadding2D, nn.ZeroPad2d, ReflectionPad2d, ReplicationPad2d, ConstantPad2d: [top, bottom, left, right]. */
export interface Padding2DSpec {
  readonly kind: 'padding2d';
  readonly padding: readonly [number, number, number, number];
  readonly mode: 'zeros' | 'reflect' | 'replicate' | 'constant';
  readonly value?: number;
}

/** Cropping2D: removes [top, bottom, left, right] rows and columns. */
export interface Cropping2DSpec {
  readonly kind: 'cropping2d';
  readonly cropping: readonly [number, number, number, number];
}

/**
 * Normalisations other than batch norm. All keep the shape.
 *   instance: per example and channel over H×W; affine → γ, β per channel (PyTorch's
 *             InstanceNorm2d default affine=False: no parameters).
 *   group:    per example over groups of channels; γ, β per channel.
 *   layer:    per example over `normalizedShape` (PyTorch's LayerNorm(shape), its trailing
 *             axes) or Keras' axis (default −1: the channels); γ, β over those axes.
 */
export interface NormalizationSpec {
  readonly kind: 'normalization';
  readonly variant: 'instance' | 'group' | 'layer';
  readonly epsilon: number;
  readonly affine: boolean;
  readonly groups?: number;
  /** Channels as written in the code (num_features, num_channels), checked by analysis. */
  readonly numChannels?: number;
  /** PyTorch LayerNorm's normalized_shape, as written (trailing axes, framework order). */
  readonly normalizedShape?: readonly number[];
  /** InstanceNorm2d(track_running_stats=True): running mean and variance as buffers. */
  readonly trackRunningStats?: boolean;
}

/** AdaptiveAvgPool2d / AdaptiveMaxPool2d to a fixed output size [height, width]. */
export interface AdaptivePool2DSpec {
  readonly kind: 'adaptivePool2d';
  readonly op: 'avg' | 'max';
  readonly outputSize: Pair;
}

/**
 * PReLU, a leaky ReLU whose slope is learned. Its slope is shared along `sharedAxes` (core
 * axes of the input without the batch: 0 = channels, 1 = height, 2 = width):
 *   Keras' default: none shared, one slope per element; PReLU(shared_axes=[1, 2]): per channel;
 *   PyTorch's nn.PReLU(): one slope in all ('all'); nn.PReLU(num_parameters=C): per channel.
 */
export interface PReLUSpec {
  readonly kind: 'prelu';
  readonly sharedAxes: readonly number[] | 'all';
}

/**
 * A layer that passes its input on unchanged at test time and has no trainable weights:
 * Keras' preprocessing and augmentation layers (Rescaling, RandomFlip, RandomRotation, …),
 * nn.Identity. `role` says which, for the views; Keras' Normalization keeps mean, variance
 * and count as non-trainable weights (2·C + 1).
 */
export interface IdentitySpec {
  readonly kind: 'identity';
  readonly role: 'identity' | 'preprocessing' | 'augmentation';
  readonly statefulNormalization?: boolean;
}

/** Resizing, CenterCrop and RandomCrop: an image to [height, width] (at test time). */
export interface ResizeSpec {
  readonly kind: 'resize';
  readonly height: number;
  readonly width: number;
  readonly method: 'resize' | 'centerCrop';
}

/**
 * Where paths meet: element-wise add, subtract, multiply, average, maximum, minimum
 * (every input the same shape), or concatenation along `axis` (a core axis of the input
 * without the batch: 0 is the channels of a [C, H, W] map and the features of a vector).
 */
export interface MergeSpec {
  readonly kind: 'merge';
  readonly op: 'add' | 'subtract' | 'multiply' | 'average' | 'maximum' | 'minimum' | 'concatenate';
  readonly axis?: number;
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
  | ReshapeSpec
  | DepthwiseConv2DSpec
  | SeparableConv2DSpec
  | Conv2DTransposeSpec
  | UpSampling2DSpec
  | Padding2DSpec
  | Cropping2DSpec
  | NormalizationSpec
  | AdaptivePool2DSpec
  | PReLUSpec
  | IdentitySpec
  | ResizeSpec
  | MergeSpec;

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
  /**
   * The graph: the nodes this one reads, as indices into ModelIR.layers (always earlier
   * ones: the list is in topological order) or INPUT_NODE (−1) for the model's input.
   * Absent means the one-path case: the previous layer (the input for the first layer).
   * A merge reads two or more; every other kind reads exactly one.
   */
  readonly inputs?: readonly number[];
  /**
   * False when the code freezes the layer (Keras' `base.trainable = False`, PyTorch's
   * `p.requires_grad = False` over its parameters): its weights count as non-trainable.
   */
  readonly trainable?: false;
  /**
   * When the code applies one layer object more than once (one `self.relu` in two places, a
   * Keras layer reused on two tensors): the index in ModelIR.layers of its first
   * application. The applications share the layer's weights; absent on the first.
   */
  readonly applicationOf?: number;
}

/** LayerIR.inputs' name for the model's input. */
export const INPUT_NODE = -1;

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
  /**
   * When the code leaves input sizes open (Keras' Input(shape=(None, None, 3)), a fully
   * convolutional model) and inputShape is therefore empty: the shape with null for each
   * open size. Parameters that do not depend on those sizes are still counted exactly.
   */
  readonly openInputShape?: readonly (number | null)[];
  readonly layers: readonly LayerIR[];
  readonly source?: ModelSource;
  readonly range?: SourceRange;
  readonly inputShapeSource?: InputShapeSource;
  /**
   * The nodes whose values the model returns, in order (a two-headed encoder returns two).
   * Absent means the last layer (or the input for a model without layers).
   */
  readonly outputs?: readonly number[];
  /**
   * What the reader could not follow and that may change the layers, shapes or counts:
   * a model with gaps is incomplete, its totals are lower bounds ("at least N").
   */
  readonly gaps?: readonly ModelGap[];
}

export interface ModelGap {
  readonly message: string;
  readonly range?: SourceRange;
}

/** The lecture's p (keep probability) from a framework's drop rate. */
export function keepProbability(rate: number): number {
  return 1 - rate;
}

/**
 * What model analysis reports, computed from the IR alone (nothing runs). Plain JSON-able
 * data: it crosses the worker boundary and is printed by `convlab summary --json`.
 *
 * Shapes leave out the batch and are in the core's order, [channels, height, width] for
 * images (see core/model/ir.ts); `displayShape` writes them in the framework's own order.
 * `null` always means "unknown": downstream of an error, or where the input size is unknown.
 */
import type { LayerKind, SourceRange } from '../model/ir';

export type Severity = 'error' | 'warning' | 'info';

export type DiagnosticCode =
  /** A window (kernel, pool) reaches past its padded input: the output size would be ≤ 0. */
  | 'kernelLargerThanInput'
  /** An output size ≤ 0 for any other reason (an empty input, a bad reshape target). */
  | 'nonPositiveOutput'
  /** Dense/Linear fed a feature map instead of a vector (no Flatten in between). */
  | 'denseOnFeatureMap'
  /** Declared in_features (PyTorch) differ from what the layer receives. */
  | 'inFeaturesMismatch'
  /** Declared in_channels (PyTorch) differ from what the layer receives. */
  | 'inChannelsMismatch'
  /** Declared num_features of a batch norm differ from the channels it receives. */
  | 'numFeaturesMismatch'
  /** The layer needs another rank (Conv2D on a vector, global pooling of a vector). */
  | 'rankMismatch'
  /** A setting no framework accepts (dropout rate ≥ 1, groups not dividing channels, …). */
  | 'invalidSetting'
  /** Reshape target whose size differs from its input's. */
  | 'reshapeMismatch'
  /** The model's input shape is invalid (a zero, a fraction). */
  | 'invalidInput'
  /** The model's input shape is not known (PyTorch code does not state it). */
  | 'unknownInput'
  /** A merge's inputs do not fit together (element-wise shapes differ, concat axes differ). */
  | 'mergeMismatch'
  /** The graph itself is malformed (a .convlab.json input that names a later layer). */
  | 'invalidGraph'
  /** The reader could not follow part of the model: the totals are lower bounds. */
  | 'incompleteModel';

export interface AnalysisDiagnostic {
  /** The layer the problem comes from; −1 for the model's input. */
  readonly layerIndex: number;
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  /** The layer's source range, copied from the IR, for diagnostics in the editor. */
  readonly range?: SourceRange;
}

/**
 * The receptive field along one axis, by the standard recurrence (Dumoulin & Visin 2016;
 * Araujo et al. 2019, "Computing receptive fields of convolutional neural networks"):
 *   size_out  = size_in + (k − 1)·d·jump_in
 *   jump_out  = jump_in · s
 *   start_out = start_in + ((k − 1)/2·d − pad_before)·jump_in
 * `start` is the input coordinate of the centre of the first output unit's field, in input
 * pixel indices (pixel i's centre is i), so unit u is centred on start + u·jump.
 */
export interface AxisReceptiveField {
  readonly size: number;
  readonly jump: number;
  readonly start: number;
}

export interface ReceptiveField {
  readonly rows: AxisReceptiveField;
  readonly cols: AxisReceptiveField;
  /** True once a layer mixes every position (Dense after Flatten, global pooling). */
  readonly global: boolean;
}

/** One axis of a window operation (conv, pool), with padding resolved to numbers. */
export interface AxisWindow {
  readonly inSize: number;
  readonly kernel: number;
  readonly stride: number;
  readonly dilation: number;
  readonly padBefore: number;
  readonly padAfter: number;
  readonly outSize: number;
  /** TF's 'same': out = ceil(in / stride), padding split with the extra pixel after. */
  readonly same: boolean;
  /** PyTorch's ceil_mode: the last window may hang past the padded edge (it must start inside). */
  readonly ceil?: boolean;
}

export interface ParamCount {
  readonly trainable: number;
  readonly nonTrainable: number;
  readonly total: number;
  /** The formula with this layer's numbers, e.g. "3·3·1·32 + 32 = 320"; null without weights. */
  readonly formula: string | null;
}

export interface DropoutInfo {
  /** Keras' rate, PyTorch's p. */
  readonly rate: number;
  /** The lecture's p = 1 − rate. */
  readonly keepProb: number;
  /** Units one mask covers: every element, or one per channel for channel-wise dropout. */
  readonly maskedUnits: number | null;
  readonly granularity: 'element' | 'channel';
}

export interface LayerAnalysis {
  readonly index: number;
  readonly name: string;
  readonly kind: LayerKind;
  /** The framework's name for the layer: Conv2D / nn.Conv2d, … */
  readonly type: string;
  /** The nodes this layer reads (indices into layers; −1 the model's input). */
  readonly inputs: readonly number[];
  /** Its (first) input's shape; a merge's every input is in `inputShapes`. */
  readonly inputShape: readonly number[] | null;
  readonly inputShapes?: readonly (readonly number[] | null)[];
  readonly outputShape: readonly number[] | null;
  /** Null when unknown (input unknown and no declared size to count from). */
  readonly params: ParamCount | null;
  /**
   * Multiply-adds per example: weight × input products (bias additions and activations are
   * not counted; batch norm counts one per element, its folded scale-and-shift at inference).
   */
  readonly macs: number | null;
  readonly receptiveField: ReceptiveField | null;
  /** Bytes of this layer's float32 output per example. */
  readonly activationBytes: number | null;
  /** The output-size arithmetic filled in: "⌊(28 + 2·0 − 1·(3 − 1) − 1) / 1⌋ + 1 = 26". */
  readonly outputSizeFormula: string | null;
  readonly window: { readonly rows: AxisWindow; readonly cols: AxisWindow } | null;
  readonly dropout: DropoutInfo | null;
  readonly diagnostics: readonly AnalysisDiagnostic[];
  /** The layer's source range, copied from the IR. */
  readonly range?: SourceRange;
}

export interface AnalysisTotals {
  /** Sums over the layers whose counts are known; see `complete`. */
  readonly params: number;
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
  /** float32 bytes of all parameters. */
  readonly paramBytes: number;
  readonly macs: number;
  /** float32 bytes of all layer outputs per example (the input not included). */
  readonly activationBytes: number;
  /**
   * False when some layer's parameters or multiply-adds are unknown, or the reader could
   * not follow part of the model (ModelIR.gaps): the sums are then lower bounds.
   */
  readonly complete: boolean;
}

export interface ModelAnalysis {
  readonly inputShape: readonly number[] | null;
  /** The first output's shape (the only one, in most models). */
  readonly outputShape: readonly number[] | null;
  /** The nodes the model returns, and their shapes: two for a two-headed model. */
  readonly outputs: readonly number[];
  readonly outputShapes: readonly (readonly number[] | null)[];
  readonly layers: readonly LayerAnalysis[];
  readonly totals: AnalysisTotals;
  /** Every diagnostic, model-level ones (layerIndex −1) first, then in layer order. */
  readonly diagnostics: readonly AnalysisDiagnostic[];
}

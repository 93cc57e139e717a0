/**
 * The first dense layer's weights as images. When a dense layer reads a flattened image,
 * each unit's incoming weight vector has one weight per pixel of that image; reshaped back
 * to C×H×W it shows what the unit looks for — the "templates" of an MNIST classifier.
 *
 * Which weight belongs to which pixel depends on how the image was flattened:
 * - ConvLab's core (like PyTorch's `torch.flatten` / `nn.Flatten` of an NCHW tensor) reads
 *   channel by channel: feature index = (c·H + h)·W + w. The core's Flatten does this for
 *   every model, Keras ones included (core/layers/reshape.ts), and the weights ConvLab
 *   shows are its own (initialised or trained in its worker), so the lab uses this order.
 * - Keras flattens its NHWC tensors pixel by pixel: feature index = (h·W + w)·C + c. Weights
 *   trained by Keras itself behind a Flatten need this order ('channelsLast').
 * The two agree when C = 1: an MNIST image is the same 784 numbers either way.
 *
 * And the kernel's own layout: the core keeps [units, inFeatures] (PyTorch's Linear.weight),
 * Keras' Dense kernel is [inFeatures, units].
 */
import type { ModelIR } from '../model/ir';
import type { ModelAnalysis } from './types';

/** ConvLab's images are 1×28×28; a model whose input is a vector of 784 reads them flattened row by row. */
const VIEW_IMAGE: readonly [number, number, number] = [1, 28, 28];

export interface DenseImageInput {
  /** The dense layer's index in the model. */
  readonly layerIndex: number;
  readonly name: string;
  readonly units: number;
  /** [C, H, W]: the image whose flattening the layer reads. */
  readonly imageShape: readonly [number, number, number];
  /** The Flatten (or Reshape to a vector) that made the image a vector, or −1 for a vector input that is ConvLab's 28×28 image. */
  readonly flattenedAt: number;
}

/** Layers between the flatten and the dense that keep every feature in its place (element-wise). */
const ELEMENTWISE = new Set(['dropout', 'activation', 'batchNorm']);

/**
 * The first dense layer, when its input is a flattened image: a Flatten of C×H×W with only
 * element-wise layers (dropout, activation, batch norm) in between, or a vector input of
 * 784 values (an MLP on MNIST). Null otherwise, and when the shapes are not known.
 */
export function firstDenseOnImage(model: ModelIR, analysis: ModelAnalysis): DenseImageInput | null {
  const d = model.layers.findIndex((l) => l.spec.kind === 'dense');
  if (d < 0) return null;
  const spec = model.layers[d]!.spec;
  if (spec.kind !== 'dense') return null;
  const found = (imageShape: readonly number[], flattenedAt: number): DenseImageInput | null => {
    const [c, h, w] = imageShape;
    const inFeatures = analysis.layers[d]?.inputShape;
    if (imageShape.length !== 3 || !c || !h || !w || inFeatures?.length !== 1 || inFeatures[0] !== c * h * w) return null;
    return { layerIndex: d, name: model.layers[d]!.name, units: spec.units, imageShape: [c, h, w], flattenedAt };
  };
  for (let j = d - 1; j >= 0; j--) {
    const kind = model.layers[j]!.spec.kind;
    if (ELEMENTWISE.has(kind)) continue;
    if (kind !== 'flatten' && kind !== 'reshape') return null;
    const layer = analysis.layers[j];
    if (!layer?.inputShape || layer.outputShape?.length !== 1) return null;
    return found(layer.inputShape, j);
  }
  const input = analysis.inputShape;
  const size = VIEW_IMAGE[0] * VIEW_IMAGE[1] * VIEW_IMAGE[2];
  return input?.length === 1 && input[0] === size ? found(VIEW_IMAGE, -1) : null;
}

export type FlattenOrder = 'channelsFirst' | 'channelsLast';

export interface UnitImagesOptions {
  /** 'unitsFirst' = [units, inFeatures] (the core, PyTorch); 'inputsFirst' = [inFeatures, units] (Keras). */
  readonly layout?: 'unitsFirst' | 'inputsFirst';
  readonly order?: FlattenOrder;
  readonly firstUnit?: number;
  /** How many units from firstUnit (clipped to the layer). */
  readonly count?: number;
}

/**
 * Units' incoming weights reshaped to images: out[u][c][h][w] (channels first, the way the
 * lab draws them), for units firstUnit … firstUnit + count − 1.
 */
export function unitImages(kernel: ArrayLike<number>, units: number, imageShape: readonly [number, number, number], options: UnitImagesOptions = {}): Float32Array {
  const [C, H, W] = imageShape;
  const features = C * H * W;
  if (!(Number.isInteger(units) && units > 0) || kernel.length !== units * features) {
    throw new RangeError(`a dense kernel of ${units} units over a ${C}×${H}×${W} image has ${units * features} weights, got ${kernel.length}`);
  }
  const first = Math.max(0, Math.min(units, options.firstUnit ?? 0));
  const count = Math.max(0, Math.min(units - first, options.count ?? units));
  const unitsFirst = (options.layout ?? 'unitsFirst') === 'unitsFirst';
  const channelsLast = options.order === 'channelsLast';
  const out = new Float32Array(count * features);
  for (let u = 0; u < count; u++) {
    const unit = first + u;
    for (let c = 0; c < C; c++) {
      for (let h = 0; h < H; h++) {
        for (let w = 0; w < W; w++) {
          const feature = channelsLast ? (h * W + w) * C + c : (c * H + h) * W + w;
          const at = unitsFirst ? unit * features + feature : feature * units + unit;
          out[((u * C + c) * H + h) * W + w] = kernel[at]!;
        }
      }
    }
  }
  return out;
}

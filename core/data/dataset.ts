/**
 * One shape for every dataset ConvLab trains on (MNIST from the shipped asset, the
 * procedural ones drawn on the fly), so that training, the views and the CLI never ask
 * where the images came from.
 *
 * Images are flat Float32Arrays in NCHW order, [count, C, H, W], scaled to [0, 1]; labels
 * are class indices 0 … numClasses−1. A split owns its arrays: the helpers here copy, so a
 * split can be transferred to a worker without taking a larger one with it.
 */
import { Random } from '../random';

/** [channels, height, width], as the model IR writes input shapes. */
export type ImageShape = readonly [number, number, number];

export interface DataSplit {
  /** [count, C, H, W] in NCHW order, values in [0, 1]. */
  readonly images: Float32Array;
  /** One class index per image. */
  readonly labels: Uint8Array;
  readonly count: number;
  /**
   * [count, H, W]: 1 where the image's figure is, 0 on the background (procedural images
   * know where they drew): the targets of a segmentation model such as a U-Net.
   */
  readonly masks?: Uint8Array;
}

/**
 * A split whose images are still bytes, 0–255 for [0, 1] (MNIST as stored): what a pool
 * of workers shares — one SharedArrayBuffer, or one uint8 copy per worker, never a Float32
 * copy of 220 MB per worker. Training scales each batch as it fills it (core/train/batches.ts).
 */
export interface ByteSplit {
  /** [count, C, H, W] bytes; value v means v/255. */
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
  /** As DataSplit's masks. */
  readonly masks?: Uint8Array;
}

/** What fit and evaluate take: float images, or bytes scaled as batches fill. */
export type TrainingSplit = DataSplit | ByteSplit;

/** How many values the split holds (C·H·W per image). */
export function valuesOf(split: TrainingSplit): number {
  return 'pixels' in split ? split.pixels.length : split.images.length;
}

export interface Dataset {
  readonly name: string;
  readonly inputShape: ImageShape;
  readonly numClasses: number;
  /** classNames[label] says what a label means ('7', 'vertical', 'circle'). */
  readonly classNames: readonly string[];
  readonly train: DataSplit;
  readonly test: DataSplit;
}

/** A model's [C, H, W] input, for procedural images drawn at its size; undefined for other ranks. */
export function imageShapeOf(inputShape: readonly number[]): ImageShape | undefined {
  return inputShape.length === 3 ? [inputShape[0]!, inputShape[1]!, inputShape[2]!] : undefined;
}

/** C·H·W: the number of floats one image takes. */
export function imageSize(shape: ImageShape): number {
  return shape[0] * shape[1] * shape[2];
}

/** The images at the given indices, in that order, copied into a new split. */
export function selectImages(split: DataSplit, indices: ArrayLike<number>, shape: ImageShape): DataSplit {
  const size = imageSize(shape);
  if (split.images.length !== split.count * size) {
    throw new RangeError(`split holds ${split.images.length} floats, not ${split.count} images of ${shape.join('×')}`);
  }
  const n = indices.length;
  const images = new Float32Array(n * size);
  const labels = new Uint8Array(n);
  const plane = shape[1] * shape[2];
  const masks = split.masks ? new Uint8Array(n * plane) : undefined;
  for (let i = 0; i < n; i++) {
    const j = indices[i]!;
    if (!(j >= 0 && j < split.count)) throw new RangeError(`index ${j} outside 0…${split.count - 1}`);
    images.set(split.images.subarray(j * size, (j + 1) * size), i * size);
    labels[i] = split.labels[j]!;
    masks?.set(split.masks!.subarray(j * plane, (j + 1) * plane), i * plane);
  }
  return { images, labels, count: n, ...(masks ? { masks } : {}) };
}

/** The first n images (all of them if n ≥ count): the deterministic subset, as MNIST's own order. */
export function firstImages(split: DataSplit, n: number, shape: ImageShape): DataSplit {
  const m = Math.max(0, Math.min(n, split.count));
  return selectImages(split, rangeOf(0, m), shape);
}

/** n images drawn without replacement, in random order, replayable from the seed. */
export function randomSubset(split: DataSplit, n: number, shape: ImageShape, seed: number): DataSplit {
  const m = Math.max(0, Math.min(n, split.count));
  return selectImages(split, new Random(seed).permutation(split.count).subarray(0, m), shape);
}

export interface ValidationSplitOptions {
  /** The fraction held out for validation, in [0, 1) (Keras' validation_split). */
  readonly validationFraction: number;
  /**
   * Without a seed the validation set is the *last* fraction of the images in their order,
   * exactly as Keras' validation_split takes it (before any shuffling). With a seed the
   * images are shuffled first, which is what one wants when the order is sorted by class.
   */
  readonly seed?: number;
}

/** Splits a training split into the part that trains and the part that validates. */
export function trainValidationSplit(
  split: DataSplit,
  shape: ImageShape,
  options: ValidationSplitOptions,
): { readonly train: DataSplit; readonly validation: DataSplit } {
  const f = options.validationFraction;
  if (!(f >= 0 && f < 1)) throw new RangeError(`validationFraction must be in [0, 1), got ${f}`);
  // Keras: split_at = int(n * (1 - validation_split)); the validation set is x[split_at:].
  const splitAt = Math.floor(split.count * (1 - f));
  const order = options.seed === undefined ? rangeOf(0, split.count) : new Random(options.seed).permutation(split.count);
  return {
    train: selectImages(split, order.subarray(0, splitAt), shape),
    validation: selectImages(split, order.subarray(splitAt), shape),
  };
}

/** How many images of each class: a quick check that a subset is not lopsided. */
export function classCounts(split: DataSplit, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < split.count; i++) {
    const label = split.labels[i]!;
    if (label >= numClasses) throw new RangeError(`label ${label} at image ${i} is not below ${numClasses}`);
    counts[label]! += 1;
  }
  return counts;
}

function rangeOf(start: number, end: number): Uint32Array {
  const r = new Uint32Array(end - start);
  for (let i = 0; i < r.length; i++) r[i] = start + i;
  return r;
}

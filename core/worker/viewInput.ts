/**
 * The one image a view runs through the network: an MNIST test digit, a procedural image
 * (bars, shapes), or pixels the learner drew, at the model's own input shape. Procedural
 * images are drawn at that shape; a digit and a drawing (28×28, grey) are resized to the
 * model's height and width bilinearly (the map of ../ops/resample, as Keras' Resizing) and
 * repeated over its channels. Every value is in [0, 1]. A model whose input is a flat
 * vector of 784 takes the 28×28 image as it is.
 */
import { PROCEDURAL_DATASETS } from '../data/procedural';
import type { ModelIR } from '../model/ir';
import { planeMap, resampleForward } from '../ops/resample';
import { bilinearAxis } from '../ops/resampleAxes';
import { sizeOf, shapeToString } from '../tensor';
import type { WorkerData } from './trainJob';

export type ImageSource =
  | { readonly kind: 'mnist' | 'bars' | 'shapes'; readonly index: number }
  | { readonly kind: 'pixels'; readonly pixels: Float32Array };

export interface ViewImage {
  /** [C, H, W] of the model's input (or the 784 of a flat one). */
  readonly pixels: Float32Array;
  /** The class the dataset gives the image; null for a drawing. */
  readonly label: string | null;
}

export const VIEW_IMAGE_SIZE = 28;
/** Procedural images are drawn on demand, image 0 … index; the index is kept small so that stays instant. */
export const MAX_PROCEDURAL_INDEX = 999;
/** The procedural images a view picks from are the test split of this seed, so index i is always the same picture. */
const PROCEDURAL_SEED = 7;
/** The largest image a view draws and runs: a side of 256 (ImageNet's 224 fits), up to 4 channels. */
export const MAX_VIEW_SIDE = 256;
export const MAX_VIEW_CHANNELS = 4;

/** [C, H, W] a view's images take for this input shape, or null when views cannot feed it. */
export function viewShapeOf(inputShape: readonly number[]): readonly [number, number, number] | null {
  if (inputShape.length === 1 && inputShape[0] === VIEW_IMAGE_SIZE * VIEW_IMAGE_SIZE) return [1, VIEW_IMAGE_SIZE, VIEW_IMAGE_SIZE];
  if (inputShape.length !== 3) return null;
  const [c, h, w] = inputShape as [number, number, number];
  const side = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= MAX_VIEW_SIDE;
  return Number.isInteger(c) && c >= 1 && c <= MAX_VIEW_CHANNELS && side(h) && side(w) ? [c, h, w] : null;
}

/** Why views cannot feed this input shape, or null. */
export function viewInputRefusal(inputShape: readonly number[]): string | null {
  if (viewShapeOf(inputShape) !== null) return null;
  if (inputShape.length === 0) return 'its input shape is unknown';
  return `its input ${shapeToString(inputShape)} is not an image ConvLab can draw (1–${MAX_VIEW_CHANNELS} channels, sides up to ${MAX_VIEW_SIDE}, or a flat 784)`;
}

/** A 28×28 grey image at [C, H, W]: resized bilinearly, repeated over the channels. */
function fitGrey(grey: Float32Array, shape: readonly [number, number, number]): Float32Array {
  const [c, h, w] = shape;
  const plane = h === VIEW_IMAGE_SIZE && w === VIEW_IMAGE_SIZE
    ? grey
    : (() => {
      const map = planeMap(bilinearAxis(VIEW_IMAGE_SIZE, h, false), bilinearAxis(VIEW_IMAGE_SIZE, w, false), 'sum');
      const out = new Float32Array(h * w);
      resampleForward(map, 1, grey, out, null);
      return out;
    })();
  const pixels = new Float32Array(c * h * w);
  for (let k = 0; k < c; k++) pixels.set(plane, k * h * w);
  return pixels;
}

export function viewImage(source: ImageSource, data: WorkerData, inputShape: readonly number[] = [1, VIEW_IMAGE_SIZE, VIEW_IMAGE_SIZE]): ViewImage {
  const shape = viewShapeOf(inputShape);
  if (shape === null) throw new RangeError(viewInputRefusal(inputShape) ?? 'this input cannot be drawn');
  const size = VIEW_IMAGE_SIZE * VIEW_IMAGE_SIZE;
  if (source.kind === 'pixels') {
    if (source.pixels.length !== size) throw new RangeError(`a drawn image has ${size} pixels, got ${source.pixels.length}`);
    return { pixels: fitGrey(Float32Array.from(source.pixels, (v) => Math.min(1, Math.max(0, v))), shape), label: null };
  }
  const index = source.index;
  if (source.kind === 'mnist') {
    const mnist = data.mnist;
    if (!mnist) throw new Error('MNIST is not loaded in the worker yet (the host sends it with the loadMnist job)');
    if (!(Number.isInteger(index) && index >= 0 && index < mnist.test.count)) throw new RangeError(`MNIST test images are numbered 0…${mnist.test.count - 1}, got ${index}`);
    const grey = Float32Array.from(mnist.test.pixels.subarray(index * size, (index + 1) * size), (v) => v / 255);
    return { pixels: fitGrey(grey, shape), label: String(mnist.test.labels[index]) };
  }
  if (!(Number.isInteger(index) && index >= 0 && index <= MAX_PROCEDURAL_INDEX)) throw new RangeError(`procedural images are numbered 0…${MAX_PROCEDURAL_INDEX}, got ${index}`);
  const dataset = PROCEDURAL_DATASETS[source.kind]({ trainCount: 0, testCount: index + 1, seed: PROCEDURAL_SEED, shape });
  const n = sizeOf(shape);
  return { pixels: dataset.test.images.slice(index * n, (index + 1) * n), label: dataset.classNames[dataset.test.labels[index]!] ?? null };
}

/** Throws unless a view can feed this model an image. */
export function checkViewInput(model: ModelIR): void {
  const why = viewInputRefusal(model.inputShape);
  if (why !== null) throw new RangeError(`this model cannot be shown: ${why}`);
}

/**
 * The one image a view runs through the network: an MNIST test digit, a procedural image
 * (bars, shapes), or pixels the learner drew. Every source is 1×28×28 in [0, 1].
 */
import { PROCEDURAL_DATASETS } from '../data/procedural';
import type { ModelIR } from '../model/ir';
import { sizeOf, shapeToString } from '../tensor';
import type { WorkerData } from './trainJob';

export type ImageSource =
  | { readonly kind: 'mnist' | 'bars' | 'shapes'; readonly index: number }
  | { readonly kind: 'pixels'; readonly pixels: Float32Array };

export interface ViewImage {
  readonly pixels: Float32Array;
  /** The class the dataset gives the image; null for a drawing. */
  readonly label: string | null;
}

export const VIEW_IMAGE_SIZE = 28;
/** Procedural images are drawn on demand, image 0 … index; the index is kept small so that stays instant. */
export const MAX_PROCEDURAL_INDEX = 999;
/** The procedural images a view picks from are the test split of this seed, so index i is always the same picture. */
const PROCEDURAL_SEED = 7;

export function viewImage(source: ImageSource, data: WorkerData): ViewImage {
  const size = VIEW_IMAGE_SIZE * VIEW_IMAGE_SIZE;
  if (source.kind === 'pixels') {
    if (source.pixels.length !== size) throw new RangeError(`a drawn image has ${size} pixels, got ${source.pixels.length}`);
    return { pixels: Float32Array.from(source.pixels, (v) => Math.min(1, Math.max(0, v))), label: null };
  }
  const index = source.index;
  if (source.kind === 'mnist') {
    const mnist = data.mnist;
    if (!mnist) throw new Error('MNIST is not loaded in the worker yet (the host sends it with the loadMnist job)');
    if (!(Number.isInteger(index) && index >= 0 && index < mnist.test.count)) throw new RangeError(`MNIST test images are numbered 0…${mnist.test.count - 1}, got ${index}`);
    const pixels = Float32Array.from(mnist.test.pixels.subarray(index * size, (index + 1) * size), (v) => v / 255);
    return { pixels, label: String(mnist.test.labels[index]) };
  }
  if (!(Number.isInteger(index) && index >= 0 && index <= MAX_PROCEDURAL_INDEX)) throw new RangeError(`procedural images are numbered 0…${MAX_PROCEDURAL_INDEX}, got ${index}`);
  const dataset = PROCEDURAL_DATASETS[source.kind]({ trainCount: 0, testCount: index + 1, seed: PROCEDURAL_SEED });
  return { pixels: dataset.test.images.slice(index * size, (index + 1) * size), label: dataset.classNames[dataset.test.labels[index]!] ?? null };
}

/** The images are 28×28 with one channel: a model whose input holds another number of values cannot take them. */
export function checkViewInput(model: ModelIR): void {
  const size = VIEW_IMAGE_SIZE * VIEW_IMAGE_SIZE;
  if (model.inputShape.length === 0 || sizeOf(model.inputShape) !== size) {
    throw new RangeError(`this model takes ${model.inputShape.length ? shapeToString(model.inputShape) : 'an unknown'} input; ConvLab's images are 1×28×28`);
  }
}

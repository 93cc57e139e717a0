/**
 * One epoch on a real dataset: the figure a learner feels ("how long until my CNN has seen
 * every digit once, and how good is it then?"). Shuffles with ConvLab's seeded generator,
 * trains in mini-batches through a Classifier, then measures test accuracy.
 */
import { performance } from 'node:perf_hooks';
import type { Dataset } from '../../core/data/dataset';
import { imageSize } from '../../core/data/dataset';
import { Random } from '../../core/random';
import type { Classifier } from './system';
import { BATCH, LEARNING_RATE } from './system';

export interface EpochResult {
  /** Wall time of the training pass (every training image once, forward, backward, update). */
  readonly trainSeconds: number;
  /** Wall time of predicting the whole test set afterwards. */
  readonly testSeconds: number;
  readonly testAccuracy: number;
  /** Mean of the batches' training losses over the epoch. */
  readonly meanTrainLoss: number;
  readonly trainImages: number;
  readonly testImages: number;
}

export interface EpochOptions {
  readonly batchSize?: number;
  /** Seeds both the initial weights and the shuffle. */
  readonly seed?: number;
  /** Plain SGD's step size (default LEARNING_RATE). */
  readonly learningRate?: number;
  /** Called after each training batch with the images seen so far. */
  readonly onBatch?: (seen: number, loss: number) => void;
}

export function runEpoch(model: Classifier, data: Dataset, options: EpochOptions = {}): EpochResult {
  const batchSize = options.batchSize ?? BATCH;
  const seed = options.seed ?? 0;
  const size = imageSize(data.inputShape);
  const { train, test } = data;
  model.reset(seed, options.learningRate ?? LEARNING_RATE);
  const order = new Random(seed).permutation(train.count);
  // One batch buffer, filled in place for every step.
  const images = new Float32Array(batchSize * size);
  const labels = new Uint8Array(batchSize);

  const trainStart = performance.now();
  let lossSum = 0;
  let batches = 0;
  for (let start = 0; start < train.count; start += batchSize) {
    const n = Math.min(batchSize, train.count - start);
    for (let i = 0; i < n; i++) {
      const j = order[start + i]!;
      images.set(train.images.subarray(j * size, (j + 1) * size), i * size);
      labels[i] = train.labels[j]!;
    }
    const loss = model.trainStep(images, labels, n);
    if (!Number.isFinite(loss)) throw new Error(`training diverged: loss ${loss} at image ${start}`);
    lossSum += loss;
    batches++;
    options.onBatch?.(start + n, loss);
  }
  const trainSeconds = (performance.now() - trainStart) / 1000;

  const testStart = performance.now();
  const predicted = new Uint8Array(batchSize);
  let correct = 0;
  for (let start = 0; start < test.count; start += batchSize) {
    const n = Math.min(batchSize, test.count - start);
    model.predict(test.images.subarray(start * size, (start + n) * size), n, predicted);
    for (let i = 0; i < n; i++) if (predicted[i] === test.labels[start + i]) correct++;
  }
  const testSeconds = (performance.now() - testStart) / 1000;

  return {
    trainSeconds,
    testSeconds,
    testAccuracy: test.count > 0 ? correct / test.count : NaN,
    meanTrainLoss: batches > 0 ? lossSum / batches : NaN,
    trainImages: train.count,
    testImages: test.count,
  };
}

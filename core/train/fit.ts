/**
 * Training as Keras' model.fit does it: epochs of shuffled mini-batches (the last one may
 * be smaller), one optimiser step per batch, loss and accuracy per epoch on the training
 * data (the running mean over the epoch's batches, as Keras reports it) and on a validation
 * set (evaluated after the epoch, in inference mode), and early stopping between epochs.
 *
 * It runs inside the worker: progress goes out through callbacks, and `checkpoint` — which
 * yields to the worker's event loop so a cancel message can arrive, and throws if one has —
 * is awaited every `yieldEveryMs` so that yielding costs next to nothing.
 */
import { valuesOf, type TrainingSplit } from '../data/dataset';
import type { Network } from '../network';
import { createOptimizer, type OptimizerConfig } from '../optim';
import { Random } from '../random';
import { sizeOf } from '../tensor';
import { BatchFeeder, countCorrect, identityOrder } from './batches';
import { countCorrectPixels, type SegmentationTargets } from './segmentation';
import { EarlyStopping, type EarlyStoppingOptions, type TrainEndReport } from './earlyStopping';

export interface EpochLog {
  /** Counted from 0, as Keras counts. */
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly val_loss?: number;
  readonly val_accuracy?: number;
  readonly seconds: number;
  /** Early stopping's view of this epoch, when it is on. */
  readonly improved?: boolean;
}

export interface BatchLog {
  readonly epoch: number;
  readonly batch: number;
  readonly batches: number;
  /** Running mean over the epoch so far. */
  readonly loss: number;
  readonly accuracy: number;
  readonly examplesSeen: number;
}

export interface FitOptions {
  readonly epochs: number;
  readonly optimizer: OptimizerConfig;
  /** Seeds the shuffling (weights and masks are seeded when the network is built). */
  readonly seed?: number;
  readonly shuffle?: boolean;
  readonly validation?: TrainingSplit;
  readonly earlyStopping?: EarlyStoppingOptions;
  readonly onBatchEnd?: (log: BatchLog) => void;
  readonly onEpochEnd?: (log: EpochLog) => void;
  readonly checkpoint?: () => Promise<void>;
  readonly yieldEveryMs?: number;
  /** A map output's per-pixel targets (core/train/segmentation); accuracy is then per pixel. */
  readonly segmentation?: SegmentationTargets;
}

export interface FitResult {
  readonly history: readonly EpochLog[];
  /** The epoch early stopping stopped at, or null. */
  readonly stoppedEpoch: number | null;
  readonly bestEpoch: number | null;
  /** Whose weights the network holds now, when early stopping restored the best. */
  readonly restoredEpoch: number | null;
  readonly seconds: number;
}

export interface Evaluation {
  readonly loss: number;
  readonly accuracy: number;
}

function classesOf(net: Network, segmentation: SegmentationTargets | undefined): number {
  if (segmentation) return segmentation.channels;
  if (net.outputShape.length !== 1) throw new RangeError(`training on class labels needs a [classes] output, got [${net.outputShape.join(', ')}]`);
  return net.outputShape[0]!;
}

/** Correct predictions in a batch: examples, or pixels for a map output. */
function correctIn(net: Network, classes: number, n: number, split: TrainingSplit, order: ArrayLike<number>, start: number, targets: Float32Array, seg: SegmentationTargets | undefined): number {
  return seg ? countCorrectPixels(net.output, seg, n, targets) : countCorrect(net.output, classes, n, split, order, start);
}

function checkSplit(net: Network, split: TrainingSplit, what: string): void {
  const size = sizeOf(net.inputShape);
  if (valuesOf(split) !== split.count * size) {
    throw new RangeError(`the ${what} images have ${valuesOf(split) / Math.max(1, split.count)} values each; the model's input [${net.inputShape.join(', ')}] takes ${size}`);
  }
}

function feederFor(net: Network, segmentation?: SegmentationTargets): BatchFeeder {
  const classes = classesOf(net, segmentation);
  return new BatchFeeder(net.capacity, sizeOf(net.inputShape), !segmentation && net.loss === 'meanSquaredError' ? classes : null, segmentation ?? null);
}

/** Loss and accuracy in inference mode (dropout off, batch norm on its moving statistics). */
export function evaluate(net: Network, split: TrainingSplit, feeder?: BatchFeeder, segmentation?: SegmentationTargets): Evaluation {
  checkSplit(net, split, 'evaluation');
  const classes = classesOf(net, segmentation);
  const feed = feeder ?? feederFor(net, segmentation);
  const perExample = segmentation ? segmentation.pixels : 1;
  const order = identityOrder(split.count);
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < split.count; start += net.capacity) {
    const n = Math.min(net.capacity, split.count - start);
    net.setBatchSize(n);
    const batch = feed.fill(split, order, start, n);
    net.forward(batch.images, false);
    lossSum += net.computeLoss(batch.targets) * n;
    correct += correctIn(net, classes, n, split, order, start, batch.targets, segmentation);
  }
  net.setBatchSize(net.capacity);
  return { loss: lossSum / Math.max(1, split.count), accuracy: correct / Math.max(1, split.count * perExample) };
}

export async function fit(net: Network, train: TrainingSplit, options: FitOptions): Promise<FitResult> {
  checkSplit(net, train, 'training');
  if (options.validation) checkSplit(net, options.validation, 'validation');
  if (!(Number.isInteger(options.epochs) && options.epochs >= 0)) throw new RangeError(`epochs must be a whole number ≥ 0, got ${options.epochs}`);
  const seg = options.segmentation;
  const classes = classesOf(net, seg);
  const perExample = seg ? seg.pixels : 1;
  const params = net.params().filter((p) => p.trainable);
  const optimizer = createOptimizer(params, options.optimizer);
  const rng = new Random(options.seed ?? 0);
  const feeder = feederFor(net, seg);
  const order = identityOrder(train.count);
  const batches = Math.ceil(train.count / net.capacity);
  const yieldEveryMs = options.yieldEveryMs ?? 50;

  // Restoring the best weights copies every parameter (trainable or not: batch norm's
  // moving statistics belong to the model that was best).
  const all = net.params();
  const stopper = options.earlyStopping
    ? new EarlyStopping<Float32Array[]>(options.earlyStopping, {
        snapshot: () => all.map((p) => p.value.slice()),
        restore: (s) => all.forEach((p, i) => p.value.set(s[i]!)),
      })
    : null;

  const history: EpochLog[] = [];
  const began = Date.now();
  let end: TrainEndReport | undefined;
  let lastYield = Date.now();
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const epochBegan = Date.now();
      if (options.shuffle ?? true) rng.shuffle(order);
      let lossSum = 0;
      let correct = 0;
      let seen = 0;
      for (let b = 0; b < batches; b++) {
        const start = b * net.capacity;
        const n = Math.min(net.capacity, train.count - start);
        net.setBatchSize(n);
        const batch = feeder.fill(train, order, start, n);
        net.forward(batch.images, true);
        lossSum += net.computeLoss(batch.targets) * n;
        correct += correctIn(net, classes, n, train, order, start, batch.targets, seg);
        seen += n;
        net.backward();
        optimizer.step();
        options.onBatchEnd?.({ epoch, batch: b, batches, loss: lossSum / seen, accuracy: correct / (seen * perExample), examplesSeen: seen });
        if (options.checkpoint && Date.now() - lastYield >= yieldEveryMs) {
          await options.checkpoint();
          lastYield = Date.now();
        }
      }
      net.setBatchSize(net.capacity);
      const val = options.validation ? evaluate(net, options.validation, feeder, seg) : undefined;
      const logs = {
        epoch,
        loss: lossSum / seen,
        accuracy: correct / (seen * perExample),
        ...(val ? { val_loss: val.loss, val_accuracy: val.accuracy } : {}),
      };
      const decision = stopper?.onEpochEnd(epoch, logs);
      const log: EpochLog = { ...logs, seconds: (Date.now() - epochBegan) / 1000, ...(decision ? { improved: decision.improved } : {}) };
      history.push(log);
      options.onEpochEnd?.(log);
      if (decision?.stop) break;
    }
  } finally {
    // Also on cancellation: restore the best epoch's weights rather than half-trained ones.
    net.setBatchSize(net.capacity);
    end = stopper?.onTrainEnd();
  }
  return {
    history,
    stoppedEpoch: end?.stoppedEpoch ?? null,
    bestEpoch: end?.bestEpoch ?? null,
    restoredEpoch: end?.restoredEpoch ?? null,
    seconds: (Date.now() - began) / 1000,
  };
}

/**
 * The worker's training job: builds the network from the IR, draws the dataset, trains
 * with fit() and answers with the history, the test evaluation and the trained weights
 * (Float32Arrays, transferred to the host). Batch progress is throttled to a few messages
 * a second; every epoch is reported.
 */
import { imageShapeOf, type Dataset, type ImageShape } from '../data/dataset';
import { mnistDataset, type MnistArchive } from '../data/mnist';
import { PROCEDURAL_DATASETS } from '../data/procedural';
import type { ModelIR } from '../model/ir';
import { Network } from '../network';
import type { LossKind } from '../ops/losses';
import type { OptimizerConfig } from '../optim';
import type { EarlyStoppingOptions } from '../train/earlyStopping';
import { evaluate, fit, type BatchLog, type EpochLog, type Evaluation } from '../train/fit';
import { trainValidationSplit } from '../data/dataset';
import type { JobContext } from './loop';
import { segmentationOf, type SegmentationTargets } from '../train/segmentation';
import { weightsOf, type TrainedWeight } from './weights';

export type DatasetName = 'mnist' | 'bars' | 'shapes';

export interface DatasetRequest {
  readonly name: DatasetName;
  readonly trainCount?: number;
  readonly testCount?: number;
  /** Draws the subset (MNIST) or the images (procedural). */
  readonly seed?: number;
}

export interface TrainRequest {
  readonly model: ModelIR;
  readonly dataset: DatasetRequest;
  readonly epochs: number;
  readonly batchSize: number;
  readonly optimizer: OptimizerConfig;
  /** Seeds the weights, the dropout masks and the shuffling. */
  readonly seed: number;
  /** Held out of the training images for validation (Keras' validation_split); 0 validates on the test set. */
  readonly validationFraction?: number;
  readonly earlyStopping?: EarlyStoppingOptions;
  /** Default: softmax cross-entropy for a softmax output, else mean squared error (see Network). */
  readonly loss?: LossKind;
  /** Send the weights with every epoch's progress, so the views can show them change. */
  readonly epochWeights?: boolean;
}

export type { TrainedWeight } from './weights';

export interface TrainReply {
  readonly history: readonly EpochLog[];
  readonly stoppedEpoch: number | null;
  readonly bestEpoch: number | null;
  readonly restoredEpoch: number | null;
  readonly test: Evaluation;
  readonly trainCount: number;
  readonly testCount: number;
  readonly seconds: number;
  readonly weights: readonly TrainedWeight[];
}

export type TrainProgress =
  | ({ readonly type: 'batch' } & BatchLog)
  | ({ readonly type: 'epoch'; readonly weights?: readonly TrainedWeight[] } & EpochLog);

/** What the worker keeps between jobs: MNIST once the host has sent its bytes. */
export interface WorkerData {
  mnist: MnistArchive | undefined;
}

export function loadDataset(request: DatasetRequest, data: WorkerData, shape?: ImageShape): Dataset {
  if (request.name === 'mnist') {
    if (!data.mnist) throw new Error('MNIST is not loaded in the worker yet (the host sends it with the loadMnist job)');
    return mnistDataset(data.mnist, { trainCount: request.trainCount, testCount: request.testCount, seed: request.seed });
  }
  const make = PROCEDURAL_DATASETS[request.name];
  if (!make) throw new Error(`unknown dataset "${String(request.name)}"`);
  // Bars and shapes are drawn at the model's own input size and channels (a CIFAR-style 3×32×32 too).
  return make({ trainCount: request.trainCount, testCount: request.testCount, seed: request.seed, ...(shape ? { shape } : {}) });
}

const PROGRESS_EVERY_MS = 200;

/** A map output (a U-Net's) trains on the dataset's masks; a vector output on its labels. */
export function segmentationFor(net: Network, dataset: Dataset): SegmentationTargets | undefined {
  if (net.outputShape.length === 1) return undefined;
  const seg = segmentationOf(net.outputShape, net.inputShape, dataset.numClasses);
  if (typeof seg === 'string') throw new RangeError(`ConvLab cannot train this model on ${dataset.name}: ${seg}`);
  if (!dataset.train.masks) throw new RangeError(`a map output trains on images whose figures are known (bars, shapes), not on ${dataset.name}`);
  return seg;
}

export async function trainJob(request: TrainRequest, ctx: JobContext<TrainProgress>, data: WorkerData): Promise<TrainReply> {
  const dataset = loadDataset(request.dataset, data, imageShapeOf(request.model.inputShape));
  const net = Network.fromIR(request.model, { batchSize: request.batchSize, seed: request.seed, ...(request.loss ? { loss: request.loss } : {}) });
  const f = request.validationFraction ?? 0;
  const { train, validation } = f > 0
    ? trainValidationSplit(dataset.train, dataset.inputShape, { validationFraction: f, seed: request.seed })
    : { train: dataset.train, validation: dataset.test };
  let lastProgress = 0;
  const segmentation = segmentationFor(net, dataset);
  const result = await fit(net, train, {
    ...(segmentation ? { segmentation } : {}),
    epochs: request.epochs,
    optimizer: request.optimizer,
    seed: request.seed,
    validation,
    earlyStopping: request.earlyStopping,
    checkpoint: () => ctx.checkpoint(),
    onBatchEnd: (log) => {
      const now = Date.now();
      if (now - lastProgress < PROGRESS_EVERY_MS && log.batch !== log.batches - 1) return;
      lastProgress = now;
      ctx.progress({ type: 'batch', ...log });
    },
    onEpochEnd: (log) => ctx.progress({ type: 'epoch', ...log, ...(request.epochWeights ? { weights: weightsOf(net) } : {}) }),
  });
  return {
    ...result,
    test: evaluate(net, dataset.test, undefined, segmentation),
    trainCount: train.count,
    testCount: dataset.test.count,
    weights: weightsOf(net),
  };
}

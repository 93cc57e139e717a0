/**
 * The lecture's depth experiment: for num_layers in range(25), a Sequential of Flatten,
 * num_layers × Dense(512, elu), Dense(num_classes, softmax), compiled with Adam and
 * categorical cross-entropy, fitted with batch 256 for up to 100 epochs with
 *   EarlyStopping(monitor="val_loss", min_delta=0, patience=5, restore_best_weights=True)
 * and validation on the test set, then evaluated on the training and the test data. The
 * plot of accuracy against depth shows that more layers are not simply better.
 *
 * This module builds the model IR and the training settings for each depth, and runs the
 * loop over depths with a training function it is given — the worker passes one that
 * trains in the worker, the tests one that trains a small subset here (fitDepthRun does the
 * training on data it is handed; core/ never reads files). Results stream out per depth,
 * and depths already done (kept from before a reload) are skipped.
 */
import { analyseModel } from '../analysis';
import type { TrainingSplit } from '../data/dataset';
import type { LayerIR, ModelIR } from '../model/ir';
import { Network } from '../network';
import type { OptimizerConfig } from '../optim';
import type { EarlyStoppingOptions } from '../train/earlyStopping';
import { evaluate, fit, type EpochLog } from '../train/fit';

export interface DepthDataset {
  readonly name: 'mnist' | 'bars' | 'shapes';
  /** Images to train on; undefined = all (MNIST's 60,000). */
  readonly trainCount?: number;
  /** Validation (and test) images; undefined = all (MNIST's 10,000). */
  readonly testCount?: number;
  /** Draws the subset (MNIST) or the images (procedural). */
  readonly seed?: number;
}

export interface DepthSettings {
  /** Hidden layer counts to try; the lecture's range(25) is 0…24. */
  readonly depths: readonly number[];
  readonly units: number;
  readonly activation: 'elu';
  readonly classes: number;
  /** x_train[0].shape: MNIST's (28, 28), no channel axis. */
  readonly inputShape: readonly number[];
  readonly dataset: DepthDataset;
  readonly epochs: number;
  readonly batchSize: number;
  readonly optimizer: OptimizerConfig;
  readonly loss: 'categorical_crossentropy';
  readonly earlyStopping: EarlyStoppingOptions;
  /** Seeds each depth's weights and shuffling (the same for every depth: only depth differs). */
  readonly seed: number;
}

/** Keras' defaults for compile(optimizer='adam'): learning rate 0.001, β1 0.9, β2 0.999, ε 1e-7. */
const KERAS_ADAM: OptimizerConfig = { type: 'adam', learningRate: 0.001 };
const LECTURE_EARLY_STOPPING: EarlyStoppingOptions = { monitor: 'val_loss', minDelta: 0, patience: 5, restoreBestWeights: true };

/** The lecture's setting in full: 25 depths, all of MNIST, up to 100 epochs (hours on a laptop). */
export const LECTURE_DEPTH_SETTINGS: DepthSettings = {
  depths: Array.from({ length: 25 }, (_, i) => i),
  units: 512,
  activation: 'elu',
  classes: 10,
  inputShape: [28, 28],
  dataset: { name: 'mnist' },
  epochs: 100,
  batchSize: 256,
  optimizer: KERAS_ADAM,
  loss: 'categorical_crossentropy',
  earlyStopping: LECTURE_EARLY_STOPPING,
  seed: 0,
};

/**
 * Scaled down to about a minute on one core: five depths, a 2,048-image subset of MNIST
 * (512 to validate), at most 10 epochs. Everything else — the layers, Adam, the loss, the
 * batch of 256 and early stopping with patience 5 — is the lecture's.
 */
export const QUICK_DEPTH_SETTINGS: DepthSettings = {
  ...LECTURE_DEPTH_SETTINGS,
  depths: [0, 1, 2, 4, 8],
  dataset: { name: 'mnist', trainCount: 2048, testCount: 512, seed: 0 },
  epochs: 10,
};

/** The model of one depth, as the lecture's loop builds it. */
export function depthModel(depth: number, settings: Pick<DepthSettings, 'units' | 'activation' | 'classes' | 'inputShape'> = LECTURE_DEPTH_SETTINGS): ModelIR {
  if (!(Number.isInteger(depth) && depth >= 0)) throw new RangeError(`depth must be a whole number ≥ 0, got ${depth}`);
  const layers: LayerIR[] = [{ name: 'flatten', spec: { kind: 'flatten' } }];
  for (let l = 0; l < depth; l++) {
    layers.push({ name: l === 0 ? 'dense' : `dense_${l}`, spec: { kind: 'dense', units: settings.units, useBias: true, activation: settings.activation } });
  }
  layers.push({ name: depth === 0 ? 'dense' : `dense_${depth}`, spec: { kind: 'dense', units: settings.classes, useBias: true, activation: 'softmax' } });
  return { name: `depth_${depth}`, inputShape: settings.inputShape, layers, source: 'keras' };
}

/** What one depth's training reports: the lecture's model.evaluate on train and test, after fit. */
export interface DepthTrainOutcome {
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  readonly validLoss: number;
  readonly validAccuracy: number;
  readonly history: readonly EpochLog[];
  readonly stoppedEpoch: number | null;
  readonly bestEpoch: number | null;
  readonly seconds: number;
}

export interface DepthResult extends DepthTrainOutcome {
  readonly depth: number;
  readonly params: number;
}

export interface DepthExperimentResult {
  readonly settings: DepthSettings;
  /** In the order of settings.depths (kept ones included). */
  readonly results: readonly DepthResult[];
  /** The depth with the best validation accuracy. */
  readonly bestDepth: number | null;
}

export type DepthTrainer = (model: ModelIR, settings: DepthSettings) => Promise<DepthTrainOutcome>;

export interface DepthRunOptions {
  readonly train: DepthTrainer;
  /** Called as each depth finishes (the view plots it at once; the host stores it). */
  readonly onResult?: (result: DepthResult, done: number, total: number) => void;
  /** Results kept from an earlier run with the same settings: their depths are not trained again. */
  readonly previous?: readonly DepthResult[];
  /** Checked between depths: true stops the loop (the trainer cancels within a depth itself). */
  readonly cancelled?: () => boolean;
}

export async function runDepthExperiment(settings: DepthSettings, options: DepthRunOptions): Promise<DepthExperimentResult> {
  const kept = new Map((options.previous ?? []).map((r) => [r.depth, r]));
  const results: DepthResult[] = [];
  for (const depth of settings.depths) {
    if (options.cancelled?.()) break;
    let result = kept.get(depth);
    if (!result) {
      const model = depthModel(depth, settings);
      const outcome = await options.train(model, settings);
      result = { depth, params: analyseModel(model).totals.params, ...outcome };
      options.onResult?.(result, results.length + 1, settings.depths.length);
    }
    results.push(result);
  }
  let bestDepth: number | null = null;
  let best = -Infinity;
  for (const r of results) {
    if (r.validAccuracy > best) {
      best = r.validAccuracy;
      bestDepth = r.depth;
    }
  }
  return { settings, results, bestDepth };
}

/** The loss ConvLab trains with for the lecture's categorical_crossentropy on a softmax output. */
export function lossKindOf(settings: Pick<DepthSettings, 'loss'>): 'softmaxCrossEntropy' {
  if (settings.loss !== 'categorical_crossentropy') throw new RangeError(`unknown loss ${String(settings.loss)}`);
  return 'softmaxCrossEntropy';
}

/**
 * A trainer for runDepthExperiment over data already in memory: builds the network,
 * fits it as the lecture's model.fit does (validation_data = the test split, early
 * stopping on val_loss), then evaluates on both splits as its model.evaluate calls do.
 */
export function fitDepthRun(
  data: { readonly train: TrainingSplit; readonly test: TrainingSplit },
  hooks: { readonly checkpoint?: () => Promise<void>; readonly onEpochEnd?: (log: EpochLog) => void } = {},
): DepthTrainer {
  return async (model, settings) => {
    const net = Network.fromIR(model, { batchSize: settings.batchSize, seed: settings.seed, loss: lossKindOf(settings) });
    const began = Date.now();
    const r = await fit(net, data.train, {
      epochs: settings.epochs,
      optimizer: settings.optimizer,
      seed: settings.seed,
      validation: data.test,
      earlyStopping: settings.earlyStopping,
      ...(hooks.checkpoint ? { checkpoint: hooks.checkpoint } : {}),
      ...(hooks.onEpochEnd ? { onEpochEnd: hooks.onEpochEnd } : {}),
    });
    const train = evaluate(net, data.train);
    const valid = evaluate(net, data.test);
    return {
      trainLoss: train.loss,
      trainAccuracy: train.accuracy,
      validLoss: valid.loss,
      validAccuracy: valid.accuracy,
      history: r.history,
      stoppedEpoch: r.stoppedEpoch,
      bestEpoch: r.bestEpoch,
      seconds: (Date.now() - began) / 1000,
    };
  };
}

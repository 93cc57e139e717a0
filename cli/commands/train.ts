/**
 * `convlab train <model>`: trains a model on a dataset with the same core the worker uses
 * (core/network.ts, core/train/fit.ts), printing one line per epoch and the final test
 * accuracy. With --json the epoch lines go to stderr and stdout's last line is the result.
 */
import { analyseModel } from '../../core/analysis/analyse';
import { imageShapeOf, trainValidationSplit } from '../../core/data/dataset';
import { shapeToString } from '../../core/tensor';
import { Network } from '../../core/network';
import type { OptimizerConfig } from '../../core/optim';
import { evaluate, fit } from '../../core/train/fit';
import { segmentationFor } from '../../core/worker/trainJob';
import type { CommandSpec, ParsedArgs } from '../args';
import { intOption, UsageError } from '../args';
import { DATASET_NAMES, isDatasetName, loadDataset } from '../datasets';
import { loadModel } from '../models';

function numberOption(args: ParsedArgs, name: string): number | undefined {
  const raw = args.values[name];
  if (raw === undefined) return undefined;
  const x = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(x)) throw new UsageError(`--${name} needs a number, got '${String(raw)}'`);
  return x;
}

function optimizerOf(args: ParsedArgs): OptimizerConfig {
  const name = args.values['optimizer'] ?? 'adam';
  const lr = numberOption(args, 'lr');
  const learningRate = lr === undefined ? {} : { learningRate: lr };
  if (name === 'adam') return { type: 'adam', ...learningRate };
  if (name === 'sgd') return { type: 'sgd', ...learningRate, momentum: numberOption(args, 'momentum') ?? 0 };
  throw new UsageError(`--optimizer is adam or sgd, got '${String(name)}'`);
}

export const trainCommand: CommandSpec = {
  name: 'train',
  positionals: '<model>',
  summary: 'train a model on MNIST or a procedural dataset and report the test accuracy',
  options: {
    dataset: { type: 'string', description: `${DATASET_NAMES.join(' | ')} (default mnist)` },
    epochs: { type: 'string', description: 'epochs (default 1)' },
    seed: { type: 'string', description: 'seed of the weights, the shuffle and any subset (default 0)' },
    'batch-size': { type: 'string', description: 'mini-batch size (default 64)' },
    optimizer: { type: 'string', description: "adam (Keras' defaults) or sgd (default adam)" },
    lr: { type: 'string', description: "learning rate (default: the optimiser's Keras default)" },
    momentum: { type: 'string', description: 'SGD momentum (default 0)' },
    'validation-split': { type: 'string', description: "fraction of the training set held out, as Keras' validation_split (default 0)" },
    'train-count': { type: 'string', description: 'training images to use (default: all)' },
    'test-count': { type: 'string', description: 'test images to use (default: all)' },
    mnist: { type: 'string', description: 'path of the MNIST asset (default: dist/data/mnist.bin.gz)' },
  },
  async run(args, io) {
    if (args.positionals.length !== 1) throw new UsageError('train takes one model');
    const datasetName = typeof args.values['dataset'] === 'string' ? args.values['dataset'] : 'mnist';
    if (!isDatasetName(datasetName)) throw new UsageError(`--dataset is one of ${DATASET_NAMES.join(', ')}, got '${datasetName}'`);
    const seed = intOption(args, 'seed', 0);
    const epochs = intOption(args, 'epochs', 1);
    const batchSize = intOption(args, 'batch-size', 64);
    if (batchSize < 1) throw new UsageError('--batch-size must be at least 1');
    const validationFraction = numberOption(args, 'validation-split') ?? 0;
    const optimizer = optimizerOf(args);
    const { model } = await loadModel(args.positionals[0]!);

    const data = await loadDataset(datasetName, {
      seed,
      ...(args.values['train-count'] !== undefined ? { trainCount: intOption(args, 'train-count', 0) } : {}),
      ...(args.values['test-count'] !== undefined ? { testCount: intOption(args, 'test-count', 0) } : {}),
      ...(typeof args.values['mnist'] === 'string' ? { mnistPath: args.values['mnist'] } : {}),
      ...(imageShapeOf(model.inputShape) ? { shape: imageShapeOf(model.inputShape)! } : {}),
    });
    // Same number of values is enough: a Keras (28, 28) input takes MNIST's 1×28×28 images as they are.
    if (model.inputShape.reduce((a, b) => a * b, 1) !== data.inputShape.reduce((a, b) => a * b, 1)) {
      throw new Error(`model '${model.name}' takes ${shapeToString(model.inputShape)}, the ${data.name} images are ${shapeToString(data.inputShape)}`);
    }
    // Class labels: softmax cross-entropy, on a softmax output or on linear logits. A map
    // output (a U-Net) learns where the figure is instead, pixel by pixel, from the masks.
    const mapOutput = analyseModel(model).outputShape?.length === 3;
    const net = Network.fromIR(model, { batchSize, seed, ...(mapOutput ? {} : { loss: 'softmaxCrossEntropy' as const }) });
    const segmentation = mapOutput ? segmentationFor(net, data) : undefined;
    // A 10-way model learns the 4 bar classes on its first 4 outputs; fewer outputs than classes cannot.
    if (!segmentation && (net.outputShape.length !== 1 || net.outputShape[0]! < data.numClasses)) throw new Error(`model '${model.name}' outputs ${shapeToString(net.outputShape)}, ${data.name} has ${data.numClasses} classes`);
    const { train, validation } = validationFraction > 0
      ? trainValidationSplit(data.train, data.inputShape, { validationFraction })
      : { train: data.train, validation: undefined };

    const progress = args.json ? io.err : io.out;
    progress(`training '${model.name}' on ${data.name}${segmentation ? ' (where each figure is, pixel by pixel)' : ''}: ${train.count} images${validation ? `, ${validation.count} for validation` : ''}, ${epochs} epoch(s), ${optimizer.type}, batch ${batchSize}`);
    const result = await fit(net, train, {
      ...(segmentation ? { segmentation } : {}),
      epochs,
      optimizer,
      seed,
      ...(validation ? { validation } : {}),
      onEpochEnd: (log) => progress(
        `epoch ${log.epoch + 1}/${epochs}: loss ${log.loss.toFixed(4)}, accuracy ${(100 * log.accuracy).toFixed(2)} %` +
        (log.val_accuracy !== undefined ? `, val_loss ${log.val_loss!.toFixed(4)}, val_accuracy ${(100 * log.val_accuracy).toFixed(2)} %` : '') +
        `, ${log.seconds.toFixed(1)} s`),
    });
    const test = evaluate(net, data.test, undefined, segmentation);
    if (args.json) {
      io.out(JSON.stringify({ model: model.name, dataset: data.name, trainImages: train.count, testImages: data.test.count, history: result.history, seconds: result.seconds, testLoss: test.loss, testAccuracy: test.accuracy }));
    } else {
      io.out(`test: loss ${test.loss.toFixed(4)}, accuracy ${(100 * test.accuracy).toFixed(2)} % on ${data.test.count} images (${result.seconds.toFixed(1)} s of training)`);
    }
    return 0;
  },
};

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseModel } from '../../../core/analysis';
import { barsDataset } from '../../../core/data/procedural';
import {
  depthModel, fitDepthRun, LECTURE_DEPTH_SETTINGS, QUICK_DEPTH_SETTINGS, runDepthExperiment, type DepthResult, type DepthSettings, type DepthTrainOutcome,
} from '../../../core/lessons';

test("the lecture's setting: depths 0…24, Dense(512, elu), Adam, batch 256, ≤ 100 epochs, EarlyStopping(val_loss, patience 5, restore)", () => {
  const s = LECTURE_DEPTH_SETTINGS;
  assert.deepEqual(s.depths, Array.from({ length: 25 }, (_, i) => i));
  assert.equal(s.units, 512);
  assert.equal(s.activation, 'elu');
  assert.equal(s.batchSize, 256);
  assert.equal(s.epochs, 100);
  assert.equal(s.loss, 'categorical_crossentropy');
  assert.deepEqual(s.optimizer, { type: 'adam', learningRate: 0.001 });
  assert.deepEqual(s.earlyStopping, { monitor: 'val_loss', minDelta: 0, patience: 5, restoreBestWeights: true });
  assert.deepEqual(s.inputShape, [28, 28], "x_train[0].shape: MNIST's (28, 28)");
  assert.equal(s.dataset.trainCount, undefined, 'all of MNIST');
  const q = QUICK_DEPTH_SETTINGS;
  assert.deepEqual(q.depths, [0, 1, 2, 4, 8]);
  assert.ok(q.dataset.trainCount! <= 4096 && q.epochs <= 10);
  assert.deepEqual([q.units, q.batchSize, q.earlyStopping], [s.units, s.batchSize, s.earlyStopping], 'only the scale changes');
});

test('the model of a depth: Flatten, depth × Dense(512, elu), Dense(10, softmax) — 7,850 parameters at 0, 669,706 at 2', () => {
  const zero = depthModel(0);
  assert.deepEqual(zero.layers.map((l) => l.name), ['flatten', 'dense']);
  assert.equal(analyseModel(zero).totals.params, 784 * 10 + 10);
  const two = depthModel(2);
  assert.deepEqual(two.layers.map((l) => [l.name, l.spec.kind === 'dense' ? [l.spec.units, l.spec.activation] : null]), [
    ['flatten', null], ['dense', [512, 'elu']], ['dense_1', [512, 'elu']], ['dense_2', [10, 'softmax']],
  ]);
  assert.equal(analyseModel(two).totals.params, 784 * 512 + 512 + 512 * 512 + 512 + 512 * 10 + 10);
  assert.equal(analyseModel(depthModel(24)).layers.length, 26);
  assert.throws(() => depthModel(-1), RangeError);
});

const stubOutcome = (acc: number): DepthTrainOutcome => ({ trainLoss: 1 - acc, trainAccuracy: acc, validLoss: 1 - acc, validAccuracy: acc, history: [], stoppedEpoch: null, bestEpoch: 0, seconds: 0 });

test('runDepthExperiment trains each depth in order, streams results, skips kept depths and stops when cancelled', async () => {
  const settings: DepthSettings = { ...QUICK_DEPTH_SETTINGS, depths: [0, 1, 2, 4] };
  const trained: number[] = [];
  const streamed: [number, number, number][] = [];
  const previous: DepthResult[] = [{ depth: 1, params: 0, ...stubOutcome(0.9) }];
  const r = await runDepthExperiment(settings, {
    train: async (model) => {
      trained.push(model.layers.length - 2);
      return stubOutcome(model.layers.length === 4 ? 0.95 : 0.8);
    },
    onResult: (res, done, total) => streamed.push([res.depth, done, total]),
    previous,
  });
  assert.deepEqual(trained, [0, 2, 4], 'depth 1 was kept from before');
  assert.deepEqual(streamed, [[0, 1, 4], [2, 3, 4], [4, 4, 4]]);
  assert.deepEqual(r.results.map((x) => x.depth), [0, 1, 2, 4]);
  assert.equal(r.results[2]!.params, analyseModel(depthModel(2)).totals.params);
  assert.equal(r.bestDepth, 2);
  let calls = 0;
  const stopped = await runDepthExperiment(settings, { train: async () => stubOutcome(0.5), cancelled: () => ++calls > 2 });
  assert.deepEqual(stopped.results.map((x) => x.depth), [0, 1]);
});

test('a real, tiny run: depths 0 and 1 on 512 bars images, trained by core/train/fit with early stopping', async () => {
  const data = barsDataset({ trainCount: 512, testCount: 128, seed: 3 });
  const settings: DepthSettings = {
    ...QUICK_DEPTH_SETTINGS,
    depths: [0, 1],
    units: 32,
    classes: 4,
    epochs: 4,
    batchSize: 64,
    optimizer: { type: 'adam', learningRate: 0.01 },
    dataset: { name: 'bars', trainCount: 512, testCount: 128, seed: 3 },
  };
  const epochs: number[] = [];
  const r = await runDepthExperiment(settings, { train: fitDepthRun(data, { onEpochEnd: (log) => epochs.push(log.epoch) }) });
  assert.equal(r.results.length, 2);
  for (const res of r.results) {
    assert.ok(res.history.length >= 1 && res.history.length <= 4, `${res.history.length} epochs`);
    assert.ok(res.validAccuracy >= 0 && res.validAccuracy <= 1 && Number.isFinite(res.validLoss));
    assert.ok(res.trainAccuracy > 0.3, `depth ${res.depth}: train accuracy ${res.trainAccuracy} beats chance (0.25)`);
  }
  assert.equal(r.results[1]!.params, 784 * 32 + 32 + 32 * 4 + 4);
  assert.equal(epochs.filter((e) => e === 0).length, 2, 'every depth starts from epoch 0');
  assert.ok(r.bestDepth === 0 || r.bestDepth === 1);
});

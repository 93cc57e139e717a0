import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barsDataset } from '../../../core/data/procedural';
import { teachingCnn } from '../../../core/model/teachingCnn';
import { Network } from '../../../core/network';
import { evaluate, fit, type BatchLog, type EpochLog } from '../../../core/train/fit';

const data = barsDataset({ trainCount: 1024, testCount: 256, seed: 5 });

test('the teaching CNN learns oriented bars: test accuracy ≥ 95 % after 3 epochs of Adam', async () => {
  const net = Network.fromIR(teachingCnn(4), { batchSize: 32, seed: 1 });
  const before = evaluate(net, data.test);
  const epochs: EpochLog[] = [];
  const batches: BatchLog[] = [];
  const result = await fit(net, data.train, {
    epochs: 3,
    optimizer: { type: 'adam', learningRate: 0.005 },
    seed: 2,
    validation: data.test,
    onEpochEnd: (log) => epochs.push(log),
    onBatchEnd: (log) => batches.push(log),
  });
  const after = evaluate(net, data.test);
  assert.equal(result.history.length, 3);
  assert.equal(batches.length, 3 * 32, 'one callback per mini-batch');
  assert.deepEqual(epochs.map((e) => e.epoch), [0, 1, 2]);
  assert.ok(after.accuracy >= 0.95, `accuracy ${before.accuracy} → ${after.accuracy}`);
  assert.ok(after.loss < before.loss);
  assert.equal(epochs[2]!.val_accuracy, after.accuracy, 'the last epoch logs the validation accuracy evaluate() gives');
});

test('the same seeds replay the same training exactly', async () => {
  const run = async (): Promise<number[]> => {
    const net = Network.fromIR(teachingCnn(4), { batchSize: 50, seed: 9 });
    const r = await fit(net, data.train, { epochs: 1, optimizer: { type: 'sgd', learningRate: 0.05, momentum: 0.9 }, seed: 4 });
    return [r.history[0]!.loss, ...net.params()[0]!.value.subarray(0, 5)];
  };
  assert.deepEqual(await run(), await run());
});

test('a last batch smaller than the batch size is trained on too (1024 = 7·150 + 74)', async () => {
  const net = Network.fromIR(teachingCnn(4), { batchSize: 150, seed: 1 });
  const logs: BatchLog[] = [];
  await fit(net, data.train, { epochs: 1, optimizer: { type: 'sgd', learningRate: 0.01 }, onBatchEnd: (l) => logs.push(l) });
  assert.equal(logs.length, 7);
  assert.equal(logs.at(-1)!.examplesSeen, 1024);
});

test('early stopping stops when val_loss stops improving and restores the best weights', async () => {
  // A learning rate far too high makes validation loss blow up after the first epochs.
  const net = Network.fromIR(teachingCnn(4), { batchSize: 64, seed: 3 });
  const weightsAt: Float32Array[] = [];
  const result = await fit(net, data.train, {
    epochs: 30,
    optimizer: { type: 'sgd', learningRate: 2 },
    validation: data.test,
    earlyStopping: { monitor: 'val_loss', patience: 2, restoreBestWeights: true },
    onEpochEnd: () => weightsAt.push(net.params()[0]!.value.slice()),
  });
  assert.ok(result.stoppedEpoch !== null, 'it stopped early');
  assert.equal(result.history.length, result.stoppedEpoch! + 1);
  const losses = result.history.map((h) => h.val_loss!);
  const best = losses.indexOf(Math.min(...losses.filter((x) => Number.isFinite(x))));
  assert.equal(result.bestEpoch, best);
  assert.equal(result.restoredEpoch, best);
  assert.equal(result.stoppedEpoch, best + 2, 'patience 2: stops two epochs after the best');
  assert.deepEqual(net.params()[0]!.value, weightsAt[best], 'the network holds the best epoch\'s weights');
});

test('cancellation through the checkpoint ends training with the error it throws', async () => {
  const net = Network.fromIR(teachingCnn(4), { batchSize: 32, seed: 1 });
  let calls = 0;
  await assert.rejects(
    fit(net, data.train, {
      epochs: 5,
      optimizer: { type: 'sgd', learningRate: 0.01 },
      yieldEveryMs: 0,
      checkpoint: async () => {
        if (++calls === 3) throw new Error('cancelled');
      },
    }),
    /cancelled/,
  );
  assert.equal(calls, 3);
});

test('images of the wrong size are a clear error', async () => {
  const net = Network.fromIR({ ...teachingCnn(4), inputShape: [1, 20, 20] }, { batchSize: 8 });
  await assert.rejects(fit(net, data.train, { epochs: 1, optimizer: { type: 'sgd', learningRate: 0.1 } }), /takes 400/);
});

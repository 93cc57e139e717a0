import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ByteSplit, DataSplit } from '../../../core/data/dataset';
import { depthModel } from '../../../core/lessons/depthExperiment';
import { Network } from '../../../core/network';
import { Random } from '../../../core/random';
import { evaluate, fit } from '../../../core/train/fit';

/** Bytes scaled as the batches fill give the very numbers of the Float32 images mnistDataset makes (v / 255). */
test('fit and evaluate on a ByteSplit equal them on the same images as floats, bit for bit', async () => {
  const rng = new Random(5);
  const make = (n: number): [ByteSplit, DataSplit] => {
    const pixels = Uint8Array.from({ length: n * 784 }, () => rng.int(256));
    const labels = Uint8Array.from({ length: n }, () => rng.int(10));
    return [{ pixels, labels, count: n }, { images: Float32Array.from(pixels, (v) => v / 255), labels, count: n }];
  };
  const [trainBytes, trainFloats] = make(300);
  const [testBytes, testFloats] = make(70);
  const model = depthModel(2, { units: 16, activation: 'elu', classes: 10, inputShape: [28, 28] });
  const run = async (train: ByteSplit | DataSplit, valid: ByteSplit | DataSplit) => {
    const net = Network.fromIR(model, { batchSize: 64, seed: 3, loss: 'softmaxCrossEntropy' });
    const r = await fit(net, train, { epochs: 2, optimizer: { type: 'adam', learningRate: 0.01 }, seed: 4, validation: valid });
    return { history: r.history.map(({ seconds: _s, ...h }) => h), test: evaluate(net, valid) };
  };
  assert.deepEqual(await run(trainBytes, testBytes), await run(trainFloats, testFloats));
});

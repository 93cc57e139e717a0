/**
 * The bar for the core: the teaching CNN, trained for one epoch on MNIST, reaches
 * ≥ 97 % test accuracy. Here on a 30,000-image subset so it runs in seconds (the full
 * epoch is in the benchmark: `convlab bench --epoch`), tested on all 10,000 test images.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadMnistAsset, mnistDataset } from '../../../core/data/mnist';
import { teachingCnn } from '../../../core/model/teachingCnn';
import { Network } from '../../../core/network';
import { evaluate, fit } from '../../../core/train/fit';

const ASSET = path.resolve(__dirname, '../../../dist/data/mnist.bin.gz');

test('teaching CNN, one epoch on 30,000 MNIST images (Adam 0.002, batch 16): ≥ 97 % on the 10,000 test images', async () => {
  assert.ok(existsSync(ASSET), `the MNIST asset is built by npm run build (${ASSET})`);
  const data = mnistDataset(await loadMnistAsset(readFileSync(ASSET)), { trainCount: 30_000, seed: 1 });
  const net = Network.fromIR(teachingCnn(10), { batchSize: 16, seed: 1 });
  const result = await fit(net, data.train, { epochs: 1, optimizer: { type: 'adam', learningRate: 0.002 }, seed: 1 });
  const test = evaluate(net, data.test);
  assert.equal(data.test.count, 10_000);
  assert.equal(result.history.length, 1);
  console.log(`one epoch on 30,000 images: test accuracy ${(100 * test.accuracy).toFixed(2)} % in ${result.seconds.toFixed(1)} s`);
  assert.ok(test.accuracy >= 0.97, `test accuracy ${(100 * test.accuracy).toFixed(2)} %`);
});

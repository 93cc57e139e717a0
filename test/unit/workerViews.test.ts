/** The lab's worker jobs (initial weights, feature maps, mask ensembles) through a real worker_threads worker. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { WorkerClient } from '../../extension/worker/client';
import { nodeWorkerFactory } from '../../extension/worker/nodeFactory';
import type { ConvLabJobs } from '../../core/worker/protocol';
import { teachingCnn } from '../../core/model/teachingCnn';
import { Network } from '../../core/network';
import { conv, dense, flatten, maxPool, model } from './support/models';

const worker = new WorkerClient<ConvLabJobs>(nodeWorkerFactory(path.resolve(__dirname, '../../dist/worker.js')), { defaultTimeoutMs: 60_000 });
after(() => worker.dispose());

/** 28×28 → conv 3×3×2, pool 4 → dense 8 ReLU → dropout 0.5 → dense 4 softmax: 8 units, 2^8 masks. */
const SMALL = model('small', [1, 28, 28], [conv(2, 3), maxPool(4), flatten, dense(8, 'relu'), { kind: 'dropout', rate: 0.5, granularity: 'element' }, dense(4, 'softmax')]);

test('initialWeights: the seeded weights Network.fromIR starts from, as Float32Arrays', async () => {
  const reply = await worker.request('initialWeights', { model: teachingCnn(4), seed: 5 });
  const kernel = reply.weights.find((w) => w.layer === 'conv1' && w.param === 'kernel')!;
  assert.ok(kernel.values instanceof Float32Array);
  assert.deepEqual(kernel.shape, [8, 1, 3, 3]);
  const local = Network.fromIR(teachingCnn(4), { batchSize: 1, seed: 5 }).layer('conv1').params()[0]!.value;
  assert.deepEqual(Array.from(kernel.values), Array.from(local));
});

test('initialWeights: trained weights sent along are loaded over the initial ones; misfits are skipped', async () => {
  const values = new Float32Array(72).fill(0.25);
  const reply = await worker.request('initialWeights', {
    model: teachingCnn(4),
    seed: 5,
    weights: [{ layer: 'conv1', param: 'kernel', shape: [8, 1, 3, 3], values }, { layer: 'conv1', param: 'bias', shape: [3], values: new Float32Array(3) }],
  });
  assert.ok(reply.weights.find((w) => w.layer === 'conv1' && w.param === 'kernel')!.values.every((v) => v === 0.25));
});

test('featureMaps: a bars image forward, every layer output with its shape (procedural image 3 is replayable)', async () => {
  const a = await worker.request('featureMaps', { model: teachingCnn(4), seed: 0, input: { kind: 'bars', index: 3 } });
  assert.equal(a.input.length, 784);
  assert.ok(a.label && ['horizontal', 'vertical', 'diagonal', 'anti-diagonal'].includes(a.label));
  assert.deepEqual(a.outputs.map((o) => o.shape), [[8, 26, 26], [8, 13, 13], [16, 11, 11], [16, 5, 5], [400], [4]]);
  assert.ok(a.outputs.every((o) => o.values instanceof Float32Array && o.values.length === o.shape.reduce((x, y) => x * y, 1)));
  const sum = Array.from(a.outputs[5]!.values).reduce((x, y) => x + y, 0);
  assert.ok(Math.abs(sum - 1) < 1e-5, `softmax sums to 1, got ${sum}`);
  const b = await worker.request('featureMaps', { model: teachingCnn(4), seed: 0, input: { kind: 'bars', index: 3 } });
  assert.deepEqual(Array.from(b.input), Array.from(a.input));
});

test('featureMaps: a drawn image, and a model whose input is no image a view can draw', async () => {
  const pixels = new Float32Array(784);
  pixels[14 * 28 + 14] = 1;
  const r = await worker.request('featureMaps', { model: teachingCnn(4), seed: 0, input: { kind: 'pixels', pixels } });
  assert.equal(r.label, null);
  assert.equal(r.input[14 * 28 + 14], 1);
  await assert.rejects(worker.request('featureMaps', { model: { ...teachingCnn(4), inputShape: [10] }, seed: 0, input: { kind: 'bars', index: 0 } }), /not an image ConvLab can draw/);
});

test('dropoutEnsemble: 8 units — the Monte-Carlo average nears the exact expectation over 2^8 masks', async () => {
  const r = await worker.request('dropoutEnsemble', { model: SMALL, seed: 2, input: { kind: 'shapes', index: 1 }, layer: 4, samples: 2000, maskSeed: 11, convention: 'inverted' });
  assert.equal(r.units, 8);
  assert.equal(r.keepProb, 0.5);
  assert.ok(r.exact, 'small enough to enumerate');
  assert.equal(r.exact.maskCount, 256);
  assert.equal(r.outputs.length, 2000 * 4);
  assert.deepEqual(Array.from(r.runningMean.subarray(1999 * 4)), Array.from(r.mean), 'the running average ends at the mean');
  assert.ok(r.gaps.monteCarloVsExact! < 0.03, `MC gap ${r.gaps.monteCarloVsExact}`);
  assert.ok(Math.abs(r.exact.mean.reduce((x, y) => x + y, 0) - 1) < 1e-9, 'the expectation of probabilities sums to 1');
  assert.equal(r.masks.length, r.maskRows * 8);
});

test('dropoutEnsemble: standard and inverted dropout give the same expectation; the same seed replays the masks', async () => {
  const base = { model: SMALL, seed: 2, input: { kind: 'shapes', index: 1 }, layer: 4, samples: 50, maskSeed: 4 } as const;
  const inverted = await worker.request('dropoutEnsemble', { ...base, convention: 'inverted' });
  const standard = await worker.request('dropoutEnsemble', { ...base, convention: 'standard' });
  const again = await worker.request('dropoutEnsemble', { ...base, convention: 'inverted' });
  for (let j = 0; j < 4; j++) assert.ok(Math.abs(standard.exact!.mean[j]! - inverted.exact!.mean[j]!) < 1e-6);
  assert.deepEqual(Array.from(again.masks), Array.from(inverted.masks));
  assert.deepEqual(Array.from(again.outputs), Array.from(inverted.outputs));
  await assert.rejects(worker.request('dropoutEnsemble', { ...base, layer: 3, convention: 'inverted' }), /not a Dropout layer/);
});

test('train: with epochWeights, every epoch\'s progress carries the weights', async () => {
  const weights: number[] = [];
  await worker.request('train', {
    model: teachingCnn(4), dataset: { name: 'bars', trainCount: 64, testCount: 32, seed: 1 }, epochs: 2, batchSize: 32,
    optimizer: { type: 'sgd', learningRate: 0.01 }, seed: 0, epochWeights: true,
  }, { onProgress: (p) => p.type === 'epoch' && weights.push(p.weights?.length ?? 0) });
  assert.deepEqual(weights, [6, 6]);
});

/**
 * What the side view's kernel strip and the lab's dense-weights section are sent, without
 * VS Code: the pure parts of extension/webview/sideKernels.ts and extension/lab/denseWeights.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyseModel } from '../../../core/analysis';
import type { ModelIR } from '../../../core/model/ir';
import { Network } from '../../../core/network';
import { parseModelFile } from '../../../core/parse';
import { weightsOf } from '../../../core/worker/weights';
import { denseWeightsView, MAX_DENSE_VALUES } from '../../../extension/lab/denseWeights';
import { sideKernelsView, STRIP_FILTERS, type StripInput } from '../../../extension/webview/sideKernels';

const example = (name: string): ModelIR => parseModelFile(readFileSync(path.resolve(__dirname, '../../../examples', name), 'utf8'), name).models[0]!;

function strip(model: ModelIR, over: Partial<StripInput> = {}): ReturnType<typeof sideKernelsView> {
  return sideKernelsView({
    uri: 'file:///m.py', models: [model], analyses: [analyseModel(model)], selection: undefined, seed: 0,
    weightsOf: () => undefined, noKernels: (kind, name) => `${name}: no kernels (${kind})`, ...over,
  });
}

test('strip: without a selection, the first convolution with its seeded initial kernels (the worker network\'s first 16 filters)', () => {
  const model = example('mnist_cnn_keras.py');
  const view = strip(model, { seed: 3 })!;
  assert.equal(view.selectedBy, 'first');
  assert.equal(view.name, 'conv2d');
  assert.equal(view.type, 'Conv2D');
  assert.equal(view.weights, 'initial');
  assert.equal(view.totalFilters, 32);
  assert.deepEqual(view.kernel!.shape, [STRIP_FILTERS, 1, 3, 3]);
  const full = Network.fromIR(model, { batchSize: 1, seed: 3 }).layers[0]!.params()[0]!.value;
  assert.deepEqual(Array.from(view.kernel!.values), Array.from(full.subarray(0, 16 * 9)));
});

test('strip: the layer at the cursor; a layer without kernels says why; a selection past the model falls back', () => {
  const model = example('mnist_cnn_keras.py');
  const second = strip(model, { selection: { modelIndex: 0, layer: 2, by: 'cursor' } })!;
  assert.equal(second.name, 'conv2d_1');
  assert.equal(second.selectedBy, 'cursor');
  assert.deepEqual(second.kernel!.shape, [8, 32, 3, 3], 'several channels: 8 filters, one line each');
  assert.equal(second.totalFilters, 64);
  const pool = strip(model, { selection: { modelIndex: 0, layer: 1, by: 'lab' } })!;
  assert.equal(pool.kernel, null);
  assert.equal(pool.note, 'max_pooling2d: no kernels (maxPool2d)');
  assert.equal(strip(model, { selection: { modelIndex: 3, layer: 1, by: 'cursor' } })!.name, 'conv2d');
});

test('strip: trained (or training) weights win over the initial ones; a kernel that no longer fits the layer is ignored', () => {
  const model = example('mnist_cnn_keras.py');
  const trained = weightsOf(Network.fromIR(model, { batchSize: 1, seed: 99 }));
  const view = strip(model, { weightsOf: () => ({ kind: 'training', weights: trained, epoch: 2 }) })!;
  assert.equal(view.weights, 'training');
  assert.equal(view.epoch, 2);
  assert.deepEqual(Array.from(view.kernel!.values), Array.from(trained[0]!.values.subarray(0, 16 * 9)));
  const deeper = strip(model, { selection: { modelIndex: 0, layer: 2, by: 'lab' }, weightsOf: () => ({ kind: 'trained', weights: trained, epoch: null }) })!;
  assert.deepEqual(deeper.kernel!.shape, [8, 32, 3, 3]);
  assert.deepEqual(Array.from(deeper.kernel!.values), Array.from(trained.find((w) => w.layer === 'conv2d_1' && w.param === 'kernel')!.values.subarray(0, 8 * 32 * 9)));
  const stale = [{ layer: 'conv2d', param: 'kernel', shape: [8, 1, 3, 3], values: new Float32Array(72) }];
  assert.equal(strip(model, { weightsOf: () => ({ kind: 'trained', weights: stale, epoch: null }) })!.weights, 'initial');
});

test('strip: a model with no layers, or no model, is null; a conv of unknown input says so instead of drawing', () => {
  assert.equal(sideKernelsView({ uri: 'u', models: [], analyses: [], selection: undefined, seed: 0, weightsOf: () => undefined, noKernels: () => '' }), null);
  const torch: ModelIR = { ...example('mnist_cnn_pytorch.py'), inputShape: [], inputShapeSource: 'unknown' };
  const view = strip(torch)!;
  assert.equal(view.kernel, null);
  assert.equal(view.note, 'conv1: no kernels (conv2d)');
});

test('dense weights: the MLP example\'s 32 hidden units as 1×28×28 images, channels first, the scale over the whole layer', () => {
  const model = example('mnist_mlp_keras.py');
  const weights = weightsOf(Network.fromIR(model, { batchSize: 1, seed: 1 }));
  const view = denseWeightsView({ uri: 'u', modelIndex: 0, weights: 'initial', seed: 1, epoch: null }, model, analyseModel(model), weights)!;
  assert.equal(view.name, 'dense');
  assert.equal(view.units, 32);
  assert.equal(view.shownUnits, 32);
  assert.deepEqual(view.imageShape, [1, 28, 28]);
  assert.equal(view.flattenedBy, 'flatten');
  assert.equal(view.isOutput, false, 'a hidden layer: Dense(10) follows');
  const kernel = weights.find((w) => w.layer === 'dense' && w.param === 'kernel')!;
  assert.deepEqual(Array.from(view.values), Array.from(kernel.values));
  assert.equal(view.scale, Math.max(...Array.from(kernel.values, Math.abs)));
});

test('dense weights: the Keras CNN\'s dense reads 64×5×5 behind Flatten → Dropout; a wide layer sends only its first units', () => {
  const model = example('mnist_cnn_keras.py');
  const weights = weightsOf(Network.fromIR(model, { batchSize: 1, seed: 0 }));
  const view = denseWeightsView({ uri: 'u', modelIndex: 0, weights: 'trained', seed: 0, epoch: null }, model, analyseModel(model), weights)!;
  assert.deepEqual([view.layer, view.units, view.shownUnits, view.flattenedBy], [6, 10, 10, 'flatten']);
  assert.deepEqual(view.imageShape, [64, 5, 5]);
  assert.equal(view.isOutput, true, 'the classifier: unit i scores class i');
  const wide: ModelIR = { name: 'wide', inputShape: [64, 24, 24], layers: [{ name: 'flatten', spec: { kind: 'flatten' } }, { name: 'fc', spec: { kind: 'dense', units: 40, useBias: true, activation: 'linear' } }] };
  const wideWeights = weightsOf(Network.fromIR(wide, { batchSize: 1, seed: 0 }));
  const cut = denseWeightsView({ uri: 'u', modelIndex: 0, weights: 'initial', seed: 0, epoch: null }, wide, analyseModel(wide), wideWeights)!;
  assert.equal(cut.shownUnits, Math.floor(MAX_DENSE_VALUES / (64 * 24 * 24)));
  assert.equal(cut.values.length, cut.shownUnits * 64 * 24 * 24);
  // No kernel among the weights (the worker's reply lacks it): nothing to draw.
  assert.equal(denseWeightsView({ uri: 'u', modelIndex: 0, weights: 'initial', seed: 0, epoch: null }, wide, analyseModel(wide), []), null);
});

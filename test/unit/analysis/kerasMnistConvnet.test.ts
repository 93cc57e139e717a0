// The keras.io "Simple MNIST convnet" example, checked against the summary Keras prints for
// it: Conv2D 26×26×32 (320), MaxPooling2D 13×13×32, Conv2D 11×11×64 (18,496),
// MaxPooling2D 5×5×64, Flatten 1600, Dropout, Dense 10 (16,010); total 34,826.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseModel } from '../../../core/analysis';
import { conv, dense, dropout, flatten, maxPool, model } from './builders';

const mnist = model([1, 28, 28], [conv(32, 3), maxPool(2), conv(64, 3), maxPool(2), flatten, dropout(0.5), dense(10)]);
const a = analyseModel(mnist);

test('keras mnist convnet: output shapes per layer (C, H, W) match model.summary()', () => {
  assert.deepEqual(a.layers.map((l) => l.outputShape), [[32, 26, 26], [32, 13, 13], [64, 11, 11], [64, 5, 5], [1600], [1600], [10]]);
  assert.deepEqual(a.outputShape, [10]);
});

test('keras mnist convnet: parameters per layer 320, 0, 18496, 0, 0, 0, 16010; total 34826, all trainable', () => {
  assert.deepEqual(a.layers.map((l) => l.params?.total), [320, 0, 18496, 0, 0, 0, 16010]);
  assert.equal(a.totals.params, 34826);
  assert.equal(a.totals.trainableParams, 34826);
  assert.equal(a.totals.nonTrainableParams, 0);
  assert.equal(a.totals.paramBytes, 34826 * 4);
  assert.equal(a.totals.complete, true);
  assert.deepEqual(a.diagnostics, []);
});

test('keras mnist convnet: parameter formulas are filled in with each layer\'s numbers', () => {
  assert.equal(a.layers[0]!.params!.formula, '3·3·1·32 + 32 = 320');
  assert.equal(a.layers[2]!.params!.formula, '3·3·32·64 + 64 = 18496');
  assert.equal(a.layers[6]!.params!.formula, '1600·10 + 10 = 16010');
  assert.equal(a.layers[1]!.params!.formula, null, 'pooling has no weights');
});

test('keras mnist convnet: output-size formulas with floor, padding, stride and dilation', () => {
  assert.equal(a.layers[0]!.outputSizeFormula, '⌊(28 + 2·0 − 1·(3 − 1) − 1) / 1⌋ + 1 = 26');
  assert.equal(a.layers[1]!.outputSizeFormula, '⌊(26 + 2·0 − 1·(2 − 1) − 1) / 2⌋ + 1 = 13');
  assert.equal(a.layers[3]!.outputSizeFormula, '⌊(11 + 2·0 − 1·(2 − 1) − 1) / 2⌋ + 1 = 5', 'the floor drops the 11th row');
  assert.equal(a.layers[4]!.outputSizeFormula, '5·5·64 = 1600', 'Keras flattens in (H, W, C) order');
});

test('keras mnist convnet: multiply-adds 26·26·32·9, 11·11·64·288, 1600·10', () => {
  assert.deepEqual(a.layers.map((l) => l.macs), [26 * 26 * 32 * 9, 0, 11 * 11 * 64 * 288, 0, 0, 0, 16000]);
  assert.equal(a.totals.macs, 194688 + 2230272 + 16000);
});

test('keras mnist convnet: activation memory is 4 bytes per output value per example', () => {
  assert.deepEqual(a.layers.map((l) => l.activationBytes), [21632, 5408, 7744, 1600, 1600, 1600, 10].map((n) => n * 4));
  assert.equal(a.totals.activationBytes, (21632 + 5408 + 7744 + 1600 * 3 + 10) * 4);
});

test('keras mnist convnet: the dropout layer reports rate 0.5, keep probability 0.5 and 1600 masked units', () => {
  assert.deepEqual(a.layers[5]!.dropout, { rate: 0.5, keepProb: 0.5, maskedUnits: 1600, granularity: 'element' });
  assert.equal(a.layers[5]!.type, 'Dropout');
});

test('keras mnist convnet: layer type names are Keras\' class names', () => {
  assert.deepEqual(a.layers.map((l) => l.type), ['Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dropout', 'Dense']);
});

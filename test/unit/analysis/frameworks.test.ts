// Models from the tutorials, with the counts their frameworks report, and the framework's
// own names and shape order in what the learner reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseModel, displayShape } from '../../../core/analysis';
import { conv, dense, dropout, flatten, maxPool, model } from './builders';

test('pytorch/examples MNIST Net on 1×28×28: shapes, 1,199,882 parameters, PyTorch names', () => {
  const a = analyseModel(model([1, 28, 28], [
    conv(32, 3, { inChannels: 1 }), conv(64, 3, { inChannels: 32 }), maxPool(2), dropout(0.25), flatten,
    dense(128, 9216), dropout(0.5), dense(10, 128),
  ], 'pytorch'));
  assert.deepEqual(a.diagnostics, []);
  assert.deepEqual(a.layers.map((l) => l.outputShape), [[32, 26, 26], [64, 24, 24], [64, 12, 12], [64, 12, 12], [9216], [128], [128], [10]]);
  assert.equal(a.totals.params, 1199882);
  assert.deepEqual(a.layers.map((l) => l.type), ['nn.Conv2d', 'nn.Conv2d', 'nn.MaxPool2d', 'nn.Dropout', 'nn.Flatten', 'nn.Linear', 'nn.Dropout', 'nn.Linear']);
  assert.equal(a.layers[4]!.outputSizeFormula, '64·12·12 = 9216', 'PyTorch flattens in (C, H, W) order');
  assert.equal(a.layers[3]!.dropout!.maskedUnits, 9216);
});

test('LeNet-5 (32×32, conv 5, avg pool 2, conv 5, pool, 120, 84, 10) has 61,706 parameters', () => {
  const avg = { kind: 'avgPool2d', poolSize: [2, 2], strides: [2, 2], padding: 'valid' } as const;
  const a = analyseModel(model([1, 32, 32], [conv(6, 5), avg, conv(16, 5), avg, flatten, dense(120), dense(84), dense(10)]));
  assert.deepEqual(a.layers.map((l) => l.params!.total), [156, 0, 2416, 0, 0, 48120, 10164, 850]);
  assert.equal(a.totals.params, 61706);
  assert.deepEqual(a.layers[3]!.outputShape, [16, 5, 5]);
});

test('shapes are shown in the framework\'s order: Keras (H, W, C), PyTorch (C, H, W)', () => {
  assert.equal(displayShape([32, 26, 26], 'keras'), '(26, 26, 32)');
  assert.equal(displayShape([32, 26, 26], 'pytorch'), '(32, 26, 26)');
  assert.equal(displayShape([1600], 'keras'), '(1600,)');
  assert.equal(displayShape([28, 28], 'keras'), '(28, 28)', 'a rank-2 input has no channel axis to move');
  assert.equal(displayShape(null, 'keras'), '(unknown)');
});

test('channel dropout (SpatialDropout2D / nn.Dropout2d) masks one unit per feature map', () => {
  const keras = analyseModel(model([32, 13, 13], [dropout(0.3, 'channel')]));
  assert.equal(keras.layers[0]!.type, 'SpatialDropout2D');
  assert.equal(keras.layers[0]!.dropout!.maskedUnits, 32);
  assert.ok(Math.abs(keras.layers[0]!.dropout!.keepProb - 0.7) < 1e-15);
  const torch = analyseModel(model([32, 13, 13], [dropout(0.3, 'channel')], 'pytorch'));
  assert.equal(torch.layers[0]!.type, 'nn.Dropout2d');
});

test('analysis results survive JSON (they cross the worker boundary and print with --json)', () => {
  const a = analyseModel(model([1, 28, 28], [conv(8, 3), maxPool(2), flatten, dense(10)]));
  assert.deepEqual(JSON.parse(JSON.stringify(a)), a);
});

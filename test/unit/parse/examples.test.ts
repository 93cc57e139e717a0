// The model files a learner opens first (examples/) parse to exactly the IR they describe:
// every layer's kind and settings, the input shape and where it came from, and the ranges
// hovers and diagnostics point at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ModelIR } from '../../../core/model/ir';
import { parseModelFile } from '../../../core/parse';
import { example, lc, only, rangeOf } from './helpers';

const conv = (filters: number, activation: 'relu' | 'linear', extra: object = {}) => ({
  kind: 'conv2d', filters, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', dilation: [1, 1], groups: 1, activation, useBias: true, ...extra,
});
const pool2 = (padding: unknown = 'valid') => ({ kind: 'maxPool2d', poolSize: [2, 2], strides: [2, 2], padding });

test('examples/mnist_cnn_keras.py: Sequential list → input (1, 28, 28) from keras.Input, 7 layers with Keras defaults', () => {
  const src = example('mnist_cnn_keras.py');
  const r = parseModelFile(src, 'examples/mnist_cnn_keras.py');
  const expected: ModelIR = {
    name: 'model',
    inputShape: [1, 28, 28],
    source: 'keras',
    inputShapeSource: 'code',
    range: lc(5, 8, 14, 2),
    layers: [
      { spec: conv(32, 'relu'), name: 'conv2d', range: lc(7, 4, 7, 60) },
      { spec: pool2(), name: 'max_pooling2d', range: lc(8, 4, 8, 41) },
      { spec: conv(64, 'relu'), name: 'conv2d_1', range: rangeOf(src, 'layers.Conv2D(64, kernel_size=(3, 3), activation="relu")') },
      { spec: pool2(), name: 'max_pooling2d_1', range: rangeOf(src, 'layers.MaxPooling2D(pool_size=(2, 2))', 1) },
      { spec: { kind: 'flatten' }, name: 'flatten', range: rangeOf(src, 'layers.Flatten()') },
      { spec: { kind: 'dropout', rate: 0.5, granularity: 'element' }, name: 'dropout', range: rangeOf(src, 'layers.Dropout(0.5)') },
      { spec: { kind: 'dense', units: 10, activation: 'softmax', useBias: true }, name: 'dense', range: lc(13, 4, 13, 42) },
    ],
  } as unknown as ModelIR;
  assert.deepEqual(r.models, [expected]);
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.inputShapeSource, 'code');
});

test('examples/mnist_cnn_pytorch.py: nn.Module, order from forward, input 1x28x28 from the comment', () => {
  const src = example('mnist_cnn_pytorch.py');
  const r = parseModelFile(src, { languageId: 'python', fileName: '/x/mnist_cnn_pytorch.py' });
  const m = only(r);
  assert.equal(m.name, 'Net');
  assert.equal(m.source, 'pytorch');
  assert.deepEqual(m.inputShape, [1, 28, 28]);
  assert.equal(m.inputShapeSource, 'comment');
  assert.equal(r.inputShapeSource, 'comment');
  assert.deepEqual(m.range, lc(8, 0, 21, 25), 'the class, from `class` to its last character');
  const torchConv = (inChannels: number, filters: number) => conv(filters, 'linear', { padding: [0, 0], inChannels });
  assert.deepEqual(m.layers, [
    // Module layers: written in __init__, applied in forward.
    { spec: torchConv(1, 32), name: 'conv1', range: lc(11, 21, 11, 52), appliedAt: lc(17, 32, 17, 45) },
    { spec: { kind: 'activation', activation: 'relu' }, name: 'relu', range: rangeOf(src, 'F.relu(self.conv1(x))') },
    { spec: pool2([0, 0]), name: 'max_pool2d', range: rangeOf(src, 'F.max_pool2d(F.relu(self.conv1(x)), 2)') },
    { spec: torchConv(32, 64), name: 'conv2', range: rangeOf(src, 'nn.Conv2d(32, 64, kernel_size=3)'), appliedAt: rangeOf(src, 'self.conv2(x)') },
    { spec: { kind: 'activation', activation: 'relu' }, name: 'relu_1', range: rangeOf(src, 'F.relu(self.conv2(x))') },
    { spec: pool2([0, 0]), name: 'max_pool2d_1', range: rangeOf(src, 'F.max_pool2d(F.relu(self.conv2(x)), 2)') },
    { spec: { kind: 'flatten' }, name: 'flatten', range: lc(19, 12, 19, 31) },
    { spec: { kind: 'dropout', rate: 0.5, granularity: 'element' }, name: 'dropout', range: rangeOf(src, 'nn.Dropout(p=0.5)'), appliedAt: rangeOf(src, 'self.dropout(x)') },
    // 64 * 5 * 5 is worked out: analysis checks it against the flattened size.
    { spec: { kind: 'dense', inFeatures: 1600, units: 10, useBias: true, activation: 'linear' }, name: 'fc', range: lc(14, 18, 14, 43), appliedAt: rangeOf(src, 'self.fc(x)') },
  ]);
  assert.deepEqual(r.diagnostics, []);
});

test('examples/depth_experiment_keras.py: the loop over range(num_layers) with num_layers = 4 adds four Dense(512, elu)', () => {
  const src = example('depth_experiment_keras.py');
  const m = only(parseModelFile(src, 'depth_experiment_keras.py'));
  // Keras' (28, 28) input has no channel axis: it stays rank 2 (Flatten takes any rank).
  assert.deepEqual(m.inputShape, [28, 28]);
  assert.equal(m.inputShapeSource, 'code');
  const loopCall = rangeOf(src, "keras.layers.Dense(units=512, activation='elu')");
  assert.deepEqual(m.layers.map((l) => [l.spec.kind, l.name]), [
    ['flatten', 'flatten'], ['dense', 'dense'], ['dense', 'dense_1'], ['dense', 'dense_2'], ['dense', 'dense_3'], ['dense', 'dense_4'],
  ]);
  for (const l of m.layers.slice(1, 5)) {
    assert.deepEqual(l.spec, { kind: 'dense', units: 512, activation: 'elu', useBias: true });
    assert.deepEqual(l.range, loopCall, 'each unrolled layer keeps the range of its call in the loop body');
  }
  assert.deepEqual(m.layers[5]!.spec, { kind: 'dense', units: 10, activation: 'softmax', useBias: true }, 'num_classes = 10 is resolved');
  assert.deepEqual(m.range, { ...rangeOf(src, 'keras.Sequential()'), endLine: 16, endCol: 70 }, 'from Sequential() to the last add()');
});

test('examples/teaching_cnn.convlab.json: the teaching CNN with Keras defaults filled in', () => {
  const src = example('teaching_cnn.convlab.json');
  const r = parseModelFile(src, 'teaching_cnn.convlab.json');
  const m = only(r);
  assert.equal(m.name, 'Teaching CNN');
  assert.equal(m.source, 'convlab');
  assert.deepEqual(m.inputShape, [1, 28, 28]);
  assert.deepEqual(m.layers.map((l) => l.spec), [
    conv(8, 'relu'), pool2(), conv(16, 'relu'), pool2(), { kind: 'flatten' }, { kind: 'dense', units: 10, activation: 'softmax', useBias: true },
  ]);
  assert.deepEqual(m.layers[0]!.range, lc(4, 4, 4, 77));
  assert.deepEqual(m.layers[5]!.range, rangeOf(src, '{ "type": "dense", "units": 10, "activation": "softmax" }'));
  assert.deepEqual(r.diagnostics, []);
});

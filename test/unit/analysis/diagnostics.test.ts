// Model errors become diagnostics that name their layer (never exceptions), and analysis
// goes on past them where the numbers can still be computed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseModel } from '../../../core/analysis';
import type { LayerSpec } from '../../../core/model/ir';
import { conv, dense, dropout, flatten, maxPool, model } from './builders';

const codes = (a: ReturnType<typeof analyseModel>): string[] => a.diagnostics.map((d) => `${d.layerIndex}:${d.severity}:${d.code}`);

test('kernel 5×5 on a 3×3 map: error on that layer with the formula giving −1; later shapes unknown', () => {
  const a = analyseModel(model([1, 3, 3], [conv(4, 5), flatten, dense(10)]));
  assert.deepEqual(codes(a), ['0:error:kernelLargerThanInput']);
  assert.equal(a.diagnostics[0]!.message, 'The 5×5 kernel is larger than its input 3×3 (3×3 with padding): the output size would be ⌊(3 + 2·0 − 1·(5 − 1) − 1) / 1⌋ + 1 = −1.');
  assert.deepEqual(a.diagnostics[0]!.range, { startLine: 0, startCol: 4, endLine: 0, endCol: 40 }, 'the layer\'s range is copied for the editor');
  assert.deepEqual(a.layers.map((l) => l.outputShape), [null, null, null]);
  assert.equal(a.layers[0]!.params!.total, 5 * 5 * 1 * 4 + 4, 'the parameters are still known');
  assert.equal(a.totals.complete, false);
});

test('pool window larger than a shrunken map (third pool of a 28×28 MNIST stack) reports the pool layer', () => {
  const a = analyseModel(model([1, 28, 28], [conv(8, 3), maxPool(2), conv(8, 3), maxPool(2), conv(8, 3), maxPool(4)]));
  assert.deepEqual(codes(a), ['5:error:kernelLargerThanInput']);
  assert.match(a.diagnostics[0]!.message, /^The 4×4 pool window is larger than its input 3×3/);
});

test('dilation makes a 3×3 kernel span 5×5, larger than a 4×4 input', () => {
  const a = analyseModel(model([1, 4, 4], [conv(1, 3, { dilation: 2 })], 'pytorch'));
  assert.deepEqual(codes(a), ['0:error:kernelLargerThanInput']);
  assert.match(a.diagnostics[0]!.message, /3×3 kernel \(dilation \(2, 2\) spreads it over 5×5\)/);
});

test('padding can make a kernel fit: 5×5 on 3×3 with padding 1 gives 1×1, no diagnostic', () => {
  const a = analyseModel(model([1, 3, 3], [conv(1, 5, { padding: [1, 1] })], 'pytorch'));
  assert.deepEqual(a.diagnostics, []);
  assert.deepEqual(a.outputShape, [1, 1, 1]);
});

test('keras Dense after Conv2D without Flatten: a warning, and Dense acts on channels as Keras does', () => {
  const a = analyseModel(model([1, 28, 28], [conv(32, 3), dense(10)]));
  assert.deepEqual(codes(a), ['1:warning:denseOnFeatureMap']);
  assert.equal(a.diagnostics[0]!.message,
    'Dense receives the feature map (26, 26, 32) without Flatten: Keras applies Dense to the last axis only (32 features at each position), giving (26, 26, 10). To classify the whole input, add Flatten() (or GlobalAveragePooling2D()) before it.');
  assert.deepEqual(a.layers[1]!.outputShape, [10, 26, 26]);
  assert.equal(a.layers[1]!.params!.formula, '32·10 + 10 = 330', 'what model.summary() would print');
});

test('pytorch nn.Linear on a 4-D tensor without flatten: an error that says the flattened size', () => {
  const a = analyseModel(model([1, 28, 28], [conv(32, 3, { inChannels: 1 }), conv(64, 3, { inChannels: 32 }), maxPool(2), dense(128, 9216), dense(10, 128)], 'pytorch'));
  assert.deepEqual(codes(a), ['3:error:denseOnFeatureMap']);
  assert.equal(a.diagnostics[0]!.message,
    'nn.Linear expects 9216 input features but receives a feature map (64, 12, 12) without flattening: it acts on the last axis (12). Add torch.flatten(x, 1) or nn.Flatten() before it: that gives 9216 = 64·12·12 features.');
  assert.equal(a.layers[3]!.outputShape, null);
  assert.equal(a.layers[3]!.params!.total, 9216 * 128 + 128, 'parameters come from the declared in_features');
  assert.equal(a.layers[4]!.params!.total, 128 * 10 + 10);
});

test('pytorch nn.Linear(9216, 128) after a stack that flattens to 1600: the message says the right number', () => {
  const a = analyseModel(model([1, 28, 28], [
    conv(32, 3, { inChannels: 1 }), maxPool(2), conv(64, 3, { inChannels: 32 }), maxPool(2), flatten, dense(128, 9216), dense(10, 128),
  ], 'pytorch'));
  assert.deepEqual(codes(a), ['5:error:inFeaturesMismatch']);
  assert.equal(a.diagnostics[0]!.message, 'nn.Linear expects 9216 input features but receives 1600 (64·5·5)');
  // nn.Linear's output is (128,) however the learner fixes in_features, so the next layer is still checked.
  assert.deepEqual(a.layers[5]!.outputShape, [128]);
  assert.deepEqual(a.layers[6]!.outputShape, [10]);
  assert.equal(a.layers[5]!.params!.formula, '9216·128 + 128 = 1179776');
});

test('pytorch nn.Conv2d(3, 16, 3) on a 1-channel image: in_channels mismatch, shapes continue', () => {
  const a = analyseModel(model([1, 28, 28], [conv(16, 3, { inChannels: 3 }), conv(8, 3, { inChannels: 16 })], 'pytorch'));
  assert.deepEqual(codes(a), ['0:error:inChannelsMismatch']);
  assert.equal(a.diagnostics[0]!.message, 'nn.Conv2d expects 3 input channels but receives 1 (input (1, 28, 28))');
  assert.deepEqual(a.layers[1]!.outputShape, [8, 24, 24]);
});

test('pytorch BatchNorm2d(64) after 32 channels: num_features mismatch', () => {
  const a = analyseModel(model([3, 8, 8], [conv(32, 3, { inChannels: 3 }), { kind: 'batchNorm', momentum: 0.1, epsilon: 1e-5, numFeatures: 64 }], 'pytorch'));
  assert.deepEqual(codes(a), ['1:error:numFeaturesMismatch']);
  assert.equal(a.layers[1]!.type, 'nn.BatchNorm2d');
});

test('invalid settings: dropout rate 1 and −0.1, groups not dividing channels or filters, zero stride', () => {
  const a = analyseModel(model([6, 8, 8], [
    dropout(1), dropout(-0.1), conv(8, 3, { groups: 4 }), conv(6, 3, { groups: 4 }), conv(4, 3, { strides: 0 }),
  ]));
  // Layer 3 receives layer 2's 8 channels, which 4 groups divide: only its 6 filters are wrong.
  assert.deepEqual(codes(a), ['0:error:invalidSetting', '1:error:invalidSetting', '2:error:invalidSetting', '3:error:invalidSetting', '4:error:invalidSetting']);
  assert.match(a.diagnostics[0]!.message, /drop rate must be in \[0, 1\), got 1: a rate of 1 drops every unit \(keep probability 0\)/);
  assert.match(a.diagnostics[2]!.message, /the 6 input channels must be divisible by groups \(4\)/);
  assert.match(a.diagnostics[3]!.message, /filters \(6\) must be divisible by groups \(4\)/);
  assert.deepEqual(a.layers[1]!.outputShape, [6, 8, 8], 'a bad rate does not change the shape');
  assert.equal(a.layers[4]!.outputShape, null);
});

test('keras forbids strides > 1 with dilation > 1; pytorch forbids padding=\'same\' with stride 2', () => {
  assert.deepEqual(codes(analyseModel(model([1, 16, 16], [conv(4, 3, { strides: 2, dilation: 2 })]))), ['0:error:invalidSetting']);
  assert.deepEqual(codes(analyseModel(model([1, 16, 16], [conv(4, 3, { strides: 2, dilation: 2 })], 'pytorch'))), []);
  assert.deepEqual(codes(analyseModel(model([1, 16, 16], [conv(4, 3, { strides: 2, padding: 'same' })], 'pytorch'))), ['0:error:invalidSetting']);
});

test('pytorch pooling padding over half the window is refused', () => {
  const a = analyseModel(model([1, 8, 8], [maxPool(3, { strides: 1, padding: [2, 2] })], 'pytorch'));
  assert.deepEqual(codes(a), ['0:error:invalidSetting']);
});

test('reshape sizes that do not match: 1600 values into (7, 7, 16)', () => {
  const a = analyseModel(model([1600], [{ kind: 'reshape', targetShape: [16, 7, 7] }, conv(4, 3)]));
  assert.deepEqual(codes(a), ['0:error:reshapeMismatch']);
  assert.equal(a.diagnostics[0]!.message, 'Reshape to (16, 7, 7) needs 784 values but receives 1600 (1600,).');
  assert.equal(a.layers[1]!.outputShape, null, 'downstream shapes are unknown');
  const two = analyseModel(model([1600], [{ kind: 'reshape', targetShape: [-1, -1] }]));
  assert.deepEqual(codes(two), ['0:error:invalidSetting']);
});

test('conv on a vector and global pooling of a vector are rank errors', () => {
  const a = analyseModel(model([784], [conv(4, 3)]));
  assert.deepEqual(codes(a), ['0:error:rankMismatch']);
  assert.match(a.diagnostics[0]!.message, /Conv2D expects a feature map \(height, width, channels\) but receives \(784,\): a vector/);
  assert.deepEqual(codes(analyseModel(model([10], [{ kind: 'globalAvgPool2d' }]))), ['0:error:rankMismatch']);
  assert.deepEqual(codes(analyseModel(model([10], [dropout(0.2, 'channel')]))), ['0:error:rankMismatch']);
});

test('two independent errors are both reported, each with its own layer index', () => {
  const a = analyseModel(model([1, 28, 28], [conv(8, 3, { inChannels: 3 }), maxPool(2), flatten, dropout(1.5), dense(10, 100)], 'pytorch'));
  assert.deepEqual(codes(a), ['0:error:inChannelsMismatch', '3:error:invalidSetting', '4:error:inFeaturesMismatch']);
  assert.equal(a.diagnostics[2]!.message, 'nn.Linear expects 100 input features but receives 1352 (8·13·13)');
});

test('unknown input (PyTorch code without a size): shapes unknown, parameters from declared sizes', () => {
  const a = analyseModel(model([], [conv(32, 3, { inChannels: 1 }), conv(64, 3, { inChannels: 32 }), maxPool(2), flatten, dense(128, 9216), dense(10, 128)], 'pytorch'));
  assert.deepEqual(codes(a), ['-1:info:unknownInput']);
  assert.deepEqual(a.layers.map((l) => l.outputShape), [null, null, null, null, null, null]);
  assert.equal(a.totals.params, 1199882, 'the PyTorch MNIST example\'s count, from its declared sizes alone');
  assert.equal(a.inputShape, null);
});

test('invalid input shapes (a zero, a fraction) are a model-level error', () => {
  assert.deepEqual(codes(analyseModel(model([1, 0, 28], [conv(4, 3)]))), ['-1:error:invalidInput']);
  assert.deepEqual(codes(analyseModel(model([1, 2.5, 28], [conv(4, 3)]))), ['-1:error:invalidInput']);
});

test('analysis never throws: odd specs (NaN, negative, empty) all become diagnostics', () => {
  const odd: LayerSpec[] = [
    conv(Number.NaN, 3), conv(4, -1), conv(4, 3, { padding: [-1, 0] }), dense(0), dense(3.5), { kind: 'reshape', targetShape: [] },
    { kind: 'batchNorm', momentum: 2, epsilon: 0 }, { kind: 'locallyConnected2d', filters: 2, kernelSize: [9, 9], strides: [1, 1], useBias: true, activation: 'linear' },
  ];
  for (const spec of odd) {
    for (const input of [[3, 8, 8], [64], [], [2, 2]]) {
      const a = analyseModel(model(input, [spec, dense(3)]));
      assert.ok(a.layers.length === 2, JSON.stringify(spec));
    }
  }
});

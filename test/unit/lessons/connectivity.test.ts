import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseModel } from '../../../core/analysis';
import { TEACHING_CNN } from '../../../core/model/teachingCnn';
import { compareConnectivity, interactionGraph1d, lessonModels, modelConnectivity } from '../../../core/lessons';

test('MNIST 28×28×1 → 32 filters 3×3 valid (26×26×32): dense 16,981,120 vs locally connected 216,320 vs conv 320 parameters', () => {
  const c = compareConnectivity({ inputShape: [1, 28, 28], filters: 32, kernelSize: [3, 3] });
  assert.deepEqual(c.outputShape, [32, 26, 26]);
  assert.equal(c.inputUnits, 784);
  assert.equal(c.outputUnits, 21632);
  // Dense: every one of 784 inputs to every one of 21,632 outputs, plus a bias each.
  assert.equal(c.dense.params, 784 * 21632 + 21632);
  assert.equal(c.dense.params, 16_981_120);
  assert.equal(c.dense.paramsFormula, '(1·28·28)·(32·26·26) + 32·26·26 = 16,981,120');
  assert.equal(c.dense.connections, 16_959_488);
  // Locally connected: a 3·3·1 window per output, weights of its own; Keras' bias per position and filter.
  assert.equal(c.locallyConnected.params, 676 * 9 * 32 + 676 * 32);
  assert.equal(c.locallyConnected.params, 216_320);
  assert.equal(c.locallyConnected.connections, 194_688);
  // Convolution: the same 194,688 connections through one shared 3×3×1×32 kernel.
  assert.equal(c.conv.params, 320);
  assert.equal(c.conv.paramsFormula, '3·3·1·32 + 32 = 320');
  assert.equal(c.conv.connections, c.locallyConnected.connections);
  assert.equal(c.conv.usesPerWeight, 676, 'each weight serves every one of the 26·26 positions');
  assert.equal(c.locallyConnected.usesPerWeight, 1);
  assert.equal(c.dense.weightsShared, false);
  assert.equal(c.conv.weightsShared, true);
  assert.equal(c.savings.denseOverConv, 16_981_120 / 320);
});

test('sparse interactions: an output sees 9 inputs (dense: 784); a central input reaches 9·32 = 288 outputs (dense: 21,632)', () => {
  const c = compareConnectivity({ inputShape: [1, 28, 28], filters: 32, kernelSize: [3, 3] });
  assert.equal(c.conv.inputsPerOutput, 9);
  assert.equal(c.dense.inputsPerOutput, 784);
  assert.equal(c.conv.outputsPerInput, 288);
  assert.equal(c.dense.outputsPerInput, 21632);
  assert.equal(c.dense.pattern, 'global');
  assert.equal(c.conv.pattern, 'local');
});

test('32×32×3 → 16 filters 5×5 stride 2 (14×14×16): dense 9,636,928, locally connected 238,336, conv 1,216', () => {
  const c = compareConnectivity({ inputShape: [3, 32, 32], filters: 16, kernelSize: [5, 5], strides: [2, 2] });
  assert.deepEqual(c.outputShape, [16, 14, 14]);
  assert.equal(c.dense.params, 3072 * 3136 + 3136);
  assert.equal(c.locallyConnected.params, 196 * (5 * 5 * 3 * 16) + 196 * 16);
  assert.equal(c.conv.params, 5 * 5 * 3 * 16 + 16);
  assert.equal(c.conv.connections, 196 * 16 * 75);
});

test("'same' padding: taps on the zeros join nothing (5×5, 3×3: 13·13 = 169 connections, not 25·9 = 225)", () => {
  const c = compareConnectivity({ inputShape: [1, 5, 5], filters: 1, kernelSize: [3, 3], padding: 'same' });
  assert.deepEqual(c.outputShape, [1, 5, 5]);
  assert.equal(c.conv.connections, 169);
  assert.equal(c.dense.connections, 625);
  assert.equal(c.conv.params, 10);
  assert.match(c.conv.connectionsFormula, /taps on padding join nothing/);
});

test("the lecture's 1-D picture: five inputs, kernel width 3 — x3 reaches s2, s3, s4; 13 edges against dense's 25", () => {
  const conv = interactionGraph1d(5, 3, 'conv');
  const dense = interactionGraph1d(5, 3, 'dense');
  assert.equal(conv.edges.length, 13);
  assert.equal(dense.edges.length, 25);
  assert.deepEqual(conv.edges.filter(([i]) => i === 2).map(([, o]) => o), [1, 2, 3]);
  assert.deepEqual(conv.edges.filter(([, o]) => o === 0).map(([i]) => i), [0, 1]);
});

test('in a model: the teaching CNN has two convolutions (shared, local) and one dense layer (global), with their alternatives', () => {
  const m = modelConnectivity(TEACHING_CNN);
  assert.deepEqual(m.counts, { dense: 1, conv: 2, locallyConnected: 0 });
  assert.deepEqual(m.layers.map((l) => [l.name, l.kind, l.pattern, l.weightsShared]), [
    ['conv1', 'conv', 'local', true], ['conv2', 'conv', 'local', true], ['dense', 'dense', 'global', false],
  ]);
  const conv1 = m.layers[0]!;
  assert.equal(conv1.params, 80);
  assert.equal(conv1.alternatives!.conv.params, 80, 'the comparison agrees with model analysis');
  assert.equal(conv1.alternatives!.dense.params, 784 * 5408 + 5408);
  assert.equal(m.layers[2]!.connections, 400 * 10);
});

test('the lesson\'s three models have the same input and output sizes and the three kinds of layer', () => {
  const [dense, local, conv] = lessonModels('denseVsConv');
  const shapes = [dense!, local!, conv!].map((model) => analyseModel(model).outputShape);
  assert.deepEqual(shapes, [[8, 26, 26], [8, 26, 26], [8, 26, 26]]);
  assert.equal(modelConnectivity(local!).counts.locallyConnected, 1);
  const params = [dense!, local!, conv!].map((model) => analyseModel(model).totals.params);
  const c = compareConnectivity({ inputShape: [1, 28, 28], filters: 8, kernelSize: [3, 3] });
  assert.deepEqual(params, [c.dense.params, c.locallyConnected.params, c.conv.params]);
});

/**
 * The lessons' sections drawn from the learner's own model: the examples the walkthrough
 * opens, parsed as the extension parses them, and every number checked by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyseModel } from '../../../core/analysis';
import { modelConnectivity, modelSizeVerdict, receptiveFieldGrowth } from '../../../core/lessons';
import type { ModelIR } from '../../../core/model/ir';
import { parseModelFile } from '../../../core/parse';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const example = (name: string): ModelIR => {
  const text = readFileSync(path.join(EXAMPLES, name), 'utf8');
  const parsed = parseModelFile(text, { fileName: name, languageId: name.endsWith('.py') ? 'python' : 'json' });
  assert.ok(parsed.models[0], `${name} holds a model`);
  return parsed.models[0]!;
};

test('dense vs conv on the Keras example: conv2d 3×3×32 on 28×28×1 is the lecture\'s 320 / 216,320 / 16,981,120', () => {
  const m = modelConnectivity(example('mnist_cnn_keras.py'));
  assert.deepEqual(m.layers.map((l) => [l.kind, l.params]), [['conv', 320], ['conv', 18_496], ['dense', 16_010]]);
  const first = m.layers[0]!.alternatives!;
  assert.deepEqual([first.dense.params, first.locallyConnected.params, first.conv.params], [16_981_120, 216_320, 320]);
  // The second conv: 13×13×32 → 11×11×64 through 3×3. Conv 3·3·32·64 + 64 = 18,496; locally
  // connected 11·11·(3·3·32·64) + 11·11·64 = 2,230,272 + 7,744; dense (32·13·13)·(64·11·11) + 64·11·11.
  const second = m.layers[1]!.alternatives!;
  assert.equal(second.conv.params, 18_496);
  assert.equal(second.locallyConnected.params, 11 * 11 * 3 * 3 * 32 * 64 + 11 * 11 * 64);
  assert.equal(second.dense.params, 32 * 13 * 13 * 64 * 11 * 11 + 64 * 11 * 11);
  assert.equal(second.conv.connections, 64 * 32 * 33 * 33, '11 windows of 3 taps per axis');
});

test('dense after Flatten: a window the size of the 5×5×64 map, one position, so dense = locally connected = conv = 16,010', () => {
  const dense = modelConnectivity(example('mnist_cnn_keras.py')).layers[2]!;
  assert.deepEqual(dense.flattenedFrom, [64, 5, 5], 'found through the Dropout between Flatten and Dense');
  const a = dense.alternatives!;
  assert.deepEqual(a.outputShape, [10, 1, 1]);
  assert.deepEqual([a.dense.params, a.locallyConnected.params, a.conv.params], [16_010, 16_010, 16_010]);
  assert.equal(a.conv.connections, 1600 * 10);
  assert.equal(dense.params, a.conv.params, 'the comparison agrees with model analysis');
});

test('PyTorch example: the same numbers, read through forward()', () => {
  const m = modelConnectivity(example('mnist_cnn_pytorch.py'));
  assert.deepEqual(m.layers.map((l) => l.params), [320, 18_496, 16_010]);
  assert.deepEqual(m.layers[2]!.flattenedFrom, [64, 5, 5]);
});

test('receptive field through the Keras example: 3, 4, 8, 10, then the whole input; jumps 1, 2, 2, 4; starts 1, 1.5, 3.5, 4.5', () => {
  const g = receptiveFieldGrowth(example('mnist_cnn_keras.py'));
  const sized = g.steps.slice(1, 5).map((s) => [s.field!.rows.size, s.field!.rows.jump, s.field!.rows.start]);
  // conv 3: 1 + 2·1·1 = 3, jump 1, centre of unit 0 at 1; pool 2/2: 3 + 1·1 = 4, jump 2, centre 1.5;
  // conv 3: 4 + 2·2 = 8, jump 2, centre 1.5 + 1·2 = 3.5; pool: 8 + 1·2 = 10, jump 4, centre 3.5 + 1 = 4.5.
  assert.deepEqual(sized, [[3, 1, 1], [4, 2, 1.5], [8, 2, 3.5], [10, 4, 4.5]]);
  assert.deepEqual(g.steps[1]!.window && [g.steps[1]!.window.rows.kernel, g.steps[1]!.window.rows.stride, g.steps[1]!.window.rows.dilation], [3, 1, 1]);
  assert.deepEqual(g.steps[2]!.window && [g.steps[2]!.window.rows.kernel, g.steps[2]!.window.rows.stride], [2, 2]);
  const analysis = analyseModel(example('mnist_cnn_keras.py'));
  g.steps.slice(1).forEach((s, i) => assert.deepEqual(s.field, analysis.layers[i]!.receptiveField, `${s.name} agrees with the analysis`));
  assert.ok(g.steps[g.steps.length - 1]!.field!.global, 'the Dense layer after Flatten sees the whole input');
});

test('variable size: the Keras example\'s Dense after Flatten forbids other sizes (1600·10 at 28×28, 2304·10 at 32×32)', () => {
  const v = modelSizeVerdict(example('mnist_cnn_keras.py'));
  assert.deepEqual(v.lesson.runs.map((r) => r.size), [[28, 28], [32, 32], [56, 56]]);
  assert.deepEqual(v.lesson.runs.map((r) => r.weightsFit), [true, false, false]);
  assert.equal(v.lesson.culprit!.name, 'dense');
  assert.match(v.verdict, /1600·10 \+ 10 = 16010 at 28×28, 2304·10 \+ 10 = 23050 at 32×32/);
  assert.equal(v.enabler, null);
});

test('variable size: PyTorch\'s nn.Linear(1600, 10) declares its size, so another size is an error at fc', () => {
  const v = modelSizeVerdict(example('mnist_cnn_pytorch.py'));
  assert.equal(v.lesson.anySize, false);
  assert.equal(v.lesson.culprit!.name, 'fc');
  assert.match(v.verdict, /declares in_features = 1600/);
});

test('variable size: global average pooling before the Dense layer lets every size run, and is named', () => {
  const model: ModelIR = {
    name: 'gap', inputShape: [1, 28, 28], source: 'keras',
    layers: [
      { name: 'conv2d', spec: { kind: 'conv2d', filters: 8, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', dilation: [1, 1], groups: 1, useBias: true, activation: 'relu' } },
      { name: 'gap', spec: { kind: 'globalAvgPool2d' } },
      { name: 'dense', spec: { kind: 'dense', units: 10, useBias: true, activation: 'softmax' } },
    ],
  };
  const v = modelSizeVerdict(model);
  assert.equal(v.lesson.anySize, true);
  assert.equal(v.enabler!.name, 'gap');
  assert.equal(v.lesson.culprit, null);
  assert.throws(() => modelSizeVerdict({ ...model, inputShape: [784] }), /not an image/);
});

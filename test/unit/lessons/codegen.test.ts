/**
 * The learner's way out: models written as Keras and PyTorch code parse back, with
 * ConvLab's own reader, to the same model (same layer kinds, settings and shapes) — for
 * the lessons' models, the examples, and hundreds of random valid models. Where a
 * framework cannot say a setting exactly, the generator must say so in its notes; a
 * result without notes must round-trip.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { compareModels, toKeras, toPyTorch, type GeneratedCode } from '../../../core/codegen';
import { depthModel, LESSONS, lessonModels } from '../../../core/lessons';
import type { ModelIR } from '../../../core/model/ir';
import { TEACHING_CNN } from '../../../core/model/teachingCnn';
import { parseModelFile } from '../../../core/parse';
import { randomModel } from './randomModels';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

type Generator = { readonly name: string; readonly write: (m: ModelIR) => GeneratedCode };
const GENERATORS: readonly Generator[] = [
  { name: 'keras', write: toKeras },
  { name: 'pytorch module', write: (m) => toPyTorch(m, { style: 'module' }) },
  { name: 'pytorch sequential', write: (m) => toPyTorch(m, { style: 'sequential' }) },
];

/** Writes, parses back, and compares; returns what differs ([] = the same model). */
function roundTrip(model: ModelIR, g: Generator): { code: GeneratedCode; differences: readonly string[]; parseErrors: string[] } {
  const code = g.write(model);
  const parsed = parseModelFile(code.code, code.fileName);
  const back = parsed.models.at(-1);
  const parseErrors = parsed.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => d.message);
  if (!back) return { code, differences: ['no model parsed back'], parseErrors };
  return { code, differences: compareModels(model, back).differences, parseErrors };
}

function assertRoundTrip(model: ModelIR, g: Generator, what: string): GeneratedCode {
  const r = roundTrip(model, g);
  assert.deepEqual(r.code.notes, [], `${what} (${g.name}) has notes:\n${r.code.code}`);
  assert.deepEqual(r.differences, [], `${what} (${g.name}) did not round-trip:\n${r.code.code}`);
  assert.deepEqual(r.parseErrors, [], `${what} (${g.name}) parses with warnings:\n${r.code.code}`);
  return r.code;
}

test('the teaching CNN as Keras: idiomatic Sequential with keras.Input, channels last, defaults left out', () => {
  const code = assertRoundTrip(TEACHING_CNN, GENERATORS[0]!, 'teaching CNN');
  assert.equal(code.code, [
    'import keras',
    'from keras import layers',
    '',
    'model = keras.Sequential([',
    '    keras.Input(shape=(28, 28, 1)),',
    '    layers.Conv2D(8, kernel_size=(3, 3), activation="relu", name="conv1"),',
    '    layers.MaxPooling2D(pool_size=(2, 2), name="pool1"),',
    '    layers.Conv2D(16, kernel_size=(3, 3), activation="relu", name="conv2"),',
    '    layers.MaxPooling2D(pool_size=(2, 2), name="pool2"),',
    '    layers.Flatten(),',
    '    layers.Dense(10, activation="softmax"),',
    '], name="teaching_cnn")',
    '',
  ].join('\n'));
});

test('the teaching CNN as PyTorch: an nn.Module with __init__ and forward, and the # convlab: input comment', () => {
  const code = assertRoundTrip(TEACHING_CNN, GENERATORS[1]!, 'teaching CNN');
  assert.equal(code.code, [
    '# convlab: input 1x28x28',
    'import torch',
    'from torch import nn',
    'import torch.nn.functional as F',
    '',
    '',
    'class TeachingCNN(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.conv1 = nn.Conv2d(1, 8, kernel_size=3)',
    '        self.pool1 = nn.MaxPool2d(2)',
    '        self.conv2 = nn.Conv2d(8, 16, kernel_size=3)',
    '        self.pool2 = nn.MaxPool2d(2)',
    '        self.dense = nn.Linear(400, 10)',
    '',
    '    def forward(self, x):',
    '        x = F.relu(self.conv1(x))',
    '        x = self.pool1(x)',
    '        x = F.relu(self.conv2(x))',
    '        x = self.pool2(x)',
    '        x = torch.flatten(x, 1)',
    '        x = F.softmax(self.dense(x), dim=1)',
    '        return x',
    '',
    '',
    'model = TeachingCNN()',
    '',
  ].join('\n'));
  assert.equal(code.fileName, 'teaching_cnn_pytorch.py');
  const seq = assertRoundTrip(TEACHING_CNN, GENERATORS[2]!, 'teaching CNN');
  assert.match(seq.code, /model = nn\.Sequential\(\n {4}nn\.Conv2d\(1, 8, kernel_size=3\),\n {4}nn\.ReLU\(\),/);
});

test('every lesson model round-trips through Keras and both PyTorch styles (the locally connected one: Keras only)', () => {
  let checked = 0;
  for (const lesson of LESSONS) {
    for (const model of lessonModels(lesson.id)) {
      const local = model.layers.some((l) => l.spec.kind === 'locallyConnected2d');
      for (const g of GENERATORS) {
        if (local && g.name !== 'keras') {
          const r = roundTrip(model, g);
          assert.ok(r.code.notes.some((n) => /PyTorch has no such layer/.test(n)), 'the locally connected layer is flagged');
          assert.match(r.code.code, /class LocallyConnected2d\(nn\.Module\)/);
          continue;
        }
        if (local) {
          const r = roundTrip(model, g);
          assert.deepEqual(r.differences, [], `${lesson.id}/${model.name} (keras)`);
          assert.match(r.code.notes.join(' '), /Keras 3 no longer has it/);
          continue;
        }
        assertRoundTrip(model, g, `${lesson.id}/${model.name}`);
        checked++;
      }
    }
  }
  assert.ok(checked >= 27, `${checked} round trips`);
});

test('Keras layer names: written only where they differ from the automatic ones', () => {
  const keras = toKeras(depthModel(3)).code;
  assert.doesNotMatch(keras, /name="dense/, 'dense, dense_1, … are what Keras calls them anyway');
  assert.match(keras, /layers\.Dense\(512, activation="elu"\),\n {4}layers\.Dense\(512, activation="elu"\),/);
  const parsed = parseModelFile(keras, 'depth.py').models[0]!;
  assert.deepEqual(parsed.layers.map((l) => l.name), depthModel(3).layers.map((l) => l.name));
  // Names Keras would refuse or duplicate are made safe; later automatic names stay implicit.
  const dense = (name: string): ModelIR['layers'][number] => ({ name, spec: { kind: 'dense', units: 3, useBias: true, activation: 'linear' } });
  const messy: ModelIR = { name: 'n', inputShape: [4], layers: ['conv', 'conv', 'conv_1', 'features.0', 'my dense', '_x', 'dense', 'dense_1'].map(dense) };
  const code = toKeras(messy).code;
  assert.deepEqual(parseModelFile(code, 'n.py').models[0]!.layers.map((l) => l.name), ['conv', 'conv_2', 'conv_1', 'features.0', 'my_dense', 'layer_x', 'dense', 'dense_1']);
  assert.match(code, /layers\.Dense\(3\),\n {4}layers\.Dense\(3\),\n\]/, 'dense and dense_1 need no name=');
});

test('the examples read back: every model of examples/ written as Keras and PyTorch parses to the same model', () => {
  for (const file of ['mnist_cnn_keras.py', 'mnist_cnn_pytorch.py', 'depth_experiment_keras.py', 'teaching_cnn.convlab.json']) {
    const parsed = parseModelFile(readFileSync(path.join(EXAMPLES, file), 'utf8'), file);
    assert.ok(parsed.models.length > 0, file);
    for (const model of parsed.models) for (const g of GENERATORS) assertRoundTrip(model, g, `${file}: ${model.name}`);
  }
});

test('PyTorch explicit padding 1 around a 3×3 kernel is Keras\' padding="same"; padding 2 is not and says so', () => {
  const conv = (padding: readonly [number, number]): ModelIR => ({
    name: 'p', inputShape: [1, 12, 12], source: 'pytorch',
    layers: [{ name: 'conv', spec: { kind: 'conv2d', filters: 4, kernelSize: [3, 3], strides: [1, 1], padding, dilation: [1, 1], groups: 1, useBias: true, activation: 'linear' } }],
  });
  const same = assertRoundTrip(conv([1, 1]), GENERATORS[0]!, 'padding 1');
  assert.match(same.code, /padding="same"/);
  const wide = roundTrip(conv([2, 2]), GENERATORS[0]!);
  assert.match(wide.code.code, /layers\.ZeroPadding2D\(padding=\(2, 2\)\),/);
  assert.match(wide.code.notes[0]!, /ConvLab does not read back/);
  assert.notDeepEqual(wide.differences, [], 'ConvLab leaves ZeroPadding2D out, as the note says');
});

test("Keras 'same' with stride 2: symmetric on 27 (PyTorch padding=1), uneven on 28 (an nn.ZeroPad2d and a note)", () => {
  const model = (n: number): ModelIR => ({
    name: 's', inputShape: [3, n, n], source: 'keras',
    layers: [{ name: 'conv2d', spec: { kind: 'conv2d', filters: 4, kernelSize: [3, 3], strides: [2, 2], padding: 'same', dilation: [1, 1], groups: 1, useBias: true, activation: 'relu' } }],
  });
  const odd = assertRoundTrip(model(27), GENERATORS[1]!, '27×27');
  assert.match(odd.code, /nn\.Conv2d\(3, 4, kernel_size=3, stride=2, padding=1\)/);
  const even = roundTrip(model(28), GENERATORS[1]!);
  assert.match(even.code.code, /nn\.ZeroPad2d\(\(0, 1, 0, 1\)\)/);
  assert.match(even.code.notes[0]!, /unevenly \(0\/1 rows, 0\/1 columns\)/);
});

test('conventions converted: batch-norm momentum 0.99 (Keras) is PyTorch momentum=0.01; avg-pool over padding leaves it out', () => {
  const model: ModelIR = {
    name: 'bn', inputShape: [2, 8, 8], source: 'keras',
    layers: [
      { name: 'batch_normalization', spec: { kind: 'batchNorm', momentum: 0.99, epsilon: 0.001 } },
      { name: 'average_pooling2d', spec: { kind: 'avgPool2d', poolSize: [3, 3], strides: [1, 1], padding: [1, 1] } },
    ],
  };
  const code = assertRoundTrip(model, GENERATORS[1]!, 'bn').code;
  assert.match(code, /nn\.BatchNorm2d\(2, momentum=0\.01, eps=0\.001\)/);
  assert.match(code, /nn\.AvgPool2d\(3, stride=1, padding=1, count_include_pad=False\)/);
});

test('the textbook convolution cannot be written in either framework: both generators say so', () => {
  const model: ModelIR = {
    name: 'flip', inputShape: [1, 5, 5],
    layers: [{ name: 'conv2d', spec: { kind: 'conv2d', filters: 1, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', dilation: [1, 1], groups: 1, useBias: false, activation: 'linear', convention: 'convolution' } }],
  };
  for (const g of GENERATORS) assert.match(g.write(model).notes.join(' '), /flipped kernel/, g.name);
});

test('an unknown input: PyTorch code uses LazyConv2d / LazyLinear and Keras code leaves keras.Input out, with notes', () => {
  const model: ModelIR = { ...TEACHING_CNN, inputShape: [] };
  const torch = toPyTorch(model);
  assert.match(torch.code, /nn\.LazyConv2d\(8, kernel_size=3\)/);
  assert.match(torch.code, /nn\.LazyLinear\(10\)/);
  assert.doesNotMatch(torch.code, /# convlab: input/);
  assert.ok(torch.notes.length >= 3);
  assert.ok(toKeras(model).notes.some((n) => /input shape is unknown/.test(n)));
});

test('300 random valid models: code without notes parses back to the same model, in Keras and both PyTorch styles', () => {
  let exact = 0;
  let total = 0;
  const failures: string[] = [];
  for (let seed = 0; seed < 300; seed++) {
    const model = randomModel(seed);
    for (const g of GENERATORS) {
      total++;
      const r = roundTrip(model, g);
      if (r.code.notes.length > 0) continue;
      exact++;
      if (g.name === 'keras') {
        // Keras keeps the layer names too (written only where the automatic ones differ).
        const names = parseModelFile(r.code.code, r.code.fileName).models.at(-1)?.layers.map((l) => l.name);
        if (JSON.stringify(names) !== JSON.stringify(model.layers.map((l) => l.name))) failures.push(`seed ${seed} (keras): names ${JSON.stringify(names)}`);
      }
      if (r.differences.length > 0 || r.parseErrors.length > 0) {
        failures.push(`seed ${seed} (${g.name}):\n  ${[...r.differences, ...r.parseErrors].join('\n  ')}\n${r.code.code}`);
      }
    }
  }
  assert.deepEqual(failures.slice(0, 3), []);
  assert.ok(exact > total * 0.6, `${exact} of ${total} written without notes: the generator must not hide behind notes`);
});

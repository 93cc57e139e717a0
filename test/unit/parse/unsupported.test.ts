// What ConvLab can't follow is said, at the range of the call or construct, as information
// (it is not the learner's error), and the rest of the model is still read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePython } from '../../../core/parse';
import { diagnostic, kinds, only, rangeOf } from './helpers';

const TORCH = `import torch
import torch.nn as nn
import torch.nn.functional as F

# convlab: input 3x32x32
class ResNetish(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, width, 3, padding=1)
        self.act = nn.Hardtanh(-2.0, 2.0)
        self.up = nn.PixelShuffle(2)
        self.blocks = nn.ModuleList([nn.Conv2d(16, 16, 3, padding=1) for _ in range(2)])
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = self.conv1(x)
        identity = x
        x = F.relu(self.conv2(x))
        x = x + identity
        x = self.up(self.act(x))
        for block in self.blocks:
            x = block(x)
        x = torch.cat([x, identity], dim=1)
        x = x.permute(0, 2, 3, 1)
        x = x.mean(dim=(1, 2))
        x = helper(x)
        return self.fc(x)
`;

const cases: [string, RegExp, string][] = [
  ['a required value that is a parameter', /nn\.Conv2d's out_channels is `width`/, 'nn.Conv2d(16, width, 3, padding=1)'],
  ['a shape-keeping module ConvLab does not model', /doesn't model nn\.Hardtanh yet.*shapes after it are still right/, 'nn.Hardtanh(-2.0, 2.0)'],
  ['a shape-changing module ConvLab does not model', /doesn't model nn\.PixelShuffle yet.*may be wrong/, 'nn.PixelShuffle(2)'],
  ['a tensor method', /can't follow this call yet: `x\.permute/, 'x.permute(0, 2, 3, 1)'],
  ['a reduction over axes that are not height and width', /can't follow this call yet: `x\.mean/, 'x.mean(dim=(1, 2))'],
  ['a function ConvLab does not know', /can't follow this call yet: `helper\(x\)`/, 'helper(x)'],
];

for (const [what, message, snippet] of cases) {
  test(`PyTorch, ${what}: information at \`${snippet}\``, () => {
    const r = parsePython(TORCH);
    const d = diagnostic(r, message);
    assert.equal(d.severity, 'information');
    assert.deepEqual(d.range, rangeOf(TORCH, snippet));
  });
}

test('PyTorch: past everything it can\'t follow, the rest of the model is still read, in order, with its merges', () => {
  const m = only(parsePython(TORCH));
  // conv2 (its width unknown) is left out; x + identity reads relu and conv1, torch.cat blocks.1 and conv1.
  assert.deepEqual(m.layers.map((l) => l.name), ['conv1', 'relu', 'add', 'blocks.0', 'blocks.1', 'concatenate', 'fc']);
  assert.deepEqual(m.layers[2]!.inputs, [1, 0]);
  assert.deepEqual(m.layers[5]!.inputs, [4, 0]);
  assert.deepEqual(m.layers[5]!.spec, { kind: 'merge', op: 'concatenate', axis: 0 });
  assert.equal(parsePython(TORCH).diagnostics.length, cases.length, 'one diagnostic per construct, none twice');
  assert.equal(m.gaps?.length, cases.length - 1, 'every note but the unresolved width is a gap of the model');
});

const KERAS = `import keras
from keras import layers
import my_layers

inputs = keras.Input(shape=(32, 32, 3))
x = layers.Masking()(inputs)
x = layers.Conv2D(32, 3, activation="celu")(x)
skip = x
x = layers.Conv2D(32, 3, padding="same")(x)
x = layers.add([x, skip])
x = my_layers.Attention()(x)
x = layers.Conv2D(filters=n_filters, kernel_size=3)(x)
x = layers.Flatten()(x)
outputs = layers.Dense(10)(x)
model = keras.Model(inputs, outputs)
`;

test('Keras functional: unknown layers, unknown activations, merges and unresolved values are each said at their call', () => {
  const r = parsePython(KERAS);
  const at = (pattern: RegExp, snippet: string): void => {
    const d = diagnostic(r, pattern);
    assert.equal(d.severity, 'information', String(pattern));
    assert.deepEqual(d.range, rangeOf(KERAS, snippet), String(pattern));
  };
  at(/doesn't model keras\.layers\.Masking yet.*still right/, 'layers.Masking()');
  at(/'celu' activation/, 'activation="celu"');
  at(/can't follow this call yet: `my_layers\.Attention\(\)\(x\)`/, 'my_layers.Attention()(x)');
  at(/Conv2D's filters is `n_filters`/, 'layers.Conv2D(filters=n_filters, kernel_size=3)');
  const m = only(r);
  assert.deepEqual(kinds(m.layers), ['conv2d', 'conv2d', 'merge', 'flatten', 'dense']);
  assert.deepEqual(m.layers[2]!.inputs, [1, 0], 'layers.add([x, skip]) reads the second and the first convolution');
  assert.deepEqual(m.inputShape, [3, 32, 32]);
});

test('Keras Sequential: an item that is not a layer is left out with information at the item', () => {
  const src = 'import keras\nmodel = keras.Sequential([keras.Input((4,)), make_block(), keras.layers.Dense(2)])\n';
  const r = parsePython(src);
  assert.deepEqual(diagnostic(r, /`make_block\(\)` isn't a layer ConvLab can work out/).range, rangeOf(src, 'make_block()'));
  assert.deepEqual(kinds(only(r).layers), ['dense']);
});

test('an if ConvLab can\'t decide follows its first branch and says so; a decidable one says nothing', () => {
  const src = `import keras
use_bn = True
model = keras.Sequential([keras.Input((8,))])
if use_bn:
    model.add(keras.layers.BatchNormalization())
if args.wide:
    model.add(keras.layers.Dense(512))
else:
    model.add(keras.layers.Dense(64))
`;
  const r = parsePython(src);
  assert.deepEqual(only(r).layers.map((l) => (l.spec.kind === 'dense' ? l.spec.units : l.spec.kind)), ['batchNorm', 512]);
  assert.deepEqual(r.diagnostics.map((d) => d.range), [rangeOf(src, 'args.wide')]);
  assert.match(r.diagnostics[0]!.message, /can't tell whether `args.wide` holds: it follows this branch/);
});

test('wrong argument types are errors at the argument (the framework would raise); the layer is left out', () => {
  const src = 'import keras\nm = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Conv2D("32", (3, 3, 3)), keras.layers.Dense(units=2, padding=1), keras.layers.Dense()])\n';
  const r = parsePython(src);
  assert.deepEqual(r.diagnostics.map((d) => [d.severity, d.code, d.range]), [
    ['error', 'invalidArgument', rangeOf(src, '"32"')],
    ['error', 'invalidArgument', rangeOf(src, '(3, 3, 3)')],
    ['error', 'invalidArgument', rangeOf(src, 'keras.layers.Dense()')],
  ]);
  assert.match(r.diagnostics[1]!.message, /kernel_size must be an integer or a pair of integers, got \(3, 3, 3\)/);
  assert.match(r.diagnostics[2]!.message, /Dense needs units/);
  assert.deepEqual(kinds(only(r).layers), ['dense'], 'the unknown keyword padding= is ignored, as it does no harm here');
});

test('a runaway file is cut off with one information diagnostic, not a hang', () => {
  const src = 'import keras\nm = keras.Sequential()\nfor i in range(1000):\n    for j in range(1000):\n        n = i * j\n';
  const started = performance.now();
  const r = parsePython(src);
  assert.ok(performance.now() - started < 2000);
  assert.ok(r.diagnostics.some((d) => d.code === 'limit'));
});

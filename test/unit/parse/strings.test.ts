// Python's string formatting where model code names and looks up its modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { braceFormat, percentFormat, pyStr } from '../../../core/parse/python/strings';
import { parsePython } from '../../../core/parse';

test('%-formatting, str.format and str() as Python gives them', () => {
  assert.equal(percentFormat('conv%d', 3), 'conv3');
  assert.equal(percentFormat('%s_%02d%%', ['block', 7]), 'block_07%');
  assert.equal(braceFormat('block_{}_', [4], new Map()), 'block_4_');
  assert.equal(braceFormat('{0}x{0}-{n}', [3], new Map([['n', 'bn']])), '3x3-bn');
  assert.equal(pyStr(1.5), '1.5');
  assert.equal(pyStr(2), '2');
  assert.equal(pyStr(true), 'True');
  assert.deepEqual(percentFormat('%d', { kind: 'unknown' }), { kind: 'unknown' });
});

test('f-strings name modules that getattr finds again; escaped braces stay literal', () => {
  const src = [
    'import torch.nn as nn', '', '# convlab: input 4x8x8', 'class Net(nn.Module):', '    def __init__(self):', '        super().__init__()',
    '        for i in range(3):', '            setattr(self, f"layer{i}", nn.Conv2d(4, 4, 3, padding=1))', '        self.tag = f"{{x}}{2:03d}"',
    '    def forward(self, x):', '        for i in range(3):', '            x = getattr(self, f"layer{i}")(x)', '        return x', '',
  ].join('\n');
  const m = parsePython(src).models[0]!;
  assert.deepEqual(m.layers.map((l) => l.name), ['layer0', 'layer1', 'layer2']);
});

test('a Keras Lambda runs its lambda on the tensor: x / 255.0 keeps the shape; what it cannot follow is said at that call', () => {
  const src = [
    'import tensorflow as tf', 'from tensorflow import keras', 'from tensorflow.keras import layers',
    'inputs = keras.Input(shape=(32, 32, 3))', 'x = layers.Lambda(lambda t: t / 255.0)(inputs)', 'x = layers.Conv2D(4, 3)(x)', 'm = keras.Model(inputs, x, name="scaled")',
    'seq = keras.Sequential([keras.Input(shape=(28, 28)), layers.Lambda(lambda x: tf.expand_dims(x, -1)), layers.Flatten()])', '',
  ].join('\n');
  const r = parsePython(src);
  const scaled = r.models.find((m) => m.name === 'scaled')!;
  assert.deepEqual(scaled.layers.map((l) => l.spec.kind), ['conv2d']);
  assert.equal(scaled.gaps, undefined);
  assert.ok(r.diagnostics.some((d) => /can't follow this call yet: `tf\.expand_dims\(x, -1\)`/.test(d.message)));
});

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

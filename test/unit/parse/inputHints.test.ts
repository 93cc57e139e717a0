// PyTorch code states no input size, but often shows one: a test function runs the model on
// torch.randn(2, 3, 32, 32), or torchsummary's summary(model, (3, 32, 32)). That is the
// model's input shape, from the code; a `# convlab: input` comment above the model still wins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseModel } from '../../../core/analysis';
import { parsePython } from '../../../core/parse';

const NET = ['import torch', 'import torch.nn as nn', '', 'class Net(nn.Module):', '    def __init__(self):', '        super().__init__()',
  '        self.conv = nn.Conv2d(3, 8, 3)', '        self.pool = nn.AdaptiveAvgPool2d(1)', '    def forward(self, x):', '        return self.pool(self.conv(x))', ''];

test('net(torch.randn(2, 3, 32, 32)) in a test function gives the input shape', () => {
  const src = [...NET, 'def test():', '    net = Net()', '    y = net(torch.randn(2, 3, 32, 32))', '    print(y.size())', ''].join('\n');
  const m = parsePython(src).models[0]!;
  assert.deepEqual([m.inputShape, m.inputShapeSource], [[3, 32, 32], 'code']);
  assert.deepEqual(analyseModel(m).outputShapes, [[8, 1, 1]]);
});

test('torchsummary and torchinfo calls give it too (torchinfo with the batch)', () => {
  for (const [line, shape] of [['summary(model, (3, 48, 48))', [3, 48, 48]], ['torchinfo.summary(model, input_size=(16, 3, 40, 40))', [3, 40, 40]]] as const) {
    const src = [...NET, 'import torchinfo', 'from torchsummary import summary', 'model = Net()', line, ''].join('\n');
    assert.deepEqual(parsePython(src).models[0]!.inputShape, shape, line);
  }
});

test('a comment above the model wins over what the code shows', () => {
  const src = [...NET.slice(0, 3), '# convlab: input 3x64x64', ...NET.slice(3), 'net = Net()', 'net(torch.zeros(1, 3, 32, 32))', ''].join('\n');
  assert.deepEqual(parsePython(src).models[0]!.inputShape, [3, 64, 64]);
});

// The summary of a graph model shows what each layer reads, as Keras' summary does for
// functional models; a chain shows no such column. PyTorch's BatchNorm counts its weight
// and bias only: the running statistics are buffers, which PyTorch does not count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseModel } from '../../../core/analysis';
import { summarizeModel } from '../../../core/analysis/summary';
import { parsePython } from '../../../core/parse';

const RESIDUAL = `import torch.nn as nn
import torch.nn.functional as F

# convlab: input 8x16x16
class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(8, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)) + x)
`;

test('a residual block: the add is connected to the batch norm and the input', () => {
  const m = parsePython(RESIDUAL).models[0]!;
  const s = summarizeModel(m, analyseModel(m));
  assert.deepEqual(s.layers.map((l) => [l.name, l.connectedTo]), [
    ['conv', ['input']], ['bn', ['conv']], ['add', ['bn', 'input']], ['relu', ['add']],
  ]);
});

test('PyTorch BatchNorm2d: 2·C parameters (the running statistics are buffers); Keras: 4·C with 2·C non-trainable', () => {
  const m = parsePython(RESIDUAL).models[0]!;
  const bn = analyseModel(m).layers[1]!;
  assert.deepEqual([bn.params?.trainable, bn.params?.nonTrainable, bn.params?.total], [16, 0, 16]);
  const keras = parsePython('import keras\nmodel = keras.Sequential([keras.Input((4, 4, 8)), keras.layers.BatchNormalization()])\n').models[0]!;
  const k = analyseModel(keras).layers[0]!;
  assert.deepEqual([k.params?.trainable, k.params?.nonTrainable, k.params?.total], [16, 16, 32]);
});

test('a chain has no connected-to column', () => {
  const m = parsePython('import keras\nmodel = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2), keras.layers.Dense(1)])\n').models[0]!;
  assert.ok(summarizeModel(m, analyseModel(m)).layers.every((l) => l.connectedTo === undefined));
});

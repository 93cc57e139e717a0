// PyTorch code in the styles tutorials use: nn.Module classes followed through forward
// (modules, F.* calls, flatten and view), nn.Sequential in its forms, submodules, and the
// input shape from a comment or a setting — never from the code, which has none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseModel } from '../../../core/analysis';
import { parsePython } from '../../../core/parse';
import { codes, diagnostic, fixture, kinds, only, rangeOf } from './helpers';

test('pytorch/examples MNIST: Net in forward\'s order, log_softmax, train/test/main ignored; PyTorch counts 1,199,882 parameters', () => {
  const src = fixture('pytorch_mnist.py');
  const r = parsePython(src);
  assert.deepEqual(r.diagnostics, [], 'argparse, DataLoader, training loops: nothing to say');
  const m = only(r);
  assert.equal(m.name, 'Net');
  assert.deepEqual(m.inputShape, [1, 28, 28]);
  assert.deepEqual(m.layers.map((l) => l.name), [
    'conv1', 'relu', 'conv2', 'relu_1', 'max_pool2d', 'dropout1', 'flatten', 'fc1', 'relu_2', 'dropout2', 'fc2', 'log_softmax',
  ]);
  assert.deepEqual(m.layers[0]!.spec, { kind: 'conv2d', inChannels: 1, filters: 32, kernelSize: [3, 3], strides: [1, 1], padding: [0, 0], dilation: [1, 1], groups: 1, useBias: true, activation: 'linear' });
  assert.deepEqual(m.layers[4]!.spec, { kind: 'maxPool2d', poolSize: [2, 2], strides: [2, 2], padding: [0, 0] });
  assert.deepEqual(m.layers[5]!.spec, { kind: 'dropout', rate: 0.25, granularity: 'element' });
  assert.deepEqual(m.layers[7]!.spec, { kind: 'dense', inFeatures: 9216, units: 128, useBias: true, activation: 'linear' });
  assert.deepEqual(m.layers[11]!.spec, { kind: 'activation', activation: 'softmax', log: true });
  assert.deepEqual(m.layers[7]!.range, { startLine: 18, startCol: 19, endLine: 18, endCol: 39 });
  assert.deepEqual(m.layers[7]!.appliedAt, rangeOf(src, 'self.fc1(x)'));
  assert.deepEqual(m.layers[11]!.range, rangeOf(src, 'F.log_softmax(x, dim=1)'));
  const a = analyseModel(m);
  assert.equal(a.totals.params, 1199882);
  assert.deepEqual(a.diagnostics, [], 'Linear(9216, 128) matches 64·12·12');
});

test('LeNet-5 (the 60-minute blitz): self.pool used twice gives two layers, one range, two appliedAt; 16 * 5 * 5 resolved', () => {
  const src = fixture('pytorch_lenet.py');
  const m = only(parsePython(src));
  assert.deepEqual(m.inputShape, [3, 32, 32], 'from the comment just above the class');
  assert.deepEqual(kinds(m.layers), ['conv2d', 'activation', 'maxPool2d', 'conv2d', 'activation', 'maxPool2d', 'flatten', 'dense', 'activation', 'dense', 'activation', 'dense']);
  const pools = m.layers.filter((l) => l.name === 'pool');
  assert.equal(pools.length, 2);
  assert.deepEqual(pools[0]!.range, rangeOf(src, 'nn.MaxPool2d(2, 2)'));
  assert.deepEqual(pools[1]!.range, pools[0]!.range);
  assert.deepEqual(pools[0]!.appliedAt, rangeOf(src, 'self.pool(F.relu(self.conv1(x)))'));
  assert.deepEqual(pools[1]!.appliedAt, rangeOf(src, 'self.pool(F.relu(self.conv2(x)))'));
  assert.equal(m.layers[7]!.spec.kind === 'dense' && m.layers[7]!.spec.inFeatures, 400);
  assert.equal(analyseModel(m).totals.params, 62006, 'the count torchinfo reports for LeNet-5 on 3×32×32');
});

test('VGG-style: make_layers() builds nn.Sequential(*layers) from a config loop; submodule names as named_modules() gives them', () => {
  const src = fixture('pytorch_vgg.py');
  const r = parsePython(src);
  const [vgg, tiny] = r.models;
  assert.equal(r.models.length, 2, 'VGG and the module-level nn.Sequential; Head is a part of VGG, not a model');
  assert.equal(vgg!.name, 'VGG');
  assert.deepEqual(vgg!.layers.map((l) => l.name), [
    'features.0', 'features.1', 'features.2', 'features.3', 'features.4', 'features.5', 'features.6',
    'features.7', 'features.8', 'features.9', 'features.10', 'features.11', 'features.12', 'features.13',
    'avgpool', 'view', 'head.fc',
  ]);
  assert.deepEqual(vgg!.layers[1]!.spec, { kind: 'batchNorm', momentum: 0.9, epsilon: 1e-5, numFeatures: 16 }, 'PyTorch momentum 0.1 → 0.9 in Keras\' convention');
  assert.deepEqual(vgg!.layers[14]!.spec, { kind: 'globalAvgPool2d', keepDims: true });
  assert.deepEqual(vgg!.layers[15]!.spec, { kind: 'flatten' }, 'x.view(x.size(0), -1)');
  assert.deepEqual(vgg!.layers[0]!.appliedAt, rangeOf(src, 'self.features(x)'));
  assert.deepEqual(vgg!.layers[0]!.range, rangeOf(src, 'nn.Conv2d(in_channels, v, kernel_size=3, padding=1)'));
  assert.deepEqual(vgg!.inputShape, [1, 28, 28]);
  assert.deepEqual(tiny!.layers.map((l) => l.name), ['conv', 'act', 'flat', 'fc'], 'OrderedDict keys name the layers');
  assert.deepEqual(tiny!.inputShape, [], 'the comment belongs to VGG, just above it');
  assert.deepEqual(diagnostic(r, /doesn't state its input size/).range, rangeOf(src, 'nn.Sequential(OrderedDict(['), 'the model\'s first line');
  assert.deepEqual(codes(r), ['information:input']);
});

test('input shape: a comment anywhere applies to every model without its own; the setting comes next; else unknown', () => {
  const net = `import torch.nn as nn
class A(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)
    def forward(self, x):
        return self.fc(x)
`;
  const fromComment = only(parsePython(`${net}# convlab: input 4\n`, { defaultInputShape: [9] }));
  assert.deepEqual([fromComment.inputShape, fromComment.inputShapeSource], [[4], 'comment']);
  const fromSetting = parsePython(net, { defaultInputShape: [4] });
  assert.deepEqual([only(fromSetting).inputShape, fromSetting.inputShapeSource], [[4], 'setting']);
  const unknown = parsePython(net);
  assert.deepEqual([only(unknown).inputShape, unknown.inputShapeSource], [[], 'unknown']);
  assert.deepEqual(diagnostic(unknown, /doesn't state its input size/).range, rangeOf(net, 'A'));
  const spaced = only(parsePython(`# ConvLab: Input (3, 64, 64)\n${net}`));
  assert.deepEqual(spaced.inputShape, [3, 64, 64], 'case, commas and brackets are forgiven');
  const bad = parsePython(`# convlab: input 1xtwentyeight\n${net}`);
  assert.deepEqual(diagnostic(bad, /can't read this input shape/).severity, 'warning');
});

test('nn.Sequential at module level is a model; nested Sequentials and ModuleList loops are inlined', () => {
  const src = `import torch
from torch import nn
# convlab: input 1x28x28
model = nn.Sequential(
    nn.Conv2d(1, 8, 3, stride=2, padding='same', dilation=(1, 1), groups=1, bias=False),
    nn.Sequential(nn.ReLU(), nn.Dropout2d(0.2)),
    nn.AvgPool2d(2, stride=1, padding=1),
    nn.Flatten(),
    nn.LazyLinear(10),
    nn.Softmax(dim=1),
)
`;
  const m = only(parsePython(src));
  assert.equal(m.name, 'model');
  assert.deepEqual(m.layers.map((l) => l.name), ['0', '1.0', '1.1', '2', '3', '4', '5']);
  assert.deepEqual(m.layers.map((l) => l.spec), [
    { kind: 'conv2d', inChannels: 1, filters: 8, kernelSize: [3, 3], strides: [2, 2], padding: 'same', dilation: [1, 1], groups: 1, useBias: false, activation: 'linear' },
    { kind: 'activation', activation: 'relu' },
    { kind: 'dropout', rate: 0.2, granularity: 'channel' },
    { kind: 'avgPool2d', poolSize: [2, 2], strides: [1, 1], padding: [1, 1] },
    { kind: 'flatten' },
    { kind: 'dense', units: 10, useBias: true, activation: 'linear' },
    { kind: 'activation', activation: 'softmax' },
  ]);
  assert.deepEqual(m.layers[1]!.range, rangeOf(src, 'nn.ReLU()'));
});

test('forward idioms: x.view(-1, N), x.reshape, torch.relu/sigmoid/tanh, F.elu, F.avg_pool2d, F.adaptive_avg_pool2d, x.flatten(1), return on one line', () => {
  const src = `import torch
import torch.nn as nn
import torch.nn.functional as F
# convlab: input 1x28x28
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.c = nn.Conv2d(1, 4, 5)
        self.bn = nn.BatchNorm2d(4, momentum=0.01, eps=1e-3)
        self.fc = nn.Linear(4 * 12 * 12, 10)
    def forward(self, x):
        x = F.avg_pool2d(torch.relu(self.bn(self.c(x))), kernel_size=2)
        x = x.view(-1, 4 * 12 * 12)
        x = x.reshape(x.shape[0], 4, 12, 12)
        x = F.adaptive_avg_pool2d(F.elu(x), 1).flatten(1)
        return torch.sigmoid(torch.tanh(F.dropout(x, p=0.3, training=self.training)))
`;
  const r = parsePython(src);
  const m = only(r);
  assert.deepEqual(kinds(m.layers), ['conv2d', 'batchNorm', 'activation', 'avgPool2d', 'reshape', 'reshape', 'activation', 'globalAvgPool2d', 'flatten', 'dropout', 'activation', 'activation']);
  assert.deepEqual(m.layers[1]!.spec, { kind: 'batchNorm', momentum: 0.99, epsilon: 1e-3, numFeatures: 4 });
  assert.deepEqual(m.layers[4]!.spec, { kind: 'reshape', targetShape: [576] }, 'x.view(-1, N): the batch is inferred, N checked by analysis');
  assert.deepEqual(m.layers[5]!.spec, { kind: 'reshape', targetShape: [4, 12, 12] });
  assert.deepEqual(m.layers[9]!.spec, { kind: 'dropout', rate: 0.3, granularity: 'element' });
  assert.deepEqual(r.diagnostics, [], 'training=self.training given: no pitfall');
  assert.deepEqual(analyseModel(m).outputShape, [4]);
});

test('submodules from the file: Block(1, 8) binds __init__\'s parameters; its forward is followed inside the parent\'s', () => {
  const src = `import torch.nn as nn
import torch.nn.functional as F

class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        return self.pool(F.relu(self.conv(x)))

# convlab: input 1x32x32
class Net(nn.Module):
    def __init__(self, widths=(8, 16)):
        super().__init__()
        self.block1 = Block(1, widths[0])
        self.block2 = Block(widths[0], widths[1])
        self.head = nn.Linear(widths[1] * 8 * 8, 10)

    def forward(self, x):
        x = self.block2(self.block1(x))
        return self.head(torch.flatten(x, 1))
`;
  const r = parsePython(src);
  const m = only(r);
  assert.equal(m.name, 'Net');
  assert.deepEqual(m.layers.map((l) => l.name), ['block1.conv', 'relu', 'block1.pool', 'block2.conv', 'relu_1', 'block2.pool', 'flatten', 'head']);
  assert.deepEqual(m.layers.map((l) => (l.spec.kind === 'conv2d' ? [l.spec.inChannels, l.spec.filters] : null)).filter(Boolean), [[1, 8], [8, 16]]);
  assert.deepEqual(analyseModel(m).diagnostics, []);
});

test('pitfalls that run but rarely mean what they say are warnings: F.dropout without training, flatten of the batch, view(-1)', () => {
  const src = `import torch
import torch.nn.functional as F
from torch import nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(784, 10)
    def forward(self, x):
        x = F.dropout(x, 0.2)
        x = torch.flatten(x)
        x = x.view(-1)
        return self.fc(x)
`;
  const r = parsePython(src, { defaultInputShape: [1, 28, 28] });
  assert.deepEqual(r.diagnostics.map((d) => [d.severity, d.code, d.range]), [
    ['warning', 'pitfall', rangeOf(src, 'F.dropout(x, 0.2)')],
    ['warning', 'pitfall', rangeOf(src, 'torch.flatten(x)')],
    ['warning', 'pitfall', rangeOf(src, 'x.view(-1)')],
  ]);
  assert.match(r.diagnostics[0]!.message, /training=self.training/);
});

test('a file with both Keras and PyTorch models returns both, each marked with its framework', () => {
  const r = parsePython(`import keras
import torch.nn as nn
k = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
t = nn.Sequential(nn.Linear(4, 2))
`);
  assert.deepEqual(r.models.map((m) => [m.name, m.source]), [['k', 'keras'], ['t', 'pytorch']]);
});

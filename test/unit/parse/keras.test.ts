// Keras code in the styles tutorials use: Sequential lists and add() chains, the lecture's
// depth loop, the functional API, layers reached by every import form, and the input shape
// from each place Keras accepts it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseModel } from '../../../core/analysis';
import { parsePython } from '../../../core/parse';
import { codes, diagnostic, example, fixture, kinds, only, rangeOf } from './helpers';

test('lecture depth loop unrolled: num_layers = 0, 4, 24 give 0, 4, 24 hidden Dense(512, elu)', () => {
  const src = example('depth_experiment_keras.py');
  for (const n of [0, 4, 24]) {
    const m = only(parsePython(src.replace('num_layers = 4', `num_layers = ${n}`)));
    const hidden = m.layers.filter((l) => l.spec.kind === 'dense' && l.spec.units === 512 && l.spec.activation === 'elu');
    assert.equal(hidden.length, n, `num_layers = ${n}`);
    assert.equal(m.layers.length, n + 2, `Flatten, ${n} hidden, the softmax output`);
    assert.deepEqual(m.layers[m.layers.length - 1]!.spec, { kind: 'dense', units: 10, activation: 'softmax', useBias: true });
  }
});

test('loop bounds from simple arithmetic on constants: range(2 * depth - 1), range(1, n), a list literal', () => {
  const src = `import keras
depth = 3
n = 4
model = keras.Sequential([keras.Input((784,))])
for i in range(2 * depth - 1):
    model.add(keras.layers.Dense(64 * 2 // 2))
for units in [32, 16]:
    model.add(keras.layers.Dense(units))
for i in range(1, n):
    model.add(keras.layers.Dropout(0.1 * i))
`;
  const m = only(parsePython(src));
  assert.deepEqual(m.inputShape, [784]);
  assert.deepEqual(m.layers.map((l) => (l.spec.kind === 'dense' ? l.spec.units : l.spec.kind === 'dropout' ? l.spec.rate : -1)),
    [64, 64, 64, 64, 64, 32, 16, 0.1, 0.2, 0.30000000000000004]);
});

test('the lecture\'s own code: the outer loop rebuilds the model, so it is shown once; unknown bounds say so', () => {
  // As on the lecture's slide: no imports, the input from data, num_classes not defined.
  const src = `for idx, num_layers in enumerate(range(25)):
    # define model
    model = keras.Sequential()
    model.add(keras.layers.Input(shape=x_train[0].shape))
    model.add(keras.layers.Flatten())
    for l in range(num_layers):
        model.add(keras.layers.Dense(units=512, activation='elu'))
    model.add(keras.layers.Dense(units=num_classes, activation='softmax'))
    model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
`;
  const r = parsePython(src);
  const m = only(r);
  assert.deepEqual(kinds(m.layers), ['flatten', 'dense'], 'the inner loop once; the last Dense left out (num_classes unknown)');
  assert.deepEqual(m.inputShape, []);
  assert.equal(m.inputShapeSource, 'unknown');
  assert.deepEqual(codes(r), ['information:loop', 'information:input', 'information:loop', 'information:unresolved']);
  assert.deepEqual(diagnostic(r, /builds a new model on each of its 25 passes/).range, rangeOf(src, 'for idx, num_layers in enumerate(range(25))'));
  assert.deepEqual(diagnostic(r, /input shape from `x_train\[0\].shape`/).range, rangeOf(src, 'x_train[0].shape'));
  assert.deepEqual(diagnostic(r, /how many times this loop runs/).range, rangeOf(src, 'range(num_layers)'));
  assert.deepEqual(diagnostic(r, /units is `num_classes`/).range, rangeOf(src, "keras.layers.Dense(units=num_classes, activation='softmax')"));
});

test('the lecture\'s code with a # convlab: input comment: the Keras order (28x28) is used as written', () => {
  const m = only(parsePython(`# convlab: input 28x28\nimport keras\nmodel = keras.Sequential()\nmodel.add(keras.layers.Input(shape=x_train[0].shape))\nmodel.add(keras.layers.Flatten())\n`));
  assert.deepEqual(m.inputShape, [28, 28]);
  assert.equal(m.inputShapeSource, 'comment');
});

test('keras.io "Simple MNIST convnet": input_shape constant, num_classes resolved; Keras reports 34,826 parameters', () => {
  const src = fixture('keras_mnist_convnet.py');
  const r = parsePython(src);
  const m = only(r);
  assert.deepEqual(r.diagnostics, [], 'data loading, model.fit and prints are no model code and say nothing');
  assert.deepEqual(m.inputShape, [1, 28, 28]);
  assert.deepEqual(kinds(m.layers), ['conv2d', 'maxPool2d', 'conv2d', 'maxPool2d', 'flatten', 'dropout', 'dense']);
  assert.deepEqual(m.layers[6]!.range, rangeOf(src, 'layers.Dense(num_classes, activation="softmax")'));
  assert.deepEqual(m.layers[6]!.range, { startLine: 53, startCol: 8, endLine: 53, endCol: 55 });
  const a = analyseModel(m);
  assert.equal(a.totals.params, 34826);
  assert.deepEqual(a.layers.map((l) => l.params?.total), [320, 0, 18496, 0, 0, 0, 16010]);
});

test('imported names and aliases: from tensorflow.keras.layers import Conv2D, MaxPooling2D as Pool; tf.keras.layers.X; input_shape=', () => {
  const src = fixture('keras_imported_names.py');
  const r = parsePython(src);
  const m = only(r);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(m.inputShape, [1, 28, 28], 'input_shape=(28, 28, 1) on the first layer, channels moved first');
  assert.deepEqual(m.layers.map((l) => l.spec), [
    { kind: 'conv2d', filters: 32, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', dilation: [1, 1], groups: 1, activation: 'relu', useBias: true },
    { kind: 'maxPool2d', poolSize: [2, 2], strides: [1, 1], padding: 'same' },
    { kind: 'dropout', rate: 0.2, granularity: 'channel' },
    { kind: 'batchNorm', momentum: 0.9, epsilon: 0.001 },
    { kind: 'locallyConnected2d', filters: 8, kernelSize: [3, 3], strides: [2, 2], activation: 'linear', useBias: true },
    { kind: 'reshape', targetShape: [-1, 8] },
    { kind: 'flatten' },
    { kind: 'dense', units: 128, activation: 'relu', useBias: true },
    { kind: 'dropout', rate: 0.5, granularity: 'element' },
    { kind: 'dense', units: 10, activation: 'linear', useBias: true },
    { kind: 'activation', activation: 'softmax' },
  ]);
  assert.deepEqual(m.layers[1]!.range, rangeOf(src, "Pool((2, 2), strides=1, padding='same')"));
});

test('functional API: Input → chain of layer calls → keras.Model(inputs=, outputs=), through a helper function', () => {
  const src = fixture('keras_functional.py');
  const r = parsePython(src);
  const m = only(r);
  assert.equal(m.name, 'mnist_functional', 'name= wins over the variable');
  assert.deepEqual(m.inputShape, [1, 28, 28]);
  assert.deepEqual(kinds(m.layers), ['conv2d', 'batchNorm', 'maxPool2d', 'conv2d', 'batchNorm', 'conv2d', 'globalAvgPool2d', 'dropout', 'dense'],
    'conv_block(x, 64, pool=False) skips its pooling');
  assert.deepEqual(m.layers.map((l) => (l.spec.kind === 'conv2d' ? l.spec.filters : null)).filter((f) => f !== null), [32, 64, 64]);
  assert.equal(m.layers[8]!.name, 'predictions');
  // Both conv_block calls point at the one Conv2D call inside the helper.
  assert.deepEqual(m.layers[0]!.range, rangeOf(src, 'layers.Conv2D(filters, 3, padding="same", activation="relu")'));
  assert.deepEqual(m.layers[3]!.range, m.layers[0]!.range);
  const input = rangeOf(src, 'keras.Input(shape=(28, 28, 1), name="digits")');
  const modelCall = rangeOf(src, 'keras.Model(inputs=inputs, outputs=outputs, name="mnist_functional")');
  assert.deepEqual(m.range, { startLine: input.startLine, startCol: input.startCol, endLine: modelCall.endLine, endCol: modelCall.endCol }, 'from the Input to keras.Model(...)');
  assert.deepEqual(r.diagnostics, []);
});

test('a layer object made first and applied later keeps both places: range where written, appliedAt where called', () => {
  const src = `from keras import layers, Input, Model
inp = Input((32, 32, 3))
conv = layers.Conv2D(8, 3)
x = conv(inp)
out = layers.Flatten()(x)
model = Model(inp, out)
`;
  const m = only(parsePython(src));
  assert.deepEqual(m.inputShape, [3, 32, 32]);
  assert.deepEqual(m.layers[0]!.range, rangeOf(src, 'layers.Conv2D(8, 3)'));
  assert.deepEqual(m.layers[0]!.appliedAt, rangeOf(src, 'conv(inp)'));
  assert.equal(m.layers[1]!.appliedAt, undefined, 'written and applied in one call');
});

test('input from each place Keras takes it: keras.layers.Input, InputLayer(input_shape=), batch_input_shape, model.build()', () => {
  const cases: [string, number[]][] = [
    ['m = keras.Sequential([keras.layers.Input(shape=(64, 64, 3)), keras.layers.Flatten()])', [3, 64, 64]],
    ['m = keras.Sequential([keras.layers.InputLayer(input_shape=(10,)), keras.layers.Dense(2)])', [10]],
    ['m = keras.Sequential([keras.layers.Dense(2, batch_input_shape=(None, 7))])', [7]],
    ['m = keras.Sequential([keras.layers.Dense(2)])\nm.build((None, 28, 28, 1))', [1, 28, 28]],
    ['m = keras.models.Sequential(layers=[keras.Input(shape=[5])], name="tiny")', [5]],
    ['import tensorflow as tf\nm = tf.keras.Sequential([tf.keras.layers.Input(shape=(32, 32, 3))])', [3, 32, 32]],
    ['from keras.models import Sequential\nm = Sequential()\nm.add(keras.layers.Dense(512, input_dim=784))', [784]],
  ];
  for (const [code, shape] of cases) {
    const m = only(parsePython(`import keras\n${code}\n`));
    assert.deepEqual(m.inputShape, shape, code);
    assert.equal(m.inputShapeSource, 'code', code);
  }
  assert.equal(only(parsePython('import keras\nm = keras.models.Sequential(layers=[keras.Input(shape=[5])], name="tiny")\n')).name, 'tiny');
});

test('positional and keyword arguments bind as Keras\' signatures define them', () => {
  const m = only(parsePython(`import keras
from keras import layers
model = keras.Sequential([
    keras.Input((28, 28, 1)),
    layers.Conv2D(16, 5, 2, "same", None, 2, 4, "tanh", False),
    layers.AveragePooling2D(3, None, "same"),
    layers.MaxPool2D(strides=(1, 2)),
    layers.GlobalAveragePooling2D(keepdims=True),
    layers.Dense(units=3, use_bias=False),
    layers.ReLU(),
    layers.ELU(),
    layers.Softmax(),
])
`));
  assert.deepEqual(m.layers.map((l) => l.spec), [
    { kind: 'conv2d', filters: 16, kernelSize: [5, 5], strides: [2, 2], padding: 'same', dilation: [2, 2], groups: 4, activation: 'tanh', useBias: false },
    { kind: 'avgPool2d', poolSize: [3, 3], strides: [3, 3], padding: 'same' },
    { kind: 'maxPool2d', poolSize: [2, 2], strides: [1, 2], padding: 'valid' },
    { kind: 'globalAvgPool2d', keepDims: true },
    { kind: 'dense', units: 3, activation: 'linear', useBias: false },
    { kind: 'activation', activation: 'relu' },
    { kind: 'activation', activation: 'elu' },
    { kind: 'activation', activation: 'softmax' },
  ]);
});

test('a build_model() function, never called, is still read with its defaults; a called one once per call', () => {
  const src = `import keras
def build_model(depth=2, units=128):
    model = keras.Sequential([keras.Input((784,))])
    for _ in range(depth):
        model.add(keras.layers.Dense(units, activation="relu"))
    return model
`;
  const m = only(parsePython(src));
  assert.equal(m.name, 'model');
  assert.equal(m.layers.length, 2);
  const twice = parsePython(`${src}small = build_model(1)\nbig = build_model(depth=3, units=256)\n`);
  assert.deepEqual(twice.models.map((x) => x.layers.length), [1, 3]);
  const returned = only(parsePython('import keras\ndef make():\n    return keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])\n'));
  assert.equal(returned.name, 'make', 'a Sequential returned directly takes its function\'s name');
});

test('a subclassed keras.Model is followed through call(); a custom Layer is a part, not a model', () => {
  const r = parsePython(`import keras
from keras import layers

class Scale(layers.Layer):
    def call(self, x):
        return x

class MyModel(keras.Model):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv = layers.Conv2D(32, 3, activation="relu")
        self.scale = Scale()
        self.pool = layers.GlobalAveragePooling2D()
        self.out = layers.Dense(num_classes)

    def call(self, inputs):
        x = self.conv(inputs)
        x = self.scale(x)
        return self.out(self.pool(x))
`, { defaultInputShape: [3, 32, 32] });
  const m = only(r);
  assert.equal(m.name, 'MyModel');
  assert.deepEqual(m.layers.map((l) => l.name), ['conv', 'pool', 'out']);
  assert.deepEqual(m.inputShape, [3, 32, 32]);
  assert.equal(m.inputShapeSource, 'setting');
});

test('two models in one file are both returned, in source order, each with its own range', () => {
  const r = parsePython(`import keras
a = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
b = keras.Sequential([keras.Input((8,)), keras.layers.Dense(3)])
`);
  assert.deepEqual(r.models.map((m) => [m.name, m.range!.startLine]), [['a', 1], ['b', 2]]);
});

test('constants are worked out as Python computes them: //, %, **, unary minus, len, min/max, if-expressions, tuples', () => {
  const src = `import keras
base = 100 // 3
size = (28, 28)
wide = False
model = keras.Sequential([
    keras.Input(shape=size + (1,)),
    keras.layers.Conv2D(base, kernel_size=-(-7 // 2), strides=7 % 4 - 2),
    keras.layers.Conv2D(2 ** 5, size[0] // 14 + 1, padding="same" if not wide else "valid"),
    keras.layers.Conv2D(len([1, 2, 3]), max(1, min(3, 9)), dilation_rate=int(2.9)),
])
`;
  const m = only(parsePython(src));
  assert.deepEqual(m.inputShape, [1, 28, 28]);
  assert.deepEqual(m.layers.map((l) => l.spec.kind === 'conv2d' && [l.spec.filters, l.spec.kernelSize[0], l.spec.strides[0], l.spec.padding, l.spec.dilation[0]]), [
    [33, 4, 1, 'valid', 1],
    [32, 3, 1, 'same', 1],
    [3, 3, 1, 'valid', 2],
  ]);
});

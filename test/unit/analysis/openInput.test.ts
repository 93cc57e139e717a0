/**
 * A Keras input that leaves its height and width open (None): parameters and the shapes
 * after global pooling do not depend on those sizes and are given; the maps' shapes do and
 * are left unknown, never filled in from the sizes ConvLab tried. Keras' own count for this
 * model is in test/corpus/expected.json (any_size_classifier, checked by corpus.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseModel } from '../../../core/analysis/analyse';
import { parsePython } from '../../../core/parse';

const CODE = `import keras
from keras import layers
inputs = keras.Input(shape=(None, None, 3))
x = layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
x = layers.BatchNormalization()(x)
x = layers.MaxPooling2D()(x)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs, name="fcn")
`;

test('open sizes: exact parameters, shapes only where they do not depend on the sizes', () => {
  const parsed = parsePython(CODE);
  const model = parsed.models[0]!;
  assert.deepEqual(model.inputShape, []);
  assert.deepEqual(model.openInputShape, [3, null, null]);
  const a = analyseModel(model);
  assert.deepEqual(a.layers.map((l) => l.params?.total ?? null), [448, 64, 0, 0, 170]);
  assert.deepEqual(a.layers.map((l) => l.outputShape), [null, null, null, [16], [10]]);
  assert.deepEqual(a.outputShapes, [[10]]);
  assert.equal(a.totals.params, 448 + 64 + 170);
  assert.equal(a.diagnostics.filter((d) => d.severity === 'error').length, 0);
  assert.match(parsed.diagnostics.map((d) => d.message).join(' '), /leaves some sizes open/);
});

test('a Flatten on open sizes: the dense layer after it depends on them and is not counted', () => {
  const code = CODE.replace('layers.GlobalAveragePooling2D()(x)', 'layers.Flatten()(x)');
  const a = analyseModel(parsePython(code).models[0]!);
  assert.equal(a.layers[4]!.params, null);
  assert.equal(a.totals.complete, false);
});

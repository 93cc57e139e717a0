/**
 * Property-based tests (fast-check): thousands of generated and mutated model files go
 * through the parsers and the analysis, and no exception escapes — every bad input becomes
 * a diagnostic, and every diagnostic points inside the document.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyseModel } from '../../../core/analysis';
import type { LayerSpec, ModelIR, SourceRange } from '../../../core/model/ir';
import { parseModelFile } from '../../../core/parse';

const EXAMPLES = ['mnist_cnn_keras.py', 'mnist_cnn_pytorch.py', 'depth_experiment_keras.py', 'teaching_cnn.convlab.json'].map((name) => ({
  name,
  text: readFileSync(path.resolve(__dirname, '../../../examples', name), 'utf8'),
}));

function assertInside(range: SourceRange, lines: number, what: string): void {
  assert.ok(range.startLine >= 0 && range.endLine < Math.max(lines, 1) + 1, `${what}: lines ${range.startLine}–${range.endLine} of ${lines}`);
  assert.ok(range.startLine < range.endLine || (range.startLine === range.endLine && range.startCol <= range.endCol), `${what}: ${JSON.stringify(range)}`);
}

/** Parse and analyse; the property is that this never throws and every range is inside the text. */
function check(text: string, fileName: string): void {
  const parsed = parseModelFile(text, fileName);
  const lines = text.split('\n').length;
  for (const d of parsed.diagnostics) assertInside(d.range, lines, `diagnostic "${d.message}"`);
  for (const model of parsed.models) {
    const analysis = analyseModel(model);
    assert.equal(analysis.layers.length, model.layers.length);
    for (const layer of model.layers) if (layer.range) assertInside(layer.range, lines, `layer ${layer.name}`);
  }
}

const size = fc.integer({ min: -2, max: 70 });
const kerasLayer = fc.oneof(
  fc.tuple(size, size, fc.constantFrom("'valid'", "'same'", "'full'", '1'), size).map(([f, k, p, s]) => `layers.Conv2D(${f}, ${k}, padding=${p}, strides=${s}, activation="relu")`),
  fc.tuple(size, size).map(([p, s]) => `layers.MaxPooling2D(pool_size=${p}, strides=${s})`),
  fc.tuple(size, size).map(([p, s]) => `layers.AveragePooling2D((${p}, ${p}), ${s})`),
  fc.constant('layers.Flatten()'),
  fc.constant('layers.GlobalAveragePooling2D()'),
  fc.tuple(size, fc.constantFrom('"relu"', '"softmax"', '"elu"', '"banana"', 'None')).map(([u, a]) => `layers.Dense(${u}, activation=${a})`),
  fc.double({ min: -1, max: 2, noNaN: true }).map((r) => `layers.Dropout(${r.toFixed(3)})`),
  fc.double({ min: -1, max: 2, noNaN: true }).map((r) => `layers.SpatialDropout2D(${r.toFixed(2)})`),
  fc.constant('layers.BatchNormalization()'),
  fc.array(size, { minLength: 1, maxLength: 3 }).map((t) => `layers.Reshape((${t.join(', ')},))`),
  fc.tuple(size, size).map(([f, k]) => `layers.LocallyConnected2D(${f}, ${k})`),
  fc.constantFrom('layers.Activation("tanh")', 'layers.ReLU()', 'layers.Lambda(lambda x: x)', 'layers.Conv2D()', 'layers.Dense("ten")'),
);

const kerasFile = fc.tuple(fc.array(size, { minLength: 0, maxLength: 4 }), fc.array(kerasLayer, { maxLength: 12 }), fc.boolean()).map(([shape, body, sequentialList]) => {
  const input = `keras.Input(shape=(${shape.join(', ')}${shape.length === 1 ? ',' : ''}))`;
  return sequentialList
    ? ['import keras', 'from keras import layers', 'model = keras.Sequential([', `    ${input},`, ...body.map((l) => `    ${l},`), '])', ''].join('\n')
    : ['import keras', 'from keras import layers', 'model = keras.Sequential()', `model.add(${input})`, ...body.map((l) => `model.add(${l})`), ''].join('\n');
});

const torchLayer = fc.oneof(
  fc.tuple(size, size, size, size, size).map(([i, o, k, s, p]) => `nn.Conv2d(${i}, ${o}, kernel_size=${k}, stride=${s}, padding=${p})`),
  fc.tuple(size, size).map(([i, o]) => `nn.Linear(${i}, ${o})`),
  fc.tuple(size, size).map(([k, s]) => `nn.MaxPool2d(${k}, ${s})`),
  fc.constantFrom('nn.ReLU()', 'nn.Flatten()', 'nn.Dropout(0.5)', 'nn.Dropout2d(p=0.2)', 'nn.BatchNorm2d(8)', 'nn.AdaptiveAvgPool2d(1)', 'nn.Softmax(dim=1)', 'nn.Identity()', 'nn.Linear()'),
);

const torchFile = fc.tuple(fc.array(fc.integer({ min: 0, max: 64 }), { minLength: 0, maxLength: 3 }), fc.array(torchLayer, { maxLength: 12 })).map(([shape, body]) =>
  [`# convlab: input ${shape.join('x')}`, 'import torch', 'from torch import nn', 'model = nn.Sequential(', ...body.map((l) => `    ${l},`), ')', ''].join('\n'),
);

/** Edits a learner makes mid-typing, and some they never would. */
const mutated = fc.tuple(fc.constantFrom(...EXAMPLES), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.string({ maxLength: 12 }), fc.constantFrom('insert', 'delete', 'replace')), { minLength: 1, maxLength: 5 })).map(([example, edits]) => {
  let text = example.text;
  for (const [at, length, insert, kind] of edits) {
    const i = at % (text.length + 1);
    text = kind === 'insert' ? text.slice(0, i) + insert + text.slice(i) : kind === 'delete' ? text.slice(0, i) + text.slice(i + length) : text.slice(0, i) + insert + text.slice(i + length);
  }
  return { name: example.name, text };
});

test('generated Keras files parse and analyse without an exception escaping (1000 files)', () => {
  fc.assert(fc.property(kerasFile, (text) => check(text, 'model.py')), { numRuns: 1000, seed: 1 });
});

test('generated PyTorch files parse and analyse without an exception escaping (1000 files)', () => {
  fc.assert(fc.property(torchFile, (text) => check(text, 'model.py')), { numRuns: 1000, seed: 2 });
});

test('mutated examples (inserts, deletes, replacements) parse and analyse without an exception escaping (2000 files)', () => {
  fc.assert(fc.property(mutated, ({ name, text }) => check(text, name)), { numRuns: 2000, seed: 3 });
});

test('arbitrary JSON and arbitrary text as .convlab.json never throw (1000 documents)', () => {
  fc.assert(fc.property(fc.oneof(fc.json(), fc.string({ maxLength: 200 })), (text) => check(text, 'x.convlab.json')), { numRuns: 1000, seed: 4 });
});

const spec: fc.Arbitrary<LayerSpec> = fc.oneof(
  fc.record({ kind: fc.constant('conv2d' as const), filters: size, kernelSize: fc.tuple(size, size), strides: fc.tuple(size, size), padding: fc.constantFrom('valid' as const, 'same' as const), dilation: fc.tuple(size, size), groups: size, useBias: fc.boolean(), activation: fc.constant('relu' as const) }),
  fc.record({ kind: fc.constantFrom('maxPool2d' as const, 'avgPool2d' as const), poolSize: fc.tuple(size, size), strides: fc.tuple(size, size), padding: fc.constantFrom('valid' as const, 'same' as const) }),
  fc.record({ kind: fc.constant('dense' as const), units: size, useBias: fc.boolean(), activation: fc.constant('softmax' as const) }),
  fc.record({ kind: fc.constant('dropout' as const), rate: fc.double({ min: -1, max: 2, noNaN: true }), granularity: fc.constantFrom('element' as const, 'channel' as const) }),
  fc.record({ kind: fc.constant('reshape' as const), targetShape: fc.array(fc.integer({ min: -1, max: 50 }), { maxLength: 3 }) }),
  fc.constant({ kind: 'flatten' as const }),
  fc.constant({ kind: 'globalAvgPool2d' as const }),
  fc.record({ kind: fc.constant('batchNorm' as const), momentum: fc.double({ min: 0, max: 1, noNaN: true }), epsilon: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('locallyConnected2d' as const), filters: size, kernelSize: fc.tuple(size, size), strides: fc.tuple(size, size), useBias: fc.boolean(), activation: fc.constant('linear' as const) }),
);

test('analysis of arbitrary IR (any sizes, zeros, negatives) never throws; every problem is a diagnostic naming its layer (3000 models)', () => {
  const model: fc.Arbitrary<ModelIR> = fc.tuple(fc.array(size, { maxLength: 4 }), fc.array(spec, { maxLength: 10 })).map(([inputShape, specs]) => ({
    name: 'm',
    inputShape,
    layers: specs.map((s, i) => ({ name: `l${i}`, spec: s })),
  }));
  fc.assert(fc.property(model, (m) => {
    const analysis = analyseModel(m);
    for (const d of analysis.diagnostics) assert.ok(d.layerIndex >= -1 && d.layerIndex < m.layers.length && d.message.length > 0);
  }), { numRuns: 3000, seed: 5 });
});

// Graph models and the layer kinds added with them, written as .convlab.json (so the
// format's "inputs" and "merge" are read too) and analysed; every count and shape is
// Keras' own, from test/oracle/graph_layers_oracle.py (graph_layers.expected.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyseModel } from '../../../core/analysis';
import { parseConvlabJson } from '../../../core/parse/json/parseConvlab';

interface Expected {
  readonly layers: readonly { name: string; params: number; outputShape: number[] }[];
  readonly trainable: number;
  readonly nonTrainable: number;
  readonly outputShape: number[];
}
const oracle = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'oracle', 'graph_layers.expected.json'), 'utf8')) as { models: Record<string, Expected> };

/** Keras' (H, W, C) in the core's [C, H, W]. */
const core = (s: readonly number[]): number[] => (s.length === 3 ? [s[2]!, s[0]!, s[1]!] : [...s]);

const MODELS: Record<string, object> = {
  residual: {
    name: 'residual', input: [8, 16, 16], layers: [
      { type: 'conv2d', name: 'c1', filters: 16, kernelSize: 3, strides: 2, padding: 'same' },
      { type: 'batchNorm', name: 'bn1' },
      { type: 'activation', name: 'r1', activation: 'relu' },
      { type: 'conv2d', name: 'c2', filters: 16, kernelSize: 3, padding: 'same' },
      { type: 'conv2d', name: 'proj', filters: 16, kernelSize: 1, strides: 2, inputs: ['input'] },
      { type: 'merge', name: 'add', op: 'add', inputs: ['c2', 'proj'] },
    ],
  },
  inception: {
    name: 'inception', input: [6, 12, 12], layers: [
      { type: 'conv2d', name: 'b1', filters: 4, kernelSize: 1 },
      { type: 'conv2d', name: 'b3', filters: 8, kernelSize: 3, padding: 'same', inputs: ['input'] },
      { type: 'maxPool2d', name: 'pool', poolSize: 3, strides: 1, padding: 'same', inputs: ['input'] },
      { type: 'merge', name: 'cat', op: 'concatenate', axis: 0, inputs: ['b1', 'b3', 'pool'] },
    ],
  },
  decoder: {
    name: 'decoder', input: [16, 7, 7], layers: [
      { type: 'conv2dTranspose', name: 't1', filters: 8, kernelSize: 3, strides: 2 },
      { type: 'conv2dTranspose', name: 't2', filters: 8, kernelSize: 4, strides: 2, padding: 'same' },
      { type: 'upSampling2d', name: 'up', scale: 2 },
      { type: 'padding2d', name: 'pad', padding: [1, 2, 3, 4] },
      { type: 'cropping2d', name: 'crop', cropping: [2, 1, 0, 3] },
    ],
  },
  mobile: {
    name: 'mobile', input: [3, 20, 20], layers: [
      { type: 'depthwiseConv2d', name: 'dw', kernelSize: 3, depthMultiplier: 2, padding: 'same' },
      { type: 'separableConv2d', name: 'sep', filters: 10, kernelSize: 3, strides: 2 },
      { type: 'normalization', name: 'ln', variant: 'layer', epsilon: 0.001 },
      { type: 'normalization', name: 'gn', variant: 'group', groups: 5, epsilon: 0.001 },
      { type: 'prelu', name: 'prelu', sharedAxes: [1, 2] },
      { type: 'globalMaxPool2d', name: 'gmp' },
    ],
  },
};

for (const [name, json] of Object.entries(MODELS)) {
  test(`${name}: every layer's parameters and output shape, and the totals, are Keras'`, () => {
    const parsed = parseConvlabJson(JSON.stringify(json));
    assert.deepEqual(parsed.diagnostics, []);
    const a = analyseModel(parsed.models[0]!);
    const expected = oracle.models[name]!;
    assert.deepEqual(a.diagnostics.filter((d) => d.severity !== 'info'), []);
    assert.deepEqual(a.layers.map((l) => [l.name, l.params?.total, l.outputShape]), expected.layers.map((l) => [l.name, l.params, core(l.outputShape)]));
    assert.equal(a.totals.trainableParams, expected.trainable);
    assert.equal(a.totals.nonTrainableParams, expected.nonTrainable);
    assert.deepEqual(a.outputShape, core(expected.outputShape));
    assert.equal(a.totals.complete, true);
  });
}

test('a merge of shapes that do not fit is an error naming both; the model after it is unknown', () => {
  const parsed = parseConvlabJson(JSON.stringify({
    input: [3, 8, 8], layers: [
      { type: 'conv2d', name: 'a', filters: 4, kernelSize: 3 },
      { type: 'merge', name: 'add', op: 'add', inputs: ['a', 'input'] },
    ],
  }));
  const a = analyseModel(parsed.models[0]!);
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.code, 'mergeMismatch');
  assert.match(errors[0]!.message, /\(6, 6, 4\) and \(8, 8, 3\)/);
  assert.equal(a.outputShape, null);
});

test('the receptive field after a residual add is the larger path\'s', () => {
  const a = analyseModel(parseConvlabJson(JSON.stringify(MODELS.residual)).models[0]!);
  const c2 = a.layers.find((l) => l.name === 'c2')!.receptiveField!;
  const add = a.layers.find((l) => l.name === 'add')!.receptiveField!;
  assert.equal(add.rows.size, c2.rows.size);
  assert.equal(add.rows.jump, 2);
});

test('an "inputs" naming a later or unknown layer is an error at its range, and the layer is left out as a gap', () => {
  const r = parseConvlabJson(JSON.stringify({
    input: [4], layers: [
      { type: 'dense', name: 'a', units: 3, inputs: ['b'] },
      { type: 'dense', name: 'b', units: 2 },
      { type: 'dense', name: 'c', units: 2, inputs: ['nowhere'] },
    ],
  }));
  assert.deepEqual(r.diagnostics.map((d) => d.severity), ['error', 'error']);
  const m = r.models[0]!;
  assert.deepEqual(m.layers.map((l) => l.name), ['b']);
  assert.equal(m.gaps?.length, 2);
  const a = analyseModel(m);
  assert.equal(a.totals.complete, false, 'a model with gaps gives lower bounds');
});

test('with gaps, analysis errors are hedged to warnings: ConvLab may have missed the cause', () => {
  const a = analyseModel({
    name: 'm', inputShape: [4], source: 'pytorch', gaps: [{ message: 'ConvLab could not follow line 3.' }],
    layers: [{ name: 'fc', spec: { kind: 'dense', units: 2, activation: 'linear', useBias: true, inFeatures: 5 } }],
  });
  assert.deepEqual(a.diagnostics.map((d) => [d.severity, d.code]), [['warning', 'incompleteModel'], ['warning', 'inFeaturesMismatch']]);
});

test('PyTorch ceil_mode pooling: ⌈(n − k) / s⌉ + 1, minus a window that would start in the padding', () => {
  const pool = (n: number, k: number, s: number, p: number): number | undefined => analyseModel({
    name: 'm', inputShape: [1, n, n], source: 'pytorch',
    layers: [{ name: 'pool', spec: { kind: 'maxPool2d', poolSize: [k, k], strides: [s, s], padding: [p, p], ceilMode: true } }],
  }).outputShape?.[1];
  // Values from torch.nn.MaxPool2d(k, s, p, ceil_mode=True) on n×n inputs.
  assert.equal(pool(55, 3, 2, 0), 27);
  assert.equal(pool(56, 3, 2, 0), 28);
  assert.equal(pool(6, 2, 2, 1), 4);
  assert.equal(pool(5, 2, 2, 1), 3);
});

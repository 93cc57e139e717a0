// ConvLab's own .convlab.json: the format, its defaults, and errors with the range of the
// value they are about. The JSON Schema that VS Code validates with is checked against the
// same examples, and kept in step with the parser's property table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseConvlabJson } from '../../../core/parse';
import { LAYER_PROPERTIES } from '../../../core/parse/json/format';
import { codes, example, kinds, only, rangeOf, REPO } from './helpers';

const schema = JSON.parse(readFileSync(path.join(REPO, 'schemas', 'convlab.schema.json'), 'utf8')) as {
  definitions: Record<string, { properties?: Record<string, unknown>; required?: string[] }>;
};

test('every layer type with every property: defaults are Keras\', keepProb is the lecture\'s p', () => {
  const src = `{
  // comments and trailing commas are allowed, as in VS Code's own settings
  "name": "all",
  "input": [3, 32, 32],
  "layers": [
    { "type": "conv2d", "filters": 8, "kernelSize": [5, 3], "strides": 2, "padding": [1, 2], "dilation": 1, "groups": 1, "useBias": false, "activation": "elu", "inChannels": 3, "convention": "convolution", "name": "c" },
    { "type": "maxPool2d", "poolSize": 2 },
    { "type": "avgPool2d", "poolSize": 3, "strides": 1, "padding": "same" },
    { "type": "batchNorm", "numFeatures": 8 },
    { "type": "dropout", "keepProb": 0.8, "granularity": "channel" },
    { "type": "locallyConnected2d", "filters": 2, "kernelSize": 3 },
    { "type": "globalAvgPool2d", "keepDims": true },
    { "type": "reshape", "targetShape": [-1] },
    { "type": "dense", "units": 10, "inFeatures": 2 },
    { "type": "activation", "activation": "softmax", "log": true },
    { "type": "flatten" },
  ],
}`;
  const r = parseConvlabJson(src);
  assert.deepEqual(r.diagnostics, []);
  const m = only(r);
  assert.deepEqual(m.inputShape, [3, 32, 32]);
  assert.deepEqual(m.layers.map((l) => l.spec), [
    { kind: 'conv2d', filters: 8, kernelSize: [5, 3], strides: [2, 2], padding: [1, 2], dilation: [1, 1], groups: 1, useBias: false, activation: 'elu', inChannels: 3, convention: 'convolution' },
    { kind: 'maxPool2d', poolSize: [2, 2], strides: [2, 2], padding: 'valid' },
    { kind: 'avgPool2d', poolSize: [3, 3], strides: [1, 1], padding: 'same' },
    { kind: 'batchNorm', momentum: 0.99, epsilon: 0.001, numFeatures: 8 },
    { kind: 'dropout', rate: 0.2, granularity: 'channel' },
    { kind: 'locallyConnected2d', filters: 2, kernelSize: [3, 3], strides: [1, 1], useBias: true, activation: 'linear' },
    { kind: 'globalAvgPool2d', keepDims: true },
    { kind: 'reshape', targetShape: [-1] },
    { kind: 'dense', units: 10, activation: 'linear', useBias: true, inFeatures: 2 },
    { kind: 'activation', activation: 'softmax', log: true },
    { kind: 'flatten' },
  ]);
  assert.deepEqual(m.layers.map((l) => l.name).slice(0, 3), ['c', 'maxPool2d_2', 'avgPool2d_3']);
});

test('malformed JSON: an error with the range of the problem, and what can still be read is read', () => {
  const src = '{\n  "input": [1, 28, 28]\n  "layers": [ { "type": "flatten" } ]\n}\n';
  const r = parseConvlabJson(src);
  assert.deepEqual(r.diagnostics.map((d) => [d.severity, d.code, d.message, d.range]), [
    ['error', 'syntax', 'Invalid JSON: a comma is expected.', rangeOf(src, '"layers"')],
  ]);
  assert.deepEqual(kinds(only(r).layers), ['flatten'], 'the parser recovers past the missing comma');
  const cut = parseConvlabJson('{ "input": [1, 28, 28], "layers": [ { "type": "den');
  assert.ok(cut.diagnostics.some((d) => d.severity === 'error' && d.code === 'syntax'));
  assert.deepEqual(parseConvlabJson('').models, []);
  assert.deepEqual(codes(parseConvlabJson('[1, 2]')), ['error:schema']);
});

test('bad values: unknown type (with a suggestion), wrong value type, missing required, unknown property — each at its range', () => {
  const src = `{
  "input": [1, 28, 28],
  "layers": [
    { "type": "Conv2D", "filters": 8, "kernelSize": 3 },
    { "type": "conv2d", "filters": "8", "kernelSize": 3 },
    { "type": "dense" },
    { "type": "dense", "units": 10, "kernel_size": 3 },
    { "type": "dropout", "rate": 0.5, "keepProb": 0.5 },
    { "type": "maxPool2d", "poolSize": [2, 2, 2] },
    { "filters": 3 },
    "flatten"
  ]
}`;
  const r = parseConvlabJson(src);
  const lines = src.split('\n');
  const lineOf = (needle: string): number => lines.findIndex((l) => l.includes(needle));
  assert.deepEqual(r.diagnostics.map((d) => [d.severity, d.range.startLine]), [
    ['error', lineOf('"Conv2D"')],
    ['error', lineOf('"filters": "8"')],
    ['error', lineOf('{ "type": "dense" }')],
    ['warning', lineOf('"kernel_size"')],
    ['error', lineOf('"keepProb": 0.5')],
    ['error', lineOf('[2, 2, 2]')],
    ['error', lineOf('{ "filters": 3 }')],
    ['error', lineOf('"flatten"')],
  ]);
  assert.deepEqual(r.diagnostics[0]!.range, rangeOf(src, '"Conv2D"'));
  assert.match(r.diagnostics[0]!.message, /unknown type "Conv2D"; did you mean "conv2d"\?/);
  assert.deepEqual(r.diagnostics[1]!.range, rangeOf(src, '"8"'));
  assert.match(r.diagnostics[1]!.message, /"filters" must be a positive integer/);
  assert.match(r.diagnostics[2]!.message, /Layer 3 \(dense\) needs "units"/);
  assert.deepEqual(r.diagnostics[3]!.range, rangeOf(src, '"kernel_size"'));
  assert.match(r.diagnostics[4]!.message, /exactly one of "rate".*"keepProb"/);
  assert.deepEqual(r.diagnostics[5]!.range, rangeOf(src, '[2, 2, 2]'));
  // Only the good layer of the lot (the Dense with a stray property) is kept.
  assert.deepEqual(only(r).layers.map((l) => l.spec.kind), ['dense']);
});

test('missing or bad input: an error, and the model is still returned with an unknown input for analysis', () => {
  const r = parseConvlabJson('{ "layers": [] }');
  assert.deepEqual(codes(r), ['error:schema']);
  assert.match(r.diagnostics[0]!.message, /needs "input"/);
  assert.deepEqual(only(r).inputShape, []);
  assert.equal(r.inputShapeSource, 'unknown');
  const bad = parseConvlabJson('{ "input": [1, 0, 28], "layers": [] }');
  assert.deepEqual(bad.diagnostics[0]!.range, rangeOf('{ "input": [1, 0, 28], "layers": [] }', '[1, 0, 28]'));
});

test('several models under "models", each with its own range', () => {
  const src = '{ "models": [\n  { "name": "a", "input": [4], "layers": [{ "type": "dense", "units": 2 }] },\n  { "name": "b", "input": [8], "layers": [] }\n] }';
  const r = parseConvlabJson(src);
  assert.deepEqual(r.models.map((m) => [m.name, m.range!.startLine]), [['a', 1], ['b', 2]]);
});

test('the JSON Schema lists exactly the parser\'s layer types and properties, with the same required ones', () => {
  const layerTypes = (schema.definitions.layer!.properties!.type as { enum: string[] }).enum;
  assert.deepEqual(layerTypes.sort(), Object.keys(LAYER_PROPERTIES).sort());
  for (const [type, props] of Object.entries(LAYER_PROPERTIES)) {
    const def = schema.definitions[`${type}Layer`]!;
    assert.deepEqual(Object.keys(def.properties!).sort(), ['inputs', 'name', 'type', ...Object.keys(props)].sort(), type);
    // A merge needs "inputs" (the parser checks it apart from the property table).
    const required = ['type', ...Object.entries(props).filter(([, p]) => p.required).map(([k]) => k), ...(type === 'merge' ? ['inputs'] : [])];
    assert.deepEqual(def.required!.sort(), required.sort(), type);
  }
});

test('the JSON Schema accepts the example and rejects what the parser rejects (validated with ajv, when present)', async (t) => {
  let Ajv: (new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } }) | undefined;
  try {
    Ajv = ((await import('ajv')) as unknown as { default: typeof Ajv }).default;
  } catch {
    t.skip('ajv is not installed (it is not a declared dependency)');
    return;
  }
  const validate = new Ajv!({ allErrors: true, strict: false }).compile(schema);
  assert.equal(validate(JSON.parse(example('teaching_cnn.convlab.json'))), true, JSON.stringify(validate.errors));
  assert.equal(validate({ input: [1, 28, 28], layers: [{ type: 'dropout', keepProb: 0.5 }, { type: 'conv2d', filters: 2, kernelSize: [3, 3], padding: 'same' }] }), true);
  assert.equal(validate({ models: [{ input: [4], layers: [] }] }), true);
  assert.equal(validate({ input: [1, 28, 28], layers: [{ type: 'Conv2D', filters: 8, kernelSize: 3 }] }), false, 'unknown type');
  assert.equal(validate({ input: [1, 28, 28], layers: [{ type: 'dense' }] }), false, 'missing units');
  assert.equal(validate({ input: [1, 28, 28], layers: [{ type: 'dense', units: 2, kernel_size: 3 }] }), false, 'unknown property');
  assert.equal(validate({ input: [1, 28, 28], layers: [{ type: 'dropout', rate: 0.5, keepProb: 0.5 }] }), false, 'both rate and keepProb');
  assert.equal(validate({ layers: [] }), false, 'no input');
});

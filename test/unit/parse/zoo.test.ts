// The model zoo against the real libraries (test/corpus/zoo.expected.json, written by
// test/oracle/zoo_oracle.py from torchvision.models and keras.applications): each builder,
// called from a learner's file, has the library's parameter count and output shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyseModel } from '../../../core/analysis';
import { parsePython } from '../../../core/parse';

interface Entry { readonly params: number; readonly outputShapes: readonly (readonly number[])[]; readonly input?: readonly number[] }
const expected = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'corpus', 'zoo.expected.json'), 'utf8')) as {
  torchvision: Record<string, Entry>; keras: Record<string, Entry>;
};

function only(src: string, shape?: readonly number[]): { params: number; outputs: readonly (readonly number[] | null)[]; complete: boolean; errors: number } {
  const r = parsePython(src, shape ? { defaultInputShape: shape } : {});
  assert.equal(r.models.length, 1, r.models.map((m) => m.name).join(', '));
  const a = analyseModel(r.models[0]!);
  return { params: a.totals.params, outputs: a.outputShapes, complete: a.totals.complete, errors: [...r.diagnostics, ...a.diagnostics].filter((d) => d.severity === 'error').length };
}

for (const [name, e] of Object.entries(expected.torchvision)) {
  test(`torchvision.models.${name}(): ${e.params} parameters, as torchvision counts them`, () => {
    const got = only(`import torchvision\nmodel = torchvision.models.${name}(weights=None)\n`, e.input);
    assert.deepEqual([got.params, got.outputs, got.complete, got.errors], [e.params, e.outputShapes, true, 0]);
  });
}

for (const [name, e] of Object.entries(expected.keras)) {
  test(`keras.applications.${name}(): ${e.params} parameters, as Keras counts them`, () => {
    const got = only(`import keras\nmodel = keras.applications.${name}(weights=None)\n`);
    assert.deepEqual([got.params, got.outputs, got.complete, got.errors], [e.params, e.outputShapes, true, 0]);
  });
}

test('fine-tuning: a replaced head is read where the learner replaces it', () => {
  const src = [
    'import torch.nn as nn', 'from torchvision import models', '', 'model = models.resnet18(weights="IMAGENET1K_V1")',
    'model.fc = nn.Linear(model.fc.in_features, 10)', 'vgg = models.vgg16(pretrained=True)', 'vgg.classifier[6] = nn.Linear(4096, 5)', '',
  ].join('\n');
  const r = parsePython(src, { defaultInputShape: [3, 224, 224] });
  const counts = r.models.map((m) => [m.name, analyseModel(m).totals.params]);
  assert.deepEqual(counts, [['resnet18', 11_689_512 - 513_000 + 5_130], ['vgg16', 138_357_544 - 4_097_000 + 20_485]]);
  // Every layer of the zoo model points at the learner's call, not at ConvLab's own source.
  assert.ok(r.models[0]!.layers.every((l) => l.range?.startLine === 3 || l.range?.startLine === 4));
});

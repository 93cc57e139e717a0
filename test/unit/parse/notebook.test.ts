// A course notebook: code cells read in order as one program, IPython lines blanked,
// ranges mapped back to their cells; a file that is not a notebook is a diagnostic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseModel } from '../../../core/analysis';
import { parseModelFile } from '../../../core/parse';
import type { CellRange } from '../../../core/parse/notebook';

const cell = (cell_type: string, source: string[]): unknown => ({ cell_type, metadata: {}, source, ...(cell_type === 'code' ? { outputs: [], execution_count: null } : {}) });

const NOTEBOOK = JSON.stringify({
  nbformat: 4, nbformat_minor: 5, metadata: {},
  cells: [
    cell('markdown', ['# Lab 3: a CNN for MNIST\n']),
    cell('code', ['!pip install -q keras\n', '%matplotlib inline\n', 'import keras\n', 'from keras import layers']),
    cell('code', ['model = keras.Sequential()\n', 'model.add(keras.Input(shape=(28, 28, 1)))\n', 'model.add(layers.Conv2D(32, 3, activation="relu"))']),
    cell('markdown', ['Now pool and classify.']),
    cell('code', ['model.add(layers.MaxPooling2D())\n', 'model.add(layers.Flatten())\n', 'model.add(layers.Dense(10, activation="softmax"))\n', 'model.summary()']),
  ],
});

test('a notebook\'s cells build one model across cells, its ranges in cells', () => {
  const r = parseModelFile(NOTEBOOK, 'lab3.ipynb');
  assert.equal(r.models.length, 1);
  const m = r.models[0]!;
  assert.deepEqual(m.layers.map((l) => l.spec.kind), ['conv2d', 'maxPool2d', 'flatten', 'dense']);
  assert.equal(analyseModel(m).totals.params, 320 + 13 * 13 * 32 * 10 + 10);
  const conv = m.layers[0]!.range as CellRange;
  assert.deepEqual([conv.cell, conv.startLine], [2, 2], 'the Conv2D is on line 3 of the third cell');
  const dense = m.layers[3]!.range as CellRange;
  assert.deepEqual([dense.cell, dense.startLine], [4, 2]);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'information'), []);
});

test('a file that is not a notebook is one diagnostic, not an exception', () => {
  for (const text of ['{', '[]', '{"cells": 3}', '']) {
    const r = parseModelFile(text, 'broken.ipynb');
    assert.equal(r.models.length, 0);
    assert.equal(r.diagnostics.length, 1, text);
  }
});

test('a notebook cell\'s own document is read as Python, not as a notebook', () => {
  const r = parseModelFile('import keras\nmodel = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])\n', { fileName: '/work/lab3.ipynb', languageId: 'python' });
  assert.equal(r.models.length, 1);
});

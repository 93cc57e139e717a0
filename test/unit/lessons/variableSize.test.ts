import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flattenDenseModel, globalPoolModel, kernelOnSizes, variableSizeLesson } from '../../../core/lessons';

test('the same 3×3 kernel on 28×28, 64×48 and 2×2 inputs: 26×26, 62×46, and no output', () => {
  const r = kernelOnSizes([3, 3], [[28, 28], [64, 48], [2, 2]]);
  assert.deepEqual(r.map((k) => k.output), [[26, 26], [62, 46], null]);
  assert.equal(r[1]!.cols.formula, '⌊(48 + 2·0 − 1·(3 − 1) − 1) / 1⌋ + 1 = 46');
});

test('Dense after Flatten ties the weights to one size: 1936·10 + 10 at 28×28, 2704·10 + 10 at 32×32', () => {
  const lesson = variableSizeLesson(flattenDenseModel(), [[28, 28], [32, 32], [64, 48]]);
  assert.deepEqual(lesson.reference, [28, 28]);
  assert.deepEqual(lesson.runs.map((r) => r.weightsFit), [true, false, false]);
  assert.equal(lesson.anySize, false);
  const at32 = lesson.runs[1]!;
  assert.deepEqual(at32.changed.map((c) => [c.name, c.referenceParams, c.params]), [['classifier', 19370, 27050]]);
  assert.equal(at32.changed[0]!.referenceFormula, '1936·10 + 10 = 19370');
  assert.equal(at32.changed[0]!.paramsFormula, '2704·10 + 10 = 27050');
  assert.deepEqual(lesson.runs[2]!.layers.map((l) => l.outputShape), [[8, 62, 46], [8, 31, 23], [16, 29, 21], [9744], [10]]);
  assert.equal(lesson.culprit!.name, 'classifier');
  assert.match(lesson.culprit!.reason, /after Flatten/);
  assert.match(lesson.culprit!.reason, /global average pooling/);
});

test('global average pooling takes any size: the same 1,418 parameters at 28×28, 32×32 and 64×48', () => {
  const lesson = variableSizeLesson(globalPoolModel(), [[28, 28], [32, 32], [64, 48]]);
  assert.equal(lesson.anySize, true);
  assert.deepEqual(lesson.runs.map((r) => r.params), [1418, 1418, 1418]);
  assert.deepEqual(lesson.runs.map((r) => r.outputShape), [[10], [10], [10]]);
  assert.deepEqual(lesson.runs[2]!.layers[3]!.outputShape, [16], 'one number per channel whatever the map size');
  assert.equal(lesson.culprit, null);
});

test('a size too small for the kernels fits no weights (5×5: the second conv has no room)', () => {
  const lesson = variableSizeLesson(globalPoolModel(), [[5, 5]]);
  assert.equal(lesson.runs[0]!.weightsFit, false);
  assert.ok(lesson.runs[0]!.errors.length > 0);
});

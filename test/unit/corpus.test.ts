// ConvLab on model code in the style of public repositories (test/corpus), against the
// figures the real frameworks give for it (test/corpus/expected.json, written by
// test/oracle/corpus_oracle.py with Keras 3 and PyTorch 2): parameter counts, output
// shapes, no false error diagnostics, and "complete" only where nothing was passed over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rowOk, scoreCorpus } from '../corpus/score';

const rows = scoreCorpus();

/**
 * Models shown as "at least", though the counts happen to be right: code ConvLab passes
 * over, or an input whose sizes the code leaves open (its multiply-adds depend on the image).
 */
const INCOMPLETE: ReadonlySet<string> = new Set(['keras/fcn_open_input.py:any_size_classifier']);

for (const r of rows) {
  test(`corpus ${r.expected.file}, ${r.expected.model}: ${r.expected.params} parameters, outputs ${JSON.stringify(r.expected.outputShapes)}`, () => {
    assert.ok(r.found, `no model named ${r.expected.model}; ConvLab read: ${r.models.join(', ')}`);
    assert.deepEqual(r.errors, [], 'no error diagnostics on code that runs');
    assert.equal(r.params, r.expected.params);
    assert.equal(r.trainableParams, r.expected.trainableParams, 'trainable as the framework counts them (frozen layers, batch-norm statistics)');
    assert.deepEqual(r.outputShapes, r.expected.outputShapes);
    assert.equal(r.complete, !INCOMPLETE.has(`${r.expected.file}:${r.expected.model}`), 'complete exactly where nothing was passed over');
    assert.ok(rowOk(r));
  });
}

test('the corpus covers both frameworks and the graph patterns', () => {
  assert.ok(rows.length >= 13);
  assert.ok(rows.some((r) => r.expected.framework === 'keras') && rows.some((r) => r.expected.framework === 'pytorch'));
  assert.ok(rows.some((r) => r.expected.outputShapes.length > 1), 'a model with several outputs');
});

/**
 * The reader's budgets (core/parse/python/budget.ts, nesting.ts, syntaxTree.ts): every
 * hostile file of issue 11 is read within its time budget (plus a margin for this shared
 * machine), never throws, says what it cut off with a 'limit' note at a real range, and the
 * model after the hostile part is still read where the family allows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseModel } from '../../../core/analysis';
import { parsePython } from '../../../core/parse';
import { tooDeep, blank, MAX_BRACKET_DEPTH } from '../../../core/parse/python/nesting';
import { hostileCases } from '../support/hostile';

const BUDGET_MS = 750;
/** Slack for a loaded 2-core machine: the bound that matters is "no hang", not the exact ms. */
const MARGIN_MS = 1500;

for (const c of hostileCases()) {
  test(`hostile file: ${c.name} — read within budget, limits said, nothing thrown`, () => {
    const started = Date.now();
    const r = parsePython(c.text, { timeBudgetMs: BUDGET_MS });
    for (const m of r.models) analyseModel(m);
    const ms = Date.now() - started;
    assert.ok(ms < BUDGET_MS + MARGIN_MS, `${c.name}: ${ms} ms`);
    assert.ok(!r.diagnostics.some((d) => /internal error/.test(d.message)), r.diagnostics.map((d) => d.message).join('\n'));
    for (const d of r.diagnostics) assert.ok(d.range.startLine >= 0 && d.range.endLine >= d.range.startLine, 'a real range');
    if (c.tailRead) {
      const tail = r.models.find((m) => m.name === 'tail');
      assert.ok(tail, `${c.name}: the model after it is read (${r.models.map((m) => m.name).join(', ')})`);
      assert.equal(analyseModel(tail).totals.params, 8 * 9 + 8 + 26 * 26 * 8 * 10 + 10);
    }
  });
}

test('the issue\'s 3-line file: a list doubled 28 times stops at the reader\'s size limit, at the doubling line', () => {
  const r = parsePython('xs = [0]\nfor i in range(28):\n    xs = xs + xs\n');
  const limit = r.diagnostics.find((d) => d.code === 'limit');
  assert.ok(limit, JSON.stringify(r.diagnostics));
  assert.equal(limit.range.startLine, 2);
  assert.match(limit.message, /10,000 elements/);
});

test('self-append: a model added to itself is left out and said, not unrolled into 65,535 layers', () => {
  const r = parsePython('import keras\nfrom keras import layers\nmodel = keras.Sequential()\nmodel.add(keras.Input(shape=(4,)))\nmodel.add(layers.Dense(3))\nmodel.add(model)\nmodel.add(model)\n');
  assert.deepEqual(r.models.map((m) => m.layers.length), [1]);
  assert.ok(r.diagnostics.some((d) => /contains itself/.test(d.message) && d.range.startLine === 5));
});

test('20,000 layers from loops stop at the layer budget with a note', () => {
  const c = hostileCases().find((x) => x.name === '20,000 layers from loops')!;
  const r = parsePython(c.text, { timeBudgetMs: 10_000 });
  assert.ok(r.models[0]!.layers.length <= 4000);
  assert.ok(r.diagnostics.some((d) => d.code === 'limit'));
});

test('brackets nested too deep: only that statement is blanked, offsets and lines kept', () => {
  const text = `a = 1\nx = ${'('.repeat(MAX_BRACKET_DEPTH + 1)}1${')'.repeat(MAX_BRACKET_DEPTH + 1)}\ns = "((((" # ((((\nb = 2\n`;
  const spans = tooDeep(text);
  assert.equal(spans.length, 1);
  const out = blank(text, spans);
  assert.equal(out.length, text.length);
  assert.deepEqual(out.split('\n').map((l) => l.trim()), ['a = 1', '', 's = "((((" # ((((', 'b = 2', '']);
  assert.deepEqual(tooDeep(`x = ${'('.repeat(MAX_BRACKET_DEPTH)}1${')'.repeat(MAX_BRACKET_DEPTH)}`), [], 'at the limit is read');
});

test('a time budget of 0 ms still returns, with a note where reading stopped', () => {
  const c = hostileCases().find((x) => x.name === 'a sum of 100,000 terms')!;
  const r = parsePython(c.text, { timeBudgetMs: 0 });
  assert.ok(r.diagnostics.some((d) => d.code === 'limit'), JSON.stringify(r.diagnostics.slice(0, 3)));
});

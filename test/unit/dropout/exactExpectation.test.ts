// The exact expectation over all 2^n masks, starting from the lecture's single neuron:
// E[a] = p²(w1x1 + w2x2) + p(1−p)(w1x1) + (1−p)p(w2x2) + 0 = p(w1x1 + w2x2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  exactExpectation, MAX_EXACT_UNITS, plainDenseForward, singleNeuronExpectation, type DropoutSite, type MaskTerm,
} from '../../../core/dropout';

// Dyadic numbers (sums of powers of two) keep every product and sum exact in float64,
// so the lecture's identity can be checked with ===, not within a tolerance.
const w1 = 0.75;
const x1 = 2;
const w2 = -1.5;
const x2 = 0.5;

for (const p of [0.5, 0.25, 0.75, 1]) {
  test(`lecture single neuron, p = ${p}: the four terms sum to exactly p(w1x1 + w2x2)`, () => {
    const e = singleNeuronExpectation(w1, x1, w2, x2, p);
    assert.deepEqual(e.terms.map((t) => t.mask), [[1, 1], [1, 0], [0, 1], [0, 0]]);
    assert.deepEqual(e.terms.map((t) => t.probability), [p * p, p * (1 - p), (1 - p) * p, (1 - p) * (1 - p)]);
    assert.deepEqual(e.terms.map((t) => t.activation), [w1 * x1 + w2 * x2, w1 * x1, w2 * x2, 0]);
    assert.equal(e.expectation, p * (w1 * x1 + w2 * x2));
    assert.equal(e.closedForm, p * (w1 * x1 + w2 * x2));
  });
}

test('lecture single neuron: the terms are written as the slide writes them', () => {
  const e = singleNeuronExpectation(w1, x1, w2, x2, 0.5);
  assert.deepEqual(e.terms.map((t) => t.text), ['p²(w1x1 + w2x2)', 'p(1 − p)(w1x1 + w2·0)', '(1 − p)p(w1·0 + w2x2)', '(1 − p)²(w1·0 + w2·0)']);
  assert.equal(e.terms[3].contribution, 0);
});

test('lecture single neuron p = 0.8 (not dyadic): the sum equals p(w1x1 + w2x2) to rounding', () => {
  const e = singleNeuronExpectation(0.3, 1.7, -2.2, 0.9, 0.8);
  assert.ok(Math.abs(e.expectation - 0.8 * (0.3 * 1.7 - 2.2 * 0.9)) < 1e-15);
});

test('exactExpectation over a plain dense neuron reproduces the lecture\'s four terms and their sum', () => {
  const forward = plainDenseForward({ weights: [[w1, w2]] });
  const terms: { bits: number; probability: number; output: number }[] = [];
  const site: DropoutSite = { units: 2, keepProb: 0.25, convention: 'standard' };
  const r = exactExpectation(forward, [x1, x2], site, (t: MaskTerm) => terms.push({ bits: t.bits, probability: t.probability, output: t.output[0]! }));
  assert.equal(r.maskCount, 4);
  assert.equal(r.mean[0], 0.25 * (w1 * x1 + w2 * x2));
  // bit i set ⇔ unit i kept: 0b00, 0b01 (x1 kept), 0b10 (x2 kept), 0b11
  assert.deepEqual(terms, [
    { bits: 0, probability: 0.75 * 0.75, output: 0 },
    { bits: 1, probability: 0.25 * 0.75, output: w1 * x1 },
    { bits: 2, probability: 0.25 * 0.75, output: w2 * x2 },
    { bits: 3, probability: 0.25 * 0.25, output: w1 * x1 + w2 * x2 },
  ]);
});

test('exact std of one kept-or-dropped input x: standard x·√(p(1−p)), inverted x·√(p(1−p))/p', () => {
  const forward = plainDenseForward({ weights: [[1]] });
  const standard = exactExpectation(forward, [3], { units: 1, keepProb: 0.25, convention: 'standard' });
  assert.equal(standard.mean[0], 0.75);
  assert.ok(Math.abs(standard.std[0]! - 3 * Math.sqrt(0.25 * 0.75)) < 1e-15);
  const inverted = exactExpectation(forward, [3], { units: 1, keepProb: 0.25, convention: 'inverted' });
  assert.equal(inverted.mean[0], 3, 'inverted dropout keeps the expectation at x');
  assert.ok(Math.abs(inverted.std[0]! - (3 * Math.sqrt(0.25 * 0.75)) / 0.25) < 1e-14);
});

test('mask probabilities p^k (1−p)^(n−k) over all 2^10 masks sum to 1', () => {
  let total = 0;
  const forward = plainDenseForward({ weights: [Array.from({ length: 10 }, () => 1)] });
  exactExpectation(forward, Array.from({ length: 10 }, () => 1), { units: 10, keepProb: 0.3, convention: 'standard' }, (t) => { total += t.probability; });
  assert.ok(Math.abs(total - 1) < 1e-14, `${total}`);
});

test(`enumerates up to ${MAX_EXACT_UNITS} units (2^20 masks) and refuses 21 with a clear message`, () => {
  const sum = (input: number[], mask: Float64Array): number[] => [input.reduce((s, x, i) => s + x * mask[i]!, 0)];
  const ones = Array.from({ length: 20 }, () => 1);
  const r = exactExpectation(sum, ones, { units: 20, keepProb: 0.5, convention: 'standard' });
  assert.equal(r.maskCount, 1048576);
  assert.ok(Math.abs(r.mean[0]! - 10) < 1e-9, 'a sum of 20 halves');
  assert.throws(
    () => exactExpectation(sum, [...ones, 1], { units: 21, keepProb: 0.5, convention: 'standard' }),
    /enumerates 2\^21 masks; ConvLab stops at 2\^20 \(1048576\)\. Use the Monte-Carlo average for 21 units\./,
  );
});

test('a keep probability outside (0, 1] is refused before anything runs', () => {
  const forward = plainDenseForward({ weights: [[1]] });
  assert.throws(() => exactExpectation(forward, [1], { units: 1, keepProb: 0, convention: 'inverted' }), RangeError);
  assert.throws(() => exactExpectation(forward, [1], { units: 1, keepProb: 1.5, convention: 'standard' }), RangeError);
});

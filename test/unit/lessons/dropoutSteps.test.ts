import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactMaskCount, plainMlpForward, replayMask, type PlainMlp } from '../../../core/dropout';
import {
  dropoutEnsemble, dropoutForwardPass, dropoutTestTime, LECTURE_DROPOUT_CODE, LECTURE_DROPOUT_INPUT, LECTURE_FC_UNITS, LECTURE_KEEP_PROB, lectureDropoutNet, singleNeuronLesson,
} from '../../../core/lessons';

test('one neuron, two inputs, p = 0.5: the four masks give E[a] = p(w1x1 + w2x2) (w = 0.5, −1; x = 2, 3: −1)', () => {
  const l = singleNeuronLesson(0.5, 2, -1, 3, 0.5);
  assert.deepEqual(l.neuron.terms.map((t) => t.mask), [[1, 1], [1, 0], [0, 1], [0, 0]]);
  assert.deepEqual(l.neuron.terms.map((t) => t.probability), [0.25, 0.25, 0.25, 0.25]);
  assert.deepEqual(l.neuron.terms.map((t) => t.contribution), [-0.5, 0.25, -0.75, 0]);
  assert.deepEqual(l.neuron.terms.map((t) => t.text), ['p²(w1x1 + w2x2)', 'p(1 − p)(w1x1 + w2·0)', '(1 − p)p(w1·0 + w2x2)', '(1 − p)²(w1·0 + w2·0)']);
  assert.equal(l.neuron.expectation, -1);
  assert.equal(l.neuron.closedForm, 0.5 * (0.5 * 2 + -1 * 3));
  assert.equal(l.enumerated, -1, 'enumerating the masks of a real masked forward agrees');
});

test('p(w1x1 + w2x2) holds for any p: p = 0.8, w = (1.5, 2), x = (−1, 0.25)', () => {
  const l = singleNeuronLesson(1.5, -1, 2, 0.25, 0.8);
  const closed = 0.8 * (1.5 * -1 + 2 * 0.25);
  assert.ok(Math.abs(l.neuron.expectation - closed) < 1e-15);
  assert.ok(Math.abs(l.enumerated - closed) < 1e-15);
});

test('test-time scaling and inverted dropout: each test pass equals its training expectation (single neuron)', () => {
  const l = singleNeuronLesson(0.5, 2, -1, 3, 0.5);
  assert.deepEqual(l.standard, { trainExpectation: -1, testOutput: -1 }, 'standard: train with 1/0 masks, multiply by p at test');
  assert.deepEqual(l.inverted, { trainExpectation: -2, testOutput: -2 }, 'inverted: train with 1/p masks, test unchanged');
});

test('2^4096 ≈ 10^1233: 1234 digits, leading digits 1044…', () => {
  const e = dropoutEnsemble(LECTURE_FC_UNITS);
  assert.equal(e.count.exponent, 1233);
  assert.equal(e.count.digits, 1234);
  assert.equal(e.count.text, '2^4096 ≈ 10^1233.019 = 1.044 × 10^1233 (1234 digits)');
  assert.equal(e.exact, null, 'too long to print in full');
  assert.equal(e.masks, null);
  const exact = exactMaskCount(4096).toString();
  assert.equal(exact.length, 1234);
  assert.ok(exact.startsWith('1044'), exact.slice(0, 8));
});

test('a few units list their masks: 3 units have the 8 models 000 … 111', () => {
  const e = dropoutEnsemble(3);
  assert.equal(e.exact, '8');
  assert.equal(e.masks!.length, 8);
  assert.deepEqual(e.masks![5], [1, 0, 1]);
  assert.equal(new Set(e.masks!.map((m) => m.join(''))).size, 8);
});

test("the lecture's 3-layer net, p = 0.5: one seeded pass, H1 *= U1 and H2 *= U2 with U = rand < p", () => {
  const net = lectureDropoutNet(1);
  const pass = dropoutForwardPass(net, LECTURE_DROPOUT_INPUT, { seed: 9, maskIndex: 3 });
  assert.equal(pass.keepProb, LECTURE_KEEP_PROB);
  assert.equal(pass.units, 12);
  assert.deepEqual(pass.masked.map((m) => [m.name, m.maskName]), [['H1', 'U1'], ['H2', 'U2']]);
  // The kept flags are mask 3 of seed 9's stream, U1's units first.
  const flags = replayMask({ units: 12, keepProb: 0.5, convention: 'standard' }, 9, 3);
  assert.deepEqual([...pass.masked[0]!.kept, ...pass.masked[1]!.kept], Array.from(flags));
  for (const m of pass.masked) {
    m.kept.forEach((k, i) => assert.equal(m.afterMask[i], k ? m.beforeMask[i] : 0, `${m.name}[${i}]`));
    assert.ok(m.beforeMask.every((v) => v >= 0), 'ReLU outputs');
  }
  // The same mask through core/dropout's MLP forward gives the same output.
  const reference = plainMlpForward(net)(LECTURE_DROPOUT_INPUT, Float64Array.from(flags));
  assert.deepEqual(pass.output, Array.from(reference));
  assert.equal(pass.maskProbability, 0.5 ** 12);
  assert.equal(pass.kept, Array.from(flags).reduce((a, b) => a + b, 0));
});

test('inverted dropout divides the kept units by p: multipliers 2 and 0 at p = 0.5', () => {
  const pass = dropoutForwardPass(lectureDropoutNet(1), LECTURE_DROPOUT_INPUT, { seed: 9, convention: 'inverted' });
  for (const m of pass.masked) assert.deepEqual(m.multipliers, m.kept.map((k) => (k ? 2 : 0)));
  assert.deepEqual(LECTURE_DROPOUT_CODE.inverted.trainStep[1], 'U1 = (np.random.rand(*H1.shape) < p) / p # first dropout mask. Notice /p!');
});

test('masks replay: the same seed and index give the same pass; another index another mask', () => {
  const net = lectureDropoutNet(2);
  const a = dropoutForwardPass(net, LECTURE_DROPOUT_INPUT, { seed: 4, maskIndex: 0 });
  const b = dropoutForwardPass(net, LECTURE_DROPOUT_INPUT, { seed: 4, maskIndex: 0 });
  assert.deepEqual(a, b);
  const others = [1, 2, 3, 4].map((i) => dropoutForwardPass(net, LECTURE_DROPOUT_INPUT, { seed: 4, maskIndex: i }).masked.map((m) => m.kept.join('')).join('|'));
  assert.ok(others.some((o) => o !== a.masked.map((m) => m.kept.join('')).join('|')));
});

test('test time: scaling by p equals the exact mean over all 2^12 masks for a linear net, and approximates it after ReLUs', () => {
  const net = lectureDropoutNet(3);
  const linear: PlainMlp = { ...net, layers: net.layers.map((l) => ({ ...l, activation: 'linear' as const })) };
  const lin = dropoutTestTime(linear, LECTURE_DROPOUT_INPUT);
  assert.equal(lin.units, 12);
  assert.equal(lin.standard.testMultiplier, 0.5);
  assert.equal(lin.inverted.testMultiplier, 1);
  assert.equal(lin.inverted.keptMultiplier, 2);
  assert.ok(lin.standard.gap! < 1e-12, `standard gap ${lin.standard.gap}`);
  assert.ok(lin.inverted.gap! < 1e-12, `inverted gap ${lin.inverted.gap}`);
  const relu = dropoutTestTime(net, LECTURE_DROPOUT_INPUT);
  assert.ok(relu.standard.expectation !== null && relu.standard.gap !== null);
  assert.ok(relu.standard.gap! > 1e-6, 'after a ReLU, weight scaling is an approximation');
});

// Adam against steps worked by hand from Keras' formula and Keras' own test values
// (keras/src/optimizers/adam_test.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Adam, createOptimizer, type Parameter } from '../../../core/optim';

function param(values: number[]): Parameter {
  return { value: Float32Array.from(values), grad: new Float32Array(values.length), name: 'w' };
}

test('adam defaults are Keras\': learning rate 0.001, β1 0.9, β2 0.999, ε 1e-7', () => {
  const adam = new Adam([]);
  assert.deepEqual([adam.learningRate, adam.beta1, adam.beta2, adam.epsilon, adam.amsgrad], [0.001, 0.9, 0.999, 1e-7, false]);
});

// Step 1, g = 0.5:  m = 0.1·0.5 = 0.05, v = 0.001·0.25 = 0.00025,
//   α = 0.001·√(1 − 0.999)/(1 − 0.9) = 3.16227766e−4,
//   w = 1 − 0.05·α/(√0.00025 + 1e−7) = 1 − 1.58113883e−5/0.0158114883 = 0.99900000632
// Step 2, g = −0.25: m = 0.05 + (−0.25 − 0.05)·0.1 = 0.02, v = 0.00025 + (0.0625 − 0.00025)·0.001 = 0.00031225,
//   α = 0.001·√(1 − 0.999²)/(1 − 0.9²) = 2.35316725e−4,
//   w = 0.99900000632 − 0.02·α/(√0.00031225 + 1e−7) = 0.99873367079
test('adam two steps by hand: g = 0.5 then −0.25 from w = 1 gives 0.99900000632, then 0.99873367079', () => {
  const w = param([1]);
  const adam = new Adam([w]);
  w.grad[0] = 0.5;
  adam.step();
  assert.ok(Math.abs(w.value[0]! - 0.99900000632) < 1e-7, `${w.value[0]}`);
  w.grad[0] = -0.25;
  adam.step();
  assert.ok(Math.abs(w.value[0]! - 0.99873367079) < 1e-7, `${w.value[0]}`);
  assert.equal(adam.iterations, 2);
});

test('adam\'s first step moves every weight by about lr, whatever the gradient\'s size (bias correction)', () => {
  const w = param([0, 0, 0]);
  w.grad.set([1e-3, 1, 1000]);
  new Adam([w], { learningRate: 0.01 }).step();
  for (const v of w.value) assert.ok(Math.abs(v + 0.01) < 1e-4, `${v}`);
});

test('keras adam_test single step: lr 0.5, g (1, 6, 7, 2) on w (1, 2, 3, 4) gives (0.5, 1.5, 2.5, 3.5)', () => {
  const w = param([1, 2, 3, 4]);
  w.grad.set([1, 6, 7, 2]);
  new Adam([w], { learningRate: 0.5 }).step();
  Array.from(w.value).forEach((v, i) => assert.ok(Math.abs(v - [0.5, 1.5, 2.5, 3.5][i]!) < 1e-4, `w[${i}] = ${v}`));
});

// Keras' formula in float64, written out plainly, as a reference for the float32 steps.
function adamReference(gradients: number[], o: { lr?: number; amsgrad?: boolean } = {}): number[] {
  const lr = o.lr ?? 0.001;
  let w = 1, m = 0, v = 0, vHat = 0;
  return gradients.map((g, i) => {
    const t = i + 1;
    const alpha = (lr * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
    m += (g - m) * 0.1;
    v += (g * g - v) * 0.001;
    vHat = Math.max(vHat, v);
    w -= (m * alpha) / (Math.sqrt(o.amsgrad ? vHat : v) + 1e-7);
    return w;
  });
}

test('keras adam_test golden values (amsgrad): first g = 0.01, then g = 0.1 … 1.0 gives 0.999, 0.9982, 0.9974, 0.9965, 0.9955', () => {
  const x = param(Array.from({ length: 10 }, () => 1));
  const adam = new Adam([x], { amsgrad: true });
  const grads = (k: number): number => 0.1 * (k + 1);
  const references = Array.from({ length: 10 }, (_, k) => adamReference([0.01, ...Array.from({ length: 4 }, () => grads(k))], { amsgrad: true }));
  x.grad.fill(0.01);
  adam.step();
  [0.999, 0.9982, 0.9974, 0.9965, 0.9955].forEach((golden, i) => {
    x.value.forEach((v, k) => {
      // Keras' table is one rounded row for all ten columns, asserted within 5e-4; the
      // columns really differ by up to 1e-4, which the float64 reference pins down.
      assert.ok(Math.abs(v - golden) < 5e-4, `step ${i} col ${k}: ${v} vs golden ${golden}`);
      assert.ok(Math.abs(v - references[k]![i]!) < 2e-6, `step ${i} col ${k}: ${v} vs ${references[k]![i]}`);
    });
    x.grad.set(Array.from({ length: 10 }, (_, k) => grads(k)));
    adam.step();
  });
});

test('adam without amsgrad follows the float64 formula for 50 steps of changing gradients', () => {
  const w = param([1]);
  const adam = new Adam([w], { learningRate: 0.01 });
  const gradients = Array.from({ length: 50 }, (_, i) => Math.sin(i) * (1 + i / 10));
  const reference = adamReference(gradients, { lr: 0.01 });
  gradients.forEach((g, i) => {
    w.grad[0] = g;
    adam.step();
    assert.ok(Math.abs(w.value[0]! - reference[i]!) < 1e-5, `step ${i + 1}: ${w.value[0]} vs ${reference[i]}`);
  });
});

test('ε is added to the uncorrected √v (Keras\' "epsilon hat"): with ε = 1 a first step of g = 1 moves w by lr·√0.001/0.1 /(√0.001 + 1)', () => {
  const w = param([0]);
  w.grad[0] = 1;
  new Adam([w], { learningRate: 1, epsilon: 1 }).step();
  const alpha = Math.sqrt(0.001) / 0.1;
  const expected = -(0.1 * alpha) / (Math.sqrt(0.001) + 1);
  // Relative 1e-5, not 1e-7: Keras (and ConvLab) compute 1 − β2 from float32(0.999) =
  // 0.99900001287, so √(1 − β2) is 6e-6 smaller than in float64.
  assert.ok(Math.abs(w.value[0]! / expected - 1) < 1e-5, `${w.value[0]} vs ${expected}`);
  // PyTorch's placement, m̂/(√v̂ + ε) = 1/(1 + 1) = 0.5, would differ:
  assert.ok(Math.abs(w.value[0]! + 0.5) > 0.1);
});

test('reset() makes the next step a first step again; createOptimizer builds adam', () => {
  const w = param([1]);
  const adam = createOptimizer([w], { type: 'adam' });
  assert.ok(adam instanceof Adam);
  w.grad[0] = 0.5;
  adam.step();
  adam.step();
  adam.reset();
  w.value[0] = 1;
  adam.step();
  assert.ok(Math.abs(w.value[0]! - 0.99900000632) < 1e-7);
  assert.throws(() => new Adam([w], { beta1: 1 }), RangeError);
});

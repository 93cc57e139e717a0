// SGD, momentum and Nesterov against steps worked by hand and Keras' own test values
// (keras/src/optimizers/sgd_test.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOptimizer, SGD, type Parameter } from '../../../core/optim';

function param(values: number[], name = 'w'): Parameter {
  return { value: Float32Array.from(values), grad: new Float32Array(values.length), name };
}

const near = (actual: ArrayLike<number>, expected: number[], tol: number, what: string): void => {
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i]! - e) <= tol, `${what}[${i}]: ${actual[i]} vs ${e}`));
};

test('keras sgd_test single step: lr 0.5, g (1, 6, 7, 2) on w (1, 2, 3, 4) gives (0.5, −1, −0.5, 3)', () => {
  const w = param([1, 2, 3, 4]);
  w.grad.set([1, 6, 7, 2]);
  const sgd = new SGD([w], { learningRate: 0.5 });
  sgd.step();
  assert.deepEqual(Array.from(w.value), [0.5, -1, -0.5, 3]);
  assert.equal(sgd.iterations, 1);
});

test('sgd defaults are Keras\': learning rate 0.01, no momentum, no Nesterov', () => {
  const sgd = new SGD([]);
  assert.equal(sgd.learningRate, 0.01);
  assert.equal(sgd.momentum, 0);
  assert.equal(sgd.nesterov, false);
});

test('momentum 0.9, lr 0.1, g = 1 from w = 1: v = −0.1, −0.19, −0.271 and w = 0.9, 0.71, 0.439', () => {
  const w = param([1]);
  const sgd = new SGD([w], { learningRate: 0.1, momentum: 0.9 });
  const seen: number[] = [];
  for (let i = 0; i < 3; i++) {
    w.grad[0] = 1;
    sgd.step();
    seen.push(w.value[0]!);
  }
  near(seen, [0.9, 0.71, 0.439], 1e-6, 'w');
});

test('nesterov momentum 0.9, lr 0.1, g = 1 from w = 1: w = 1 + 0.9·v − 0.1 = 0.81, 0.539, 0.1951', () => {
  const w = param([1]);
  const sgd = new SGD([w], { learningRate: 0.1, momentum: 0.9, nesterov: true });
  const seen: number[] = [];
  for (let i = 0; i < 3; i++) {
    w.grad[0] = 1;
    sgd.step();
    seen.push(w.value[0]!);
  }
  near(seen, [0.81, 0.539, 0.1951], 1e-6, 'w');
});

test('keras sgd_test golden values: nesterov=True (momentum 0), first g = 0.01 then g = 0.1 … 1.0', () => {
  const x = param(Array.from({ length: 10 }, () => 1));
  const sgd = new SGD([x], { nesterov: true });
  const golden = [0.9999, 0.9989, 0.9979, 0.9969, 0.9959];
  x.grad.fill(0.01);
  sgd.step();
  for (let i = 0; i < 5; i++) {
    // Row i of Keras' table: 0.9999 − i·0.001·(col + 1); its first column is `golden`.
    near(x.value, Array.from({ length: 10 }, (_, col) => 0.9999 - i * 0.001 * (col + 1)), 2e-6, `row ${i}`);
    assert.ok(Math.abs(x.value[0]! - golden[i]!) < 2e-6);
    x.grad.set(Array.from({ length: 10 }, (_, k) => 0.1 * (k + 1)));
    sgd.step();
  }
});

test('sgd computes in float32 as Keras does: 0.1 is rounded to float32 before multiplying', () => {
  const w = param([0]);
  w.grad[0] = 3;
  new SGD([w], { learningRate: 0.1 }).step();
  assert.equal(w.value[0], -Math.fround(3 * Math.fround(0.1)));
});

test('several parameters are updated, each with its own velocity', () => {
  const a = param([1, 1], 'a');
  const b = param([2], 'b');
  const sgd = new SGD([a, b], { learningRate: 0.1, momentum: 0.5 });
  a.grad.set([1, -1]);
  b.grad.set([2]);
  sgd.step();
  sgd.step();
  // v1 = −0.1·g, v2 = 0.5·v1 − 0.1·g = −0.15·g; w = w0 − 0.25·g
  near(a.value, [0.75, 1.25], 1e-6, 'a');
  near(b.value, [1.5], 1e-6, 'b');
});

test('a changed learning rate applies from the next step; reset() forgets the velocity', () => {
  const w = param([0]);
  const sgd = new SGD([w], { learningRate: 0.1, momentum: 0.9 });
  w.grad[0] = 1;
  sgd.step();
  sgd.learningRate = 0.2;
  sgd.step();
  near(w.value, [-0.1 + (0.9 * -0.1 - 0.2)], 1e-6, 'w');
  sgd.reset();
  assert.equal(sgd.iterations, 0);
  w.value[0] = 0;
  sgd.step();
  near(w.value, [-0.2], 1e-7, 'after reset');
});

test('createOptimizer builds sgd from the panel\'s settings; bad momentum and mismatched gradients are refused', () => {
  const w = param([1]);
  const opt = createOptimizer([w], { type: 'sgd', learningRate: 0.5, momentum: 0.9, nesterov: true });
  assert.ok(opt instanceof SGD);
  assert.equal(opt.name, 'sgd');
  assert.throws(() => new SGD([w], { momentum: 1.5 }), RangeError);
  assert.throws(() => new SGD([{ value: new Float32Array(2), grad: new Float32Array(3), name: 'bad' }]), /bad: 2 values but 3 gradients/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { Random } from '../../../core/random';
import { makeBenchInputs } from '../../../cli/bench/system';
import { conv2dWithFilterGradient, tfPadding } from '../../../cli/bench/tfjsConvGrad';
import { activateTfjsBackend, TfjsSystem } from '../../../cli/bench/tfjsSystem';

interface Case {
  readonly x: [number, number, number, number];
  readonly f: [number, number, number, number];
  readonly s: [number, number];
  readonly p: 'valid' | 'same';
  readonly relu: boolean;
}

const cases: Case[] = [
  { x: [2, 7, 7, 3], f: [3, 3, 3, 4], s: [1, 1], p: 'valid', relu: true },
  { x: [2, 8, 6, 2], f: [3, 3, 2, 5], s: [1, 1], p: 'same', relu: true },
  { x: [1, 9, 9, 3], f: [3, 3, 3, 2], s: [2, 2], p: 'same', relu: false },
  { x: [2, 10, 7, 1], f: [2, 3, 1, 3], s: [2, 1], p: 'valid', relu: false },
  { x: [1, 6, 5, 2], f: [4, 4, 2, 3], s: [1, 1], p: 'same', relu: true }, // even kernel: 'same' pads 1 before, 2 after
  { x: [1, 5, 5, 2], f: [5, 5, 2, 3], s: [1, 1], p: 'valid', relu: false }, // kernel as large as the input
  { x: [2, 8, 8, 2], f: [3, 3, 2, 3], s: [2, 2], p: 'valid', relu: true }, // the stride never reaches row/column 7: slack
];

const name = (c: Case): string => `x=[${c.x}] f=[${c.f}] s=[${c.s}] p=${c.p} ${c.relu ? 'relu' : 'linear'}`;

function values(seed: number, n: number): Float32Array {
  const rng = new Random(seed);
  return Float32Array.from({ length: n }, () => rng.normal());
}

/** ∂/∂(x, W, b) of Σ y·r for y = act(conv2d(x, W) + b), r a fixed random weighting (so dy = r). */
function gradients(c: Case, conv: (x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D) => tf.Tensor4D): Float32Array[] {
  return tf.tidy(() => {
    const x = tf.tensor4d(values(1, c.x.reduce((a, b) => a * b)), c.x);
    const w = tf.tensor4d(values(2, c.f.reduce((a, b) => a * b)), c.f);
    const b = tf.tensor1d(values(3, c.f[3]));
    const out = conv(x, w, b);
    const r = tf.tensor(values(4, out.size), out.shape);
    const grads = tf.grads((xs: tf.Tensor, ws: tf.Tensor, bs: tf.Tensor) => tf.sum(tf.mul(conv(xs as tf.Tensor4D, ws as tf.Tensor4D, bs as tf.Tensor1D), r)))([x, w, b]);
    return grads.map((g) => g.dataSync() as Float32Array);
  });
}

/** tfjs-cpu's own conv2d and its own gradient kernels: the reference. */
const reference = (c: Case) => (x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D): tf.Tensor4D => {
  const z = tf.add(tf.conv2d(x, w, c.s, c.p), b) as tf.Tensor4D;
  return c.relu ? tf.relu(z) : z;
};

function assertClose(actual: Float32Array, expected: Float32Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const tol = 1e-4 * (1 + Math.abs(expected[i]!));
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tol, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

test('tfjs-wasm has no Conv2DBackpropFilter kernel, so tf.grad through its conv2d fails (why the custom gradient exists)', async () => {
  await activateTfjsBackend('wasm');
  const x = tf.ones([1, 4, 4, 1]) as tf.Tensor4D;
  const w = tf.ones([3, 3, 1, 1]) as tf.Tensor4D;
  assert.throws(() => tf.grad((v: tf.Tensor) => tf.sum(tf.conv2d(x, v as tf.Tensor4D, 1, 'valid')))(w), /Conv2DBackpropFilter/);
  tf.dispose([x, w]);
});

for (const c of cases) {
  test(`custom conv gradient on wasm equals tfjs-cpu's gradient: ${name(c)}`, async () => {
    await activateTfjsBackend('cpu');
    const expected = gradients(c, reference(c));
    await activateTfjsBackend('wasm');
    const actual = gradients(c, (x, w, b) => conv2dWithFilterGradient(x, w, b, { strides: c.s, pad: c.p, relu: c.relu, inputGradient: true }));
    assertClose(actual[0]!, expected[0]!, 'dx');
    assertClose(actual[1]!, expected[1]!, 'dW');
    assertClose(actual[2]!, expected[2]!, 'db');
  });
}

test('inputGradient: false returns zeros for dx and the same dW and db', async () => {
  const c = cases[0]!;
  await activateTfjsBackend('wasm');
  const full = gradients(c, (x, w, b) => conv2dWithFilterGradient(x, w, b, { strides: c.s, pad: c.p, relu: c.relu, inputGradient: true }));
  const first = gradients(c, (x, w, b) => conv2dWithFilterGradient(x, w, b, { strides: c.s, pad: c.p, relu: c.relu, inputGradient: false }));
  assert.ok(first[0]!.every((v) => v === 0));
  assert.deepEqual(first[1], full[1]);
  assert.deepEqual(first[2], full[2]);
});

test("tfPadding follows TensorFlow: 'same' in=6 k=4 s=1 pads 1 before and 2 after; in=9 k=3 s=2 gives 5 outputs", () => {
  assert.deepEqual(tfPadding(6, 4, 1, 'same'), { out: 6, before: 1, after: 2 });
  assert.deepEqual(tfPadding(9, 3, 2, 'same'), { out: 5, before: 1, after: 1 });
  assert.deepEqual(tfPadding(10, 2, 2, 'valid'), { out: 5, before: 0, after: 0 });
});

test('the teaching CNN trains identically on tfjs-wasm (custom gradient) and tfjs-cpu (native): same loss before and after each of two SGD steps', async () => {
  const inputs = makeBenchInputs(5);
  const n = 8;
  const losses: number[][] = [];
  for (const backend of ['cpu', 'wasm'] as const) {
    const system = new TfjsSystem(backend);
    await system.setup(inputs);
    try {
      const model = system.classifier;
      model.reset(7, 0.1);
      // The second loss is computed with the weights the first step's gradient produced.
      losses.push([model.trainStep(inputs.images, inputs.labels, n), model.trainStep(inputs.images, inputs.labels, n), model.trainStep(inputs.images, inputs.labels, n)]);
    } finally {
      system.dispose();
    }
  }
  const [cpu, wasm] = losses as [number[], number[]];
  assert.ok(cpu[2]! < cpu[0]!, `training on one batch lowers its loss: ${cpu}`);
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(cpu[i]! - wasm[i]!) < 1e-4 * (1 + cpu[i]!), `step ${i}: cpu ${cpu[i]} wasm ${wasm[i]}`);
});

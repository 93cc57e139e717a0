import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Activation } from '../../../core/model/ir';
import { activationBackward, activationForward } from '../../../core/ops/activations';
import { RUNNABLE_ACTIVATIONS } from '../../../core/layers/support';
import { Random } from '../../../core/random';
import { assertClose, checkGradient, dotLoss, randomArray } from '../support/numeric';
import { tf, useTfCpu } from '../support/tf';

/** The TF.js function of each activation, on an NCHW-shaped tensor (softmax along axis 1). */
type Runnable = Extract<Activation, 'relu' | 'elu' | 'sigmoid' | 'tanh' | 'linear' | 'softmax'>;
const tfActivation: Record<Runnable, (x: tf.Tensor) => tf.Tensor> = {
  relu: (x) => tf.relu(x),
  elu: (x) => tf.elu(x),
  sigmoid: (x) => tf.sigmoid(x),
  tanh: (x) => tf.tanh(x),
  linear: (x) => tf.mul(x, 1),
  // tf.softmax runs along the last axis: move the channel axis there and back.
  softmax: (x) => tf.transpose(tf.softmax(tf.transpose(x, [0, 2, 3, 1])), [0, 3, 1, 2]),
};

const kinds = Object.keys(tfActivation) as Runnable[];

test('every activation the runtime claims to run is tested against a framework: here against TF.js, or in runtimeLayers.test.ts against PyTorch and Keras', () => {
  const oracle = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'oracle', 'runtime_layers.expected.json'), 'utf8')) as { cases: { spec: { activation?: string } }[] };
  const byFrameworks = new Set(oracle.cases.map((c) => c.spec.activation).filter((a): a is string => a !== undefined));
  const tested = new Set<string>([...kinds, ...byFrameworks]);
  assert.deepEqual([...RUNNABLE_ACTIVATIONS].filter((a) => !tested.has(a)), []);
});

describe('activations agree with TF.js on values and gradients, [outer, axis, inner] = [3, 5, 4]', () => {
  before(useTfCpu);
  const rng = new Random(51);
  for (const kind of kinds) {
    test(kind, () => {
      // Inputs away from 0, where ReLU and ELU have their kink.
      const x = randomArray(rng, 60, -3, 3).map((v) => (Math.abs(v) < 0.05 ? v + 0.1 : v));
      const dy = randomArray(rng, 60);
      const y = new Float32Array(60);
      const dx = new Float32Array(60);
      activationForward(kind, x, y, 3, 5, 4);
      activationBackward(kind, y, dy, dx, 3, 5, 4);
      tf.tidy(() => {
        const xt = tf.tensor4d(x, [3, 5, 2, 2]);
        assertClose(y, tfActivation[kind](xt).dataSync(), 'y');
        assertClose(dx, tf.grad(tfActivation[kind])(xt, tf.tensor4d(dy, [3, 5, 2, 2])).dataSync(), 'dx');
      });
      checkGradient('dx', x, dx, () => (activationForward(kind, x, y, 3, 5, 4), dotLoss(y, dy)), { h: 1e-3 });
    });
  }
});

describe('activation details', () => {
  test('softmax is stable for huge logits and sums to 1 along its axis', () => {
    const x = Float32Array.from([1000, 1001, 1002, -1000, 0, 1000]);
    const y = new Float32Array(6);
    activationForward('softmax', x, y, 2, 3, 1);
    assert.ok(y.every(Number.isFinite));
    assertClose([y[0]! + y[1]! + y[2]!, y[3]! + y[4]! + y[5]!], [1, 1], 'sums');
    assertClose(y.subarray(0, 3), [0.09003057, 0.24472847, 0.66524096], 'softmax([0,1,2])');
  });

  test('sigmoid does not overflow for large negative inputs; ELU saturates at −α', () => {
    const y = new Float32Array(2);
    activationForward('sigmoid', Float32Array.from([-1000, 1000]), y, 1, 2, 1);
    assert.deepEqual(Array.from(y), [0, 1]);
    activationForward('elu', Float32Array.from([-1000, 2]), y, 1, 2, 1);
    assert.deepEqual(Array.from(y), [-1, 2]);
  });

  test('the ReLU gradient at exactly 0 is 0, as TF and PyTorch take it', () => {
    const y = new Float32Array(1);
    const dx = new Float32Array(1);
    activationForward('relu', Float32Array.from([0]), y, 1, 1, 1);
    activationBackward('relu', y, Float32Array.from([1]), dx, 1, 1, 1);
    assert.equal(dx[0], 0);
  });
});

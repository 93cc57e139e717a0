import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { meanSquaredError, softmaxCrossEntropy } from '../../../core/ops/losses';
import { Random } from '../../../core/random';
import { assertClose, checkGradient, randInt, randomArray } from '../support/numeric';
import { tf, useTfCpu } from '../support/tf';

describe('softmax cross-entropy agrees with TF.js (mean over the batch) on value and gradient', () => {
  before(useTfCpu);
  const rng = new Random(61);
  for (let i = 0; i < 6; i++) {
    const batch = randInt(rng, 1, 8), classes = randInt(rng, 2, 10);
    test(`logits=[${batch},${classes}]`, () => {
      const logits = randomArray(rng, batch * classes, -4, 4);
      const labels = Array.from({ length: batch }, () => rng.int(classes));
      const d = new Float32Array(logits.length);
      const loss = softmaxCrossEntropy(logits, batch, classes, labels, d);
      tf.tidy(() => {
        const onehot = tf.oneHot(tf.tensor1d(labels, 'int32'), classes);
        const f = (z: tf.Tensor) => tf.losses.softmaxCrossEntropy(onehot, z);
        const z = tf.tensor2d(logits, [batch, classes]);
        assertClose([loss], f(z).dataSync(), 'loss');
        assertClose(d, tf.grad(f)(z).dataSync(), 'dLogits');
      });
      checkGradient('dLogits', logits, d, () => softmaxCrossEntropy(logits, batch, classes, labels, null), { h: 1e-3 });
    });
  }

  test('stays finite where log(softmax) would give ∞: logits 1e4 apart', () => {
    const d = new Float32Array(2);
    const loss = softmaxCrossEntropy(Float32Array.from([10000, 0]), 1, 2, [1], d);
    assert.equal(loss, 10000);
    assertClose(d, [1, -1], 'dLogits');
  });

  test('labels must be class indices', () => {
    assert.throws(() => softmaxCrossEntropy(new Float32Array(3), 1, 3, [3], null), /not a class index in 0…2/);
    assert.throws(() => softmaxCrossEntropy(new Float32Array(3), 1, 3, [0.5], null), /not a class index/);
  });
});

describe('mean squared error agrees with TF.js (mean over every element)', () => {
  before(useTfCpu);
  test('y=[4,3]', () => {
    const rng = new Random(62);
    const y = randomArray(rng, 12), t = randomArray(rng, 12);
    const d = new Float32Array(12);
    const loss = meanSquaredError(y, t, 12, d);
    tf.tidy(() => {
      const target = tf.tensor2d(t, [4, 3]);
      const f = (p: tf.Tensor) => tf.losses.meanSquaredError(target, p);
      const p = tf.tensor2d(y, [4, 3]);
      assertClose([loss], f(p).dataSync(), 'loss');
      assertClose(d, tf.grad(f)(p).dataSync(), 'dy');
    });
    checkGradient('dy', y, d, () => meanSquaredError(y, t, 12, null), { h: 1e-2 });
  });
});

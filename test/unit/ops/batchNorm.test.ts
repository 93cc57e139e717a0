import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  batchNormBackward, batchNormCache, batchNormForward, type BatchNormGeometry, type BatchNormParams,
} from '../../../core/ops/batchNorm';
import { Random } from '../../../core/random';
import { assertClose, checkGradient, dotLoss, randomArray } from '../support/numeric';
import { tf, useTfCpu } from '../support/tf';

const EPS = 1e-3;

function params(rng: Random, channels: number): BatchNormParams {
  return {
    gamma: randomArray(rng, channels, 0.5, 1.5),
    beta: randomArray(rng, channels),
    movingMean: randomArray(rng, channels),
    movingVariance: randomArray(rng, channels, 0.5, 2),
  };
}

function run(g: BatchNormGeometry, training: boolean, seed: number) {
  const rng = new Random(seed);
  const n = g.batch * g.channels * g.inner;
  const x = randomArray(rng, n, -2, 3);
  const p = params(rng, g.channels);
  const startMean = p.movingMean.slice();
  const startVariance = p.movingVariance.slice();
  const y = new Float32Array(n);
  const cache = batchNormCache(g);
  batchNormForward(g, x, y, p, 0.9, EPS, training, cache);
  const dy = randomArray(rng, n);
  const dx = new Float32Array(n), dGamma = new Float32Array(g.channels), dBeta = new Float32Array(g.channels);
  batchNormBackward(g, dy, p.gamma, cache, training, dx, dGamma, dBeta);
  return { x, p, startMean, startVariance, y, dy, dx, dGamma, dBeta, cache };
}

/** TF.js reference on NCHW with the statistics broadcast as [1, C, 1, 1]. */
function tfBatchNorm(shape: [number, number, number, number], x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, mean?: tf.Tensor, variance?: tf.Tensor): tf.Tensor {
  const c = shape[1];
  const m = mean ?? tf.moments(x, [0, 2, 3], true).mean;
  const v = variance ?? tf.moments(x, [0, 2, 3], true).variance;
  const r = (t: tf.Tensor) => tf.reshape(t, [1, c, 1, 1]);
  return tf.add(tf.mul(tf.div(tf.sub(x, r(m)), tf.sqrt(tf.add(r(v), EPS))), r(gamma)), r(beta));
}

describe('batch normalisation agrees with TF.js (moments + normalise) on values and gradients', () => {
  before(useTfCpu);
  for (const training of [true, false]) {
    for (const shape of [[4, 3, 5, 2], [6, 4, 1, 1]] as [number, number, number, number][]) {
      test(`x=[${shape.join(',')}] ${training ? 'training (batch statistics)' : 'inference (moving statistics)'}`, () => {
        const g = { batch: shape[0], channels: shape[1], inner: shape[2] * shape[3] };
        const r = run(g, training, 91);
        tf.tidy(() => {
          const stats = training ? [] : [tf.tensor1d(r.startMean), tf.tensor1d(r.startVariance)];
          const f = (x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => tfBatchNorm(shape, x, gamma, beta, ...stats);
          const args = [tf.tensor4d(r.x, shape), tf.tensor1d(r.p.gamma), tf.tensor1d(r.p.beta)];
          assertClose(r.y, f(args[0]!, args[1]!, args[2]!).dataSync(), 'y');
          const [dx, dGamma, dBeta] = tf.grads(f)(args, tf.tensor4d(r.dy, shape));
          assertClose(r.dx, dx!.dataSync(), 'dx');
          assertClose(r.dGamma, dGamma!.dataSync(), 'dGamma');
          assertClose(r.dBeta, dBeta!.dataSync(), 'dBeta');
        });
      });
    }
  }
});

describe('batch normalisation', () => {
  test('training updates the moving statistics with Keras momentum (weight of the old value)', () => {
    const g = { batch: 5, channels: 2, inner: 3 };
    const r = run(g, true, 92);
    for (let c = 0; c < 2; c++) {
      const values: number[] = [];
      for (let n = 0; n < 5; n++) for (let i = 0; i < 3; i++) values.push(r.x[(n * 2 + c) * 3 + i]!);
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length; // biased, as Keras
      assertClose([r.p.movingMean[c]!], [0.9 * r.startMean[c]! + 0.1 * mean], `moving mean ${c}`);
      assertClose([r.p.movingVariance[c]!], [0.9 * r.startVariance[c]! + 0.1 * variance], `moving variance ${c}`);
    }
  });

  test('inference leaves the moving statistics alone', () => {
    const r = run({ batch: 3, channels: 2, inner: 4 }, false, 93);
    assert.deepEqual(r.p.movingMean, r.startMean);
    assert.deepEqual(r.p.movingVariance, r.startVariance);
  });

  for (const training of [true, false]) {
    test(`${training ? 'training' : 'inference'} gradients agree with finite differences`, () => {
      const g = { batch: 3, channels: 2, inner: 4 };
      const r = run(g, training, 94);
      const y = new Float32Array(r.y.length);
      const cache = batchNormCache(g);
      // Restore the moving statistics each time so every evaluation sees the same function.
      const loss = (): number => {
        const p = { ...r.p, movingMean: r.startMean.slice(), movingVariance: r.startVariance.slice() };
        batchNormForward(g, r.x, y, p, 0.9, EPS, training, cache);
        return dotLoss(y, r.dy);
      };
      checkGradient('dx', r.x, r.dx, loss, { h: 1e-2 });
      checkGradient('dGamma', r.p.gamma, r.dGamma, loss);
      checkGradient('dBeta', r.p.beta, r.dBeta, loss);
    });
  }
});

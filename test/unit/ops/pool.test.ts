import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  avgPool2dBackward, avgPool2dForward, globalAvgPool2dBackward, globalAvgPool2dForward, maxPool2dBackward,
  maxPool2dForward, pool2dGeometry, type Pool2DGeometry,
} from '../../../core/ops/pool';
import { Random } from '../../../core/random';
import { sizeOf } from '../../../core/tensor';
import { drawPoolCase, poolCaseName, type PoolCase } from '../support/cases';
import { assertClose, checkGradient, dotLoss, randomArray } from '../support/numeric';
import { nchwData, nhwc, tf, useTfCpu } from '../support/tf';

function outSize(g: Pool2DGeometry): number {
  return g.batch * g.channels * g.outH * g.outW;
}

function runMax(c: PoolCase, rng: Random) {
  const g = pool2dGeometry(c.x, c.pool, c.strides, c.padding);
  const x = randomArray(rng, sizeOf(c.x));
  const y = new Float32Array(outSize(g));
  const argmax = new Int32Array(y.length);
  maxPool2dForward(g, x, y, argmax);
  const dy = randomArray(rng, y.length);
  const dx = new Float32Array(x.length);
  maxPool2dBackward(g, dy, argmax, dx);
  return { g, x, y, dy, dx, argmax };
}

function runAvg(c: PoolCase, rng: Random) {
  const g = pool2dGeometry(c.x, c.pool, c.strides, c.padding);
  const x = randomArray(rng, sizeOf(c.x));
  const y = new Float32Array(outSize(g));
  avgPool2dForward(g, x, y);
  const dy = randomArray(rng, y.length);
  const dx = new Float32Array(x.length);
  avgPool2dBackward(g, dy, dx);
  return { g, x, y, dy, dx };
}

describe('max pooling agrees with TF.js on forward values and gradients (x NCHW)', () => {
  before(useTfCpu);
  const rng = new Random(31);
  for (let i = 0; i < 30; i++) {
    const c = drawPoolCase(rng);
    test(poolCaseName(c), () => {
      const r = runMax(c, rng);
      tf.tidy(() => {
        const pool = (a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, c.pool as [number, number], c.strides as [number, number], c.padding);
        const x = nhwc(r.x, c.x);
        assertClose(r.y, nchwData(pool(x)), 'y');
        assertClose(r.dx, nchwData(tf.grad(pool)(x, nhwc(r.dy, [r.g.batch, r.g.channels, r.g.outH, r.g.outW]))), 'dx');
      });
    });
  }
});

describe('average pooling agrees with TF.js (padding cells are not counted)', () => {
  before(useTfCpu);
  const rng = new Random(32);
  for (let i = 0; i < 30; i++) {
    const c = drawPoolCase(rng);
    test(poolCaseName(c), () => {
      const r = runAvg(c, rng);
      tf.tidy(() => {
        const pool = (a: tf.Tensor) => tf.avgPool(a as tf.Tensor4D, c.pool as [number, number], c.strides as [number, number], c.padding);
        const x = nhwc(r.x, c.x);
        assertClose(r.y, nchwData(pool(x)), 'y');
        const padded = r.g.padTop + r.g.padBottom + r.g.padLeft + r.g.padRight > 0;
        if (!padded) {
          assertClose(r.dx, nchwData(tf.grad(pool)(x, nhwc(r.dy, [r.g.batch, r.g.channels, r.g.outH, r.g.outW]))), 'dx');
        }
      });
      // TF.js' CPU AvgPoolGrad divides every window by its full size, which contradicts its own
      // forward pass at padded borders; the gradient is checked against finite differences instead.
      const y = new Float32Array(r.y.length);
      checkGradient('dx', r.x, r.dx, () => (avgPool2dForward(r.g, r.x, y), dotLoss(y, r.dy)), { h: 0.25 });
    });
  }
});

describe('pooling backward agrees with finite differences', () => {
  const rng = new Random(33);
  for (let i = 0; i < 6; i++) {
    const c = drawPoolCase(rng);
    test(`max ${poolCaseName(c)}`, () => {
      const r = runMax(c, rng);
      const y = new Float32Array(r.y.length);
      // A small step keeps every window's winner in place.
      checkGradient('dx', r.x, r.dx, () => (maxPool2dForward(r.g, r.x, y, r.argmax), dotLoss(y, r.dy)), { h: 1e-4, atol: 2e-3 });
    });
  }
});

describe('max pooling details', () => {
  test("'same' padding never wins, even over negative inputs", () => {
    const g = pool2dGeometry([1, 1, 3, 3], [2, 2], [2, 2], 'same');
    const y = new Float32Array(4);
    maxPool2dForward(g, Float32Array.from([-9, -8, -7, -6, -5, -4, -3, -2, -1]), y, new Int32Array(4));
    assert.deepEqual(Array.from(y), [-5, -4, -2, -1]);
  });

  test('explicit padding larger than half the pool is refused', () => {
    assert.throws(() => pool2dGeometry([1, 1, 5, 5], [2, 2], [1, 1], [2, 0]), /at most half the pool size/);
  });
});

describe('global average pooling', () => {
  before(useTfCpu);
  test('x=[2,3,4,5] agrees with the mean over H and W, and its gradient spreads evenly', () => {
    const rng = new Random(34);
    const x = randomArray(rng, 120);
    const y = new Float32Array(6);
    globalAvgPool2dForward(6, 20, x, y);
    assertClose(y, tf.tidy(() => tf.mean(nhwc(x, [2, 3, 4, 5]), [1, 2]).dataSync()), 'y');
    const dy = randomArray(rng, 6);
    const dx = new Float32Array(120);
    globalAvgPool2dBackward(6, 20, dy, dx);
    checkGradient('dx', x, dx, () => (globalAvgPool2dForward(6, 20, x, y), dotLoss(y, dy)), { h: 0.5 });
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pair } from '../../../core/model/ir';
import { maxPool2dBackward, maxPool2dForward, pool2dGeometry } from '../../../core/ops/pool';
import { Random } from '../../../core/random';
import { sizeOf } from '../../../core/tensor';
import { drawPoolCase, poolCaseName, type PoolCase } from '../support/cases';
import { randInt, randomArray } from '../support/numeric';
import { onBoth } from './paths';

/**
 * Max pooling only compares and routes values, so the two sides must agree exactly: the
 * same winners (ties to the first cell in row-major order), the same values, the same
 * gradient. Values drawn from a few levels make ties common.
 */
function check(c: PoolCase, rng: Random): void {
  const g = pool2dGeometry(c.x, c.pool, c.strides, c.padding);
  const levels = rng.bernoulli(0.5) ? 3 : 0;
  const x = randomArray(rng, sizeOf(c.x));
  if (levels > 0) x.forEach((v, i) => (x[i] = Math.floor((v + 1) * 1.5)));
  const ny = g.batch * g.channels * g.outH * g.outW;
  const dy = randomArray(rng, ny);
  const [js, wasm] = onBoth(() => {
    const y = new Float32Array(ny), argmax = new Int32Array(ny), dx = new Float32Array(x.length).fill(9);
    maxPool2dForward(g, x, y, argmax);
    maxPool2dBackward(g, dy, argmax, dx);
    return { y, argmax, dx };
  });
  assert.deepEqual(wasm.argmax, js.argmax, 'argmax');
  assert.deepEqual(wasm.y, js.y, 'y');
  assert.deepEqual(wasm.dx, js.dx, 'dx');
}

describe('wasm max pooling equals the TypeScript one exactly (random settings)', () => {
  const rng = new Random(501);
  for (let i = 0; i < 40; i++) {
    const c = drawPoolCase(rng);
    test(poolCaseName(c), () => check(c, rng));
  }
});

describe('wasm max pooling, 2×2 stride 2 (the SIMD path) on odd and even sizes', () => {
  const rng = new Random(502);
  const sizes: [number, number][] = [[26, 26], [11, 11], [2, 2], [3, 17], [9, 13], [8, 8], [5, 9], [2, 10]];
  for (const [h, w] of sizes) {
    for (const padding of ['valid', 'same'] as const) {
      const strides: Pair = [2, 2];
      const c: PoolCase = { x: [randInt(rng, 1, 3), randInt(rng, 1, 4), h, w], pool: [2, 2], strides, padding };
      test(poolCaseName(c), () => check(c, rng));
    }
  }
  const c: PoolCase = { x: [3, 2, 9, 12], pool: [2, 2], strides: [1, 2], padding: 'valid' };
  test(`${poolCaseName(c)} (row stride 1)`, () => check(c, rng));
});

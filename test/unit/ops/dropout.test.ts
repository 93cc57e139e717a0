import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { keepProbability } from '../../../core/model/ir';
import { denseForward } from '../../../core/ops/dense';
import {
  applyDropoutMask, sampleDropoutMask, scaleBy, testScale, trainScale, type DropoutConvention,
} from '../../../core/ops/dropout';
import { Random } from '../../../core/random';
import { assertClose, checkGradient, dotLoss, randomArray } from '../support/numeric';

const conventions: readonly DropoutConvention[] = ['standard', 'inverted'];

function trainPass(x: Float32Array, mask: Uint8Array, unitSize: number, keepProb: number, c: DropoutConvention): Float32Array {
  const y = new Float32Array(x.length);
  applyDropoutMask(x, y, mask, x.length / unitSize, unitSize, trainScale(keepProb, c));
  return y;
}

function testPass(x: Float32Array, keepProb: number, c: DropoutConvention): Float32Array {
  const y = new Float32Array(x.length);
  scaleBy(x, y, x.length, testScale(keepProb, c));
  return y;
}

describe('E[training pass] = test pass, exactly, by enumerating every mask of a tiny layer', () => {
  // dropout on 4 inputs, then dense 4 → 2: the expectation over all 2⁴ masks, each weighted by
  // its probability p^kept (1 − p)^dropped, equals the test pass through the same dense layer.
  const rng = new Random(71);
  const x = randomArray(rng, 4);
  const w = randomArray(rng, 8);
  const b = randomArray(rng, 2);
  for (const convention of conventions) {
    for (const keepProb of [0.5, 0.8, 0.25]) {
      test(`${convention} keepProb=${keepProb}`, () => {
        const expectation = new Float64Array(2);
        const out = new Float32Array(2);
        let totalProbability = 0;
        for (let bits = 0; bits < 16; bits++) {
          const mask = Uint8Array.from([0, 1, 2, 3], (u) => (bits >> u) & 1);
          const kept = mask.reduce((s, m) => s + m, 0);
          const probability = keepProb ** kept * (1 - keepProb) ** (4 - kept);
          totalProbability += probability;
          denseForward(1, 4, 2, trainPass(x, mask, 1, keepProb, convention), w, b, out);
          expectation[0] = expectation[0]! + probability * out[0]!;
          expectation[1] = expectation[1]! + probability * out[1]!;
        }
        assertClose([totalProbability], [1], 'Σ P(mask)', { rtol: 1e-12 });
        denseForward(1, 4, 2, testPass(x, keepProb, convention), w, b, out);
        assertClose(expectation, out, 'E[dense(dropout_train(x))] vs dense(dropout_test(x))', { rtol: 1e-6 });
      });
    }
  }
});

describe('E[training pass] = test pass, statistically, over 20 000 sampled masks', () => {
  for (const convention of conventions) {
    for (const granularity of ['element', 'channel'] as const) {
      test(`${convention} ${granularity} dropRate=0.3`, () => {
        const keepProb = keepProbability(0.3);
        const rng = new Random(72);
        const x = randomArray(rng, 2 * 3 * 4, 0.5, 1.5); // [N=2, C=3, H·W=4]
        const unitSize = granularity === 'channel' ? 4 : 1;
        const units = x.length / unitSize;
        const mask = new Uint8Array(units);
        const y = new Float32Array(x.length);
        const sum = new Float64Array(x.length);
        const trials = 20_000;
        for (let t = 0; t < trials; t++) {
          sampleDropoutMask(mask, units, keepProb, rng);
          applyDropoutMask(x, y, mask, units, unitSize, trainScale(keepProb, convention));
          for (let i = 0; i < x.length; i++) sum[i] = sum[i]! + y[i]!;
        }
        const expected = testPass(x, keepProb, convention);
        for (let i = 0; i < x.length; i++) {
          // Each output is x·scale·Bernoulli(p): 5 standard errors of its mean.
          const scale = trainScale(keepProb, convention);
          const stdError = x[i]! * scale * Math.sqrt((keepProb * (1 - keepProb)) / trials);
          assert.ok(Math.abs(sum[i]! / trials - expected[i]!) < 5 * stdError, `unit ${i}: mean ${sum[i]! / trials} vs test ${expected[i]}`);
        }
      });
    }
  }
});

describe('dropout masks', () => {
  test('keepProb = 1 keeps everything, in training and at test, in both conventions', () => {
    const x = randomArray(new Random(73), 50);
    const mask = new Uint8Array(50);
    for (const c of conventions) {
      sampleDropoutMask(mask, 50, 1, new Random(1));
      assert.ok(mask.every((m) => m === 1));
      assert.deepEqual(trainPass(x, mask, 1, 1, c), x);
      assert.deepEqual(testPass(x, 1, c), x);
    }
  });

  test('masks replay from their seed; another seed draws another mask', () => {
    const draw = (seed: number): Uint8Array => {
      const m = new Uint8Array(256);
      sampleDropoutMask(m, 256, 0.5, new Random(seed));
      return m;
    };
    assert.deepEqual(draw(9), draw(9));
    assert.notDeepEqual(draw(9), draw(10));
  });

  test('the kept fraction is keepProb (within 4 standard errors over 100 000 units)', () => {
    const m = new Uint8Array(100_000);
    sampleDropoutMask(m, m.length, 0.8, new Random(74));
    const kept = m.reduce((s, v) => s + v, 0) / m.length;
    assert.ok(Math.abs(kept - 0.8) < 4 * Math.sqrt(0.8 * 0.2 / m.length), `kept ${kept}`);
  });

  test('channel granularity drops or keeps whole feature maps', () => {
    const x = randomArray(new Random(75), 6 * 9, 1, 2);
    const mask = Uint8Array.from([1, 0, 1, 1, 0, 0]);
    const y = trainPass(x, mask, 9, 0.5, 'inverted');
    for (let u = 0; u < 6; u++) {
      const map = Array.from(y.subarray(u * 9, u * 9 + 9));
      if (mask[u] === 1) assertClose(map, Array.from(x.subarray(u * 9, u * 9 + 9), (v) => v * 2), `map ${u}`);
      else assert.ok(map.every((v) => v === 0), `map ${u} dropped`);
    }
  });

  test('the gradient is the same masked scaling (finite differences)', () => {
    const rng = new Random(76);
    const x = randomArray(rng, 20);
    const dy = randomArray(rng, 20);
    const mask = new Uint8Array(20);
    sampleDropoutMask(mask, 20, 0.6, rng);
    const dx = new Float32Array(20);
    applyDropoutMask(dy, dx, mask, 20, 1, trainScale(0.6, 'inverted'));
    checkGradient('dx', x, dx, () => dotLoss(trainPass(x, mask, 1, 0.6, 'inverted'), dy), { h: 0.5 });
  });

  test('the lecture names: keepProb = 1 − dropRate; a keep probability of 0 is refused', () => {
    assert.equal(keepProbability(0.25), 0.75);
    assert.equal(trainScale(0.8, 'inverted'), 1.25);
    assert.equal(testScale(0.8, 'standard'), 0.8);
    assert.equal(trainScale(0.8, 'standard'), 1);
    assert.equal(testScale(0.8, 'inverted'), 1);
    assert.throws(() => trainScale(0, 'inverted'), /keep probability must be in \(0, 1\]/);
  });
});
